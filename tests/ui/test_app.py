"""The Gradio interface on a real server on 127.0.0.1, driven by gradio_client and by Debian's Chromium
(Playwright with executable_path, never a downloaded browser). Screenshots of each view go to a temporary folder,
or to REPERE_SCREENSHOTS (`make screenshots` refreshes docs/screenshots/ that way)."""

from __future__ import annotations

import os
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from assistant.core.config import load_settings
from ingest.pipeline import ingest_paths
from tests.conftest import REPO, write_directory
from tests.support.web import start_app as start

pytestmark = pytest.mark.slow
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    """Where screenshots go: a temporary folder, unless REPERE_SCREENSHOTS names one (on purpose)."""
    chosen = os.environ.get("REPERE_SCREENSHOTS")
    return Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def shipped_server(shipped_store):
    app, url = start(shipped_store)
    yield url
    app.close()


@pytest.fixture(scope="module")
def mini_server(tmp_path_factory):
    """A small store whose directory holds a hostile name, with the admin view enabled."""
    root = tmp_path_factory.mktemp("ui")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "soutien.md").write_text("# Politique test\n\n## Types de soutien (suite)\n<!-- diapositive: 20 -->\n\n"
                                       "3. Le soutien locatif :\n\nLocation de locaux à des prix préférentiels\n",
                                       encoding="utf-8")
    write_directory(corpus / "annuaire.csv", [("x-1", XSS, "Verdun"), ("x-2", "Le Chaînon", "Le Plateau-Mont-Royal"),
                                              ("x-3", "Maison des aînés", "Verdun")])
    settings = load_settings(chroma_path=root / "chroma", data_dir=root / "data", root=REPO,
                             admin_password="test-secret", max_upload_mb=1)
    ingest_paths(settings, [corpus], progress=False)
    app, url = start(settings)
    yield url, settings
    app.close()


def open_page(browser, url):
    page = browser.new_page(viewport={"width": 1300, "height": 950})
    alerts = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    page.goto(url)
    page.wait_for_selector("#question textarea", timeout=60_000)
    return page, alerts


def shot(page, folder: Path, name: str):
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def test_named_endpoints_with_gradio_client(shipped_server):
    from gradio_client import Client

    client = Client(shipped_server, verbose=False)
    answer = client.predict("Quels sont les trois types de soutien de la Ville?", None, api_name="/ask")
    assert not answer["abstained"] and "soutien locatif" in answer["answer"] and answer["citations"]
    follow = client.predict("et pour le soutien locatif?", ["C'est quoi le soutien financier?"], api_name="/ask")
    assert "Location de locaux" in follow["answer"]
    found = client.predict("Chainon", "", "", "", "", 5, api_name="/search")
    assert found["items"][0]["name"] == "Le Chaînon"
    fit = client.predict({"criteria": {"regroupement": True}, "needs": ["conseil"]}, api_name="/fit")
    assert [p["type"] for p in fit["practice_types"]] == [4] and fit["citations"]


def test_twenty_simultaneous_chat_requests(shipped_server):
    from gradio_client import Client

    questions = ["Quels sont les buts de la politique?", "Qui siège au comité de suivi?",
                 "What are the values of the policy?", "C'est quoi le soutien locatif?"] * 5

    client = Client(shipped_server, verbose=False)

    def ask(question):
        started = time.perf_counter()
        result = client.submit(question, None, api_name="/ask").result(timeout=120)
        return result, (time.perf_counter() - started) * 1000

    with ThreadPoolExecutor(max_workers=20) as pool:  # 20 requests in flight at once
        outcomes = list(pool.map(ask, questions))
    assert len(outcomes) == 20 and all(r["answer"] for r, _ in outcomes)
    latencies = sorted(ms for _, ms in outcomes)
    print(f"\n20 concurrent asks: p50 {statistics.median(latencies):.0f} ms, "
          f"p95 {latencies[int(0.95 * (len(latencies) - 1))]:.0f} ms")


def test_chat_answer_with_source_card_and_abstention(browser, shipped_server, screenshots):
    page, _ = open_page(browser, shipped_server)
    page.fill("#question textarea", "Quels sont les trois types de soutien de la Ville?")
    page.click("#send")
    card = page.locator("[data-testid=source-card]").first
    card.wait_for(timeout=30_000)
    card.click()
    assert "diapositive" in card.inner_text()
    assert "soutien locatif" in page.locator("#chatbot").inner_text()
    shot(page, screenshots, "chat")
    page.fill("#question textarea", "Quelle est la capitale de l'Australie?")
    page.click("#send")
    page.locator("[data-testid=abstention]").wait_for(timeout=30_000)
    assert "Hors du corpus" in page.locator("#chatbot").inner_text()
    page.get_by_role("radio", name="en").check()
    page.get_by_role("tab", name="Chat").wait_for(timeout=10_000)
    page.close()


