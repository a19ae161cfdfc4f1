"""Shared state for the demo seed: one deterministic random source and the people made so far."""

import random
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

FAMILY_NAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE_NAMES_GIRL = ["Thị", "Ngọc", "Thu", "Minh", "Khánh", "Bảo", "Phương", "Thanh"]
MIDDLE_NAMES_BOY = ["Văn", "Đức", "Minh", "Quốc", "Gia", "Hữu", "Thành", "Anh"]
GIVEN_NAMES_GIRL = [
    "Anh",
    "Ánh",
    "Chi",
    "Hà",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "My",
    "Ngân",
    "Nhung",
    "Thảo",
    "Trang",
    "Uyên",
    "Vy",
    "Yến",
]
GIVEN_NAMES_BOY = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hải",
    "Hiếu",
    "Huy",
    "Khang",
    "Khoa",
    "Long",
    "Minh",
    "Nam",
    "Phúc",
    "Quân",
    "Tùng",
]


@dataclass
class SeedContext:
    rng: random.Random = field(default_factory=lambda: random.Random(20262027))  # noqa: S311
    now: datetime = field(default_factory=timezone.now)
    password_hash: str = ""
    users: dict = field(default_factory=dict)  # demo login -> User
    year: object = None
    classes: dict = field(default_factory=dict)  # "5A" -> SchoolClass
    pupils_by_class: dict = field(default_factory=dict)  # "5A" -> [User]
    staff: list = field(default_factory=list)
    log: list = field(default_factory=list)

    def person_name(self, *, girl: bool) -> str:
        middle = MIDDLE_NAMES_GIRL if girl else MIDDLE_NAMES_BOY
        given = GIVEN_NAMES_GIRL if girl else GIVEN_NAMES_BOY
        return f"{self.rng.choice(FAMILY_NAMES)} {self.rng.choice(middle)} {self.rng.choice(given)}"


def seed(ctx: SeedContext) -> None:
    """The website's standing pages, a fortnight of work calendar, links and visit history."""
    from datetime import timedelta

    from lib.html import sanitize_html

    from .models import Event, Page, SupportContact, SupportSettings, VisitDay, WebsiteLink

    Page.objects.bulk_create(
        [
            Page(
                title="Giới thiệu",
                slug="gioi-thieu",
                menu_order=1,
                body=sanitize_html(
                    "<p>Trường Tiểu học Hoa Sen được thành lập năm 1995, hiện có 10 lớp từ khối 1 đến khối 5 "
                    "với gần 150 học sinh và 14 cán bộ, giáo viên.</p>"
                    "<h2>Sứ mệnh</h2><p>Xây dựng môi trường học tập an toàn, thân thiện, nơi mỗi học sinh "
                    "được yêu thương, tôn trọng và phát triển toàn diện.</p>"
                    "<h2>Ban giám hiệu</h2><ul><li>Hiệu trưởng: Nguyễn Văn Quản</li>"
                    "<li>Phó hiệu trưởng: Trần Thị Hồng</li></ul>"
                ),
            ),
            Page(
                title="Liên hệ",
                slug="lien-he",
                menu_order=2,
                body=sanitize_html(
                    "<p><strong>Trường Tiểu học Hoa Sen</strong></p>"
                    "<p>Địa chỉ: Số 1 đường Hoa Sen, phường Hoa Sen, TP. Hà Nội</p>"
                    "<p>Điện thoại: <a href='tel:02433336666'>024 3333 6666</a></p>"
                    "<p>Thư điện tử: <a href='mailto:lienhe@thhoasen.edu.vn'>lienhe@thhoasen.edu.vn</a></p>"
                    "<p>Giờ tiếp phụ huynh: sáng thứ bảy, 8:00–11:00, tại văn phòng nhà trường.</p>"
                ),
            ),
        ]
    )
    _menu_points_at_pages()
    WebsiteLink.objects.bulk_create(
        [
            WebsiteLink(title="Bộ Giáo dục và Đào tạo", url="https://moet.gov.vn/", order=1),
            WebsiteLink(
                title="Sở Giáo dục và Đào tạo Hà Nội", url="https://hanoi.edu.vn/", order=2
            ),
        ]
    )
    # "Hỗ trợ trực tuyến" and the official channels (issue 14); app icons and feeds are
    # the school's to add: the demo fetches nothing from another site.
    SupportSettings.objects.create(
        pk=1,
        hotline="02435551234",
        email="vanphong@truong-demo.edu.vn",
        email_domain="truong-demo.edu.vn",
        office_hours="Thứ Hai – Thứ Sáu: 7:30 – 11:30, 13:30 – 17:00",
    )
    SupportContact.objects.bulk_create(
        [
            SupportContact(
                topic="Tuyển sinh", name="Cô Nguyễn Thu Hạnh", phone="0912345678", order=1
            ),
            SupportContact(
                topic="Học phí, các khoản thu", name="Cô Trần Mai", phone="0912345679", order=2
            ),
            SupportContact(
                topic="Tài khoản, kỹ thuật", name="Thầy Lê Quang", phone="0912345680", order=3
            ),
        ]
    )
    monday = (ctx.now.astimezone(timezone.get_current_timezone())).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    monday -= timedelta(days=monday.weekday())
    plan = [
        (
            0,
            7,
            15,
            "Chào cờ đầu tuần, phát động tuần lễ an toàn trên mạng",
            "Sân trường",
            "Hiệu trưởng",
            "Toàn trường",
            False,
        ),
        (
            1,
            14,
            0,
            "Họp tổ chuyên môn khối 4, 5",
            "Phòng họp",
            "Phó hiệu trưởng",
            "Giáo viên khối 4, 5",
            True,
        ),
        (
            2,
            8,
            0,
            "Dự giờ lớp 5A: Tiết học kỹ năng an toàn trên mạng",
            "Phòng 5A",
            "Tổ chuyên môn",
            "Giáo viên khối 5",
            True,
        ),
        (
            3,
            16,
            30,
            "Sinh hoạt câu lạc bộ đọc sách",
            "Thư viện",
            "Cô Trần Thị Hồng",
            "Học sinh đăng ký",
            False,
        ),
        (5, 8, 0, "Tiếp phụ huynh học sinh", "Văn phòng", "Ban giám hiệu", "Phụ huynh", False),
        (
            7,
            7,
            15,
            "Chào cờ, tổng kết tuần lễ an toàn trên mạng",
            "Sân trường",
            "Hiệu trưởng",
            "Toàn trường",
            False,
        ),
        (
            9,
            14,
            0,
            "Họp hội đồng sư phạm tháng 12",
            "Phòng họp",
            "Hiệu trưởng",
            "Toàn thể cán bộ, giáo viên",
            True,
        ),
    ]
    Event.objects.bulk_create(
        [
            Event(
                title=title,
                starts_at=monday + timedelta(days=day, hours=hour, minutes=minute),
                ends_at=monday + timedelta(days=day, hours=hour + 2, minutes=minute),
                location=location,
                host=host,
                participants=participants,
                staff_only=staff_only,
                created_by=ctx.users.get("admin"),
            )
            for day, hour, minute, title, location, host, participants, staff_only in plan
        ]
    )
    today = timezone.localdate(ctx.now)
    VisitDay.objects.bulk_create(
        [
            VisitDay(day=today - timedelta(days=n), visits=ctx.rng.randint(80, 260))
            for n in range(1, 120)
        ]
    )
    ctx.log.append(f"2 trang, {len(plan)} lịch công tác, 119 ngày thống kê truy cập")
    seed_gallery(ctx)


