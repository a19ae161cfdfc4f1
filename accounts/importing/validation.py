"""Checking parsed rows against the rules and the database, and planning what will change.

The result is JSON-ready (it is stored on the ImportJob until the admin confirms):
    {"rows": [clean row…], "problems": [{"line", "column", "message"}…],
     "counts": {"create": n, "update": n, "skip": n, "invalid": n, "new_parents": n}}
"""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lib.text import fold

from ..models import Enrolment, Gender, Guardianship, Relation, Role, SchoolClass, User
from .parsing import MAX_PARENTS, ParsedFile, column_label

_DIGITS = re.compile(r"\D+")
_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y")
GENDERS = {
    "nam": Gender.MALE, "male": Gender.MALE, "m": Gender.MALE, "trai": Gender.MALE,
    "nu": Gender.FEMALE, "female": Gender.FEMALE, "f": Gender.FEMALE, "gai": Gender.FEMALE,
}  # fmt: skip
RELATIONS = {
    "bo": Relation.FATHER, "cha": Relation.FATHER, "ba": Relation.FATHER, "father": Relation.FATHER,
    "dad": Relation.FATHER, "me": Relation.MOTHER, "ma": Relation.MOTHER, "mother": Relation.MOTHER,
    "mum": Relation.MOTHER, "mom": Relation.MOTHER, "ong": Relation.GRANDFATHER,
    "grandfather": Relation.GRANDFATHER, "ba noi": Relation.GRANDMOTHER,
    "ba ngoai": Relation.GRANDMOTHER, "grandmother": Relation.GRANDMOTHER,
    "ong noi": Relation.GRANDFATHER, "ong ngoai": Relation.GRANDFATHER,
    "nguoi giam ho": Relation.GUARDIAN, "giam ho": Relation.GUARDIAN, "guardian": Relation.GUARDIAN,
}  # fmt: skip
# "Bà" folds to "ba", which Southern Vietnamese also use for "father": a bare
# "Bà" (with its accent) is a grandmother, a bare "Ba" a father.
RELATION_EXACT = {"bà": Relation.GRANDMOTHER, "ba": Relation.FATHER}


def normalise_phone(raw: str) -> str | None:
    """'+84 912.345.678' -> '0912345678'; None when it cannot be a Vietnamese number."""
    digits = _DIGITS.sub("", raw)
    if digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if len(digits) == 9 and not digits.startswith("0"):
        digits = "0" + digits  # Excel drops the leading zero of number cells
    return digits if re.fullmatch(r"0\d{9,10}", digits) else None


def parse_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 (a date, no time)
        except ValueError:
            continue
    return None


# Reports one problem of the row being read: (column key, message).
Report = Callable[[str, str], None]


def validate(parsed: ParsedFile) -> dict:
    """Clean every row, collect every problem, and plan creations and updates.

    Queries: current classes (1), existing pupils by code (1), existing parents
    by phone/e-mail (1), existing guardianships and enrolments of those pupils (2).
    """
    classes = {
        name.upper(): pk
        for pk, name in SchoolClass.objects.filter(year__is_current=True).values_list("pk", "name")
    }
    problems: list[dict] = []
    clean_rows: list[dict] = []
    seen_codes: dict[str, int] = {}
    for line, values in parsed.rows:
        report = partial(_add_problem, problems, line)
        before = len(problems)
        row = _clean_row(line, values, classes=classes, seen_codes=seen_codes, report=report)
        if len(problems) == before:
            clean_rows.append(row)
    counts = _plan(clean_rows, problems)
    return {"rows": clean_rows, "problems": problems, "counts": counts}


def _add_problem(problems: list[dict], line: int, key: str, message: str) -> None:
    problems.append({"line": line, "column": column_label(key), "message": message})


def _clean_row(
    line: int,
    values: dict,
    *,
    classes: dict[str, int],
    seen_codes: dict[str, int],
    report: Report,
) -> dict:
    """The row as it will be imported; each problem found goes to `report` (the row is then dropped)."""
    code = _clean_code(values, seen_codes, report)
    name = _clean_name(values, report)
    class_name = _clean_class(values, classes, report)
    dob = _clean_dob(values, report)
    gender = _clean_gender(values, report)
    parents = [
        parent
        for index in range(1, MAX_PARENTS + 1)
        if (parent := _clean_parent(values, index, report))
    ]
    if code and code not in seen_codes:
        seen_codes[code] = line
    return {
        "line": line,
        "code": code,
        "name": name,
        "dob": dob.isoformat() if dob else "",
        "gender": gender,
        "class_id": classes.get(class_name),
        "class_name": class_name,
        "parents": parents,
    }


