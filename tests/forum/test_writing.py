"""Posting rules: policy, pre-moderation, clear refusals with the text kept, edits, withdrawals."""

import io
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from accounts.models import AuditEntry
from forum import services
from forum.models import Board, Post, PostRevision, PostStatus, Premoderation, Topic
from notifications.models import Notification

from ..url_matrix import all_url_names

pytestmark = pytest.mark.django_db


def reply_url(topic) -> str:
    return f"/dien-dan/chu-de/{topic.pk}/tra-loi/"


def test_pupil_reply_is_published_and_counted(personas, forum, client_for):
    response = client_for("pupil_an").post(reply_url(forum.topic_5a), {"body": "Em trực thứ Ba ạ."})
    assert response.status_code == 302
    topic = Topic.objects.get(pk=forum.topic_5a.pk)
    assert topic.reply_count == 1 and topic.last_poster == personas.pupil_an
    assert Board.objects.get(pk=forum.class_5a.pk).post_count == 2
    assert AuditEntry.objects.filter(action="forum.post", actor=personas.pupil_an).exists()


def test_premoderation_of_new_accounts_holds_pupil_post_but_not_staff(personas, forum, client_for):
    Board.objects.filter(pk=forum.class_5a.pk).update(premoderation=Premoderation.NEW_ACCOUNTS)
    client_for("pupil_an").post(reply_url(forum.topic_5a), {"body": "Bài của bạn mới"})
    client_for("teacher_5a").post(reply_url(forum.topic_5a), {"body": "Bài của cô"})
    assert Post.objects.get(body="Bài của bạn mới").status == PostStatus.HELD
    assert Post.objects.get(body="Bài của cô").status == PostStatus.PUBLISHED


def test_premoderation_new_accounts_lets_older_accounts_through(personas, forum):
    Board.objects.filter(pk=forum.class_5a.pk).update(premoderation=Premoderation.NEW_ACCOUNTS)
    personas.pupil_an.date_joined = timezone.now() - timedelta(days=60)
    post = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Đã quen")  # fmt: skip
    assert post.status == PostStatus.PUBLISHED


def test_held_post_shows_waiting_for_review_to_author_only(personas, forum, client_for):
    Board.objects.filter(pk=forum.school.pk).update(premoderation=Premoderation.ALL)
    client_for("pupil_an").post(reply_url(forum.topic_school), {"body": "Chờ duyệt nhé"})
    author_view = client_for("pupil_an").get(forum.topic_school.get_absolute_url()).content.decode()
    assert "Chờ duyệt nhé" in author_view and 'data-testid="post-held"' in author_view
    other_view = (
        client_for("pupil_binh").get(forum.topic_school.get_absolute_url()).content.decode()
    )
    assert "Chờ duyệt nhé" not in other_view
    assert Topic.objects.get(pk=forum.topic_school.pk).reply_count == 0


def test_new_topic_held_is_invisible_to_others_until_approved(personas, forum, client_for):
    Board.objects.filter(pk=forum.school.pk).update(premoderation=Premoderation.ALL)
    forum.school.refresh_from_db()
    topic = services.create_topic(board=forum.school, author=personas.pupil_an, title="Nhóm tiếng Anh", body="Ai tham gia?")  # fmt: skip
    assert client_for("pupil_binh").get(topic.get_absolute_url()).status_code == 404
    assert client_for("pupil_an").get(topic.get_absolute_url()).status_code == 200
    services.decide_post(
        post=topic.posts.get(), moderator=personas.collaborator, decision="approve"
    )
    assert client_for("pupil_binh").get(topic.get_absolute_url()).status_code == 200
    assert Board.objects.get(pk=forum.school.pk).topic_count == 2


