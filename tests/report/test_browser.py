"""The report in a real headless Chromium (Debian package ``chromium``).

``.ci/install-browser`` installs it in CI; without it these tests skip.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from evalkit.report.build import build_report
from tests.report.conftest import XSS_IMG, XSS_SCRIPT

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]
SCREENSHOT = REPO / "docs" / "img" / "report.png"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

sync_api = pytest.importorskip("playwright.sync_api", reason="python playwright not installed")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() and shutil.which("chromium") is None,
    reason="Chromium not installed (/usr/bin/chromium); run .ci/install-browser "
    "(apt-get install chromium) to run the browser tests",
)


@pytest.fixture(scope="module")
def report(pilot_scores, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser")
    plan = pd.DataFrame(
        {"n_clinicians": [5, 10, 15, 20, 25], "power": [0.2, 0.45, 0.63, 0.77, 0.86]}
    )
    return build_report(
        pilot_scores, out, lang="en", n_boot=100, plan=plan, figure_formats=("svg",)
    )


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        exe = str(CHROMIUM) if CHROMIUM.exists() else shutil.which("chromium")
        b = pw.chromium.launch(executable_path=exe, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser, report):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    events = {"console": [], "requests": [], "dialogs": []}
    pg.on("console", lambda m: events["console"].append((m.type, m.text)))
    pg.on("pageerror", lambda e: events["console"].append(("pageerror", str(e))))
    pg.on("dialog", lambda d: (events["dialogs"].append(d.message), d.dismiss()))

    def route(r):
        events["requests"].append(r.request.url)
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            r.abort()

    pg.route("**/*", route)
    pg.goto(report.as_uri())
    pg.wait_for_load_state("load")
    pg.events = events
    yield pg
    context.close()


def test_loads_without_console_errors_or_network(page):
    assert [e for e in page.events["console"] if e[0] in ("error", "pageerror")] == []
    urls = page.events["requests"]
    assert urls and all(u.startswith(("file:", "data:")) for u in urls), urls
    assert page.events["dialogs"] == []


def test_every_figure_is_present_and_decoded(page, report):
    import json

    expected = json.loads((report.parent / "manifest.json").read_text())["figures"]
    shown = page.eval_on_selector_all(
        "figure[data-figure]", "els => els.map(e => e.dataset.figure)"
    )
    assert shown == expected and len(shown) >= 9
    widths = page.eval_on_selector_all("figure img", "els => els.map(e => e.naturalWidth)")
    assert all(w > 0 for w in widths)


def test_xss_notes_render_as_text(page):
    assert page.events["dialogs"] == []
    assert page.locator("#notes img").count() == 0
    assert page.locator("#notes script").count() == 0
    drafts = " ".join(page.locator("pre.draft").all_inner_texts())
    finals = " ".join(page.locator("pre.final").all_inner_texts())
    assert XSS_SCRIPT in drafts
    assert XSS_IMG in finals


def test_viewer_filters_by_clinic_and_flag(page):
    total = page.locator("article.pair").count()
    assert total > 0
    page.select_option("#f-clinic", "B")
    visible = page.locator("article.pair:not(.hidden)")
    assert 0 < visible.count() < total
    assert set(visible.evaluate_all("els => els.map(e => e.dataset.clinic)")) == {"B"}
    assert page.inner_text("#n-shown") == str(visible.count())
    page.select_option("#f-clinic", "")
    page.select_option("#f-flag", "contradiction")
    flags = visible.evaluate_all("els => els.map(e => e.dataset.flags)")
    assert flags and all("contradiction" in f.split() for f in flags)
    page.select_option("#f-flag", "__none")
    flags = visible.evaluate_all("els => els.map(e => e.dataset.flags)")
    assert flags and all(f == "" for f in flags)


def test_flags_show_type_and_evidence_on_keyboard_focus(page):
    page.select_option("#f-flag", "contradiction")
    mark = page.locator("article.pair:not(.hidden) mark.flag").first
    tip = page.locator(f"#{mark.get_attribute('aria-describedby')}")
    assert not tip.is_visible()
    mark.focus()  # reached with Tab: marks have tabindex=0
    assert tip.is_visible()
    assert "contradiction" in tip.inner_text() and "critical" in tip.inner_text()
    page.keyboard.press("Tab")
    assert not tip.is_visible()
    term = page.locator("mark.term").first
    term.hover()
    assert "Missing term" in page.locator(f"#{term.get_attribute('aria-describedby')}").inner_text()


def test_keyboard_reaches_the_filters(page):
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "f-clinic":
            break
    assert page.evaluate("document.activeElement.id") == "f-clinic"


def test_screenshot_of_the_viewer(page, tmp_path):
    page.select_option("#f-flag", "contradiction")
    page.locator("article.pair:not(.hidden) mark.flag").first.focus()
    shot = tmp_path / "viewer.png"
    page.locator("article.pair:not(.hidden)").first.screenshot(path=str(shot))
    assert shot.read_bytes().startswith(b"\x89PNG")


@pytest.mark.slow
def test_demo_report_in_browser_and_readme_screenshot(browser, tmp_path):
    """The bundled Danish demo, end to end; saves the README screenshot on request."""
    from evalkit.datasets.demo import demo_path
    from evalkit.pipeline import read_report_input, report_notes

    notes_file = demo_path() / "notes.csv"
    frame, quarantine = read_report_input(notes_file)
    html = report_notes(
        frame,
        tmp_path,
        lang="da",
        n_boot=200,
        input_path=notes_file,
        quarantine=quarantine,
        figure_formats=("svg",),
    )
    context = browser.new_context(viewport={"width": 1100, "height": 1400})
    pg = context.new_page()
    errors, urls = [], []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.route(
        "**/*",
        lambda r: (
            urls.append(r.request.url),
            r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort(),
        ),
    )
    pg.goto(html.as_uri())
    assert errors == [] and all(u.startswith(("file:", "data:")) for u in urls)
    assert pg.locator("figure[data-figure]").count() >= 9
    # The README screenshot is refreshed only on request, so a test run leaves the tree clean:
    # EVALKIT_UPDATE_SCREENSHOT=1 python -m pytest tests/report/test_browser.py
    shot = SCREENSHOT if os.environ.get("EVALKIT_UPDATE_SCREENSHOT") else tmp_path / "report.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(shot), full_page=False)
    context.close()
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) < 600_000


def test_print_hides_controls(page):
    page.emulate_media(media="print")
    assert not page.locator(".controls").is_visible()
    assert page.locator("figure").first.is_visible()
