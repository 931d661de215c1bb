"""The English interface, in Debian's Chromium (Playwright with executable_path, never a downloaded browser) against a
real Gradio server on 127.0.0.1 with the shipped corpus: ``?lang=en`` opens it in English, every tab's labels and
headers are English, an English question gets an English answer quoting the French original with the
« traduction non officielle / unofficial translation » label, and the language switch keeps the address in step.
The chat's screenshot goes to the ``screenshots`` folder (temporary unless REPERE_SCREENSHOTS names one)."""

from __future__ import annotations

import pytest

from tests.ui.test_app import screenshots, shipped_server, shot  # noqa: F401 - fixtures

pytestmark = pytest.mark.slow
# French interface words that must not show in the English interface (corpus quotes aside).
FRENCH_UI = ["Rechercher", "Arrondissement", "Engagements", "Envoyer", "Votre question", "Nouvelle conversation",
             "Table de quartier", "Type de membre", "Secteur", "Tous", "Principe", "Mots à chercher", "Oui", "Non",
             "Je ne sais pas", "Vos besoins", "Diapositive", "Carte", "Exporter", "Effacer", "Discussion",
             "Annuaire", "Quel soutien", "Évaluation", "Grand public", "Organismes", "Personnel de la Ville",
             "organisme(s)", "inféré"]


def french_words(text: str, allowed: tuple[str, ...] = ()) -> list[str]:
    return [w for w in FRENCH_UI if w in text and w not in allowed]


def visible_text(page) -> str:
    return page.evaluate("document.body.innerText")


def test_english_interface_from_the_address(browser, shipped_server, screenshots):  # noqa: F811
    page = browser.new_page(viewport={"width": 1300, "height": 950})
    page.goto(shipped_server + "?lang=en")
    page.get_by_role("tab", name="Chat", exact=True).wait_for(timeout=60_000)
    page.wait_for_function("document.documentElement.lang === 'en'", timeout=30_000)
    assert [t.strip() for t in page.get_by_role("tab").all_inner_texts()] == [
        "Chat", "Directory", "Which support?", "Commitments", "Evaluation"]
    assert page.get_by_label("Your question").count() == 1
    page.get_by_text("What types of support does the City offer organisations?").wait_for(timeout=10_000)
    assert not french_words(visible_text(page)), french_words(visible_text(page))

    # Directory: labels, table headers, facets and the count line.
    page.get_by_role("tab", name="Directory").click()
    page.wait_for_function("/^[0-9]+ organisation/.test(document.querySelector('#result-count').innerText.trim())",
                           timeout=30_000)
    headers = page.locator("#results th").all_inner_texts()
    assert {"Organisation", "Borough or territory", "Round table(s)", "Found by"} <= {h.strip() for h in headers}
    assert page.get_by_label("Borough or linked city").count() == 1
    page.locator("#sector input").click()
    page.get_by_role("option", name="Housing — inferred").wait_for(timeout=10_000)
    page.keyboard.press("Escape")
    # Place and round-table names are proper nouns; the rows' French place names are allowed.
    text = page.locator("#component-0, .gradio-container").first.evaluate(
        "e => [...e.querySelectorAll('label, th, button, [data-testid=block-info], #result-count, #kind-note')]"
        ".map(x => x.innerText).join('\\n')")
    assert not french_words(text), french_words(text)

    # Support fit: the form in English.
    page.get_by_role("tab", name="Which support?").click()
    page.locator("#fit-obnl").get_by_text("Yes", exact=True).wait_for(timeout=30_000)
    form = page.locator("#fit-needs").inner_text() + page.locator("#fit-obnl").inner_text()
    assert "Your needs" in form and "I don't know" in form and not french_words(form, ("Non",))

    # Commitments: English headers, the French original beside its unofficial translation.
    page.get_by_role("tab", name="Commitments").click()
    table = page.locator("#commitments-table")
    table.get_by_text("P2-E1").wait_for(timeout=30_000)
    headers = [h.strip() for h in table.locator("th").all_inner_texts()]
    assert "Commitment (French original)" in headers and "Unofficial translation" in headers
    assert page.get_by_label("Principle").count() == 1 and page.get_by_label("Words to look for").count() == 1
    assert "Engagements" not in page.locator(".tab-wrapper, [role=tablist]").first.inner_text()

    # Evaluation: the English title.
    page.get_by_role("tab", name="Evaluation").click()
    page.get_by_text("Repère — evaluation report").wait_for(timeout=30_000)
    assert "rapport d'évaluation" not in visible_text(page)

    # Chat: an English question, an English answer, the French original, the unofficial-translation label.
    page.get_by_role("tab", name="Chat").click()
    page.fill("#question textarea", "What types of support does the City offer?")
    page.get_by_role("button", name="Send").click()
    card = page.locator("[data-testid=source-card]").first
    card.wait_for(timeout=30_000)
    card.locator("summary").click()
    answer = page.locator("#chatbot .message").last.inner_text()
    assert "Financial support" in answer and "Rental support" in answer
    assert "French original" in answer and "Le soutien locatif" in answer
    sources = page.locator("#sources").inner_text()
    assert "traduction non officielle / unofficial translation" in sources
    assert "Rental of premises" in sources and "Location de locaux" in sources  # translation and original
    assert "slide" in card.inner_text() and "diapositive" not in card.inner_text()
    page.wait_for_timeout(300)
    shot(page, screenshots, "chat-english")
    page.close()


def test_language_switch_keeps_the_address_in_step(browser, shipped_server):  # noqa: F811
    page = browser.new_page(viewport={"width": 1300, "height": 950})
    page.goto(shipped_server)
    page.get_by_role("tab", name="Discussion").wait_for(timeout=60_000)
    page.locator("#language-toggle").get_by_text("en", exact=True).click()
    page.get_by_role("tab", name="Chat", exact=True).wait_for(timeout=30_000)
    page.wait_for_function("location.search.includes('lang=en') && document.documentElement.lang === 'en'",
                           timeout=10_000)
    page.reload()  # the address now opens the English interface
    page.get_by_role("tab", name="Directory").wait_for(timeout=60_000)
    page.locator("#language-toggle").get_by_text("fr", exact=True).click()
    page.get_by_role("tab", name="Annuaire").wait_for(timeout=30_000)
    page.wait_for_function("!location.search.includes('lang=') && document.documentElement.lang === 'fr'",
                           timeout=10_000)
    page.close()
