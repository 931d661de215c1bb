"""The commitments register: every commitment (engagement) of the City in the policy, with its id."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections import Counter

from assistant.guides.commitments import CommitmentRegister
from ingest.loaders import load_file
from tests.conftest import REPO, repere_bin


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