def _demo_picture(rng, width: int = 1200, height: int = 800):
    """A simple drawn picture (sky, sun, school building) standing in for a photo."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image, ImageDraw

    sky = (rng.randint(90, 150), rng.randint(150, 200), rng.randint(210, 250))
    image = Image.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, height * 2 // 3, width, height], fill=(90, 160, 80))
    left = rng.randint(100, 500)
    draw.rectangle(
        [left, height // 3, left + 500, height * 2 // 3 + 40],
        fill=(240, 210, 120),
        outline=(150, 60, 40),
        width=6,
    )
    draw.polygon(
        [(left - 30, height // 3), (left + 250, height // 6), (left + 530, height // 3)],
        fill=(180, 50, 40),
    )
    draw.ellipse([width - 220, 60, width - 100, 180], fill=(255, 220, 80))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return SimpleUploadedFile("demo.jpg", out.getvalue(), content_type="image/jpeg")


def seed_gallery(ctx: SeedContext) -> None:
    from lib.images import clean_image

    from .services import add_photos, create_album

    albums = [
        ("Lễ khai giảng năm học 2026-2027", True, 4),
        ("Hội khoẻ Phù Đổng cấp trường", False, 3),
        ("Lớp 5A tham quan Bảo tàng Dân tộc học", False, 3),
    ]
    for title, is_public, count in albums:
        album = create_album(
            title=title, description="", is_public=is_public, by=ctx.users["teacher"]
        )
        images = [clean_image(_demo_picture(ctx.rng)) for _ in range(count)]
        add_photos(album=album, images=images, captions=[""] * count, by=ctx.users["teacher"])
    ctx.log.append(f"{len(albums)} album ảnh")


def _menu_points_at_pages() -> None:
    """The menu the migration made points at addresses; now that the pages exist, the
    demo's "Giới thiệu" and "Liên hệ" are its pages (as the old template had them)."""
    from .models import MenuItem, MenuKind, Page

    pages = {page.slug: page for page in Page.objects.filter(slug__in=["gioi-thieu", "lien-he"])}
    if "gioi-thieu" in pages:
        MenuItem.objects.filter(kind=MenuKind.ADDRESS, address="/trang/gioi-thieu/").update(
            kind=MenuKind.PAGE, page=pages["gioi-thieu"], address="", label=""
        )
    if "lien-he" in pages:
        MenuItem.objects.filter(kind=MenuKind.BUILTIN, builtin="contact").update(
            kind=MenuKind.PAGE, page=pages["lien-he"], builtin=""
        )
