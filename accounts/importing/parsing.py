"""Reading an uploaded class list (CSV or XLSX) into rows of text, or one clear refusal.

Decisions:
- CSV must be UTF-8 (with or without BOM). Any other encoding is refused with
  the steps to save as "CSV UTF-8" in Excel: guessing between Windows-1258,
  Windows-1252 and VNI would silently corrupt names.
- XLSX cells holding a formula are refused (with the first cell named): the
  value cached in the file may be stale or missing when the file was not last
  saved by Excel, and a list of children must be exactly what the school sees.
- XLSX files whose XML declares a DTD are refused before openpyxl reads them
  (lib.ooxml): Excel never writes one, and its entities can expand a small file
  into hundreds of megabytes.
- Limits: ACCOUNTS_IMPORT_MAX_ROWS rows and ACCOUNTS_IMPORT_MAX_BYTES bytes.
"""

import csv
import datetime as dt
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from lib.ooxml import part_with_dtd
from lib.text import fold, strip_bidi_controls

# Canonical field -> header spellings (folded: no diacritics, lower case, words).
PUPIL_COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("ma hoc sinh", "ma hs", "ma dinh danh", "pupil code", "student code", "student id", "code"),
    "name": ("ho va ten", "ho ten", "ho va ten hoc sinh", "ho ten hoc sinh", "full name", "name", "pupil name", "student name"),
    "dob": ("ngay sinh", "ngay thang nam sinh", "date of birth", "birth date", "dob", "birthday"),
    "gender": ("gioi tinh", "gender", "sex"),
    "class": ("lop", "ten lop", "class", "class name"),
}  # fmt: skip
PARENT_PARTS: dict[str, tuple[str, ...]] = {
    "name": ("ho va ten", "ho ten", "ten", "full name", "name"),
    "relation": ("quan he", "moi quan he", "relation", "relationship"),
    "phone": ("so dien thoai", "dien thoai", "sdt", "phone", "phone number", "mobile"),
    "email": ("email", "e mail", "thu dien tu"),
}
PARENT_PREFIX = re.compile(r"^(?:phu huynh|parent|guardian|ph)\s*([12])\b\s*(.*)$")
REQUIRED = ("code", "name", "class")
MAX_PARENTS = 2

COLUMN_LABELS = {
    "code": "Mã học sinh",
    "name": "Họ và tên",
    "dob": "Ngày sinh",
    "gender": "Giới tính",
    "class": "Lớp",
}
PARENT_LABELS = {"name": "Họ tên", "relation": "Quan hệ", "phone": "Điện thoại", "email": "Email"}
_NON_WORD = re.compile(r"[^a-z0-9]+")


class ImportFileError(Exception):
    """The whole file is refused; the message is for the admin, in their language."""


@dataclass
class ParsedFile:
    rows: list[tuple[int, dict[str, object]]]  # (line number as the admin sees it, field -> value)
    headers: dict[str, str] = field(default_factory=dict)  # field -> header as written
    ignored_headers: list[str] = field(default_factory=list)


def template_headers() -> list[str]:
    """The header row of the downloadable template, in Vietnamese."""
    headers = [COLUMN_LABELS[key] for key in ("code", "name", "dob", "gender", "class")]
    for index in range(1, MAX_PARENTS + 1):
        headers += [f"Phụ huynh {index} - {PARENT_LABELS[part]}" for part in PARENT_LABELS]
    return headers


def column_label(key: str) -> str:
    if key.startswith("p") and key[1:2].isdigit():
        index, part = key[1], key.split("_", 1)[1]
        return f"Phụ huynh {index} - {PARENT_LABELS[part]}"
    return COLUMN_LABELS[key]


def _normalise_header(text: str) -> str:
    return _NON_WORD.sub(" ", fold(strip_bidi_controls(str(text or "")))).strip()


