"""Checking parsed rows against the rules and the database, and planning what will change.

The result is JSON-ready (it is stored on the ImportJob until the admin confirms):
    {"rows": [clean row…], "problems": [{"line", "column", "message"}…],
     "counts": {"create": n, "update": n, "skip": n, "invalid": n, "new_parents": n}}
"""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lib.text import fold

from ..models import Gender, Relation, Role, SchoolClass, User
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
    today = timezone.localdate()

    def problem(line: int, key: str, message: str) -> None:
        problems.append({"line": line, "column": column_label(key), "message": message})

    for line, values in parsed.rows:
        before = len(problems)
        code = str(values.get("code", "")).strip().upper()
        name = " ".join(str(values.get("name", "")).split())
        class_name = str(values.get("class", "")).strip().upper().replace(" ", "")
        if not code:
            problem(line, "code", _("Thiếu mã học sinh."))
        elif len(code) > 30:
            problem(line, "code", _("Mã học sinh dài quá 30 ký tự."))
        elif code in seen_codes:
            problem(
                line,
                "code",
                _("Mã học sinh “%(code)s” trùng với dòng %(other)s trong tệp.")
                % {"code": code, "other": seen_codes[code]},
            )
        if not name:
            problem(line, "name", _("Thiếu họ và tên học sinh."))
        elif len(name) > 150:
            problem(line, "name", _("Họ và tên dài quá 150 ký tự."))
        if not class_name:
            problem(line, "class", _("Thiếu lớp."))
        elif class_name not in classes:
            problem(
                line,
                "class",
                _("Không có lớp “%(name)s” trong năm học hiện tại.") % {"name": class_name},
            )
        dob = None
        raw_dob = values.get("dob", "")
        if raw_dob not in ("", None):
            dob = parse_date(raw_dob)
            if dob is None:
                problem(
                    line,
                    "dob",
                    _(
                        "Ngày sinh “%(value)s” không hợp lệ (cần dạng ngày/tháng/năm, ví dụ 05/09/2019)."
                    )
                    % {"value": raw_dob},
                )
            elif not (today.year - 25 <= dob.year <= today.year - 3):
                problem(
                    line,
                    "dob",
                    _("Ngày sinh %(value)s không hợp lý với một học sinh.")
                    % {"value": dob.strftime("%d/%m/%Y")},
                )
                dob = None
        gender = ""
        raw_gender = str(values.get("gender", "")).strip()
        if raw_gender:
            gender = GENDERS.get(fold(raw_gender), "")
            if not gender:
                problem(
                    line,
                    "gender",
                    _("Giới tính “%(value)s” không rõ (ghi Nam hoặc Nữ).") % {"value": raw_gender},
                )
        parents = []
        for index in range(1, MAX_PARENTS + 1):
            parent = _clean_parent(values, index, line, problem)
            if parent:
                parents.append(parent)
        if code and code not in seen_codes:
            seen_codes[code] = line
        if len(problems) > before:
            continue
        clean_rows.append(
            {
                "line": line,
                "code": code,
                "name": name,
                "dob": dob.isoformat() if dob else "",
                "gender": gender,
                "class_id": classes[class_name],
                "class_name": class_name,
                "parents": parents,
            }
        )
    counts = _plan(clean_rows, problems)
    return {"rows": clean_rows, "problems": problems, "counts": counts}


