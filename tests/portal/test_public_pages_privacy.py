"""No pupil's name on any page a visitor can reach (the demo school, crawled as a visitor)."""

import re
from collections import deque

import pytest
from django.core.management import call_command

from accounts.models import Role, User

LINK = re.compile(r'href="(/[^"#?]*)(?:\?[^"#]*)?"')
SKIP = ("/static/", "/media/", "/tai-khoan/", "/quan-tri/", "/i18n/")


@pytest.fixture
def demo_school(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", force=True, verbosity=0)


@pytest.mark.slow
def test_a_visitor_crawling_the_demo_school_meets_no_pupil_name(demo_school, client):
    pupils = [
        name
        for name in User.objects.filter(role=Role.PUPIL).values_list("full_name", flat=True)
        if name
    ]
    assert len(pupils) >= 100
    seen, queue, pages = set(), deque(["/", "/sitemap.xml", "/rss/", "/atom/"]), 0
    while queue and pages < 250:
        path = queue.popleft()
        if path in seen or path.startswith(SKIP):
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code != 500, path
        content_type = response.get("Content-Type", "")
        if (
            response.status_code != 200
            or response.streaming
            or not ("html" in content_type or "xml" in content_type)
        ):
            continue
        pages += 1
        text = response.content.decode("utf-8", "replace")
        leaked = [name for name in pupils if name in text]
        assert not leaked, f"{path} shows pupils' names: {leaked[:3]}"
        queue.extend(match.group(1) for match in LINK.finditer(text))
    assert pages >= 40, f"only {pages} public pages were reached"


@pytest.mark.parametrize("username", ["pupil", "parent", "teacher", "moderator", "admin"])
@pytest.mark.slow
def test_every_page_a_demo_user_can_reach_answers_without_a_server_error(
    demo_school, client, username
):
    client.force_login(User.objects.get(username=username))
    seen, queue, pages = set(), deque(["/"]), 0
    while queue and pages < 120:
        path = queue.popleft()
        if (
            path in seen
            or path.startswith(SKIP)
            or "/tai-ve" in path
            or path.endswith((".csv", ".xlsx", ".zip"))
        ):
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code < 500, f"{username}: {path} answered {response.status_code}"
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or response.streaming or "html" not in content_type:
            continue
        pages += 1
        queue.extend(
            match.group(1) for match in LINK.finditer(response.content.decode("utf-8", "replace"))
        )
    assert pages >= 30, f"{username} reached only {pages} pages"
