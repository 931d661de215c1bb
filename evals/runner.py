"""Evaluation runner: asks every case of the set through the assistant's public API and scores it.

Metrics (overall, by user group, by language): retrieval hit@1, hit@5, MRR, nDCG@5 (first relevant item);
key-fact recall and all-facts rate of answers; citation support (each key fact found in the answer also
appears in a cited quote); abstention precision/recall and false-abstention rate; latency p50/p95.

Usage: ``report = run_eval(Assistant(), load_cases(Path("evals/cases.json")), mode="hybrid")``
"""

from __future__ import annotations

import json
import math
import statistics
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from assistant.api import Answer, Assistant, ChatSession
from assistant.textnorm import fold


@dataclass
class CaseResult:
    id: str
    group: str
    language: str
    category: str
    abstain_expected: bool
    abstained: bool
    rank: int | None  # 1-based rank of the first relevant source, None when not in the top 10
    facts_total: int
    facts_found: int
    facts_supported: int
    latency_ms: float
    answer: str = ""
    missing_facts: list[str] = field(default_factory=list)


def load_cases(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    ids = [c["id"] for c in data["cases"]]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{path}: duplicate case ids")
    return data


def _norm(text: str) -> str:
    return " ".join(fold(text).replace("'", " ").replace("-", " ").split())


def _source_matches(expected: dict, source: dict) -> bool:
    if "org_id" in expected:
        return source.get("org_id") == expected["org_id"]
    return (source.get("doc_id") == expected["doc_id"]
            and _norm(expected.get("section", "")) in _norm(source.get("section_path", "")))


def ranked_sources(answer: Answer) -> list[dict]:
    """What was retrieved, in order, as dicts with doc_id/section_path/org_id."""
    if answer.route == "directory":
        return [{"org_id": c.source_id} for c in answer.citations]
    return [h.metadata for h in answer.hits]


def score_case(case: dict, answer: Answer, latency_ms: float) -> CaseResult:
    rank = None
    for position, source in enumerate(ranked_sources(answer)[:10], start=1):
        if any(_source_matches(e, source) for e in case["expected_sources"]):
            rank = position
            break
    text = _norm(answer.answer)
    quotes = [_norm(c.quote) for c in answer.citations]
    found = supported = 0
    missing = []
    for alternatives in case["key_facts"]:
        hit = next((a for a in alternatives if _norm(a) in text), None)
        if hit is None:
            missing.append(alternatives[0])
            continue
        found += 1
        if any(_norm(hit) in q for q in quotes):
            supported += 1
    return CaseResult(id=case["id"], group=case["group"], language=case["language"], category=case["category"],
                      abstain_expected=case["abstain"], abstained=answer.abstained, rank=rank,
                      facts_total=len(case["key_facts"]), facts_found=found, facts_supported=supported,
                      latency_ms=latency_ms, answer=answer.answer, missing_facts=missing)


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def metrics(results: list[CaseResult]) -> dict[str, float]:
    answerable = [r for r in results if not r.abstain_expected]
    out_of_scope = [r for r in results if r.abstain_expected]
    abstained = [r for r in results if r.abstained]
    ranks = [r.rank for r in answerable]
    facts_total = sum(r.facts_total for r in answerable)
    facts_found = sum(r.facts_found for r in answerable)
    m = {
        "cases": len(results),
        "hit@1": _mean([1.0 if k == 1 else 0.0 for k in ranks]),
        "hit@5": _mean([1.0 if k and k <= 5 else 0.0 for k in ranks]),
        "mrr": _mean([1.0 / k if k else 0.0 for k in ranks]),
        "ndcg@5": _mean([1.0 / math.log2(k + 1) if k and k <= 5 else 0.0 for k in ranks]),
        "key_fact_recall": facts_found / facts_total if facts_total else float("nan"),
        "all_facts_rate": _mean([1.0 if r.facts_found == r.facts_total else 0.0 for r in answerable]),
        "citation_support": (sum(r.facts_supported for r in answerable) / facts_found) if facts_found else float("nan"),
        "abstention_precision": (sum(r.abstain_expected for r in abstained) / len(abstained)) if abstained else float("nan"),
        "abstention_recall": _mean([1.0 if r.abstained else 0.0 for r in out_of_scope]),
        "false_abstention_rate": _mean([1.0 if r.abstained else 0.0 for r in answerable]),
        "wrong_answer_rate": _mean([0.0 if r.abstained else 1.0 for r in out_of_scope]),
        "latency_p50_ms": _percentile([r.latency_ms for r in results], 0.5),
        "latency_p95_ms": _percentile([r.latency_ms for r in results], 0.95),
    }
    return m


def _mean(values: list[float]) -> float:
    return statistics.fmean(values) if values else float("nan")


def run_eval(assistant: Assistant, cases: dict, mode: str = "hybrid") -> dict:
    results = []
    for case in cases["cases"]:
        session = ChatSession()
        for previous in case.get("history", []):
            assistant.ask(previous, session=session, mode=mode)
        started = time.perf_counter()
        answer = assistant.ask(case["question"], session=session, mode=mode, k=10)
        results.append(score_case(case, answer, (time.perf_counter() - started) * 1000))
    report = {"mode": mode, "overall": metrics(results), "by_group": {}, "by_language": {},
              "cases": [r.__dict__ for r in results]}
    for key, attr in (("by_group", "group"), ("by_language", "language")):
        for value in sorted({getattr(r, attr) for r in results}):
            report[key][value] = metrics([r for r in results if getattr(r, attr) == value])
    return report


def check_thresholds(report: dict, thresholds_path: Path) -> list[str]:
    """Failures as readable lines; empty when every gated metric meets its threshold."""
    thresholds = tomllib.loads(thresholds_path.read_text(encoding="utf-8"))
    failures = []
    for scope, limits in thresholds.items():
        if scope == "overall":
            values = report["overall"]
        elif scope.startswith("language_"):
            values = report["by_language"].get(scope.removeprefix("language_"), {})
        else:
            continue
        for name, limit in limits.items():
            if name.endswith("_max"):
                metric = name.removesuffix("_max")
                value = values.get(metric, float("nan"))
                if not value <= limit:
                    failures.append(f"{scope}.{metric} = {value:.3f} > {limit}")
            else:
                value = values.get(name, float("nan"))
                if not value >= limit:
                    failures.append(f"{scope}.{name} = {value:.3f} < {limit}")
    return failures


def evaluate(assistant: Assistant, set_path: Path, thresholds_path: Path | None, out_dir: Path | None,
             baseline: bool = False) -> tuple[dict[str, dict], list[str], dict[str, Path]]:
    """Run the set (and, with ``baseline``, BM25 only, dense only and both fusions side by side)."""
    from evals.report import write_report

    cases = load_cases(set_path)
    started = time.perf_counter()
    configured = assistant.retriever.fusion
    runs = [(f"hybrid-{configured}", "hybrid", configured)]
    if baseline:
        other = "blend" if configured == "rrf" else "rrf"
        runs += [(f"hybrid-{other}", "hybrid", other), ("bm25", "bm25", configured), ("dense", "dense", configured)]
    reports: dict[str, dict] = {}
    try:
        for name, mode, fusion in runs:
            assistant.retriever.fusion = fusion
            reports[name] = run_eval(assistant, cases, mode=mode)
            reports[name]["mode"] = name
    finally:
        assistant.retriever.fusion = configured
    seconds = time.perf_counter() - started
    failures = check_thresholds(reports[runs[0][0]], thresholds_path) if thresholds_path else []
    paths = write_report(reports, out_dir, cases.get("version", "?"), seconds, failures) if out_dir else {}
    return reports, failures, paths
