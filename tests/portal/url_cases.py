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