def _clean_code(values: dict, seen_codes: dict[str, int], report: Report) -> str:
    code = str(values.get("code", "")).strip().upper()
    if not code:
        report("code", _("Thiếu mã học sinh."))
    elif len(code) > 30:
        report("code", _("Mã học sinh dài quá 30 ký tự."))
    elif code in seen_codes:
        report(
            "code",
            _("Mã học sinh “%(code)s” trùng với dòng %(other)s trong tệp.")
            % {"code": code, "other": seen_codes[code]},
        )
    return code


def _clean_name(values: dict, report: Report) -> str:
    name = " ".join(str(values.get("name", "")).split())
    if not name:
        report("name", _("Thiếu họ và tên học sinh."))
    elif len(name) > 150:
        report("name", _("Họ và tên dài quá 150 ký tự."))
    return name


def _clean_class(values: dict, classes: dict[str, int], report: Report) -> str:
    class_name = str(values.get("class", "")).strip().upper().replace(" ", "")
    if not class_name:
        report("class", _("Thiếu lớp."))
    elif class_name not in classes:
        report("class", _("Không có lớp “%(name)s” trong năm học hiện tại.") % {"name": class_name})
    return class_name


def _clean_dob(values: dict, report: Report) -> dt.date | None:
    """The date of birth, or None when blank or unbelievable (reported)."""
    raw_dob = values.get("dob", "")
    if raw_dob in ("", None):
        return None
    dob = parse_date(raw_dob)
    if dob is None:
        report(
            "dob",
            _("Ngày sinh “%(value)s” không hợp lệ (cần dạng ngày/tháng/năm, ví dụ 05/09/2019).")
            % {"value": raw_dob},
        )
        return None
    this_year = timezone.localdate().year
    if not (this_year - 25 <= dob.year <= this_year - 3):
        report(
            "dob",
            _("Ngày sinh %(value)s không hợp lý với một học sinh.")
            % {"value": dob.strftime("%d/%m/%Y")},
        )
        return None
    return dob


def _clean_gender(values: dict, report: Report) -> str:
    raw_gender = str(values.get("gender", "")).strip()
    if not raw_gender:
        return ""
    gender = GENDERS.get(fold(raw_gender), "")
    if not gender:
        report(
            "gender", _("Giới tính “%(value)s” không rõ (ghi Nam hoặc Nữ).") % {"value": raw_gender}
        )
    return gender


def _clean_parent(values: dict, index: int, report: Report) -> dict | None:
    prefix = f"p{index}_"
    name = " ".join(str(values.get(prefix + "name", "")).split())
    raw_phone = str(values.get(prefix + "phone", "")).strip()
    email = str(values.get(prefix + "email", "")).strip().lower()
    raw_relation = str(values.get(prefix + "relation", "")).strip()
    if not (name or raw_phone or email or raw_relation):
        return None
    ok = True
    if not name:
        report(prefix + "name", _("Thiếu họ tên phụ huynh %(n)s.") % {"n": index})
        ok = False
    phone = ""
    if raw_phone:
        phone = normalise_phone(raw_phone) or ""
        if not phone:
            report(
                prefix + "phone",
                _("Số điện thoại “%(value)s” không hợp lệ (cần 10 chữ số, ví dụ 0912345678).")
                % {"value": raw_phone},
            )
            ok = False
    if email:
        try:
            validate_email(email)
        except ValidationError:
            report(prefix + "email", _("E-mail “%(value)s” không hợp lệ.") % {"value": email})
            ok = False
    if ok and not (phone or email):
        report(
            prefix + "phone",
            _("Phụ huynh %(n)s cần số điện thoại hoặc e-mail để nhận ra khi có nhiều con.")
            % {"n": index},
        )
        ok = False
    relation: str = Relation.GUARDIAN
    if raw_relation:
        relation = (
            RELATION_EXACT.get(raw_relation.lower()) or RELATIONS.get(fold(raw_relation)) or ""
        )
        if not relation:
            report(
                prefix + "relation",
                _("Quan hệ “%(value)s” không rõ (Bố, Mẹ, Ông, Bà hoặc Người giám hộ).")
                % {"value": raw_relation},
            )
            ok = False
    if not ok:
        return None
    return {"name": name, "phone": phone, "email": email, "relation": str(relation)}


