"""Logging in as a demo staff member in the browser: password, then the second factor."""

from __future__ import annotations

import re


def log_in(page, username: str) -> None:
    from django_otp.oath import totp

    from familienbuero.accounts.demo import DEMO_PASSWORD, demo_totp_key

    page.context.clear_cookies()
    page.goto("/konto/anmelden/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")
    page.fill("input[name=token]", f"{totp(bytes.fromhex(demo_totp_key(username))):06d}")
    with page.expect_navigation():
        page.press("input[name=token]", "Enter")
    page.wait_for_url(re.compile(r"/intern/$"))
