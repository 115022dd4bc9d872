"""Second-factor set-up and verification (TOTP via django-otp)."""

from __future__ import annotations

from base64 import b32encode

import segno
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from familienbuero.accounts.models import User


class TokenRejected(Exception):
    """The code was wrong, expired, or too many wrong codes were entered recently."""


def confirmed_devices(user: User) -> list[TOTPDevice]:
    return list(TOTPDevice.objects.filter(user=user, confirmed=True))


def pending_device(user: User) -> TOTPDevice:
    """The unconfirmed authenticator being set up (created on first call, reused afterwards)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)
    return device


def device_secret(device: TOTPDevice) -> str:
    """The secret in base32, grouped in fours, for typing into an authenticator app by hand."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def device_qr_svg(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_inline(scale=4, title="otpauth")


def _check(device: TOTPDevice, token: str) -> bool:
    allowed, _info = device.verify_is_allowed()
    return bool(allowed and device.verify_token(token))


def verify_second_factor(*, request: HttpRequest, user: User, token: str) -> TOTPDevice:
    """Marks the session as verified with the device the token belongs to."""
    for device in confirmed_devices(user):
        if _check(device, token):
            otp_login(request, device)
            return device
    raise TokenRejected


def confirm_new_device(*, request: HttpRequest, user: User, token: str) -> TOTPDevice:
    """Confirms the pending authenticator with its first code and verifies the session."""
    device = pending_device(user)
    if not _check(device, token):
        raise TokenRejected
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    otp_login(request, device)
    return device
