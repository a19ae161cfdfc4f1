"""A class list whose XML declares a DTD is refused before openpyxl reads it.

Files are real XLSX written by openpyxl, then one part is rewritten the way an
attacker would: a DOCTYPE with entities, used in a cell.
"""

import io
import zipfile

import pytest

from accounts.models import ImportJob, ImportStatus, User

from .helpers import row, upload, xlsx_bytes

SHEET = "xl/worksheets/sheet1.xml"
REFUSED = "DOCTYPE/ENTITY"


def _rewrite(data: bytes, member: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info)
            target.writestr(info, change(body) if info.filename == member else body)
    return out.getvalue()


def _with_entities(levels: int, width: int, *, member: str = SHEET, encoding: str = "utf-8"):
    """A DOCTYPE whose last entity expands to 100 × width^(levels-1) characters,
    used in place of the pupil's name "An"."""

    def change(body: bytes) -> bytes:
        text = body.decode()
        if text.startswith("<?xml"):
            text = text[text.index("?>") + 2 :]
        root = text.lstrip().split()[0].lstrip("<")
        entities = ['<!ENTITY e0 "' + "x" * 100 + '">']
        entities += [f'<!ENTITY e{i} "' + f"&e{i - 1};" * width + '">' for i in range(1, levels)]
        text = f"<!DOCTYPE {root} [{''.join(entities)}]>" + text
        text = text.replace(">An<", f">&e{levels - 1};<", 1)
        declaration = f'<?xml version="1.0" encoding="{encoding}"?>'
        return (declaration + text).encode(encoding)

    return _rewrite(xlsx_bytes([row("HS1", "An")]), member, change)


def _prepare(personas, data):
    from accounts.importing import prepare_import

    return prepare_import(upload=upload("lop.xlsx", data), by=personas.admin)


def test_a_small_harmless_entity_is_refused_not_expanded(personas):
    job = _prepare(personas, _with_entities(levels=2, width=3))
    assert job.status == ImportStatus.INVALID
    assert REFUSED in job.error and "Lưu thành" in job.error
    assert not job.file  # a refused file is not kept


def test_an_entity_bomb_gets_the_same_message_instead_of_a_server_error(personas):
    # 100 × 10^7 characters once expanded: a gigabyte from a 5 KB file.
    job = _prepare(personas, _with_entities(levels=8, width=10))
    assert job.status == ImportStatus.INVALID and REFUSED in job.error


@pytest.mark.parametrize(
    ("member", "encoding"),
    [("[Content_Types].xml", "utf-8"), ("xl/workbook.xml", "utf-8"), (SHEET, "utf-16")],
)
def test_a_dtd_in_any_part_and_any_encoding_is_found(personas, member, encoding):
    job = _prepare(personas, _with_entities(levels=2, width=2, member=member, encoding=encoding))
    assert job.status == ImportStatus.INVALID and REFUSED in job.error


def test_a_part_that_is_not_well_formed_xml_is_a_clear_refusal(personas):
    data = _rewrite(xlsx_bytes([row("HS1", "An")]), SHEET, lambda body: body[:-40])
    job = _prepare(personas, data)
    assert job.status == ImportStatus.INVALID
    assert "Không đọc được tệp Excel" in job.error


def test_an_ordinary_workbook_still_imports(personas):
    job = _prepare(personas, xlsx_bytes([row("HS1", "Nguyễn Thị An")]))
    assert job.status == ImportStatus.PREVIEW
    assert job.batch["rows"][0]["name"] == "Nguyễn Thị An"


def test_the_admin_sees_the_refusal_on_the_import_page(personas, client_for):
    client = client_for("admin")
    users = User.objects.count()
    response = client.post(
        "/nguoi-dung/nhap-danh-sach/",
        {"file": upload("lop.xlsx", _with_entities(levels=8, width=10))},
    )
    assert response.status_code == 302
    job = ImportJob.objects.get()
    page = client.get(f"/nguoi-dung/nhap-danh-sach/{job.pk}/").content.decode()
    assert REFUSED in page
    assert User.objects.count() == users
