"""« Quel soutien? » in Debian's Chromium (Playwright with executable_path, never a downloaded browser) against a
real Gradio server on 127.0.0.1: fill the three-state form and a free-text need, read the result, download the PDF
and Markdown summaries; the English form; the ``/fit`` endpoint with gradio_client. Downloads and screenshots go to
pytest's temporary folder."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

from assistant.guides.fit import load_guide
from tests.conftest import REPO
from tests.support.web import start_app

pytestmark = pytest.mark.slow
GUIDE = load_guide(REPO / "corpus/reference")
TYPE_ONE = [c["id"] for c in GUIDE["criteria"] if c["type"] == 1]


@pytest.fixture(scope="module")
def server(shipped_store):
    app, url = start_app(shipped_store)
    yield url
    app.close()


def open_fit_tab(browser, url, tab="Quel soutien?"):
    page = browser.new_page(viewport={"width": 1300, "height": 1000}, accept_downloads=True)
    page.goto(url)
    page.get_by_role("tab", name=tab).click()
    page.locator("#fit-obnl").wait_for(timeout=60_000)
    return page


def answer(page, criterion: str, label: str):
    page.locator(f"#fit-{criterion}").get_by_text(label, exact=True).click()


def result_text(page, marker: str) -> str:
    """The result once it holds ``marker`` and Gradio's progress overlay ("processing | 1.2s") is gone."""
    page.wait_for_function(
        f"(() => {{ const t = document.querySelector('#fit-result').innerText;"
        f" return t.includes({marker!r}) && !t.includes('processing'); }})()", timeout=60_000)
    return page.locator("#fit-result").inner_text().strip()


def download(page, button: str, folder):
    with page.expect_download(timeout=30_000) as info:
        page.click(button)
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path


def test_fill_the_form_get_the_result_and_download_the_summary(browser, server, tmp_path):
    page = open_fit_tab(browser, server)
    for criterion in TYPE_ONE:
        answer(page, criterion, "Oui")
    answer(page, "ca_independant", "Non")
    answer(page, "regroupement", "Je ne sais pas")
    page.locator("#fit-needs label", has_text="Conseils").click()
    page.fill("#fit-needs-text textarea", "On cherche une salle pour nos assemblées")
    page.click("#fit-button")
    text = result_text(page, "Oui :")
    assert text.startswith("Oui : d'après vos réponses, la politique vise votre organisme")
    # "no" reads as a no; a blank reads as not answered
    assert "vous avez répondu non à « dirigé par un CA indépendant »" in text
    assert "Type 4 « Les regroupements du milieu communautaire » [" in text and "sans réponse" in text
    assert "« Le soutien locatif »" in text and "mots reconnus : salle" in text
    assert "« Le soutien professionnel »" in text and "lecture de Repère" in text
    card = page.locator("[data-testid=fit-source]").first
    card.click()
    assert "diapositive" in card.inner_text()
    page.screenshot(path=str(tmp_path / "quel-soutien.png"), full_page=True)

    pdf = download(page, "#fit-pdf", tmp_path)
    assert pdf.suffix == ".pdf"
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    content = " ".join(reader.pages[0].extract_text().split())
    assert "Quel soutien pour mon organisme" in content and dt.date.today().isoformat() in content
    assert "Le soutien locatif" in content and "On cherche une salle pour nos assemblées" in content
    markdown = download(page, "#fit-md", tmp_path).read_text(encoding="utf-8")
    assert markdown.startswith("# Quel soutien pour mon organisme") and "| 2 | Il est dirigé par un conseil" in markdown
    page.close()


def test_english_form_is_relabelled_and_answers_in_english(browser, server, tmp_path):
    page = browser.new_page(viewport={"width": 1300, "height": 1000}, accept_downloads=True)
    page.goto(server)
    page.locator("#language-toggle").get_by_text("en", exact=True).click()
    page.get_by_role("tab", name="Which support?").click()
    page.locator("#fit-regroupement").get_by_text("Yes", exact=True).wait_for(timeout=30_000)
    assert "It is a federation" in page.locator("#fit-regroupement").inner_text()
    answer(page, "regroupement", "Yes")
    page.fill("#fit-needs-text textarea", "we need advice on our board")
    page.click("#fit-button")
    text = result_text(page, "Yes:")
    assert text.startswith("Yes: from your answers, the policy covers your organisation, as type 4")
    assert "“Professional support” (« Le soutien professionnel »)" in text and "words recognised: advice" in text
    content = " ".join(PdfReader(download(page, "#fit-pdf", tmp_path)).pages[0].extract_text().split())
    assert "Which support for my organisation?" in content and "Professional support" in content
    page.close()


def test_fit_endpoint_takes_three_states_and_sentences(server):
    from gradio_client import Client

    client = Client(server, verbose=False)
    out = client.predict({"criteria": {"obnl": True, "enracine": None, "regroupement": False},
                          "needs": ["on cherche une salle pour nos assemblées"]}, api_name="/fit")
    assert out["coverage"] == "cannot_tell"
    assert out["unanswered_blocking"] == ["enracine", "vie_democratique", "libre_mission"]
    assert [s["need"] for s in out["supports"]] == ["locaux"] and out["supports"][0]["matched_words"] == ["salle"]
    assert out["summary_markdown"].startswith("# Quel soutien")
    with pytest.raises(Exception, match=r"criteria\.obnl"):
        client.predict({"criteria": {"obnl": "oui"}}, api_name="/fit")
