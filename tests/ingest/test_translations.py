"""Aligned unofficial translations: every shipped document has one, every unit pairs, and the check fails on a
missing unit, another slide, or different numbers, acronyms or proper names."""

from __future__ import annotations

from pathlib import Path

from ingest.loaders import load_file
from collections import Counter

from ingest.translations import align, numbers
from tests.conftest import REPO

DOCUMENTS = REPO / "corpus/documents"


def _pair(name: str, english_text: str | None = None, tmp_path: Path | None = None):
    french = load_file(DOCUMENTS / f"{name}.md")
    path = DOCUMENTS / "en" / f"{name}.md"
    if english_text is not None:
        path = tmp_path / f"{name}.md"
        path.write_text(english_text, encoding="utf-8")
    return align(french, load_file(path))


def test_every_shipped_document_is_aligned_with_no_mismatch():
    originals = sorted(p.stem for p in DOCUMENTS.glob("*.md"))
    assert originals and sorted(p.stem for p in (DOCUMENTS / "en").glob("*.md")) == originals
    for name in originals:
        report = _pair(name)
        assert report.problems == [], report.problems
        assert report.pairs > 15 and all(v["text"] for v in report.english.values())


def test_the_check_fails_when_the_two_sides_disagree(tmp_path):
    english = (DOCUMENTS / "en/politique-action-communautaire.md").read_text(encoding="utf-8")
    for broken, expected in (
            (english.replace("1987", "1978", 1), "numbers differ"),
            (english.replace("(SDIS)", "(SDS)", 1), "acronyms differ"),
            (english.replace("<!-- diapositive: 20 -->", "<!-- diapositive: 21 -->", 1), "slide/page"),
            (english.replace("Réflexe Montréal", "Montréal Reflex", 1), "proper names"),
    ):
        report = _pair("politique-action-communautaire", broken, tmp_path)
        assert any(expected in p for p in report.problems), (expected, report.problems[:3])
    missing_line = english.replace("- Urban planning\n", "", 1)
    report = _pair("politique-action-communautaire", missing_line, tmp_path)
    assert any("units in French" in p for p in report.problems)


def test_neuf_after_its_noun_is_new_not_nine():
    # « de l'argent neuf » is "new money": counting it as 9 made a faithful translation fail the check
    assert numbers("la politique n'apporte pas d'argent neuf).") == Counter()
    assert numbers("neuf organismes, puis 10") == Counter({9: 1, 10: 1})
