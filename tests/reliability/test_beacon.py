"""No request leaves the page: an image or a link written in a document, in an organisation's name and in the
user's own question is shown as text, never fetched. A local HTTP listener on 127.0.0.1 counts what the browser
asks of it; a control image proves the browser would have fetched it. Real server, Debian's Chromium."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant.core.config import load_settings
from ingest.pipeline import ingest_paths
from tests.conftest import REPO, free_port, write_directory
from tests.support.web import ARGS, CHROMIUM, start_app as start

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


@pytest.fixture
def listener():
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's naming
            hits.append(self.path)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()


def test_images_and_links_from_documents_names_and_questions_are_never_fetched(listener, tmp_path):
    from playwright.sync_api import sync_playwright

    base, hits = listener
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "soutien.md").write_text(
        "# Politique test\n\n## Types de soutien locatif\n<!-- diapositive: 20 -->\n\n"
        f"Location de locaux à des prix préférentiels ![doc]({base}/document.png)\n\n"
        f"Voir [la grille]({base}/document-link) et <img src=\"{base}/document-html.png\">\n", encoding="utf-8")
    write_directory(corpus / "annuaire.csv", [
        ("b-1", f"Maison ![org]({base}/organisation.png) des aînés", "Verdun"),
        ("b-2", "Le Chaînon", "Le Plateau-Mont-Royal")])
    settings = load_settings(chroma_path=tmp_path / "chroma", data_dir=tmp_path / "data", root=REPO)
    ingest_paths(settings, [corpus], progress=False)
    app, url = start(settings)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page()
            page.goto(url)
            page.wait_for_selector("#question textarea", timeout=60_000)
            chatbot = page.locator("#chatbot")
            for question, expected in (
                    (f"Quels sont les types de soutien locatif? ![q]({base}/question.png)", "Location de locaux"),
                    ("Quels organismes y a-t-il à Verdun?", "des aînés")):
                page.fill("#question textarea", question)
                page.click("#send")
                page.wait_for_function("text => document.querySelector('#chatbot').innerText.includes(text)",
                                       arg=expected, timeout=60_000)
            page.get_by_role("tab", name="Annuaire").click()
            page.get_by_text("Le Chaînon").first.wait_for(timeout=30_000)
            page.wait_for_timeout(1500)  # time for any image request to go out
            assert hits == [], f"the page fetched {hits}"
            assert page.locator(f"img[src^='{base}']").count() == 0
            shown = chatbot.inner_text()
            for path in ("/question.png", "/document.png", "/organisation.png"):
                assert f"]({base}{path})" in shown, (path, shown)  # shown as text, as written
            # Control: the same browser does fetch an image from the listener when a page really has one.
            control = browser.new_page()
            control.set_content(f"<img src='{base}/control.png'>")
            control.wait_for_timeout(1000)
            assert hits == ["/control.png"]
            browser.close()
    finally:
        app.close()
