"""Building class-list files for the import tests."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from accounts.importing.parsing import template_headers

HEADERS_VI = template_headers()
HEADERS_EN = [
    "Pupil code", "Full name", "Date of birth", "Gender", "Class",
    "Parent 1 name", "Parent 1 relation", "Parent 1 phone", "Parent 1 email",
    "Parent 2 name", "Parent 2 relation", "Parent 2 phone", "Parent 2 email",
]  # fmt: skip


def row(
    code, name, klass="5A", dob="05/09/2016", gender="Nữ", p1=("", "", "", ""), p2=("", "", "", "")
):
    return [code, name, dob, gender, klass, *p1, *p2]


def csv_bytes(rows, headers=HEADERS_VI, *, bom=True, encoding="utf-8", delimiter=","):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    text = buffer.getvalue()
    data = text.encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom and encoding == "utf-8" else data


def xlsx_bytes(rows, headers=HEADERS_VI, *, formula_at=None):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for values in rows:
        sheet.append(values)
    if formula_at:
        sheet[formula_at] = "=CONCATENATE(B2, B3)"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(name, data, content_type="text/csv"):
    return SimpleUploadedFile(name, data, content_type=content_type)
