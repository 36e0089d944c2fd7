"""What the role walks in a browser share: logging in as a demo login, keeping a screenshot
for the guides (build/screenshots/<role>/), and checking a page does not scroll sideways."""

from pathlib import Path

from dangbo.demo.users import DEMO_PASSWORD

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def log_in(page, url, username, password=DEMO_PASSWORD):
    page.context.clear_cookies()
    page.goto(f"{url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/admin/")


def shot(page, role, name, width=None, *, full_page=True):
    """build/screenshots/<role>/<name>.png, or <name>-<width>.png for one of the widths."""
    folder = SHOTS / role
    folder.mkdir(parents=True, exist_ok=True)
    file = f"{name}-{width}.png" if width else f"{name}.png"
    page.screenshot(path=str(folder / file), full_page=full_page)


def fits(page, width=None):
    """The page is no wider than `width` (the window's width when not given)."""
    width = width or page.evaluate("window.innerWidth")
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= width, f"{page.url} at {width} px scrolls sideways ({wide} px)"
