"""The browser half of the production smoke test (.ci/smoke): Chromium, driven by Playwright, logs in
to the stack that deploy/run.sh started (gunicorn over HTTPS, DEBUG=False, Celery worker on Redis) with a
real TOTP code, opens a person, has the worker render the report PDF and downloads it, while checking
that the security headers, the secure cookies and the hashed static files are in force.

Environment: SMOKE_URL, SMOKE_USERNAME, SMOKE_PASSWORD, SMOKE_TOTP_SECRET, SMOKE_PERSONNE (a pk),
SMOKE_NOM (the person's last name), SMOKE_DOWNLOAD (where to save the PDF), CHROMIUM_PATH.
"""

import base64
import datetime
import hashlib
import hmac
import os
import re
import struct
import sys
import time
from urllib.parse import urlparse

from playwright.sync_api import sync_playwright

URL = os.environ["SMOKE_URL"].rstrip("/")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


def totp(secret: str) -> str:
    """RFC 6238 code of the current 30-second period (what an authenticator app shows)."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def check(condition: bool, what: str) -> None:
    if not condition:
        sys.exit(f"smoke: FAILED: {what}")
    print(f"smoke: ok: {what}")


def main() -> None:
    problems: list[str] = []
    documents = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
                                    args=CHROMIUM_ARGS)  # fmt: skip
        # The certificate is a throwaway self-signed one: trust it for this context only.
        context = browser.new_context(ignore_https_errors=True, accept_downloads=True)
        page = context.new_page()
        page.set_default_timeout(30_000)
        host = urlparse(URL).hostname
        page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
        page.on("request", lambda r: urlparse(r.url).hostname not in (host, None) and problems.append(r.url))
        page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status} {r.url}"))
        page.on("response", lambda r: r.request.resource_type == "document" and documents.append(r))

        # Password, then the second factor (a code typed as the period ends is refused: type the next one).
        page.goto(f"{URL}/")
        check(page.url.startswith(f"{URL}/comptes/login/"), "anonymous visitor sent to the login page")
        page.fill("input[name=login]", os.environ["SMOKE_USERNAME"])
        page.fill("input[name=password]", os.environ["SMOKE_PASSWORD"])
        page.locator("main form button[type=submit]").first.click()
        page.locator("input[name=code]").wait_for()
        for _attempt in range(2):
            page.fill("input[name=code]", totp(os.environ["SMOKE_TOTP_SECRET"]))
            page.locator("main form button[type=submit]").first.click()
            page.wait_for_load_state()
            if page.url == f"{URL}/":
                break
            problems.clear()  # the refused code's 4xx answer, if any
        check(page.url == f"{URL}/", "logged in with password and TOTP code")

        # Security headers and cookies, as the production settings set them.
        headers = documents[-1].all_headers()
        csp = headers.get("content-security-policy", "")
        check("default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe" not in csp,
              f"Content-Security-Policy: {csp}")  # fmt: skip
        check(headers.get("strict-transport-security", "").startswith("max-age="), "HSTS header")
        check(headers.get("x-frame-options") == "DENY", "X-Frame-Options: DENY")
        cookies = {c["name"]: c for c in context.cookies()}
        check({"sessionid", "csrftoken"} <= set(cookies), "session and CSRF cookies set")
        check(all(c["secure"] for c in cookies.values()), "every cookie has the Secure flag")
        check(cookies["sessionid"]["httpOnly"], "the session cookie is HttpOnly")
        stylesheets = page.eval_on_selector_all("link[rel=stylesheet]", "links => links.map(l => l.href)")
        check(bool(stylesheets) and all(re.search(r"\.[0-9a-f]{12}\.css$", s) for s in stylesheets),
              f"hashed static files served by WhiteNoise ({len(stylesheets)} stylesheets)")  # fmt: skip

        # A person's page.
        page.goto(f"{URL}/file-active/personnes/{os.environ['SMOKE_PERSONNE']}/")
        check(os.environ["SMOKE_NOM"].upper() in page.locator("h1").inner_text().upper(), "person page opened")

        # The report PDF, rendered by the Celery worker, then downloaded.
        annee = datetime.datetime.now(datetime.UTC).year - 1  # always listed (the last three years are)
        page.goto(f"{URL}/rapports/{annee}/")
        page.locator("#id_langue").select_option("fr")
        page.locator("#form-pdf button[type=submit]").click()
        page.wait_for_url(re.compile(r".*/rapports/pdf/\d+/$"))
        page.locator("#telecharger").wait_for(timeout=120_000)
        with page.expect_download() as attente:
            page.locator("#telecharger").click()
        fichier = os.environ["SMOKE_DOWNLOAD"]
        attente.value.save_as(fichier)
        with open(fichier, "rb") as f:
            check(f.read(5) == b"%PDF-", f"report PDF {annee} downloaded ({os.path.getsize(fichier)} bytes)")

        check(not problems, f"no console error, CSP violation, failed or outside request {problems}")
        browser.close()


if __name__ == "__main__":
    main()
