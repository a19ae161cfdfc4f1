"""An imported name cannot be made to display reversed (U+202E and the other bidi controls)."""

from accounts.importing import prepare_import
from accounts.models import ImportStatus

from .helpers import HEADERS_VI, csv_bytes, row, upload, xlsx_bytes


def test_imported_names_and_headers_lose_their_bidi_controls(personas):
    headers = ["\u202e" + HEADERS_VI[0], *HEADERS_VI[1:]]
    for name, data in (
        ("lop.csv", csv_bytes([row("HS1", "Nguyễn \u202eThị\u202c An")], headers)),
        ("lop.xlsx", xlsx_bytes([row("HS1", "Nguyễn \u202eThị\u202c An")], headers)),
    ):
        job = prepare_import(upload=upload(name, data), by=personas.admin)
        assert job.status == ImportStatus.PREVIEW, job.error
        assert job.batch["rows"][0]["name"] == "Nguyễn Thị An"