def test_chat_yes_no_then_follow_up_with_folded_context(browser, shipped_server, screenshots):
    """A yes/no question is answered yes or no first; a follow-up keeps the conversation's subject; the rest of
    the section is folded under the sources, not in the answer."""
    page, _ = open_page(browser, shipped_server)
    bubbles = page.locator("#chatbot .message")
    page.fill("#question textarea", "Est-ce que la Ville offre du soutien locatif aux organismes?")
    page.click("#send")
    page.locator("[data-testid=source-card]").first.wait_for(timeout=30_000)
    first = bubbles.last.inner_text().strip()
    assert first.startswith("Oui") and "prix préférentiels" in first
    context = page.locator("[data-testid=context]")
    assert context.count() == 1 and not context.first.evaluate("e => e.open")  # folded until asked for
    context.first.locator("summary").click()
    assert context.first.evaluate("e => e.open") and context.first.inner_text().strip()
    page.fill("#question textarea", "Et le soutien financier, c'est quoi?")
    page.click("#send")
    page.wait_for_function("() => document.querySelectorAll('#chatbot .message').length >= 4", timeout=30_000)
    page.wait_for_function("() => [...document.querySelectorAll('#chatbot .message')].pop().innerText"
                           ".includes('programmes')", timeout=30_000)
    follow = bubbles.last.inner_text()
    assert "Location de locaux" not in follow and len(follow) < 450
    shot(page, screenshots, "chat-follow-up")
    page.close()


def test_directory_filter_by_borough_changes_the_count(browser, shipped_server, screenshots):
    page, _ = open_page(browser, shipped_server)
    page.get_by_role("tab", name="Annuaire").click()
    count = page.locator("#result-count")
    count.wait_for(timeout=30_000)
    page.wait_for_function("/^[0-9]+ /.test(document.querySelector('#result-count').innerText.trim())",
                           timeout=30_000)
    before = count.inner_text()
    page.locator("#borough input").click()
    page.keyboard.type("Verdun")
    page.get_by_role("option", name="Verdun", exact=True).click()
    page.wait_for_function("(() => { const t = document.querySelector('#result-count').innerText.trim();"
                           f" return /^[0-9]+ /.test(t) && t !== {before!r}; }})()", timeout=30_000)
    after = count.inner_text()
    assert int(after.split()[0]) < int(before.split()[0])
    page.wait_for_timeout(1500)
    shot(page, screenshots, "annuaire")
    page.close()


def test_support_fit_form_shows_practice_type(browser, shipped_server, screenshots):
    page, _ = open_page(browser, shipped_server)
    page.get_by_role("tab", name="Quel soutien?").click()
    for criterion in ("obnl", "enracine", "vie_democratique", "libre_mission"):  # three-state radios
        page.locator(f"#fit-{criterion}").get_by_text("Oui", exact=True).click()
    page.locator("#fit-needs label", has_text="Des locaux").click()
    page.click("#fit-button")
    result = page.locator("#fit-result")
    page.wait_for_function("document.querySelector('#fit-result').innerText.includes('action communautaire')",
                           timeout=30_000)
    text = result.inner_text()
    assert "type 1 « L'action communautaire »" in text and "soutien locatif" in text.lower()
    shot(page, screenshots, "quel-soutien")
    page.close()


def test_commitments_and_evaluation_views(browser, shipped_server, screenshots):
    page, _ = open_page(browser, shipped_server)
    page.get_by_role("tab", name="Engagements").click()
    page.locator("#commitments-table").get_by_text("P2-E1").wait_for(timeout=30_000)
    shot(page, screenshots, "engagements")
    page.get_by_role("tab", name="Évaluation").click()
    page.get_by_text("rapport d'évaluation").first.wait_for(timeout=30_000)
    shot(page, screenshots, "evaluation")
    page.close()


def test_hostile_names_render_as_text_and_admin_uploads(browser, mini_server, tmp_path, screenshots):
    url, settings = mini_server
    page, alerts = open_page(browser, url)
    page.get_by_role("tab", name="Annuaire").click()
    page.locator("#results span", has_text=XSS).first.wait_for(timeout=30_000)
    page.get_by_role("tab", name="Discussion").click()
    page.fill("#question textarea", "Quels organismes y a-t-il à Verdun?")
    page.click("#send")
    page.locator("[data-testid=source-card]").first.wait_for(timeout=30_000)
    assert XSS in page.locator("#chatbot").inner_text()  # shown as text...
    assert page.locator("#chatbot img[src=x]").count() == 0 and page.locator("#results img").count() == 0
    assert alerts == []  # ...never run
    page.get_by_role("tab", name="Administration").click()
    page.get_by_label("Mot de passe administrateur").fill("test-secret")
    page.get_by_role("button", name="Déverrouiller").click()
    note = tmp_path / "Nouveau Rapport (final).md"
    note.write_text("# Rapport\n\n## Section\n\nLe rapport ajouté par l'administration.", encoding="utf-8")
    with page.expect_file_chooser() as chooser:
        page.get_by_text("Click to Upload").click()
    chooser.value.set_files(str(note))
    page.get_by_text("1 ajoutés").wait_for(timeout=60_000)
    stored = list((settings.resolve(settings.data_dir) / "uploads").iterdir())
    assert len(stored) == 1 and stored[0].name.endswith("-nouveau-rapport-final.md")
    shot(page, screenshots, "administration")
    page.close()
