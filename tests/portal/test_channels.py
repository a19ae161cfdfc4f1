"""Online support, app links, "Kênh thông tin chính thức" with "Báo trang giả mạo", the
contact inbox's status, acknowledgement and retention, and private calendar feeds (issue 14)."""

import io
import time
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from announcements.models import Survey
from announcements.services import publish_announcement
from lessons.models import Lesson
from notifications.models import Notification
from portal import channel_forms, channel_services
from portal.models import (
    AppLink,
    CalendarToken,
    ContactMessage,
    Event,
    FakePageReport,
    SupportContact,
    SupportSettings,
)

from ..lessons import factories as lesson_factories


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()  # rate limits count in the cache
    yield
    cache.clear()


def _png(size=(300, 200), color=(200, 30, 30)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return SimpleUploadedFile("icon.png", out.getvalue(), content_type="image/png")


# --- Hỗ trợ trực tuyến ---------------------------------------------------------------------

SUPPORT = {
    "hotline": "0243 555 1234",
    "zalo_url": "https://zalo.me/123456789",
    "fanpage_url": "https://facebook.com/thcs.abc",
    "email": "vanphong@thcs-abc.edu.vn",
    "email_domain": "thcs-abc.edu.vn",
    "office_hours": "Thứ Hai – Thứ Sáu, 7:30 – 17:00",
    "contacts-TOTAL_FORMS": "2",
    "contacts-INITIAL_FORMS": "0",
    "contacts-MIN_NUM_FORMS": "0",
    "contacts-MAX_NUM_FORMS": "20",
    "contacts-0-topic": "Tuyển sinh",
    "contacts-0-name": "Cô Hạnh",
    "contacts-0-phone": "0912 345 678",
    "contacts-0-order": "1",
    "contacts-1-topic": "",
    "contacts-1-name": "",
    "contacts-1-phone": "",
    "contacts-1-order": "0",  # as the form shows it
}


def test_admin_edits_support_and_visitors_see_it_on_the_page_and_the_home_block(
    personas, client_for
):
    response = client_for("admin").post("/ho-tro/sua/", SUPPORT)
    assert response.status_code == 302
    assert SupportSettings.current().hotline == "02435551234"
    assert SupportContact.objects.get().phone == "0912345678"
    visitor = client_for("anonymous")
    page = visitor.get("/ho-tro/").content.decode()
    assert "02435551234" in page and "Cô Hạnh" in page and "Tuyển sinh" in page
    home = visitor.get("/").content.decode()
    assert 'data-testid="support-block"' in home and "https://zalo.me/123456789" in home


def test_nothing_configured_means_no_support_block_on_home(personas, client_for):
    assert "support-block" not in client_for("anonymous").get("/").content.decode()


def test_bad_support_input_is_refused_in_vietnamese_and_keeps_what_was_typed(personas, client_for):
    data = {**SUPPORT, "hotline": "gọi tôi", "zalo_url": "http://zalo.me/1", "contacts-0-phone": ""}
    response = client_for("admin").post("/ho-tro/sua/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Số điện thoại chỉ gồm chữ số" in html
    assert "Địa chỉ phải bắt đầu bằng https://" in html
    assert "Hãy nhập số điện thoại." in html
    assert "gọi tôi" in html and "Cô Hạnh" in html
    assert not SupportSettings.objects.exists() and not SupportContact.objects.exists()


def test_only_admins_may_save_support_even_through_the_service(personas):
    form = channel_forms.SupportSettingsForm(SUPPORT, instance=SupportSettings.current())
    contacts = channel_forms.SupportContactFormSet(SUPPORT, prefix="contacts")
    assert form.is_valid() and contacts.is_valid()
    with pytest.raises(channel_services.PermissionDenied):
        channel_services.save_support(form=form, contacts=contacts, by=personas.editor)


# --- Liên kết ứng dụng ---------------------------------------------------------------------


def test_admin_adds_an_app_with_an_icon_stored_re_encoded_and_small(personas, client_for):
    response = client_for("admin").post(
        "/ung-dung/them/",
        {"title": "VNeID", "url": "https://vneid.gov.vn/", "order": 1, "icon": _png((600, 400))},
    )
    assert response.status_code == 302
    link = AppLink.objects.get()
    with link.icon.open("rb") as stored:
        image = Image.open(stored)
        assert image.format == "PNG" and image.width <= 192
    home = client_for("anonymous").get("/").content.decode()
    assert 'data-testid="app-links-block"' in home and link.icon.url in home
    link.icon.delete(save=False)


def test_a_file_that_is_not_a_picture_is_refused_and_the_title_kept(personas, client_for):
    fake = SimpleUploadedFile("icon.png", b"<script>alert(1)</script>", content_type="image/png")
    response = client_for("admin").post(
        "/ung-dung/them/", {"title": "Ứng dụng lạ", "url": "javascript:alert(1)", "icon": fake}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ứng dụng lạ" in html
    assert not AppLink.objects.exists()


def test_apps_are_listed_in_the_admins_order(personas, client_for):
    AppLink.objects.create(title="Sau", url="https://b.gov.vn/", order=2)
    AppLink.objects.create(title="Trước", url="https://a.gov.vn/", order=1)
    html = client_for("anonymous").get("/").content.decode()
    assert html.index("Trước") < html.index("Sau")


# --- Kênh thông tin chính thức, Báo trang giả mạo -------------------------------------------


def _report(**extra) -> dict:
    started = signing.dumps(time.time() - 30, salt=channel_forms._STARTED_SALT)
    return {
        "address": "https://facebook.com/thcs-abc-tuyen-sinh",
        "what_happened": "Trang này nhắn phụ huynh chuyển 2 triệu tiền giữ chỗ vào tài khoản riêng.",
        "contact": "0912345678",
        "started": started,
        "website": "",
        **extra,
    }


def test_the_page_names_the_only_official_site_and_how_to_spot_a_fake(
    personas, client_for, settings
):
    SupportSettings.objects.create(pk=1, email_domain="thcs-abc.edu.vn")
    html = client_for("anonymous").get("/kenh-chinh-thuc/").content.decode()
    assert settings.SITE_URL.rstrip("/") in html
    assert "@thcs-abc.edu.vn" in html
    assert "mã OTP" in html and "Báo trang giả mạo" in html


def test_a_visitor_reports_a_fake_page_and_the_collaborators_are_told(personas, client_for):
    response = client_for("anonymous").post("/kenh-chinh-thuc/", _report())
    assert response.status_code == 302 and response["Location"] == "/kenh-chinh-thuc/cam-on/"
    report = FakePageReport.objects.get()
    assert report.contact == "0912345678" and report.reporter is None
    told = set(
        Notification.objects.filter(kind="portal.fake_page_report").values_list(
            "recipient__username", flat=True
        )
    )
    assert personas.collaborator.username in told
    assert personas.teacher_5a.username not in told
    listing = client_for("collaborator").get("/kenh-chinh-thuc/bao-cao/").content.decode()
    assert "thcs-abc-tuyen-sinh" in listing and "0912345678" in listing
    client_for("collaborator").post(
        f"/kenh-chinh-thuc/bao-cao/{report.pk}/trang-thai/", {"status": "reported"}
    )
    report.refresh_from_db()
    assert report.status == "reported"


def test_a_signed_in_pupil_reports_and_is_remembered_as_the_reporter(personas, client_for):
    client_for("pupil_an").post("/kenh-chinh-thuc/", _report(contact=""))
    assert FakePageReport.objects.get().reporter == personas.pupil_an


def test_a_robot_filling_the_hidden_field_sees_thanks_and_nothing_is_kept(personas, client_for):
    response = client_for("anonymous").post("/kenh-chinh-thuc/", _report(website="spam.example"))
    assert response.status_code == 302
    assert not FakePageReport.objects.exists()


def test_sending_at_once_or_without_the_start_time_asks_again_and_keeps_the_text(
    personas, client_for
):
    for started in ("", signing.dumps(time.time(), salt=channel_forms._STARTED_SALT), "forged"):
        response = client_for("anonymous").post("/kenh-chinh-thuc/", _report(started=started))
        assert response.status_code == 400
        html = response.content.decode()
        assert "Chưa gửi được" in html and "2 triệu tiền giữ chỗ" in html
    assert not FakePageReport.objects.exists()


def test_empty_or_too_long_reports_get_a_clear_message(personas, client_for):
    response = client_for("anonymous").post(
        "/kenh-chinh-thuc/", _report(address="   ", what_happened="x" * 3001)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Hãy cho biết địa chỉ hoặc tên trang." in html
    assert "Nội dung dài quá 3000 ký tự" in html


def test_a_flood_from_one_network_is_refused_after_five(personas, client_for):
    client = client_for("anonymous")
    statuses = [client.post("/kenh-chinh-thuc/", _report()).status_code for _ in range(7)]
    assert statuses == [302] * 5 + [429] * 2
    assert FakePageReport.objects.count() == 5
    assert (
        "Đã có nhiều báo cáo gửi từ mạng này"
        in client.post("/kenh-chinh-thuc/", _report()).content.decode()
    )


@pytest.mark.parametrize("persona", ["anonymous", "parent_an"])
def test_official_channels_page_has_a_fixed_number_of_queries(
    persona, personas, client_for, count_queries
):
    client = client_for(persona)
    SupportSettings.objects.create(pk=1, hotline="0243555")
    counts = []
    for n in (2, 40):
        FakePageReport.objects.bulk_create(
            FakePageReport(address=f"x{i}", what_happened="y") for i in range(n)
        )
        client.get("/kenh-chinh-thuc/")
        with count_queries() as queries:
            assert client.get("/kenh-chinh-thuc/").status_code == 200
        counts.append(queries.count)
    # 1 the support settings (+ the 2 of every logged-in page: session, user; the badges
    # and the menu's audience keys come from lib/navcache.py)
    assert counts[0] == counts[1] == (1 if persona == "anonymous" else 3), queries.explain()


def test_fake_page_list_has_a_fixed_number_of_queries(personas, client_for, count_queries):
    client = client_for("collaborator")
    counts = []
    for n in (2, 40):
        FakePageReport.objects.bulk_create(
            FakePageReport(address=f"x{i}", what_happened="y") for i in range(n)
        )
        client.get("/kenh-chinh-thuc/bao-cao/")
        with count_queries() as queries:
            assert client.get("/kenh-chinh-thuc/bao-cao/").status_code == 200
        counts.append(queries.count)
    assert counts[0] == counts[1], queries.explain()


# --- Home blocks at two sizes ----------------------------------------------------------------


def test_home_blocks_cost_the_same_queries_at_two_sizes(personas, client_for, count_queries):
    from portal.models import Headline, OfficialFeed

    client = client_for("anonymous")
    SupportSettings.objects.create(pk=1, hotline="0243555")
    feed = OfficialFeed.objects.create(name="Bộ GD&ĐT", url="https://moet.gov.vn/rss")
    counts = []
    for n in (2, 30):
        SupportContact.objects.bulk_create(
            SupportContact(topic=f"Việc {i}", name="Cô A", phone="0912345678") for i in range(n)
        )
        AppLink.objects.bulk_create(
            AppLink(title=f"App {i}", url="https://a.gov.vn/") for i in range(n)
        )
        Headline.objects.bulk_create(
            Headline(
                feed=feed,
                guid=f"{n}-{i}",
                title=f"Tin {n}-{i}",
                link="https://moet.gov.vn/a",
                published_at=timezone.now(),
            )
            for i in range(n)
        )
        client.get("/")
        with count_queries() as queries:
            html = client.get("/").content.decode()
        assert "support-block" in html and "app-links-block" in html and "headlines-block" in html
        counts.append(queries.count)
    # the news blocks 5 (featured and latest articles, documents, events, albums)
    # + support settings, people by topic, app links, headlines with their source
    assert counts[0] == counts[1] == 9, queries.explain()


# --- The contact inbox: status, acknowledgement, retention -----------------------------------

CONTACT = {
    "name": "Trần Thị Mai",
    "reply_to": "mai.tran@example.vn",
    "topic": "enrolment",
    "message": "Xin hỏi lịch tuyển sinh lớp 1?",
}


def test_a_sender_with_an_e_mail_gets_an_acknowledgement(personas, client_for):
    mail.outbox.clear()
    assert client_for("anonymous").post("/lien-he/", CONTACT).status_code == 302
    acks = [m for m in mail.outbox if m.to == ["mai.tran@example.vn"]]
    assert len(acks) == 1 and "đã nhận" in acks[0].subject
    assert "Tuyển sinh" in acks[0].body


def test_a_sender_with_a_phone_number_gets_no_e_mail(personas, client_for):
    mail.outbox.clear()
    client_for("anonymous").post("/lien-he/", {**CONTACT, "reply_to": "0912 345 678"})
    assert not [m for m in mail.outbox if "0912345678" in m.to]
    assert ContactMessage.objects.get().status == "new"


def test_admin_marks_a_message_answered_then_closed(personas, client_for):
    message = ContactMessage.objects.create(
        name="Mai", reply_to="0912345678", topic="other", message="x"
    )
    admin = client_for("admin")
    admin.post(f"/lien-he/thu-den/{message.pk}/trang-thai/", {"status": "answered"})
    message.refresh_from_db()
    assert message.status == "answered"
    admin.post(f"/lien-he/thu-den/{message.pk}/trang-thai/", {"status": "bogus"})
    message.refresh_from_db()
    assert message.status == "answered"
    assert "Đã trả lời" in admin.get("/lien-he/thu-den/").content.decode()


def test_the_daily_run_deletes_what_strangers_sent_after_the_retention_period(personas):
    old = timezone.now() - timedelta(days=30 * channel_services.RETENTION_MONTHS + 1)
    ContactMessage.objects.create(
        name="Cũ", reply_to="0912345678", topic="other", message="x", created_at=old
    )
    kept = ContactMessage.objects.create(
        name="Mới", reply_to="0912345678", topic="other", message="y"
    )
    FakePageReport.objects.create(address="cũ", what_happened="x", created_at=old)
    from portal.tasks import run_daily

    run_daily()
    assert list(ContactMessage.objects.all()) == [kept]
    assert not FakePageReport.objects.exists()


# --- Private calendar feed --------------------------------------------------------------------


def _feed_url(client) -> str:
    client.post("/lich-cong-tac/lich-rieng/tao-moi/")
    return "/lich-cong-tac/rieng/" + CalendarToken.objects.latest("created_at").token + ".ics"


def test_a_parent_subscribes_to_family_events_and_form_deadlines(personas, client_for):
    soon = timezone.now() + timedelta(days=3)
    Event.objects.create(title="Họp phụ huynh cuối kỳ", starts_at=soon, for_families=True)
    Event.objects.create(title="Giao ban chuyên môn", starts_at=soon)
    Event.objects.create(title="Họp chi bộ", starts_at=soon, staff_only=True, for_families=True)
    notice = publish_announcement(
        by=personas.teacher_5a,
        title="Đăng ký bán trú",
        body="<p>x</p>",
        keys=[f"class:{personas.class_5a.pk}:parent"],
    )
    Survey.objects.create(announcement=notice, closes_at=soon)
    feed = client_for("anonymous").get(_feed_url(client_for("parent_an")))
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    body = feed.content.decode()
    assert "Họp phụ huynh cuối kỳ" in body
    assert "Hạn trả lời: Đăng ký bán trú" in body
    assert "Giao ban chuyên môn" not in body and "Họp chi bộ" not in body
    assert body.count("BEGIN:VEVENT") == 2


def test_another_class_parent_does_not_get_the_form_deadline(personas, client_for):
    notice = publish_announcement(
        by=personas.teacher_5a,
        title="Đăng ký bán trú",
        body="<p>x</p>",
        keys=[f"class:{personas.class_5a.pk}:parent"],
    )
    Survey.objects.create(announcement=notice, closes_at=timezone.now() + timedelta(days=3))
    body = client_for("anonymous").get(_feed_url(client_for("other_parent"))).content.decode()
    assert "Đăng ký bán trú" not in body


def test_a_new_address_revokes_the_old_and_revoking_closes_the_feed(personas, client_for):
    parent = client_for("parent_an")
    first = _feed_url(parent)
    second = _feed_url(parent)
    anonymous = client_for("anonymous")
    assert anonymous.get(first).status_code == 404
    assert anonymous.get(second).status_code == 200
    parent.post("/lich-cong-tac/lich-rieng/thu-hoi/")
    assert anonymous.get(second).status_code == 404


def test_a_deactivated_person_s_feed_stops(personas, client_for):
    url = _feed_url(client_for("pupil_an"))
    personas.pupil_an.is_active = False
    personas.pupil_an.save(update_fields=["is_active"])
    assert client_for("anonymous").get(url).status_code == 404


def test_private_feed_has_a_fixed_number_of_queries(personas, client_for, count_queries):
    url = _feed_url(client_for("parent_an"))
    client = client_for("anonymous")
    counts = []
    for n in (2, 40):
        Event.objects.bulk_create(
            Event(
                title=f"Sự kiện {i}",
                starts_at=timezone.now() + timedelta(days=1),
                for_families=True,
            )
            for i in range(n)
        )
        with count_queries() as queries:
            assert client.get(url).status_code == 200
        counts.append(queries.count)
    assert counts[0] == counts[1], queries.explain()


# --- Search: calendar events and lessons -----------------------------------------------------


def test_search_finds_events_for_everyone_and_lessons_only_for_their_readers(personas, client_for):
    Event.objects.create(title="Ngày hội an toàn mạng", starts_at=timezone.now())
    Event.objects.create(title="Họp an toàn mạng nội bộ", starts_at=timezone.now(), staff_only=True)
    lesson = lesson_factories.lesson(
        author=personas.teacher_5a,
        title="An toàn mạng cho em",
        publish_by=personas.editor,
        quiz=False,
    )
    assert Lesson.objects.visible_to(personas.pupil_an).filter(pk=lesson.pk).exists()
    visitor = client_for("anonymous").get("/tim-kiem/", {"q": "an toan mang"}).content.decode()
    assert "Ngày hội" in visitor and "nội bộ" not in visitor and "cho em" not in visitor
    pupil = client_for("pupil_an").get("/tim-kiem/", {"q": "an toan mang"}).content.decode()
    assert "cho em" in pupil and lesson.get_absolute_url() in pupil and "nội bộ" not in pupil
    staff = client_for("teacher_5a").get("/tim-kiem/", {"q": "an toan mang"}).content.decode()
    assert "nội bộ" in staff


def test_the_header_has_a_search_box_that_works_without_javascript(personas, client_for):
    html = client_for("anonymous").get("/hoi-dap/").content.decode()
    assert 'role="search"' in html and 'action="/tim-kiem/"' in html and 'name="q"' in html


@pytest.mark.parametrize(
    ("persona", "url", "expected"),
    [
        # 1 support settings, 2 people by topic
        ("anonymous", "/ho-tro/", 2),
        # + the 2 of every logged-in page (session, user; the badges and the menu's
        # audience keys come from lib/navcache.py, the session is not written back);
        # 1 settings, 2 the people as a formset
        ("admin", "/ho-tro/sua/", 2 + 2),
        # + 1 the app links
        ("admin", "/ung-dung/", 2 + 1),
        # + 1 the sources with their last error
        ("admin", "/nguon-tin/", 2 + 1),
        # + 1 the person's token
        ("parent_an", "/lich-cong-tac/lich-rieng/", 2 + 1),
    ],
)
def test_channel_pages_have_a_fixed_number_of_queries(
    persona, url, expected, personas, client_for, count_queries
):
    from portal.models import OfficialFeed

    client = client_for(persona)
    client.post("/lich-cong-tac/lich-rieng/tao-moi/")
    counts = []
    for n in (2, 30):
        SupportContact.objects.bulk_create(
            SupportContact(topic=f"Việc {i}", name="Cô A", phone="0912345678") for i in range(n)
        )
        AppLink.objects.bulk_create(
            AppLink(title=f"App {i}", url="https://a.gov.vn/") for i in range(n)
        )
        OfficialFeed.objects.bulk_create(
            OfficialFeed(name=f"Nguồn {i}", url="https://a.gov.vn/rss", last_error="HTTP 500")
            for i in range(n)
        )
        client.get(url)
        with count_queries() as queries:
            assert client.get(url).status_code == 200
        counts.append(queries.count)
    assert counts[0] == counts[1] == expected, queries.explain()
