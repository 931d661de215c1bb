"""The summary to share: one page of Markdown or PDF in the user's language, with the answers given, the result,
every quote with its slide, the date and the corpus version."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from pypdf import PdfReader

from assistant.guides.fit import load_guide
from assistant.guides.fit_summary import SummaryError
from tests.conftest import REPO

GUIDE = load_guide(REPO / "corpus/reference")
ALL_YES = {c["id"]: True for c in GUIDE["criteria"]}
EVERY_NEED = ["projet", "mandat", "mission", "conseil", "locaux", "on cherche une salle pour nos assemblées",
              "we need advice on our board", "bonjour"]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_markdown_summary_holds_answers_result_quotes_slides_date_version(shipped_assistant, lang):
    criteria = {"obnl": True, "enracine": True, "vie_democratique": True, "libre_mission": True,
                "initiative_communaute": False}
    result = shipped_assistant.fit({"criteria": criteria, "needs": ["locaux", "on cherche une salle"]}, lang)
    text = result.summary_markdown()
    assert dt.date.today().isoformat() in text and result.corpus_version in text
    assert GUIDE["_policy"].sha256[:12] in text and GUIDE["version"] in text
    states = {"fr": ("oui", "non", "sans réponse"), "en": ("yes", "no", "not answered")}[lang]
    for c in GUIDE["criteria"]:
        state = {True: states[0], False: states[1]}.get(criteria.get(c["id"]), states[2])
        assert f"| {c['type']} | {c[lang]} | {state} |" in text.replace("\\", "")
    assert "on cherche une salle" in text
    plain = text.replace("\\", "")
    label = "diapositive" if lang == "fr" else "slide"
    for c in result.citations:  # every quote, with its slide right after it
        assert f"« {c.quote} »" in plain
        after = plain.split(f"« {c.quote} »", 1)[1][:30]
        assert f"({label} {c.page})" in after, (c.quote, after)
    assert "[1]" not in plain  # source numbers are replaced by slides: the page stands on its own
    assert result.eligibility.split(" [")[0].split(" «")[0] in plain


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_pdf_summary_is_one_page_even_for_the_longest_result(shipped_assistant, tmp_path, lang):
    result = shipped_assistant.fit({"criteria": ALL_YES, "needs": EVERY_NEED}, lang)
    path = result.write_summary(tmp_path / f"long-{lang}.pdf")
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    text = flat(reader.pages[0].extract_text())
    assert dt.date.today().isoformat() in text and GUIDE["_policy"].sha256[:12] in text
    assert "P3-E2a" in text and ("Le soutien locatif" in text) and ("réponse" in text or "answer" in text.lower())
    if lang == "en":
        assert "Rental of premises and facilities at preferential prices" in text
        assert "Which support for my organisation?" in text
    else:
        assert "Location de locaux et d’installations" in text or "Location de locaux et d'installations" in text
        assert "Quel soutien pour mon organisme" in text


def test_pdf_keeps_accents_and_typographic_quotes(shipped_assistant, tmp_path):
    result = shipped_assistant.fit({"criteria": {"obnl": False, "regroupement": False}, "needs": ["conseil"]})
    text = flat(PdfReader(result.write_summary(tmp_path / "r.pdf")).pages[0].extract_text())
    assert "« Organisme avec statut légal d" in text and "Non : d" in text and "Vos réponses" in text


def test_summary_file_type_is_checked(shipped_assistant, tmp_path):
    result = shipped_assistant.fit({"needs": ["locaux"]})
    with pytest.raises(SummaryError, match=r"\.md or \.pdf"):
        result.write_summary(tmp_path / "résumé.docx")
    assert (result.write_summary(tmp_path / "résumé.md")).read_text(encoding="utf-8").startswith("# Quel soutien")