def test_locked_topic_refuses_reply_with_clear_message_and_keeps_text(forum, personas, client_for):
    services.moderate_topic(topic=forum.topic_5a, moderator=personas.teacher_5a, action="lock")
    response = client_for("pupil_an").post(reply_url(forum.topic_5a), {"body": "Em muốn hỏi thêm"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Chủ đề này đã bị khoá" in html and "Em muốn hỏi thêm" in html
    assert not Post.objects.filter(body="Em muốn hỏi thêm").exists()


def test_muted_author_is_told_until_when_and_why(forum, personas, client_for):
    services.issue_sanction(user=personas.pupil_an, kind="mute", reason="Nói tục nhiều lần", duration_hours=24, by=personas.collaborator)  # fmt: skip
    response = client_for("pupil_an").post(reply_url(forum.topic_5a), {"body": "Xin chào cả lớp"})
    html = response.content.decode()
    assert "Em tạm thời chưa viết bài được" in html and "Nói tục nhiều lần" in html
    assert "Xin chào cả lớp" in html  # what the pupil typed is still there to copy
    assert not Post.objects.filter(body="Xin chào cả lớp").exists()


def test_slow_mode_asks_to_wait(forum, personas, client_for):
    Board.objects.filter(pk=forum.class_5a.pk).update(slow_mode_seconds=60)
    client = client_for("pupil_an")
    client.post(reply_url(forum.topic_5a), {"body": "Bài thứ nhất"})
    html = client.post(reply_url(forum.topic_5a), {"body": "Bài thứ hai"}).content.decode()
    assert "chế độ chậm" in html and "Bài thứ hai" in html
    assert not Post.objects.filter(body="Bài thứ hai").exists()


def test_slow_mode_does_not_apply_to_moderators(forum, personas):
    Board.objects.filter(pk=forum.class_5a.pk).update(slow_mode_seconds=60)
    forum.topic_5a.board.refresh_from_db()
    for n in range(2):
        services.create_reply(topic=forum.topic_5a, author=personas.teacher_5a, body=f"Cô nhắc {n}")  # fmt: skip
    assert Post.objects.filter(body__startswith="Cô nhắc").count() == 2


def test_overlong_post_is_refused_with_its_length(forum, client_for):
    body = "a" * 5001
    html = client_for("pupil_an").post(reply_url(forum.topic_5a), {"body": body}).content.decode()
    assert "5001 ký tự" in html and "5000" in html and body in html


@pytest.mark.parametrize("body", ["", "   ", "\n\n", "a"])
def test_empty_post_is_refused(forum, client_for, body):
    response = client_for("pupil_an").post(reply_url(forum.topic_5a), {"body": body})
    assert "Bài viết trống hoặc quá ngắn" in response.content.decode()
    assert Topic.objects.get(pk=forum.topic_5a.pk).last_position == 1


def test_short_title_is_refused_and_text_kept(forum, client_for):
    response = client_for("pupil_an").post(
        f"/dien-dan/chuyen-muc/{forum.class_5a.slug}/chu-de-moi/",
        {"title": "Hi", "body": "Nội dung dài"},
    )
    html = response.content.decode()
    assert "Tiêu đề cần ít nhất 5 ký tự" in html and "Nội dung dài" in html


def test_grades_one_and_two_read_and_reply_but_do_not_start_topics(personas, forum):
    board = forum.grade5
    board.start_min_grade = 6
    board.save()
    assert not board.may_start_topic(personas.pupil_an)
    assert board.may_reply(personas.pupil_an)
    with pytest.raises(services.Refused, match="không được mở chủ đề"):
        services.create_topic(board=board, author=personas.pupil_an, title="Chủ đề thử", body="Nội dung")  # fmt: skip


def test_parent_cannot_reply_where_only_pupils_reply(personas, forum):
    assert not forum.class_5a.may_reply(personas.parent_an)
    assert forum.parents.may_reply(personas.parent_an)


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def dangerous_markup(html: str) -> list[str]:
    """Real tags or attributes that could run script (escaped text is harmless)."""
    collector = TagCollector()
    collector.feed(html)
    found = []
    for tag, attrs in collector.tags:
        if tag in {"script", "img", "svg", "iframe", "object", "embed", "style"}:
            found.append(tag)
        found += [name for name in attrs if name.startswith("on")]
        found += [v for k, v in attrs.items() if k in {"href", "src"} and (v or "").strip().lower().startswith("javascript")]  # fmt: skip
    return found


HOSTILE = [
    "<script>alert(1)</script>xin chào",
    '<img src=x onerror="alert(1)">',
    '<a href="#" onclick="steal()">bấm</a>',
    "[bấm vào](javascript:alert(1))",
    "[bấm vào](JaVaScRiPt:alert(1))",
    '<svg onload="alert(1)"></svg>',
    "<iframe src=https://evil.example></iframe>",
    "<<script>script>alert(1)<</script>/script>",
]


@pytest.mark.parametrize("body", HOSTILE)
def test_hostile_markup_is_shown_as_text_never_run(personas, forum, client_for, body):
    Board.objects.filter(pk=forum.class_5a.pk).update(allow_links=True)
    forum.topic_5a.board.refresh_from_db()
    post = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body=body)  # fmt: skip
    assert dangerous_markup(post.body_html) == []
    page = client_for("teacher_5a").get(forum.topic_5a.get_absolute_url()).content.decode()
    posts_html = page.split('class="posts"', 1)[1].split("<textarea", 1)[0]
    assert dangerous_markup(posts_html) == []


def test_markdown_subset_renders_bold_italic_lists_quotes(personas, forum):
    post = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="**đậm** _nghiêng_\n\n- một\n- hai\n\n> trích")  # fmt: skip
    for tag in ("<strong>đậm</strong>", "<em>nghiêng</em>", "<li>một</li>", "<blockquote>"):
        assert tag in post.body_html


