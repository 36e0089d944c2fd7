"""What the role walks in a browser share: logging in as a demo login, keeping a screenshot
for the guides (build/screenshots/<role>/), and checking a page does not scroll sideways."""

from pathlib import Path

from dangbo.demo.users import DEMO_PASSWORD

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def log_in(page, url, username):
    page.context.clear_cookies()
    page.goto(f"{url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/admin/")


def shot(page, role, name):
    folder = SHOTS / role
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def fits(page, width):
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= width, f"{page.url} at {width} px scrolls sideways ({wide} px)"