def _clean_parent(values: dict, index: int, line: int, problem) -> dict | None:
    prefix = f"p{index}_"
    name = " ".join(str(values.get(prefix + "name", "")).split())
    raw_phone = str(values.get(prefix + "phone", "")).strip()
    email = str(values.get(prefix + "email", "")).strip().lower()
    raw_relation = str(values.get(prefix + "relation", "")).strip()
    if not (name or raw_phone or email or raw_relation):
        return None
    ok = True
    if not name:
        problem(line, prefix + "name", _("Thiếu họ tên phụ huynh %(n)s.") % {"n": index})
        ok = False
    phone = ""
    if raw_phone:
        phone = normalise_phone(raw_phone) or ""
        if not phone:
            problem(
                line,
                prefix + "phone",
                _("Số điện thoại “%(value)s” không hợp lệ (cần 10 chữ số, ví dụ 0912345678).")
                % {"value": raw_phone},
            )
            ok = False
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problem(
                line, prefix + "email", _("E-mail “%(value)s” không hợp lệ.") % {"value": email}
            )
            ok = False
    if ok and not (phone or email):
        problem(
            line,
            prefix + "phone",
            _("Phụ huynh %(n)s cần số điện thoại hoặc e-mail để nhận ra khi có nhiều con.")
            % {"n": index},
        )
        ok = False
    relation = Relation.GUARDIAN
    if raw_relation:
        relation = RELATION_EXACT.get(raw_relation.lower()) or RELATIONS.get(fold(raw_relation), "")
        if not relation:
            problem(
                line,
                prefix + "relation",
                _("Quan hệ “%(value)s” không rõ (Bố, Mẹ, Ông, Bà hoặc Người giám hộ).")
                % {"value": raw_relation},
            )
            ok = False
    if not ok:
        return None
    return {"name": name, "phone": phone, "email": email, "relation": str(relation)}


def _plan(rows: list[dict], problems: list[dict]) -> dict:
    """Mark each clean row create / update / skip, and count parents that will be new."""
    codes = [row["code"] for row in rows]
    existing = {
        user.pupil_code: user
        for user in User.objects.filter(pupil_code__in=codes).only(
            "pk", "pupil_code", "full_name", "date_of_birth", "gender", "role", "is_active"
        )
    }
    # A pupil code held by a non-pupil account cannot be imported onto.
    for row in rows:
        user = existing.get(row["code"])
        if user is not None and user.role != Role.PUPIL:
            problems.append(
                {
                    "line": row["line"],
                    "column": column_label("code"),
                    "message": _(
                        "Mã học sinh “%(code)s” đang thuộc một tài khoản không phải học sinh."
                    )
                    % {"code": row["code"]},
                }
            )
    bad_lines = {p["line"] for p in problems}
    rows[:] = [row for row in rows if row["line"] not in bad_lines]
    pupil_ids = [user.pk for user in existing.values()]
    from ..models import Enrolment, Guardianship

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
    parent_by_phone = {phone: pk for pk, phone, _email in known_parents if phone}
    parent_by_email = {email.lower(): pk for pk, _phone, email in known_parents if email}
    links = set(
        Guardianship.objects.filter(pupil_id__in=pupil_ids).values_list("pupil_id", "parent_id")
    )
    counts = {"create": 0, "update": 0, "skip": 0, "invalid": len(bad_lines), "new_parents": 0}
    new_parent_keys: set[str] = set()
    for row in rows:
        user = existing.get(row["code"])
        parent_ids = []
        for parent in row["parents"]:
            pk = parent_by_phone.get(parent["phone"]) or parent_by_email.get(parent["email"])
            parent_ids.append(pk)
            if pk is None:
                key = parent["phone"] or parent["email"]
                other = parent["email"] if parent["phone"] else ""
                if key not in new_parent_keys and other not in new_parent_keys:
                    counts["new_parents"] += 1
                new_parent_keys.update(k for k in (key, other) if k)
        if user is None:
            row["action"] = "create"
        else:
            changed = (
                user.full_name != row["name"]
                or (user.date_of_birth.isoformat() if user.date_of_birth else "") != row["dob"]
                or (row["gender"] and user.gender != row["gender"])
                or classes_now.get(user.pk) != row["class_id"]
                or not user.is_active
                or any(pk is None or (user.pk, pk) not in links for pk in parent_ids)
            )
            row["action"] = "update" if changed else "skip"
        counts[row["action"]] += 1
    problems.sort(key=lambda p: p["line"])
    return counts
