"""Collaborators set a board's audience and policy in the forum itself, not in the Django admin."""

import pytest

from accounts.models import AuditEntry
from forum import services
from forum.models import Board, Premoderation

pytestmark = pytest.mark.django_db

LIST = "/dien-dan/quan-ly-chuyen-muc/"
CREATE = "/dien-dan/quan-ly-chuyen-muc/them/"


def edit_url(board: Board) -> str:
    return f"/dien-dan/quan-ly-chuyen-muc/{board.pk}/"


def form_data(board: Board | None = None, **overrides) -> dict:
    """What the browser sends for `board` (or a fresh board) with `overrides` applied."""
    board = board or Board(name="Câu lạc bộ Toán", audience="grade:5")
    data = {
        "name": board.name,
        "description": board.description,
        "audience": board.audience,
        "position": board.position,
        "start_roles": board.start_roles.split(","),
        "reply_roles": board.reply_roles.split(","),
        "start_min_grade": board.start_min_grade,
        "start_max_grade": board.start_max_grade,
        "reply_min_grade": board.reply_min_grade,
        "reply_max_grade": board.reply_max_grade,
        "premoderation": board.premoderation,
        "slow_mode_seconds": board.slow_mode_seconds,
    }
    for flag in ("allow_images", "allow_links", "open_to_parents"):
        if getattr(board, flag):
            data[flag] = "on"
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# --- The list ---------------------------------------------------------------------------


def test_collaborator_sees_every_board_with_its_policy(forum, client_for):
    Board.objects.filter(pk=forum.grade5.pk).update(slow_mode_seconds=90, allow_links=True)
    html = client_for("collaborator").get(LIST).content.decode()
    for board in (forum.school, forum.grade5, forum.class_5a, forum.parents, forum.staff):
        assert board.name in html
    assert "Đối tượng: Mọi người khối 5" in html  # the grade board's audience, in words
    assert "Đối tượng: Mọi người lớp 5A" in html  # a class board's audience names the class
    assert "chế độ chậm 90 giây" in html
    assert "Không duyệt trước" in html


def test_moderators_find_the_page_in_the_forum_subnav(forum, client_for):
    assert LIST in client_for("collaborator").get("/dien-dan/").content.decode()
    assert LIST not in client_for("teacher_5a").get("/dien-dan/").content.decode()


@pytest.mark.parametrize("persona", ["teacher_5a", "other_teacher", "editor", "pupil_an", "parent_an"])  # fmt: skip
def test_only_collaborators_and_admins_reach_board_settings(forum, client_for, persona):
    client = client_for(persona)
    assert client.get(LIST).status_code == 404
    assert client.post(CREATE, form_data()).status_code == 404
    response = client.post(edit_url(forum.class_5a), form_data(forum.class_5a, allow_images="on"))
    assert response.status_code == 404
    forum.class_5a.refresh_from_db()
    assert not forum.class_5a.allow_images
    assert not Board.objects.filter(name="Câu lạc bộ Toán").exists()


# --- Creating --------------------------------------------------------------------------


def test_collaborator_creates_a_board_and_the_audit_keeps_its_settings(personas, forum, client_for):  # fmt: skip
    response = client_for("collaborator").post(
        CREATE,
        form_data(
            start_roles=["pupil"], start_min_grade=3, start_max_grade=5,
            premoderation=Premoderation.ALL, slow_mode_seconds=60, allow_images="on",
        ),
    )  # fmt: skip
    assert response.status_code == 302
    board = Board.objects.get(name="Câu lạc bộ Toán")
    assert board.slug == "cau-lac-bo-toan"
    assert board.audience == "grade:5"
    assert board.start_roles == "pupil"
    assert (board.start_min_grade, board.start_max_grade) == (3, 5)
    assert board.premoderation == Premoderation.ALL
    assert board.slow_mode_seconds == 60 and board.allow_images and not board.allow_links
    entry = AuditEntry.objects.get(action="forum.board_create", target_id=str(board.pk))
    assert entry.actor == personas.collaborator
    assert "audience=grade:5" in entry.after and "slow_mode_seconds=60" in entry.after
    # The new board is now readable by the grade it was opened to.
    assert client_for("pupil_an").get(board.get_absolute_url()).status_code == 200
    assert client_for("pupil_binh").get(board.get_absolute_url()).status_code == 404


def test_audience_choices_leave_out_public(forum, client_for):
    html = client_for("collaborator").get(CREATE).content.decode()
    assert 'value="grade:5"' in html
    assert 'value="public"' not in html
    response = client_for("collaborator").post(CREATE, form_data(audience="public"))
    assert response.status_code == 200
    assert not Board.objects.filter(name="Câu lạc bộ Toán").exists()