def _plan(rows: list[dict], problems: list[dict]) -> dict:
    """Mark each clean row create / update / skip, and count parents that will be new.

    Drops from `rows` those whose code belongs to an account that is not a
    pupil (a problem each), and sorts `problems` by line.
    """
    existing = {
        user.pupil_code: user
        for user in User.objects.filter(pupil_code__in=[row["code"] for row in rows]).only(
            "pk", "pupil_code", "full_name", "date_of_birth", "gender", "role", "is_active"
        )
    }
    _refuse_codes_of_other_accounts(rows, existing, problems)
    bad_lines = {p["line"] for p in problems}
    rows[:] = [row for row in rows if row["line"] not in bad_lines]
    known = _KnownFamilies.load(rows, pupil_ids=[user.pk for user in existing.values()])
    counts = {
        "create": 0,
        "update": 0,
        "skip": 0,
        "invalid": len(bad_lines),
        "new_parents": _count_new_parents(rows, known),
    }
    for row in rows:
        row["action"] = _action(row, existing.get(row["code"]), known)
        counts[row["action"]] += 1
    problems.sort(key=lambda p: p["line"])
    return counts


def _refuse_codes_of_other_accounts(
    rows: list[dict], existing: dict[str | None, User], problems: list[dict]
) -> None:
    """A pupil code held by a non-pupil account cannot be imported onto."""
    for row in rows:
        user = existing.get(row["code"])
        if user is not None and user.role != Role.PUPIL:
            _add_problem(
                problems,
                row["line"],
                "code",
                _("Mã học sinh “%(code)s” đang thuộc một tài khoản không phải học sinh.")
                % {"code": row["code"]},
            )


@dataclass
class _KnownFamilies:
    """What the database already knows about the rows' pupils and parents."""

    class_of_pupil: dict[int, int]
    parent_by_phone: dict[str, int]
    parent_by_email: dict[str, int]
    links: set[tuple[int, int]]  # (pupil id, parent id)

    @classmethod
    def load(cls, rows: list[dict], *, pupil_ids: list[int]) -> "_KnownFamilies":
        """Three queries: this year's classes of the pupils, the parents the rows name, their links."""
        classes_now = dict(
            Enrolment.objects.filter(
                pupil_id__in=pupil_ids, school_class__year__is_current=True
            ).values_list("pupil_id", "school_class_id")
        )
        phones = {p["phone"] for row in rows for p in row["parents"] if p["phone"]}
        emails = {p["email"] for row in rows for p in row["parents"] if p["email"]}
        known_parents = list(
            User.objects.filter(role=Role.PARENT)
            .filter(Q(phone__in=phones) | Q(email__in=emails))
            .values_list("pk", "phone", "email")
        )
        links = set(
            Guardianship.objects.filter(pupil_id__in=pupil_ids).values_list("pupil_id", "parent_id")
        )
        return cls(
            class_of_pupil=classes_now,
            parent_by_phone={phone: pk for pk, phone, _email in known_parents if phone},
            parent_by_email={email.lower(): pk for pk, _phone, email in known_parents if email},
            links=links,
        )

    def parent_id(self, parent: dict) -> int | None:
        return self.parent_by_phone.get(parent["phone"]) or self.parent_by_email.get(
            parent["email"]
        )


def _count_new_parents(rows: list[dict], known: _KnownFamilies) -> int:
    """Parents the import will create: one per phone or e-mail, however many children."""
    count = 0
    new_parent_keys: set[str] = set()
    for row in rows:
        for parent in row["parents"]:
            if known.parent_id(parent) is not None:
                continue
            key = parent["phone"] or parent["email"]
            other = parent["email"] if parent["phone"] else ""
            if key not in new_parent_keys and other not in new_parent_keys:
                count += 1
            new_parent_keys.update(k for k in (key, other) if k)
    return count


def _action(row: dict, user: User | None, known: _KnownFamilies) -> str:
    """ "create" for a new pupil, "update" when the row changes anything about a known one."""
    if user is None:
        return "create"
    parent_ids = [known.parent_id(parent) for parent in row["parents"]]
    changed = (
        user.full_name != row["name"]
        or (user.date_of_birth.isoformat() if user.date_of_birth else "") != row["dob"]
        or (row["gender"] and user.gender != row["gender"])
        or known.class_of_pupil.get(user.pk) != row["class_id"]
        or not user.is_active
        or any(pk is None or (user.pk, pk) not in known.links for pk in parent_ids)
    )
    return "update" if changed else "skip"
