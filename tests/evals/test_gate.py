"""The evaluation runs on the shipped corpus and the CI gate holds (thresholds in evals/thresholds.toml)."""

from __future__ import annotations

import json
import tomllib

from evals.runner import check_thresholds, evaluate, load_cases
from tests.conftest import REPO

SET = REPO / "evals/cases.json"


def test_the_set_is_complete_and_well_formed():
    cases = load_cases(SET)["cases"]
    assert len(cases) >= 120
    assert sum(c["abstain"] for c in cases) >= 20
    assert {c["group"] for c in cases} == {"organisation", "staff", "general"}
    assert {c["language"] for c in cases} == {"fr", "en"}
    for case in cases:
        assert case["abstain"] or (case["key_facts"] and case["expected_sources"]), case["id"]
        assert all(isinstance(f, list) and f for f in case["key_facts"]), case["id"]
    sections = {c["expected_sources"][0].get("section") for c in cases if c["expected_sources"]}
    for title in ("Le contenu", "Contexte", "Portée", "Mise en œuvre", "Conclusion", "Gestion du soutien"):
        assert any(title in (s or "") for s in sections), title


def test_evaluation_gate(shipped_assistant, tmp_path):
    reports, failures, paths = evaluate(shipped_assistant, SET, REPO / "evals/thresholds.toml", tmp_path)
    main = next(iter(reports.values()))
    print("\n" + json.dumps({k: round(v, 3) for k, v in main["overall"].items()}))
    assert failures == [], failures
    assert paths["chart"].stat().st_size > 10_000 and "evaluation report" in paths["markdown"].read_text()


def test_gate_fails_when_a_metric_drops(tmp_path):
    thresholds = tmp_path / "t.toml"
    thresholds.write_text('[overall]\nmrr = 0.99\nfalse_abstention_rate_max = 0.0\n', encoding="utf-8")
    report = {"overall": {"mrr": 0.8, "false_abstention_rate": 0.1}, "by_language": {}}
    failures = check_thresholds(report, thresholds)
    assert len(failures) == 2 and tomllib.loads(thresholds.read_text())["overall"]["mrr"] == 0.99
