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
