"""The support-fit guide on the real assistant: eligibility first, three states per criterion, practice types,
support, obligations and commitments (Repère's reading), English results, bad input."""

from __future__ import annotations

import json
import os
import re
import subprocess

import pytest

from assistant.guides.fit import FitInputError, load_guide
from tests.conftest import REPO, repere_bin

GUIDE = load_guide(REPO / "corpus/reference")
IDS = {t: [c["id"] for c in GUIDE["criteria"] if c["type"] == t] for t in (1, 2, 3, 4)}
QUOTE = {c["id"]: c["quote"] for c in GUIDE["criteria"]}


def answers(*types, no=None, blank=None, needs=()):
    """Criteria of the given types answered yes; ``no`` answered no; ``blank`` left unanswered (absent)."""
    criteria = {cid: True for t in types for cid in IDS[t]}
    if no:
        criteria[no] = False
    if blank:
        criteria.pop(blank, None)
    return {"criteria": criteria, "needs": list(needs)}


def matched(result):
    return [p["type"] for p in result.practice_types]


@pytest.mark.parametrize("types,expected,coverage", [
    ((1,), [1], "covered"), ((1, 2), [1, 2], "covered"), ((1, 2, 3), [1, 2, 3], "covered"), ((4,), [4], "covered"),
    ((1, 2, 3, 4), [1, 2, 3, 4], "covered"), ((), [], "cannot_tell")])
def test_each_practice_type(shipped_assistant, types, expected, coverage):
    result = shipped_assistant.fit(answers(*types))
    assert matched(result) == expected
    assert result.coverage == coverage
    for c in result.citations:
        assert c.page in (9, 10, 13, 14, 16, 18, 19, 20, 21)


@pytest.mark.parametrize("criterion", [c["id"] for c in GUIDE["criteria"] if c["type"] in (1, 2, 3)])
def test_a_no_stops_the_chain_and_is_quoted(shipped_assistant, criterion):
    level = next(c["type"] for c in GUIDE["criteria"] if c["id"] == criterion)
    result = shipped_assistant.fit(answers(1, 2, 3, no=criterion))
    assert matched(result) == list(range(1, level))
    assert result.failed_criteria == [criterion]
    assert [(m["id"], m["state"]) for m in result.missing_for_next] == [(criterion, "not_met")]
    assert f"« {QUOTE[criterion]} »" in result.text
    assert next(c for c in result.criteria if c["id"] == criterion)["state"] == "not_met"


@pytest.mark.parametrize("criterion", [c["id"] for c in GUIDE["criteria"] if c["type"] in (1, 2, 3)])
def test_not_answered_is_not_a_failure(shipped_assistant, criterion):
    level = next(c["type"] for c in GUIDE["criteria"] if c["id"] == criterion)
    result = shipped_assistant.fit(answers(1, 2, 3, blank=criterion))
    assert matched(result) == list(range(1, level))
    assert result.failed_criteria == []
    assert [(m["id"], m["state"]) for m in result.missing_for_next] == [(criterion, "not_answered")]
    type_line = next(line for line in result.text.splitlines() if line.startswith(f"- Type {level} "))
    assert "sans réponse" in type_line and "répondu non" not in type_line
    assert next(c for c in result.criteria if c["id"] == criterion)["state"] == "not_answered"
    assert result.coverage == ("cannot_tell" if level == 1 else "covered")


def test_type_three_without_type_two_is_not_type_three(shipped_assistant):
    assert matched(shipped_assistant.fit(answers(1, 3))) == [1]


def test_not_covered_names_and_quotes_the_criterion_first(shipped_assistant):
    criteria = {cid: True for cid in IDS[1]} | {"obnl": False, "regroupement": False}
    result = shipped_assistant.fit({"criteria": criteria, "needs": ["locaux"]})
    assert result.coverage == "not_covered" and result.failed_criteria == ["obnl"]
    first = result.text.splitlines()[0]
    assert first.startswith("Non") and f"« {QUOTE['obnl']} »" in first and "type 4" in first
    assert not result.commitments  # commitments concern organisations the policy covers
    assert "Pour information" in result.text  # support for the need is given as information only


def test_cannot_tell_says_which_questions_remain(shipped_assistant):
    result = shipped_assistant.fit({"criteria": {"obnl": True}, "needs": []})
    assert result.coverage == "cannot_tell"
    assert result.unanswered_blocking == ["enracine", "vie_democratique", "libre_mission", "regroupement"]
    lines = result.text.splitlines()
    assert lines[0].startswith("On ne peut pas encore dire") and "4 question(s)" in lines[0]
    for cid in result.unanswered_blocking:
        question = next(c["fr"] for c in GUIDE["criteria"] if c["id"] == cid)
        assert any(line.startswith(f"- {question}") for line in lines[1:5]), question


def test_sections_come_in_order_eligibility_support_obligations_commitments(shipped_assistant):
    result = shipped_assistant.fit(answers(1, 2, needs=["projet", "locaux"]))
    keys = [s["key"] for s in result.sections]
    assert keys == ["eligibility", "types", "support", "obligations", "commitments"]
    text = result.text
    positions = [text.index(s["lines"][0]) for s in result.sections]
    assert positions == sorted(positions)


