"""The head teacher opens the year report on a phone, sees the charts, and prints it:
the print is A4 pages without the site's header, with the letterhead as in Word.

Uses the shared `browser_page` and `login` fixtures of tests/browser/conftest.py.
"""

from accounts.models import SchoolSettings

from ..reports.world import build_school


def test_the_year_report_reads_on_a_phone_and_prints_as_a4_like_the_word_file(
    transactional_db, personas, live_server, browser_page, login, tmp_path
):
    build_school(personas, n_classes=5, per_class=6)
    SchoolSettings.objects.update_or_create(pk=1, defaults={"managing_body": "Phòng GD&ĐT quận Hoa Sen", "signer_name": "Nguyễn Thị Hiền"})  # fmt: skip
    page = browser_page
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    login(personas.admin.username)
    page.goto("/bao-cao/?kind=hk1")
    charts = page.locator("img.report-chart")
    assert charts.count() >= 8
    # Every chart is drawn (an <img> of our own SVG) and fits the 360 px screen.
    for n in range(charts.count()):
        box = charts.nth(n).bounding_box()
        assert box and 200 <= box["width"] <= 360
        assert charts.nth(n).evaluate("img => img.naturalWidth") > 0
    assert page.get_by_role("table").count() >= 10  # the figures behind each chart
    page.emulate_media(media="print")
    assert not page.locator("header.site-header").is_visible()
    assert not page.get_by_role("button", name="Phát hành").is_visible()
    assert page.get_by_text("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM").is_visible()
    assert page.get_by_text("Nguyễn Thị Hiền").is_visible()
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") > 2
    assert page.problems == []
