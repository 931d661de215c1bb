"""Accessibility of the served interface, in Debian's Chromium (Playwright with executable_path, never a downloaded
browser) against a real Gradio server on 127.0.0.1 with the shipped corpus and the admin view enabled:

- axe-core (axe-playwright-python), WCAG 2.0/2.1 A and AA rules, finds no violation on any tab, in French and in
  English, with content shown (an answer and its sources, the directory's results and map, the support-fit result,
  the commitments, the evaluation report, the unlocked administration panel);
- keyboard only (page.keyboard: Tab, Shift+Tab, Enter, Space, arrows, typing): ask a question and get the answer,
  search the directory and get results, fill the support-fit form and get its result.
"""

from __future__ import annotations

import pytest

from tests.support.web import start_app as start

pytestmark = pytest.mark.slow
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "axe-admin-secret"
TABS = {"fr": ["Discussion", "Annuaire", "Quel soutien?", "Engagements", "Évaluation", "Administration"],
        "en": ["Chat", "Directory", "Which support?", "Commitments", "Evaluation", "Administration"]}


@pytest.fixture(scope="module")
def server(shipped_store, tmp_path_factory):
    """The shipped store served with the Administration view enabled (its data folder in a temporary one)."""
    settings = shipped_store.model_copy(update={"admin_password": PASSWORD,
                                                "data_dir": tmp_path_factory.mktemp("a11y-data")})
    app, url = start(settings)
    yield url
    app.close()


def violations(page) -> list[str]:
    """axe-core's WCAG A/AA violations on the page as it is, one line per rule with its elements."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    return [f"{v['id']} ({v['impact']}): " + "; ".join(f"{n['target']} {n.get('failureSummary', '')[:160]!r}"
                                                     for n in v["nodes"][:5])
            for v in result.response["violations"]]


IDLE = ("!document.querySelector('[data-testid=status-tracker]:not(.hide)')"
        " && !document.querySelector('.pending')")


def idle(page):
    """No Gradio event pending, and still none a moment later: a pending output is drawn at 20 % opacity, which axe
    reads as low contrast, and an output can turn pending again just after its tracker hides (CI saw it once)."""
    for _ in range(3):
        page.wait_for_function(IDLE, timeout=30_000)
        page.wait_for_timeout(250)
    page.wait_for_function(IDLE, timeout=30_000)


def wait_for(page, script: str):
    page.wait_for_function(script, timeout=60_000)
    idle(page)


def test_every_tab_in_both_languages_has_no_axe_violation(browser, server):
    found = {}
    for lang, names in TABS.items():
        page = browser.new_page(viewport={"width": 1300, "height": 950})
        page.goto(server + ("?lang=en" if lang == "en" else ""))
        page.get_by_role("tab", name=names[0], exact=True).wait_for(timeout=60_000)
        wait_for(page, f"document.documentElement.lang === {lang!r}")
        # Chat, with an answer and its sources shown.
        question = {"fr": "Quels sont les trois types de soutien de la Ville?",
                    "en": "What types of support does the City offer?"}[lang]
        page.fill("#question textarea", question)
        page.keyboard.press("Enter")
        page.locator("[data-testid=source-card]").first.wait_for(timeout=30_000)
        page.locator("[data-testid=source-card] summary").first.click()
        idle(page)
        found[(lang, names[0])] = violations(page)
        # Directory: results, count and map.
        page.get_by_role("tab", name=names[1], exact=True).click()
        wait_for(page, "/^[0-9]+ /.test((document.querySelector('#result-count') || {}).innerText || '')"
                       " && document.querySelector('#directory-map .js-plotly-plot')")
        found[(lang, names[1])] = violations(page)
        # Support fit: an answered form and its result.
        page.get_by_role("tab", name=names[2], exact=True).click()
        page.locator("#fit-regroupement").get_by_text({"fr": "Oui", "en": "Yes"}[lang], exact=True).click()
        page.locator("#fit-needs label").first.click()
        page.click("#fit-button")
        page.locator("[data-testid=fit-source]").first.wait_for(timeout=30_000)
        page.locator("#fit-pdf").wait_for(state="visible", timeout=30_000)
        wait_for(page, "!document.querySelector('#fit-result').innerText.includes('processing')")
        found[(lang, names[2])] = violations(page)
        # Commitments.
        page.get_by_role("tab", name=names[3], exact=True).click()
        page.locator("#commitments-table").get_by_text("P2-E1").wait_for(timeout=30_000)
        idle(page)
        found[(lang, names[3])] = violations(page)
        # Evaluation: the report and its chart.
        page.get_by_role("tab", name=names[4], exact=True).click()
        wait_for(page, "document.querySelector('#evaluation-chart img') &&"
                       " document.querySelector('#evaluation-report').innerText.length > 200")
        found[(lang, names[4])] = violations(page)
        # Administration: locked, then unlocked.
        page.get_by_role("tab", name=names[5], exact=True).click()
        page.locator("#admin-password input").wait_for(timeout=30_000)
        page.locator("#admin-password input").fill(PASSWORD)
        page.click("#admin-unlock")
        page.locator("#admin-remove").wait_for(state="visible", timeout=30_000)
        idle(page)
        found[(lang, names[5])] = violations(page)
        page.close()
    print("\naxe-core WCAG 2.0/2.1 A+AA violations: "
          + ", ".join(f"{lang}/{tab}: {len(v)}" for (lang, tab), v in found.items()))
    failing = {f"{lang}/{tab}": v for (lang, tab), v in found.items() if v}
    assert not failing, "axe-core violations:\n" + "\n".join(f"{k}:\n  " + "\n  ".join(v) for k, v in failing.items())


# --- keyboard only ----------------------------------------------------------------------------------------------

def focused(page, selector: str) -> bool:
    return page.evaluate("s => !!(document.activeElement && document.activeElement.closest(s))", selector)


def focus_text(page) -> str:
    return page.evaluate("(() => { const e = document.activeElement; if (!e) return '';"
                         " const label = e.closest('label'); return ((label && label.innerText) || e.innerText"
                         " || e.value || '').trim(); })()")


def tab_to(page, selector: str, text: str | None = None, backwards: bool = False, limit: int = 200):
    """Press Tab (or Shift+Tab) until the focus is in ``selector`` (and, if given, on an element reading ``text``)."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        if focused(page, selector) and (text is None or focus_text(page) == text):
            return
    raise AssertionError(f"{key} never reached {selector} {text or ''}; focus on {focus_text(page)!r}")