# --- Bad input: the text stays, the message is Vietnamese -----------------------------


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"start_min_grade": 9, "start_max_grade": 6},
            "Khối kết thúc phải lớn hơn hoặc bằng khối bắt đầu.",
        ),  # fmt: skip
        (
            {"reply_min_grade": 12, "reply_max_grade": 1},
            "Khối kết thúc phải lớn hơn hoặc bằng khối bắt đầu.",
        ),  # fmt: skip
        ({"slow_mode_seconds": 3601}, "Chế độ chậm phải từ 0 đến 3600 giây."),
        ({"slow_mode_seconds": -5}, "Chế độ chậm phải từ 0 đến 3600 giây."),
        ({"start_max_grade": 13}, "Khối phải từ 1 đến 12."),
        ({"start_min_grade": 0}, "Khối phải từ 1 đến 12."),
        ({"name": "   "}, "Hãy đặt tên cho chuyên mục."),
    ],
)
def test_bad_policy_is_refused_in_vietnamese_and_the_text_is_kept(forum, client_for, overrides, message):  # fmt: skip
    data = form_data(description="Nơi các em hỏi bài Toán", **overrides)
    response = client_for("collaborator").post(CREATE, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Nơi các em hỏi bài Toán" in html
    assert not Board.objects.filter(description="Nơi các em hỏi bài Toán").exists()
    assert not AuditEntry.objects.filter(action="forum.board_create", actor__username="collaborator").exists()  # fmt: skip


def test_nonsense_numbers_and_roles_get_a_form_error_not_a_500(forum, client_for):
    client = client_for("collaborator")
    for overrides in ({"slow_mode_seconds": "nhanh"}, {"start_roles": ["hacker"]}, {"premoderation": "x"}):  # fmt: skip
        response = client.post(edit_url(forum.school), form_data(forum.school, **overrides))
        assert response.status_code == 200, overrides
    assert client.get("/dien-dan/quan-ly-chuyen-muc/999999/").status_code == 404


def test_service_refuses_a_reversed_grade_range_whoever_calls_it(personas, forum):
    with pytest.raises(services.Refused) as refused:
        services.update_board(board=forum.grade5, by=personas.collaborator, start_min_grade=7, start_max_grade=2)  # fmt: skip
    assert refused.value.code == "grade_range"


# --- Editing --------------------------------------------------------------------------


def test_editing_writes_before_and_after_of_the_changed_fields_only(personas, forum, client_for):
    response = client_for("collaborator").post(
        edit_url(forum.school),
        form_data(forum.school, slow_mode_seconds=30, allow_links="on", start_roles=["staff"]),
    )
    assert response.status_code == 302
    forum.school.refresh_from_db()
    assert forum.school.slow_mode_seconds == 30 and forum.school.allow_links
    assert forum.school.start_roles == "staff"
    entry = AuditEntry.objects.get(action="forum.board_update", target_id=str(forum.school.pk))
    assert entry.actor == personas.collaborator
    assert entry.before.splitlines() == ["start_roles=pupil,staff", "slow_mode_seconds=0", "allow_links=False"]  # fmt: skip
    assert entry.after.splitlines() == ["start_roles=staff", "slow_mode_seconds=30", "allow_links=True"]  # fmt: skip
    # And the rule applies at once: a pupil may no longer open a topic there.
    assert not forum.school.may_start_topic(personas.pupil_an)


def test_saving_without_changes_writes_no_audit_row(forum, client_for):
    response = client_for("admin").post(edit_url(forum.grade5), form_data(forum.grade5))
    assert response.status_code == 302
    assert not AuditEntry.objects.filter(action="forum.board_update").exists()


def test_class_board_keeps_its_audience_but_its_policy_can_change(personas, forum, client_for):
    client = client_for("collaborator")
    html = client.get(edit_url(forum.class_5a)).content.decode()
    assert 'name="audience"' not in html
    assert "đối tượng không đổi được" in html
    response = client.post(
        edit_url(forum.class_5a),
        form_data(forum.class_5a, audience="school", open_to_parents="on", premoderation="all"),
    )
    assert response.status_code == 302
    forum.class_5a.refresh_from_db()
    assert forum.class_5a.audience == f"class:{personas.class_5a.pk}"
    assert forum.class_5a.open_to_parents and forum.class_5a.premoderation == "all"


def test_service_refuses_to_move_a_class_board_to_another_audience(personas, forum):
    with pytest.raises(services.Refused) as refused:
        services.update_board(board=forum.class_5a, by=personas.admin, audience="school")
    assert refused.value.code == "class_audience"
    forum.class_5a.refresh_from_db()
    assert forum.class_5a.audience == f"class:{personas.class_5a.pk}"


def test_boards_and_watched_words_are_read_only_in_the_django_admin(personas, forum, client_for):
    admin = client_for("admin")
    assert admin.get("/quan-tri/forum/board/").status_code == 200
    assert admin.get("/quan-tri/forum/board/add/").status_code == 403
    assert admin.get("/quan-tri/forum/watchedword/add/").status_code == 403