def test_links_only_where_the_board_allows(personas, forum):
    text = "[trang trường](https://thhoasen.edu.vn)"
    plain = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body=text)  # fmt: skip
    assert "<a " not in plain.body_html
    Board.objects.filter(pk=forum.class_5a.pk).update(allow_links=True, slow_mode_seconds=0)
    forum.topic_5a.board.refresh_from_db()
    linked = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body=text)  # fmt: skip
    assert 'href="https://thhoasen.edu.vn"' in linked.body_html and "nofollow" in linked.body_html


def _png(with_exif: bool = False) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    image = Image.new("RGB", (40, 30), "blue")
    if with_exif:
        exif = Image.Exif()
        exif[0x010F] = "CameraMaker"
        image.save(buffer, "JPEG", exif=exif)
        return SimpleUploadedFile("a.jpg", buffer.getvalue(), content_type="image/jpeg")
    image.save(buffer, "PNG")
    return SimpleUploadedFile("a.png", buffer.getvalue(), content_type="image/png")


def test_image_upload_is_reencoded_without_exif_where_allowed(
    personas, forum, client_for, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    Board.objects.filter(pk=forum.class_5a.pk).update(allow_images=True)
    client = client_for("pupil_an")
    client.post(reply_url(forum.topic_5a), {"body": "Ảnh lớp mình", "image": _png(with_exif=True)})
    post = Post.objects.get(body="Ảnh lớp mình")
    data = post.image.read()
    assert b"CameraMaker" not in data
    assert client.get(f"/dien-dan/bai/{post.pk}/anh/").status_code == 200
    assert client_for("pupil_binh").get(f"/dien-dan/bai/{post.pk}/anh/").status_code == 404


def test_image_field_absent_where_images_not_allowed(forum, client_for):
    html = client_for("pupil_an").get(reply_url(forum.topic_5a)).content.decode()
    assert 'name="image"' not in html


def test_svg_upload_is_refused_with_message_and_text_kept(forum, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    Board.objects.filter(pk=forum.class_5a.pk).update(allow_images=True)
    svg = SimpleUploadedFile("x.svg", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", content_type="image/svg+xml")  # fmt: skip
    html = client_for("pupil_an").post(reply_url(forum.topic_5a), {"body": "Ảnh vẽ", "image": svg}).content.decode()  # fmt: skip
    assert "Ảnh vẽ" in html
    assert not Post.objects.filter(body="Ảnh vẽ").exists()


def test_author_edits_within_window_and_moderators_see_history(personas, forum, client_for):
    post = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Bản đầu")  # fmt: skip
    client_for("pupil_an").post(f"/dien-dan/bai/{post.pk}/sua/", {"body": "Bản đã sửa"})
    post.refresh_from_db()
    assert post.body == "Bản đã sửa" and post.edited_at is not None
    history = client_for("teacher_5a").get(f"/dien-dan/bai/{post.pk}/lich-su/").content.decode()
    assert "Bản đầu" in history and "Bản đã sửa" in history
    assert client_for("pupil_binh").get(f"/dien-dan/bai/{post.pk}/lich-su/").status_code == 404
    assert AuditEntry.objects.filter(action="forum.post_edit", before="Bản đầu").exists()


def test_edit_after_window_is_refused_and_text_kept(personas, forum, client_for):
    post = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Bản đầu")  # fmt: skip
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    html = client_for("pupil_an").post(f"/dien-dan/bai/{post.pk}/sua/", {"body": "Sửa muộn"}).content.decode()  # fmt: skip
    assert "Đã quá 15 phút" in html and "Sửa muộn" in html
    assert Post.objects.get(pk=post.pk).body == "Bản đầu"
    assert not PostRevision.objects.exists()


def test_withdrawn_post_shows_placeholder_and_uncounts(personas, forum, client_for):
    topic = forum.topic_school
    post = services.create_reply(topic=topic, author=personas.pupil_an, body="Nói nhầm")  # fmt: skip
    client_for("pupil_an").post(f"/dien-dan/bai/{post.pk}/rut/")
    reader = client_for("pupil_binh").get(topic.get_absolute_url()).content.decode()
    assert "Bài viết đã được tác giả rút lại" in reader and "Nói nhầm" not in reader
    moderator = client_for("collaborator").get(topic.get_absolute_url()).content.decode()
    assert "Nói nhầm" in moderator and 'data-testid="post-withdrawn"' in moderator
    assert Topic.objects.get(pk=topic.pk).reply_count == 0


def test_subscribers_get_in_app_notification_of_new_reply(personas, forum, client_for):
    client_for("pupil_an").post(f"/dien-dan/chu-de/{forum.topic_5a.pk}/theo-doi/")
    services.create_reply(topic=forum.topic_5a, author=personas.teacher_5a, body="Cô trả lời")  # fmt: skip
    note = Notification.objects.get(recipient=personas.pupil_an, kind="forum.reply")
    assert "Lịch trực nhật" in note.title
    # The author of a reply is not notified of their own post; the topic's author was subscribed.
    assert not Notification.objects.filter(
        recipient=personas.teacher_5a, kind="forum.reply"
    ).exists()


def test_board_subscription_notifies_of_replies_in_any_topic(personas, forum):
    services.toggle_subscription(user=personas.pupil_an, board=forum.school)
    services.create_reply(topic=forum.topic_school, author=personas.pupil_binh, body="Thêm ý")  # fmt: skip
    assert Notification.objects.filter(recipient=personas.pupil_an, kind="forum.reply").count() == 1


def test_held_reply_notifies_subscribers_only_when_approved(personas, forum):
    # Bình (4B) cannot read 5A's board, so a collaborator subscribes instead.
    services.toggle_subscription(user=personas.collaborator, topic=forum.topic_5a)
    post = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Đồ ngu quá")  # fmt: skip
    assert not Notification.objects.filter(kind="forum.reply").exists()
    services.decide_post(post=post, moderator=personas.teacher_5a, decision="approve")
    assert Notification.objects.filter(kind="forum.reply", recipient=personas.collaborator).exists()


def test_there_is_no_private_messaging_between_people():
    names = " ".join(all_url_names())
    assert "message" not in names and "tin-nhan" not in names and "inbox" not in names


def test_withdrawing_the_opening_post_keeps_the_replies_of_others(personas, forum, client_for):
    services.create_reply(topic=forum.topic_school, author=personas.pupil_an, body="Lớp 5A thi kéo co")  # fmt: skip
    opening = forum.topic_school.posts.get(position=1)
    services.withdraw_post(post=opening, by=personas.pupil_binh)
    html = client_for("pupil_an").get(forum.topic_school.get_absolute_url()).content.decode()
    assert "Lớp 5A thi kéo co" in html and "Bài viết đã được tác giả rút lại" in html


def test_slow_mode_also_applies_to_new_topics(personas, forum):
    Board.objects.filter(pk=forum.school.pk).update(slow_mode_seconds=120)
    forum.school.refresh_from_db()
    services.create_reply(topic=forum.topic_school, author=personas.pupil_an, body="Trả lời trước")  # fmt: skip
    with pytest.raises(services.Refused, match="chế độ chậm"):
        services.create_topic(board=forum.school, author=personas.pupil_an, title="Chủ đề mới", body="Nội dung")  # fmt: skip
    assert not Topic.objects.filter(title="Chủ đề mới").exists()  # nothing half-written


def test_a_muted_pupil_sees_a_friendly_banner_instead_of_the_forms(forum, personas, client_for):
    services.issue_sanction(user=personas.pupil_an, kind="mute", reason="Nói tục nhiều lần", duration_hours=24, by=personas.collaborator)  # fmt: skip
    pupil = client_for("pupil_an")
    for path in (forum.topic_5a.get_absolute_url(), reply_url(forum.topic_5a)):
        html = pupil.get(path).content.decode()
        assert 'data-testid="muted-banner"' in html and "Nói tục nhiều lần" in html, path
        assert "em lại viết được như bình thường" in html
        assert 'name="body"' not in html, path


def test_the_author_is_told_the_post_is_up_or_waits_for_a_teacher(forum, personas, client_for):
    pupil = client_for("pupil_an")
    response = pupil.post(reply_url(forum.topic_5a), {"body": "Chào cả lớp"}, follow=True)
    assert "Đã đăng bài trả lời." in response.content.decode()
    forum.class_5a.premoderation = "all"
    forum.class_5a.save()
    response = pupil.post(reply_url(forum.topic_5a), {"body": "Bài thứ hai"}, follow=True)
    assert "Đang chờ thầy cô duyệt" in response.content.decode()
