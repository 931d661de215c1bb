"""The evaluation runs on the shipped corpus, both splits, and the CI gate holds on the frozen test split."""

from __future__ import annotations

import json

from evals.report import _missed
from evals.runner import check_thresholds, evaluate, load_split
from tests.conftest import REPO

CASES = REPO / "evals/cases"


def test_the_splits_are_complete_and_well_formed():
    dev, test = load_split(CASES / "dev.json"), load_split(CASES / "test.json")
    turns = lambda s: len(s["cases"]) + sum(len(c["turns"]) for c in s["conversations"])  # noqa: E731
    assert turns(dev) + turns(test) >= 250 and turns(test) >= 120
    followups = sum(len(c["turns"]) - 1 for s in (dev, test) for c in s["conversations"])
    assert followups >= 40
    ids = {c["id"] for s in (dev, test) for c in s["cases"] + s["conversations"]}
    assert len(ids) == turns(dev) - sum(len(c["turns"]) - 1 for c in dev["conversations"]) + \
        turns(test) - sum(len(c["turns"]) - 1 for c in test["conversations"])  # no id in both splits
    assert all(c["source_set"].startswith("blind") for c in test["cases"] + test["conversations"])
    for split in (dev, test):
        for case in split["cases"] + [t for c in split["conversations"] for t in c["turns"]]:
            assert all(isinstance(f, list) and f for f in case["key_facts"]), case["question"]
            assert case["abstain"] or case["expected_sources"] or case.get("route") == "directory", case["question"]


def test_evaluation_gate(shipped_assistant, tmp_path):
    reports, failures, paths = evaluate(shipped_assistant, CASES, REPO / "evals/thresholds.toml", tmp_path)
    test = reports["test/hybrid"]["overall"]
    print("\n" + json.dumps({k: round(v, 3) for k, v in test.items()}))
    assert failures == [], failures
    assert paths["chart"].stat().st_size > 10_000 and "evaluation report" in paths["markdown"].read_text()
    # the JSON report keeps every turn's scores, and the texts only of the turns that missed something: it stays
    # small enough to track however large the dev split grows
    rows = json.loads(paths["json"].read_text(encoding="utf-8"))["reports"]["dev/hybrid"]["cases"]
    assert len(rows) == reports["dev/hybrid"]["overall"]["cases"]
    assert all(("answer" in r) == (_missed(r) or r["facts_first"] < r["facts_total"]) for r in rows)
    assert any("answer" in r for r in rows) and paths["json"].stat().st_size < 1_000 * len(rows)


def test_gate_fails_when_a_metric_drops(tmp_path):
    thresholds = tmp_path / "t.toml"
    thresholds.write_text('[overall]\nmrr = 0.99\nfalse_abstention_rate_max = 0.0\n', encoding="utf-8")
    report = {"overall": {"mrr": 0.8, "false_abstention_rate": 0.1}, "by_language": {}}
    assert len(check_thresholds(report, thresholds)) == 2
