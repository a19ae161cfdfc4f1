from ..url_matrix import LOGIN, Case, logged_in, only, public


def cases(personas) -> dict:
    from datetime import timedelta

    from django.utils import timezone

    from portal.models import Event, FaqEntry, Page

    Page.objects.get_or_create(
        slug="gioi-thieu", defaults={"title": "Giới thiệu", "body": "<p>x</p>"}
    )
    event = Event.objects.create(title="Chào cờ", starts_at=timezone.now() + timedelta(days=1))
    doomed = Event.objects.create(title="Xoá", starts_at=timezone.now() + timedelta(days=1))
    from portal.models import Album, Photo

    editors = ["editor", "admin"]
    faq_entry = FaqEntry.objects.create(question="Giờ vào lớp?", answer="<p>7 giờ.</p>")
    Album.objects.create(title="Khai giảng", slug="khai-giang", is_public=True)
    families = Album.objects.create(title="Lớp 5A", slug="lop-5a", photo_count=1)
    photo = Photo.objects.create(album=families, image="gallery/x.jpg", width=1, height=1)
    from portal.models import MenuItem

    menu_item = MenuItem.objects.filter(parent=None).order_by("position").first()
    doomed_item = MenuItem.objects.create(kind="builtin", builtin="faq", position=99)
    from portal.models import AppLink, CalendarToken, ContactMessage, FakePageReport, OfficialFeed

    app_link = AppLink.objects.create(title="VNeID", url="https://vneid.gov.vn/")
    feed = OfficialFeed.objects.create(name="Bộ GD&ĐT", url="https://moet.gov.vn/rss")
    # Deleted by the admin's case, so apart from the ones the edit cases open.
    doomed_link = AppLink.objects.create(title="Cũ", url="https://example.gov.vn/")
    doomed_feed = OfficialFeed.objects.create(name="Cũ", url="https://example.gov.vn/rss")
    report = FakePageReport.objects.create(address="fb.com/gia-mao", what_happened="Thu tiền")
    letter = ContactMessage.objects.create(
        name="Mai", reply_to="0912345678", topic="other", message="Xin hỏi"
    )
    token = CalendarToken.objects.create(user=personas.pupil_an, token="bi-mat-cua-an")
    admins = ["admin"]
    return {
        "manifest": Case("/manifest.webmanifest", public()),
        "service_worker": Case("/sw.js", public()),
        "offline": Case("/ngoai-tuyen/", public()),
        "menu_manage": Case("/sap-xep/menu/", only(editors)),
        "menu_item_add": Case("/sap-xep/menu/them/", only(editors)),
        "menu_item_edit": Case(f"/sap-xep/menu/{menu_item.pk}/sua/", only(editors)),
        "menu_item_move": Case(
            f"/sap-xep/menu/{menu_item.pk}/di-chuyen/",
            only(editors, ok=302),
            method="post",
            data={"huong": "xuong"},
        ),
        # The editor deletes it (302); the admin then finds it gone (404).
        "menu_item_delete": Case(
            f"/sap-xep/menu/{doomed_item.pk}/xoa/",
            {**only(["editor"], ok=302), "admin": 404},
            method="post",
        ),
        "home_blocks": Case("/sap-xep/trang-nhat/", only(editors)),
        # Issue 14: online support, app links, official channels, headlines, private feeds.
        "support": Case("/ho-tro/", public()),
        "support_edit": Case("/ho-tro/sua/", only(admins)),
        "app_links_manage": Case("/ung-dung/", only(admins)),
        "app_link_add": Case("/ung-dung/them/", only(admins)),
        "app_link_edit": Case(f"/ung-dung/{app_link.pk}/sua/", only(admins)),
        "app_link_delete": Case(
            f"/ung-dung/{doomed_link.pk}/xoa/", only(admins, ok=302), method="post"
        ),
        "official_channels": Case("/kenh-chinh-thuc/", public()),
        "fake_page_thanks": Case("/kenh-chinh-thuc/cam-on/", public()),
        "fake_page_reports": Case("/kenh-chinh-thuc/bao-cao/", only(["collaborator", "admin"])),
        # An empty status: the team gets the list back with an error message (302).
        "fake_page_status": Case(
            f"/kenh-chinh-thuc/bao-cao/{report.pk}/trang-thai/",
            only(["collaborator", "admin"], ok=302),
            method="post",
            data={},
        ),
        "feeds_manage": Case("/nguon-tin/", only(admins)),
        "feed_edit": Case(f"/nguon-tin/{feed.pk}/sua/", only(admins)),
        "feed_delete": Case(
            f"/nguon-tin/{doomed_feed.pk}/xoa/", only(admins, ok=302), method="post"
        ),
        "contact_status": Case(
            f"/lien-he/thu-den/{letter.pk}/trang-thai/",
            only(admins, ok=302),
            method="post",
            data={"status": "answered"},
        ),
        "private_calendar": Case("/lich-cong-tac/lich-rieng/", logged_in()),
        "private_calendar_renew": Case(
            "/lich-cong-tac/lich-rieng/tao-moi/", logged_in(ok=302), method="post"
        ),
        "private_calendar_revoke": Case(
            "/lich-cong-tac/lich-rieng/thu-hoi/", logged_in(ok=302), method="post"
        ),
        # The secret opens the feed for whoever holds it (a phone has no session);
        # a wrong secret is 404 for everyone.
        "private_calendar_feed": [
            Case(f"/lich-cong-tac/rieng/{token.token}.ics", public()),
            Case("/lich-cong-tac/rieng/sai-ma.ics", public(ok=404)),
        ],
        "family_home": Case("/thong-bao/gia-dinh/", only(["parent_an", "other_parent"])),
        "album_list": Case("/thu-vien-anh/", public()),
        "album_detail": [
            Case("/thu-vien-anh/khai-giang/", public()),
            Case("/thu-vien-anh/lop-5a/", {**logged_in(), "anonymous": 404}),
        ],
        "album_add": Case("/thu-vien-anh/them/", only(editors)),
        # An empty upload: editors get the form back with its error (400).
        "photos_add": Case(
            "/thu-vien-anh/lop-5a/tai-anh/", only(editors, ok=400), method="post", data={}
        ),
        # The photo of a families-only album: no visitor sees it (the file is missing
        # in this test, so readers get 404 too; tests/portal/test_gallery.py serves real ones).
        "photo_file": Case(
            f"/thu-vien-anh/anh/{photo.pk}/vua/", {**logged_in(ok=404), "anonymous": 404}
        ),
        "photo_delete": Case(
            f"/thu-vien-anh/anh/{photo.pk}/xoa/",
            {**only(["editor"], ok=302), "admin": 404},
            method="post",
        ),
        "page_detail": Case("/trang/gioi-thieu/", public()),
        "calendar_week": Case("/lich-cong-tac/", public()),
        "calendar_feed": Case("/lich-cong-tac/lich.ics", public()),
        "event_add": Case("/lich-cong-tac/them/", only(editors)),
        "event_edit": Case(f"/lich-cong-tac/{event.pk}/sua/", only(editors)),
        # The editor deletes it (302); the admin then finds it gone (404).
        "event_delete": Case(
            f"/lich-cong-tac/{doomed.pk}/xoa/",
            {**only(["editor"], ok=302), "admin": 404},
            method="post",
        ),
        "search": Case("/tim-kiem/?q=khai+giang", public()),
        "faq": Case("/hoi-dap/", public()),
        "faq_manage": Case("/hoi-dap/quan-ly/", only(editors)),
        "faq_add": Case("/hoi-dap/them/", only(editors)),
        "faq_edit": Case(f"/hoi-dap/{faq_entry.pk}/sua/", only(editors)),
        "contact": Case("/lien-he/", public()),
        "contact_thanks": Case("/lien-he/cam-on/", public()),
        "contact_list": Case("/lien-he/thu-den/", only(["admin"])),
        "footer_fragment": Case("/chan-trang/", public()),
        "home": Case("/", public()),
        "healthz": Case("/healthz", public()),
        "favicon": Case("/favicon.ico", public(ok=301)),
        "set_language": Case(
            "/i18n/setlang/", public(ok=302), method="post", data={"language": "en", "next": "/"}
        ),
        "admin:index": Case("/quan-tri/", only(["admin"], denied=302, anonymous=LOGIN)),
        "account_login": Case("/tai-khoan/login/", only(["anonymous"], denied=302, anonymous=200)),
        "account_change_password": Case("/tai-khoan/password/change/", logged_in()),
        "account_signup": Case(
            "/tai-khoan/signup/", only(["anonymous"], denied=302, anonymous=200)
        ),
        "notifications:list": Case("/thong-bao-ca-nhan/", logged_in()),
        "notifications:open": Case(
            "/thong-bao-ca-nhan/999999/mo/", logged_in(ok=302), method="post"
        ),
        "notifications:mark_all_read": Case(
            "/thong-bao-ca-nhan/da-xem-het/", logged_in(ok=302), method="post"
        ),
    }
