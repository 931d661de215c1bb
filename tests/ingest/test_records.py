"""Records: what a unit gives the search indexes besides its own words."""

from __future__ import annotations

from pathlib import Path

from ingest.records import abbreviations, expanded

ROOT = Path(__file__).resolve().parents[2]


def test_the_words_a_document_abbreviates_are_its_own_longer_words():
    # slide 5 writes « Dév. communautaire »: the document's commonest word that « dév » begins, in both languages
    french = abbreviations([(ROOT / "corpus/documents/politique-action-communautaire.md").read_text(encoding="utf-8")])
    assert french == {"dév": "développement"}
    assert expanded("- Dév. communautaire\n- Dév. économique", french) == "développement"
    english = abbreviations([(ROOT / "corpus/documents/en/politique-action-communautaire.md").read_text(
        encoding="utf-8")])
    assert english["dev"].startswith("develop")
    # a short word the text also writes without a period, « etc. » (no longer word), and a sentence's last word are
    # not abbreviations
    assert abbreviations(["Le plan. Le planning du plan est fait, etc.", "Une note sur la Ville."]) == {}