def test_needs_from_the_list_map_to_support_forms_and_obligations(shipped_assistant):
    result = shipped_assistant.fit(answers(1, needs=["projet", "mission", "conseil", "locaux"]))
    supports = {s["need"]: s for s in result.supports}
    assert supports["locaux"]["support"] == "Le soutien locatif"
    assert supports["conseil"]["support"] == "Le soutien professionnel"
    assert "cas exceptionnels" in supports["mission"]["form"]
    assert [o["slide"] for o in result.obligations] == [21]
    assert "reddition de comptes" in result.text
    assert {"P3-E2c", "P2-E1"} <= {c["id"] for c in result.commitments}
    reasons = [r["reason"]["fr"] for r in GUIDE["commitments"]["rules"]]
    for line in result.text.splitlines():
        if line.startswith("- Pourquoi "):  # Repère's reading of why a commitment concerns you: not a quote
            assert any(line.endswith(reason) for reason in reasons), line
        elif line.startswith("- "):
            assert re.search(r"\[\d+\]", line), line  # every statement cites the policy


def test_no_financial_support_no_accountability(shipped_assistant):
    result = shipped_assistant.fit(answers(1, needs=["conseil", "locaux"]))
    assert not result.obligations and "reddition" not in result.text
    assert not {"P3-E2a", "P3-E2b", "P3-E2c"} & {c["id"] for c in result.commitments}


def test_commitments_are_labelled_as_repere_reading_with_id_slide_and_reason(shipped_assistant):
    result = shipped_assistant.fit(answers(1, 2, 3, 4, needs=["projet"]))
    section = next(s for s in result.sections if s["key"] == "commitments")
    assert "lecture de Repère" in section["title"] and section["note"] == GUIDE["commitments"]["reading"]["fr"]
    reasons = {r["reason"]["fr"] for r in GUIDE["commitments"]["rules"]}
    for c in result.commitments:
        assert c["repere_reading"] and c["reason"] in reasons and c["slide"] in (14, 16, 18)
        assert f"{c['id']} (diapositive {c['slide']}) : « {c['text']} »" in result.text
    assert {c["id"] for c in result.commitments} >= {"P1-E1", "P2-E1", "P3-E2a"}
    assert "Pourquoi P1-E1 :" in result.text


def test_english_result_shows_the_translation_then_the_french_original(shipped_assistant):
    result = shipped_assistant.fit(answers(1, needs=["locaux"]), "en")
    assert result.language == "en" and result.text.startswith("Yes: from your answers")
    assert "“Rental of premises and facilities at preferential prices” (« Location de locaux et d'installations à " \
           "des prix préférentiels »)" in result.text
    assert "unofficial English translation" in result.text and "traduction non officielle" in result.text
    cited = result.to_json()["citations"]
    assert all(c["translation"] and c["translation_note"] == "unofficial translation" for c in cited)


@pytest.mark.parametrize("bad,lang,words", [
    ({"criteria": {"bogus": True}}, "fr", ["bogus", "obnl"]),
    ({"criteria": {"obnl": "peut-être"}}, "fr", ["criteria.obnl", "true", "false", "null"]),
    ({"criteria": {"obnl": 1}}, "en", ["criteria.obnl", "true", "false", "null"]),
    ({"criteria": ["obnl"]}, "en", ["criteria", "object"]),
    ({"needs": "locaux"}, "fr", ["needs", "liste"]),
    ({"needs": ["x" * 600]}, "en", ["needs", "500"]),
    ({"critera": {}}, "en", ["critera", "criteria"]),
    (["obnl"], "fr", ["objet JSON"]),
])
def test_bad_input_names_the_field_and_the_fix(shipped_assistant, bad, lang, words):
    with pytest.raises(FitInputError) as caught:
        shipped_assistant.fit(bad, lang)
    for word in words:
        assert word in str(caught.value), (word, str(caught.value))


def test_cli_fit_with_free_text_null_criteria_and_summary(shipped_store, tmp_path):
    env = {**os.environ, "REPERE_CHROMA_PATH": str(shipped_store.chroma_path),
           "REPERE_DATA_DIR": str(shipped_store.data_dir)}
    payload = {"criteria": {"regroupement": True, "obnl": None}, "needs": ["salle"], "language": "fr"}
    run = subprocess.run([repere_bin(), "fit", "--json", "--summary", str(tmp_path / "résumé.pdf")],
                         input=json.dumps(payload), capture_output=True, text=True, env=env, cwd=REPO)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert [p["type"] for p in out["practice_types"]] == [4] and out["coverage"] == "covered"
    assert [s["support"] for s in out["supports"]] == ["Le soutien locatif"]
    assert next(c for c in out["criteria"] if c["id"] == "obnl")["state"] == "not_answered"
    assert (tmp_path / "résumé.pdf").read_bytes().startswith(b"%PDF")
    bad = subprocess.run([repere_bin(), "fit"], input='{"criteria": {"obnl": "oui"}}', capture_output=True,
                         text=True, env=env, cwd=REPO)
    assert bad.returncode == 2 and "criteria.obnl" in bad.stderr and "true" in bad.stderr
