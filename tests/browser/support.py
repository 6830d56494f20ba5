"""What the browser tests share: Debian's Chromium, viewports, screenshots."""

from pathlib import Path

from django.conf import settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def shoot(page, name: str) -> None:
    """Keep a screenshot as a test artefact (test-artifacts/screenshots/)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


# Keys of the authenticator apps set up by sign_in_to_admin: (site, username) -> secret.
_APP_KEYS: dict[tuple[str, str], str] = {}


def app_code(secret: str, *, steps_ahead: int = 0) -> str:
    """The 6-digit code an authenticator app shows for this base32 key (RFC 6238)."""
    import time
    from base64 import b32decode

    from django_otp.oath import TOTP

    key = b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    clock = TOTP(key)
    clock.time = time.time() + steps_ahead * 30
    return f"{clock.token():06d}"


def sign_in_to_admin(page, site: str, username: str, password: str) -> None:
    """Sign in to the admin as a person does: the password, then the second factor
    (portal/twofactor). An account that must set it up does so from the key shown on the
    page; one set up earlier here enters its code (of the next 30-second step: a code is
    used once)."""
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    if "/xac-thuc-hai-buoc/thiet-lap/" in page.url:
        secret = page.get_attribute("#twofactor-secret", "data-secret")
        _APP_KEYS[(site, username)] = secret
        page.fill("#id_code", app_code(secret))
        page.click("form[action$='thiet-lap/'] button[type=submit]")
        page.click("#twofactor-continue")
    elif "/xac-thuc-hai-buoc/nhap-ma/" in page.url:
        page.fill("#id_code", app_code(_APP_KEYS[(site, username)], steps_ahead=1))
        page.click("form[action$='nhap-ma/'] button[type=submit]")
    page.wait_for_url(f"{site}/admin/")
