"""The foundation seen through a real browser: login with 2FA, home, language switch, logout."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_with_second_factor_home_language_switch_and_logout(login_page, live_server):
    page, user = login_page("Direction")
    # French by default.
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Bonjour")
    page.get_by_role("button", name="EN", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Hello")
    page.locator("#menu-compte").click()
    page.locator("#deconnexion").click()
    page.wait_for_url(f"{live_server.url}/comptes/login/**")
    # Logged out: the home page sends back to the login form.
    page.goto(f"{live_server.url}/")
    assert "/comptes/login/" in page.url


def test_administrator_manages_accounts_in_the_admin_under_the_csp(login_page, live_server):
    page, user = login_page("Administrateur")
    page.goto(f"{live_server.url}/admin/auth/user/")
    assert page.locator("#result_list").is_visible()
    page.goto(f"{live_server.url}/admin/auth/user/{user.pk}/change/")
    assert page.locator("select[name=groups]").count() == 1 or page.locator("#id_groups_from").count() == 1
