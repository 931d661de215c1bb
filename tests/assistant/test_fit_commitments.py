"""The support-fit guide (one test per practice type and per boundary case) and the commitments register."""

from __future__ import annotations

import json
from collections import Counter
import os
import re
import subprocess

import pytest

from assistant.guides.commitments import CommitmentRegister
from assistant.guides.fit import FitInputError, load_guide
from ingest.loaders import load_file
from tests.conftest import REPO, repere_bin

GUIDE = load_guide(REPO / "corpus/reference")
IDS = {t: [c["id"] for c in GUIDE["criteria"] if c["type"] == t] for t in (1, 2, 3, 4)}


def answers(*types, drop=None):
    criteria = {cid: True for t in types for cid in IDS[t]}
    if drop:
        criteria[drop] = False
    return {"criteria": criteria, "needs": []}


def matched(result):
    return [p["type"] for p in result.practice_types]


@pytest.mark.parametrize("types,expected", [((1,), [1]), ((1, 2), [1, 2]), ((1, 2, 3), [1, 2, 3]), ((4,), [4]),
                                            ((1, 2, 3, 4), [1, 2, 3, 4]), ((), [])])
def test_each_practice_type(shipped_assistant, types, expected):
    result = shipped_assistant.fit(answers(*types))
    assert matched(result) == expected
    for c in result.citations:
        assert c.page in (9, 10, 13, 14, 16, 18, 19, 20, 21)


@pytest.mark.parametrize("criterion", [c["id"] for c in GUIDE["criteria"] if c["type"] in (1, 2, 3)])
def test_one_missing_criterion_stops_the_chain_and_is_named(shipped_assistant, criterion):
    level = next(c["type"] for c in GUIDE["criteria"] if c["id"] == criterion)
    result = shipped_assistant.fit(answers(1, 2, 3, drop=criterion))
    assert matched(result) == list(range(1, level))
    assert [m["id"] for m in result.missing_for_next] == [criterion]
    policy_text = next(c["policy_text"] for c in GUIDE["criteria"] if c["id"] == criterion)
    assert policy_text in result.text


def test_type_three_without_type_two_is_not_type_three(shipped_assistant):
    assert matched(shipped_assistant.fit(answers(1, 3))) == [1]


def test_needs_map_to_support_and_forms_with_citations(shipped_assistant):
    result = shipped_assistant.fit({"criteria": {}, "needs": ["projet", "mission", "conseil", "locaux"]})
    supports = {s["need"]: s for s in result.supports}
    assert supports["locaux"]["support"] == "Le soutien locatif"
    assert supports["conseil"]["support"] == "Le soutien professionnel"
    assert "cas exceptionnels" in supports["mission"]["form"]
    assert "reddition de comptes" in result.text
    assert {"P3-E2c", "P2-E1"} <= {c["id"] for c in result.commitments}
    for line in result.text.splitlines():
        if line.startswith("- "):
            assert re.search(r"\[\d+\]", line), line  # every statement cites the policy


def test_guide_quotes_the_policy_verbatim():
    doc = load_file(REPO / "corpus/documents/politique-action-communautaire.md")
    slides = {s.page: s.text for s in doc.sections}
    for c in GUIDE["criteria"]:
        for part in c["policy_text"].split("; "):
            assert part in slides[c["slide"]], c["id"]
    for need in GUIDE["needs"]:
        assert need["support_text"] in slides[need["support_slide"]]
        assert not need["form"] or need["form"] in slides[need["form_slide"]]


def test_bad_fit_input(shipped_assistant):
    with pytest.raises(FitInputError, match="unknown criteria"):
        shipped_assistant.fit({"criteria": {"bogus": True}})


def test_commitments_register_counts_match_the_source(shipped_store):
    register = CommitmentRegister(shipped_store)
    rows = register.all()
    doc = load_file(REPO / "corpus/documents/politique-action-communautaire.md")
    expected = {}
    for section in doc.sections:
        number = re.match(r"Principe (\d+)", section.title)
        if number and ("Engagements" in section.title or "Engagements" in section.text):
            after = section.text.split("Engagements", 1)[-1]
            expected[int(number.group(1))] = len(re.findall(r"^\s*[-■]\s+\S", after, re.M))
    assert dict(Counter(r.principle for r in rows)) == expected == {1: 4, 2: 3, 3: 6}
    assert [r.id for r in rows if r.principle == 2] == ["P2-E1", "P2-E2", "P2-E3"]
    assert all(r.slide in (14, 16, 18) for r in rows)
    assert [r.id for r in register.list(text="statut d'observateur")] == ["P2-E2"]


def test_commitment_answers_and_cli_cite_ids(shipped_assistant, shipped_store):
    answer = shipped_assistant.ask("Quels sont les engagements de la Ville liés au principe 2?")
    assert "(P2-E1)" in answer.answer and "(P2-E3)" in answer.answer
    env = {**os.environ, "REPERE_CHROMA_PATH": str(shipped_store.chroma_path)}
    out = subprocess.run([repere_bin(), "commitments", "--principle", "3", "--json"], capture_output=True, text=True,
                         env=env, cwd=REPO, check=True).stdout
    assert [r["id"] for r in json.loads(out)][:2] == ["P3-E1", "P3-E2"]
    fit = subprocess.run([repere_bin(), "fit", "--json"], input=json.dumps(answers(4)), capture_output=True,
                         text=True, env=env, cwd=REPO, check=True).stdout
    assert [p["type"] for p in json.loads(fit)["practice_types"]] == [4]
