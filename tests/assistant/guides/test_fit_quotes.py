"""Verbatim quotes only: every quoted field of ``corpus/reference/guide_soutien.json``, every commitment the guide
shows and every citation of real results is a substring of its cited section (slide), as the ingest loader reads
the policy. Text is compared after whitespace normalisation and with Markdown emphasis markers (``*``, ``**``) removed:
they are formatting of the source file, not words. English results carry the aligned line of the unofficial
translation, checked against the translation's own section."""

from __future__ import annotations

import copy
import json
import re

import pytest

from assistant.guides.commitments import CommitmentRegister
from ingest.loaders import load_file
from tests.conftest import REPO

GUIDE_PATH = REPO / "corpus" / "reference" / "guide_soutien.json"
POLICY = REPO / "corpus" / "documents" / "politique-action-communautaire.md"
TRANSLATION = REPO / "corpus" / "documents" / "en" / "politique-action-communautaire.md"
# String fields that are not policy text: ids, Repère's own wording (fr/en questions, reasons), cues, metadata.
NOT_QUOTES = {"version", "reviewed", "doc_id", "doc_title", "source", "translation", "about_quotes", "id", "fr",
              "en", "section", "support", "form", "when", "ids"}


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\*+", "", text)).strip()


def sections(path) -> dict[tuple[str, int], str]:
    out: dict[tuple[str, int], str] = {}
    for s in load_file(path).sections:
        key = (s.title, s.page)
        out[key] = normalise(out.get(key, "") + " " + s.text)
    return out


FRENCH = sections(POLICY)


def quote_problems(guide: dict) -> tuple[list[str], int]:
    """(problems, number of quotes checked) for a guide file's content: walks every field."""
    problems: list[str] = []
    checked = 0

    def walk(node, where: str, key: str = ""):
        nonlocal checked
        if isinstance(node, dict):
            if "quote" in node:
                quotes = node["quote"] if isinstance(node["quote"], list) else [node["quote"]]
                target = FRENCH.get((node.get("section"), node.get("slide")))
                if target is None:
                    problems.append(f"{where}: no section « {node.get('section')} » on slide {node.get('slide')}")
                for quote in quotes:
                    checked += 1
                    if not isinstance(quote, str) or not quote.strip():
                        problems.append(f"{where}.quote: empty or not text")
                    elif target is not None and normalise(quote) not in target:
                        problems.append(f"{where}.quote: « {quote} » is not in slide {node.get('slide')}")
            for k, v in node.items():
                if k != "quote":
                    walk(v, f"{where}.{k}", k)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{where}[{i}]", key)
        elif isinstance(node, str) and key not in NOT_QUOTES and key != "cues":
            problems.append(f"{where}: a text field that is neither a quote object nor listed as Repère's wording")

    walk(guide, "guide")
    return problems, checked


def test_every_quoted_field_of_the_guide_is_verbatim():
    guide = json.loads(GUIDE_PATH.read_text(encoding="utf-8"))
    problems, checked = quote_problems(guide)
    assert not problems, "\n".join(problems)
    # 13 criteria (one with two bullets) + 4 practice types + 3 support types and their 4 descriptions + 3 forms
    # + 1 obligation + 3 recognitions
    assert checked == 14 + 4 + 3 + 4 + 3 + 1 + 3


@pytest.mark.parametrize("mutate", [
    # the issue's bug: the type-2 board criterion stitched under type 1's quote
    lambda g: g["criteria"][0].update(quote="Organisme avec statut légal d'OBNL; dirigé par un CA indépendant"),
    lambda g: g["recognition"][0].update(slide=14),  # right words, wrong slide
    lambda g: g["obligations"][0].update(quote="La Ville exige une reddition de comptes."),
    lambda g: g["support_types"][0]["details"].append({"quote": "Financement à la mission", "section": "Types de "
                                                       "soutien (suite)", "slide": 20}),
    lambda g: g.update(summary="Un texte qui n'est ni une citation ni une question"),
], ids=["stitched", "wrong-slide", "reworded", "invented-detail", "unclassified-field"])
def test_the_quote_check_fails_on_a_quote_that_is_not_verbatim(mutate):
    guide = copy.deepcopy(json.loads(GUIDE_PATH.read_text(encoding="utf-8")))
    mutate(guide)
    problems, _ = quote_problems(guide)
    assert problems


def test_commitments_the_guide_shows_exist_and_are_verbatim(shipped_store):
    guide = json.loads(GUIDE_PATH.read_text(encoding="utf-8"))
    rows = {r.id: r for r in CommitmentRegister(shipped_store).all()}
    for rule in guide["commitments"]["rules"]:
        assert rule["reason"]["fr"].strip() and rule["reason"]["en"].strip(), rule
        assert "\n" not in rule["reason"]["fr"] + rule["reason"]["en"], "one line per reason"
        for cid in rule["ids"]:
            row = rows[cid]
            assert normalise(row.text) in FRENCH[(row.section, row.slide)], cid


def all_results(assistant):
    """Real results covering every branch: the profiles, both languages, every need, partial answers."""
    guide_ids = [c["id"] for c in json.loads(GUIDE_PATH.read_text(encoding="utf-8"))["criteria"]]
    profiles = json.loads((REPO / "evals" / "fit_profiles.json").read_text(encoding="utf-8"))
    every_need = ["projet", "mandat", "mission", "conseil", "locaux", "on cherche une salle pour nos assemblées",
                  "we need advice on our board"]
    answers = [({"criteria": p["criteria"], "needs": p["needs_text"]}, lang) for p in profiles for lang in ("fr", "en")]
    answers += [({"criteria": {c: True for c in guide_ids}, "needs": every_need}, lang) for lang in ("fr", "en")]
    answers += [({"criteria": {}, "needs": every_need}, lang) for lang in ("fr", "en")]
    answers += [({"criteria": {c: False for c in guide_ids}, "needs": []}, lang) for lang in ("fr", "en")]
    return [assistant.fit(a, lang) for a, lang in answers]


def test_every_citation_of_real_results_is_verbatim_and_follows_its_quote(shipped_assistant):
    english = sections(TRANSLATION)
    for result in all_results(shipped_assistant):
        assert result.citations
        for c in result.citations:
            assert normalise(c.quote) in FRENCH[(c.section, c.page)], (c.n, c.quote)
            if result.language == "en":
                translation = result.translations[c.n]  # every quote of this policy has an aligned line
                en_section = next(v for (title, page), v in english.items() if page == c.page)
                assert normalise(translation) in en_section, (c.n, translation)
                assert f"“{translation}” (« {c.quote} ») [{c.n}]" in result.text
            else:
                assert f"« {c.quote} » [{c.n}]" in result.text, (c.n, c.quote)
        used = {int(n) for n in re.findall(r"\[(\d+)\]", result.text)}
        assert used == {c.n for c in result.citations}