def match_header(header: str) -> str | None:
    """'Phụ huynh 1 - Số điện thoại' -> 'p1_phone'; 'Mã HS' -> 'code'; unknown -> None."""
    normal = _normalise_header(header)
    if not normal:
        return None
    parent = PARENT_PREFIX.match(normal)
    if parent:
        index, rest = parent.group(1), parent.group(2).strip()
        for part, spellings in PARENT_PARTS.items():
            if rest in spellings:
                return f"p{index}_{part}"
        return None
    for key, spellings in PUPIL_COLUMNS.items():
        if normal in spellings:
            return key
    return None


def _limits() -> tuple[int, int]:
    return settings.ACCOUNTS_IMPORT_MAX_ROWS, settings.ACCOUNTS_IMPORT_MAX_BYTES


def parse_upload(name: str, data: bytes) -> ParsedFile:
    """Read the upload or raise ImportFileError with the reason."""
    max_rows, max_bytes = _limits()
    lower = name.lower()
    if not data:
        raise ImportFileError(_("Tệp trống: không có dòng nào để nhập."))
    if len(data) > max_bytes:
        raise ImportFileError(
            _("Tệp quá lớn (%(size)s MB). Giới hạn là %(limit)s MB mỗi lần nhập.")
            % {"size": round(len(data) / 1048576, 1), "limit": max_bytes // 1048576}
        )
    if lower.endswith(".xls"):
        raise ImportFileError(
            _(
                "Tệp Excel 97-2003 (.xls) chưa được hỗ trợ. Trong Excel chọn Lưu thành › "
                "Sổ làm việc Excel (.xlsx) hoặc CSV UTF-8, rồi tải lên lại."
            )
        )
    if lower.endswith(".xlsx"):
        if not data.startswith(b"PK"):
            raise ImportFileError(
                _("Tệp “%(name)s” không phải tệp Excel .xlsx hợp lệ.") % {"name": name}
            )
        table = _read_xlsx(data, max_rows)
    elif lower.endswith((".csv", ".txt")):
        table = _read_csv(data, max_rows)
    else:
        raise ImportFileError(
            _("Chỉ nhận tệp CSV (.csv) hoặc Excel (.xlsx); “%(name)s” không phải loại này.")
            % {"name": name}
        )
    return _to_rows(table, max_rows)


def _read_csv(data: bytes, max_rows: int) -> list[tuple[int, list[object]]]:
    if b"\x00" in data[:4096]:
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise ImportFileError(
                _(
                    "Tệp CSV đang ở mã UTF-16 (Unicode Text). Trong Excel chọn Lưu thành › "
                    "CSV UTF-8 (phân cách bằng dấu phẩy), rồi tải lên lại."
                )
            )
        raise ImportFileError(_("Tệp không phải văn bản CSV. Chỉ nhận tệp CSV hoặc Excel (.xlsx)."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(
            _(
                "Tệp CSV không ở mã UTF-8 (lỗi ở dòng %(line)s), nên tên có dấu sẽ bị hỏng. "
                "Trong Excel chọn Lưu thành › CSV UTF-8 (phân cách bằng dấu phẩy), rồi tải lên lại."
            )
            % {"line": line}
        ) from None
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table: list[tuple[int, list[object]]] = []
    for row in reader:
        if len(table) > max_rows + 1:
            _too_many(reader.line_num, max_rows)
        table.append((reader.line_num, list(row)))
    return table


def _too_many(count: int, max_rows: int):
    raise ImportFileError(
        _(
            "Tệp có hơn %(limit)s dòng, vượt giới hạn mỗi lần nhập. "
            "Hãy chia danh sách thành nhiều tệp (ví dụ theo khối) rồi nhập lần lượt."
        )
        % {"limit": f"{max_rows:,}".replace(",", ".")}
    )


def _unreadable_xlsx() -> ImportFileError:
    return ImportFileError(_("Không đọc được tệp Excel: tệp hỏng hoặc không phải .xlsx."))


def _refuse_dtd(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            part = part_with_dtd(archive)
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, OSError, EOFError):
        raise _unreadable_xlsx() from None
    if part:
        raise ImportFileError(
            _(
                "Tệp Excel này chứa phần khai báo DOCTYPE/ENTITY mà Excel không bao giờ tạo ra, "
                "nên vì an toàn hệ thống không đọc nó. Hãy mở tệp trong Excel, chọn Lưu thành › "
                "Sổ làm việc Excel (.xlsx), rồi tải lên lại."
            )
        )


def _read_xlsx(data: bytes, max_rows: int) -> list[tuple[int, list[object]]]:
    from openpyxl import load_workbook

    _refuse_dtd(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError):
        # SyntaxError covers ElementTree's ParseError: a part that is not well-formed XML.
        raise _unreadable_xlsx() from None
    try:
        return _xlsx_table(workbook.worksheets[0], max_rows)
    except SyntaxError:
        raise _unreadable_xlsx() from None
    finally:
        workbook.close()


def _xlsx_table(sheet, max_rows: int) -> list[tuple[int, list[object]]]:
    if sheet.max_row and sheet.max_row > max_rows + 1:
        _too_many(sheet.max_row, max_rows)
    table = []
    for line, row in enumerate(sheet.iter_rows(), start=1):
        if line > max_rows + 1:
            _too_many(line, max_rows)
        values = []
        for cell in row:
            if getattr(cell, "data_type", None) == "f":
                raise ImportFileError(
                    _(
                        "Ô %(cell)s chứa công thức (%(formula)s). Tệp nhập chỉ được chứa giá trị: "
                        "hãy sao chép cả bảng rồi Dán đặc biệt › Giá trị, lưu lại và tải lên."
                    )
                    % {"cell": cell.coordinate, "formula": str(cell.value)[:40]}
                )
            values.append(cell.value)
        table.append((line, values))
    return table


def _cell_text(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    # A name with U+202E would display reversed wherever it is shown (lib.text).
    return strip_bidi_controls(str(value)).strip()


def _to_rows(table: list[tuple[int, list[object]]], max_rows: int) -> ParsedFile:
    # The header is the first non-empty row (schools often leave a title row above).
    header_at = next(
        (
            i
            for i, (_line, row) in enumerate(table)
            if sum(1 for v in row if match_header(str(v or ""))) >= 2
        ),
        None,
    )
    if header_at is None:
        if not any(any(str(v or "").strip() for v in row) for _line, row in table):
            raise ImportFileError(_("Tệp trống: không có dòng nào để nhập."))
        raise ImportFileError(
            _(
                "Không tìm thấy dòng tiêu đề. Dòng đầu cần có tên cột như “Mã học sinh”, "
                "“Họ và tên”, “Lớp” (xem tệp mẫu)."
            )
        )
    header_row = table[header_at][1]
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    ignored: list[str] = []
    for position, raw in enumerate(header_row):
        key = match_header(str(raw or ""))
        if key and key not in positions:
            positions[key] = position
            headers[key] = strip_bidi_controls(str(raw)).strip()
        elif str(raw or "").strip():
            ignored.append(strip_bidi_controls(str(raw)).strip())
    missing = [COLUMN_LABELS[key] for key in REQUIRED if key not in positions]
    if missing:
        raise ImportFileError(
            _("Thiếu cột bắt buộc: %(columns)s (xem tệp mẫu).") % {"columns": ", ".join(missing)}
        )
    rows = []
    for line, raw_row in table[header_at + 1 :]:
        values = {
            key: _cell_text(raw_row[position]) if position < len(raw_row) else ""
            for key, position in positions.items()
        }
        if not any(str(v).strip() for v in values.values()):
            continue  # blank lines between classes are common
        rows.append((line, values))
    if not rows:
        raise ImportFileError(_("Tệp chỉ có dòng tiêu đề, không có học sinh nào."))
    if len(rows) > max_rows:
        _too_many(len(rows), max_rows)
    return ParsedFile(rows=rows, headers=headers, ignored_headers=ignored)