def open_tab(page, name: str):
    """Keyboard to the tab list (backwards from where the focus is) and open the tab ``name``."""
    tab_to(page, "[role=tab]", text=name, backwards=True)
    page.keyboard.press("Enter")
    page.wait_for_function(f"[...document.querySelectorAll('[role=tab][aria-selected=true]')]"
                           f".some(t => t.innerText.trim() === {name!r})", timeout=10_000)


def test_keyboard_only_chat_directory_and_support_fit(browser, server):
    page = browser.new_page(viewport={"width": 1300, "height": 950})
    page.goto(server)
    page.locator("#question textarea").wait_for(timeout=60_000)
    idle(page)
    # Chat: reach the question box, type, send with Enter.
    tab_to(page, "#question")
    page.keyboard.type("Quels sont les trois types de soutien de la Ville?")
    page.keyboard.press("Enter")
    page.locator("[data-testid=source-card]").first.wait_for(timeout=30_000)
    assert "soutien locatif" in page.locator("#chatbot").inner_text()
    # Directory: open the tab, reach the search box, search with Enter.
    open_tab(page, "Annuaire")
    wait_for(page, "/^[0-9]+ /.test((document.querySelector('#result-count') || {}).innerText || '')")
    everything = int(page.locator("#result-count").inner_text().split()[0])
    tab_to(page, "#search-text")
    page.keyboard.type("Chainon")
    page.keyboard.press("Enter")
    wait_for(page, f"(() => {{ const n = parseInt(document.querySelector('#result-count').innerText);"
                   f" return n > 0 && n < {everything}; }})()")
    page.locator("#results span", has_text="Le Chaînon").first.wait_for(timeout=30_000)
    # Support fit: answer the four type 1 criteria "Oui" (arrows move within a radio group), tick a need with
    # Space, send with Enter.
    open_tab(page, "Quel soutien?")
    for criterion in ("obnl", "enracine", "vie_democratique", "libre_mission"):
        tab_to(page, f"#fit-{criterion}")
        for _ in range(3):
            if focus_text(page) == "Oui":
                break
            page.keyboard.press("ArrowRight")
        assert focus_text(page) == "Oui"
        page.keyboard.press("Space")
    tab_to(page, "#fit-needs", text="Des locaux ou des installations")
    page.keyboard.press("Space")
    tab_to(page, "#fit-button")
    page.keyboard.press("Enter")
    wait_for(page, "document.querySelector('#fit-result').innerText.includes('action communautaire')")
    text = page.locator("#fit-result").inner_text()
    assert "type 1 « L'action communautaire »" in text and "soutien locatif" in text.lower()
    page.close()
