"""What only a browser shows: the home page on a phone, CSP, no foreign requests."""

import pytest

from ..personas import PASSWORD


@pytest.mark.django_db(transaction=True)
def test_parent_logs_in_on_a_phone_and_sees_their_name(personas, browser_page, login):
    page = login(personas.parent_an.username)
    page.goto("/")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "vi"
    # On a 360 px screen the menu is collapsed behind the toggler.
    toggler = page.locator(".navbar-toggler")
    assert toggler.is_visible()
    toggler.click()
    assert page.get_by_text("Nguyễn Thị Bích").first.is_visible()
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.problems == []


@pytest.mark.django_db(transaction=True)
def test_visitor_home_page_has_school_name_and_footer_contacts_on_desktop(
    personas, chromium, live_server
):
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, base_url=live_server.url
    )
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto("/")
    assert page.locator(".school-name").inner_text() == "Trường Tiểu học Hoa Sen"
    assert "024 3333 6666" in page.locator("footer").inner_text()
    assert page.get_by_role("link", name="Đăng nhập").is_visible()
    assert errors == []
    context.close()


@pytest.mark.django_db(transaction=True)
def test_inline_script_without_nonce_is_blocked_by_csp(personas, browser_page):
    page = browser_page
    page.goto("/")
    # A script injected the way an XSS would be is refused by the policy.
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__pwned = 1'; document.body.appendChild(s); }"
    )
    assert page.evaluate("window.__pwned === undefined")
    assert any("Content Security Policy" in problem for problem in page.problems)


@pytest.mark.django_db(transaction=True)
def test_language_switch_to_english_and_back(personas, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Log in").is_visible()
    page.get_by_role("button", name="Tiếng Việt").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.problems == []


@pytest.mark.django_db(transaction=True)
def test_school_issued_account_must_change_password_first(personas, browser_page, login):
    pupil = personas.pupil_binh
    pupil.must_change_password = True
    pupil.save(update_fields=["must_change_password"])
    page = login(pupil.username)
    assert "/tai-khoan/password/change/" in page.url
    page.goto("/")
    assert "/tai-khoan/password/change/" in page.url
    page.fill("input[name=oldpassword]", PASSWORD)
    page.fill("input[name=password1]", "Hoa-sen-xanh-2027")
    page.fill("input[name=password2]", "Hoa-sen-xanh-2027")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    page.goto("/")
    assert "/tai-khoan/password/change/" not in page.url
    assert page.problems == []
