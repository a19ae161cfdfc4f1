"""Browser journey: an admin imports a class list — preview, confirm, live progress, slips.

Uses the shared fixtures (tests/browser/conftest.py): `browser_page` (a Playwright
page on the live server that records console errors, CSP violations and
requests to other origins in `page.problems`) and `login(username)`.
"""

import pytest

from accounts.models import User

from ..accounts.helpers import csv_bytes, row

pytestmark = pytest.mark.django_db(transaction=True)


def test_import_preview_confirm_progress_then_print_slips(personas, browser_page, login, tmp_path):
    page = browser_page
    rows = [
        row(
            f"HSB{i:03d}",
            f"Trần Thị Mai {chr(65 + i % 26)}",
            "5A",
            p1=(f"Trần Văn Hùng {i // 2}", "Bố", f"0977{i // 2:06d}", ""),
        )
        for i in range(40)
    ]
    rows.append(row("HSB999", "Lớp Lạ", "9Z"))
    path = tmp_path / "lop-5a.csv"
    path.write_bytes(csv_bytes(rows))

    login(personas.admin.username)
    page.goto("/nguoi-dung/nhap-danh-sach/")
    page.set_input_files("input[name=file]", str(path))
    page.click("main form.card button[type=submit]")

    counts = page.locator("[data-testid=import-counts]")
    counts.wait_for()
    assert "40 học sinh mới" in counts.inner_text()
    assert "Không có lớp “9Z”" in page.locator("[data-testid=import-problems]").inner_text()
    assert not User.objects.filter(pupil_code="HSB000").exists()  # nothing written yet

    page.click("[data-testid=import-confirm]")
    page.locator("[data-testid=import-progress]").wait_for()
    summary = page.locator("[data-testid=import-summary]")
    summary.wait_for(timeout=30_000)  # htmx polling reloads the page when the task is done
    assert "40 học sinh mới" in summary.inner_text()
    assert "20 tài khoản phụ huynh mới" in summary.inner_text()

    page.click("main a:has-text('5A')")
    page.locator("[data-testid=slip]").first.wait_for()
    # 40 new pupils and 20 new parents of 5A have a password to hand out.
    assert page.locator("[data-testid=slip]").count() == 60
    assert not page.problems, page.problems
