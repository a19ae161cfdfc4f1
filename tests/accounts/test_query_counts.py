"""Every list page of the accounts app costs the same number of queries for N and 10×N rows."""

import pytest

from accounts.models import DeletionRequest, Enrolment, Guardianship, Role, User
from accounts.services import issue_initial_password
from tests.personas import make_user


def add_pupils(personas, count: int, start: int) -> None:
    for i in range(start, start + count):
        pupil = make_user(f"hs{i}", f"Học Sinh {i}", Role.PUPIL, pupil_code=f"Q{i}")
        parent = make_user(f"ph{i}", f"Phụ Huynh {i}", Role.PARENT, phone=f"09{i:08d}")
        Enrolment.objects.create(pupil=pupil, school_class=personas.class_5a)
        Guardianship.objects.create(parent=parent, pupil=pupil)
        issue_initial_password(user=pupil, by=personas.admin)
        issue_initial_password(user=parent, by=personas.admin)
        DeletionRequest.objects.create(subject=parent, requested_by=parent)


def queries_for(client, path, count_queries) -> tuple[int, str]:
    with count_queries() as counted:
        response = client.get(path)
    assert response.status_code == 200
    return counted.count, counted.explain()


# Common to every page for a logged-in admin: session (1), user (1),
# notifications badge (1), the accounts nav badge (1: pending deletion
# requests); the session is not written back (portal.middleware.IdleSessionMiddleware
# writes its idle mark at most once a minute). The badges are counted on each
# measured page because adding pupils forgets everybody's (lib/navcache.py). The staff MFA gate costs
# nothing here: it is decided at login. The other apps' badges for an admin who may
# publish and moderate: news review queue (1), forum review queue (1), and the
# announcements badge (2: audience keys, unread count).
BASE = 8
PAGES = {
    # + count for the paginator (1) + the page of people (1)
    "/nguoi-dung/danh-sach/": 2,
    # Searching by name (folded, any diacritics) costs no more: the same count (1) and
    # page (1), the filter is on User's own indexed search_name column.
    "/nguoi-dung/danh-sach/?q=HOC+sinh": 2,
    # + classes with pupil and consent counts (1)
    "/nguoi-dung/lop/": 1,
    # + class (1) + pupils with credentials (1) + guardianships with parents (1)
    "/nguoi-dung/lop/{class_5a}/": 3,
    # + class (1) + pupils with credentials (1) + guardianships with parents' credentials (1)
    "/nguoi-dung/lop/{class_5a}/phieu/": 3,
    # + pending requests (1) + handled requests (1)
    "/nguoi-dung/yeu-cau-xoa/": 2,
}


@pytest.mark.parametrize("path", list(PAGES))
def test_list_pages_cost_the_same_for_n_and_ten_n_rows(personas, client_for, count_queries, path):
    path_template = path
    path = path.format(class_5a=personas.class_5a.pk)
    client = client_for("admin")
    client.get(path)  # warm up (settings row created, session saved)
    add_pupils(personas, 3, 100)
    small, _ = queries_for(client, path, count_queries)
    add_pupils(personas, 27, 200)
    large, explained = queries_for(client, path, count_queries)
    assert small == large, explained
    assert large == BASE + PAGES[path_template], explained
    assert User.objects.filter(role=Role.PUPIL).count() == 32
