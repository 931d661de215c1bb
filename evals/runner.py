"""Evaluation runner: asks every case of a split through the assistant's public API and scores it.

Cases are single questions, or conversations whose turns are asked in order in one ``ChatSession`` (every
turn after the first is a follow-up). Metrics, overall and per user group, language and source set:

- retrieval: hit@1, hit@5, MRR, nDCG@5 of the first relevant source (document section or directory record);
- answers: key-fact recall; **answer-first** (every key fact within the first 300 characters); all-facts rate;
  citation support (found key facts that also appear in a cited quote); median answer length;
- abstention: out-of-scope abstention (recall), precision, false abstentions;
- **yes/no correct** (the answer opens with the expected « Oui » / « Non » / Yes / No);
- **routing accuracy** (documents, directory or guide); **follow-up resolution** (follow-up turns answered
  right: the facts found, or an expected abstention);
- **English opening** (English answers whose first 200 characters are mostly English function words);
- latency p50/p95 (``numpy.percentile``).

Only ``assistant.api`` is used, so the same runner scores any version of the assistant.

Usage: ``report = run_split(Assistant(), load_split(Path("evals/cases/test.json")))``
"""

from __future__ import annotations

import json
import math
import re
import statistics
import time
import tomllib
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

ANSWER_FIRST_CHARS = 300
OPENING_CHARS = 200
SPLITS = ("dev", "test")

_EN_FUNCTION = {"the", "of", "and", "to", "in", "is", "are", "for", "on", "with", "that", "this", "it", "by",
                "as", "an", "a", "be", "its", "their", "does", "do", "not", "no", "yes", "which", "what", "from",
                "has", "have", "was", "were", "or", "at", "city", "says", "documents", "there"}
_FR_FUNCTION = {"le", "la", "les", "des", "du", "de", "et", "est", "sont", "pour", "sur", "avec", "que", "qui",
                "dans", "une", "un", "au", "aux", "ce", "cette", "par", "pas", "ne", "oui", "non", "son", "sa",
                "ses", "leur", "leurs", "ville", "selon", "il", "elle"}


@dataclass
class CaseResult:
    id: str
    group: str
    language: str
    category: str
    source_set: str
    abstain_expected: bool
    abstained: bool
    rank: int | None  # 1-based rank of the first relevant source, None when not in the top 10
    facts_total: int
    facts_found: int
    facts_first: int  # found within the first ANSWER_FIRST_CHARS characters
    facts_supported: int
    latency_ms: float
    answer_chars: int
    route_expected: str = ""
    route: str = ""
    yes_no_expected: str | None = None
    yes_no: str | None = None
    followup: bool = False
    english_opening: bool | None = None
    question: str = ""
    resolved_question: str = ""
    answer: str = ""
    missing_facts: list[str] = field(default_factory=list)


def load_split(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    ids = [c["id"] for c in data.get("cases", [])] + [c["id"] for c in data.get("conversations", [])]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{path}: duplicate case ids")
    return data


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("œ", "oe").lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _norm(text: str) -> str:
    text = fold(text.replace("*", ""))
    return " ".join(re.sub(r"['\-–—]", " ", text).split())


def _source_matches(expected: dict, source: dict) -> bool:
    if "org_id" in expected or "org_name" in expected:
        if "org_id" in expected and source.get("org_id") == expected["org_id"]:
            return True
        return bool(expected.get("org_name")) and _norm(expected["org_name"]) == _norm(source.get("org_name", ""))
    return (source.get("doc_id") == expected.get("doc_id")
            and _norm(expected.get("section", "")) in _norm(source.get("section_path", "")))


def ranked_sources(answer) -> list[dict]:
    """What was retrieved, in order, as dicts with doc_id/section_path/org_id/org_name."""
    if answer.route == "directory":
        return [{"org_id": c.source_id, "org_name": c.section} for c in answer.citations]
    hits = [h.metadata for h in getattr(answer, "hits", []) or []]
    cited = [{"doc_id": c.source_id, "section_path": c.section} for c in answer.citations]
    return hits or cited


def yes_no_of(answer_text: str) -> str | None:
    first = re.match(r"[\W_]*(\w+)", fold(answer_text))
    word = first.group(1) if first else ""
    return "yes" if word in ("oui", "yes") else "no" if word in ("non", "no") else None


def opens_in_english(answer_text: str) -> bool:
    """Are the answer's first 200 characters English? The share of English among function words, outside quoted
    French (« … »), parentheses and French proper names (a capitalised word and the words after it, up to the
    next English function word: "the Déclaration de reconnaissance et de soutien …")."""
    head = re.sub(r"«[^»]*»?|\([^)]*\)?", " ", answer_text[:OPENING_CHARS])
    tokens = re.findall(r"[A-Za-zÀ-ÿ']+", head)
    en = fr = 0
    in_name = False
    for n, token in enumerate(tokens):
        word = fold(token)
        if in_name and word in _EN_FUNCTION:
            in_name = False
        if n > 0 and token[:1].isupper() and word not in _EN_FUNCTION:
            in_name = True
        if in_name:
            continue
        en += word in _EN_FUNCTION
        fr += word in _FR_FUNCTION
    if en + fr == 0:
        return not re.search(r"[éèêàùçôîœ]", re.sub(r"\b[A-ZÀ-Ý][\wÀ-ÿ'-]*", " ", head))
    return en >= fr


def score_turn(case: dict, answer, latency_ms: float, case_id: str, followup: bool, group: str,
               source_set: str) -> CaseResult:
    rank = None
    for position, source in enumerate(ranked_sources(answer)[:10], start=1):
        if any(_source_matches(e, source) for e in case.get("expected_sources", [])):
            rank = position
            break
    text = _norm(answer.answer)
    head = _norm(answer.answer[:ANSWER_FIRST_CHARS])
    quotes = [_norm(c.quote) for c in answer.citations]
    found = first = supported = 0
    missing = []
    for alternatives in case.get("key_facts", []):
        hit = next((a for a in alternatives if _norm(a) in text), None)
        if hit is None:
            missing.append(alternatives[0])
            continue
        found += 1
        if any(_norm(a) in head for a in alternatives):
            first += 1
        if any(_norm(a) in q for a in alternatives for q in quotes):
            supported += 1
    language = case.get("language", "fr")
    return CaseResult(
        id=case_id, group=group, language=language, category=case.get("category", ""), source_set=source_set,
        abstain_expected=bool(case.get("abstain")), abstained=bool(answer.abstained), rank=rank,
        facts_total=len(case.get("key_facts", [])), facts_found=found, facts_first=first,
        facts_supported=supported, latency_ms=latency_ms, answer_chars=len(answer.answer),
        route_expected=case.get("route", ""), route=getattr(answer, "route", ""),
        yes_no_expected=case.get("yes_no"), yes_no=yes_no_of(answer.answer), followup=followup,
        english_opening=opens_in_english(answer.answer) if language == "en" and not answer.abstained else None,
        question=case["question"], resolved_question=getattr(answer, "resolved_question", ""),
        answer=answer.answer, missing_facts=missing)


def _mean(values: list[float]) -> float:
    return statistics.fmean(values) if values else float("nan")


def _correct(r: CaseResult) -> bool:
    if r.abstain_expected:
        return r.abstained
    if r.abstained:
        return False
    return r.facts_found == r.facts_total if r.facts_total else (r.rank is not None and r.rank <= 5)


def metrics(results: list[CaseResult]) -> dict[str, float]:
    answerable = [r for r in results if not r.abstain_expected]
    with_facts = [r for r in answerable if r.facts_total]
    with_sources = [r for r in answerable if r.rank is not None or r.facts_total]
    out_of_scope = [r for r in results if r.abstain_expected]
    abstained = [r for r in results if r.abstained]
    ranks = [r.rank for r in with_sources]
    facts_total = sum(r.facts_total for r in answerable)
    facts_found = sum(r.facts_found for r in answerable)
    latencies = [r.latency_ms for r in results]
    yes_no = [r for r in results if r.yes_no_expected in ("yes", "no")]
    routed = [r for r in results if r.route_expected]
    followups = [r for r in results if r.followup]
    english = [r for r in results if r.english_opening is not None]
    lengths = [r.answer_chars for r in results if not r.abstained]
    return {
        "cases": len(results),
        "hit@1": _mean([1.0 if k == 1 else 0.0 for k in ranks]),
        "hit@5": _mean([1.0 if k and k <= 5 else 0.0 for k in ranks]),
        "mrr": _mean([1.0 / k if k else 0.0 for k in ranks]),
        "ndcg@5": _mean([1.0 / math.log2(k + 1) if k and k <= 5 else 0.0 for k in ranks]),
        "key_fact_recall": facts_found / facts_total if facts_total else float("nan"),
        "answer_first": _mean([1.0 if r.facts_first == r.facts_total else 0.0 for r in with_facts]),
        "all_facts_rate": _mean([1.0 if r.facts_found == r.facts_total else 0.0 for r in with_facts]),
        "citation_support": (sum(r.facts_supported for r in answerable) / facts_found) if facts_found else float("nan"),
        "median_answer_chars": float(statistics.median(lengths)) if lengths else float("nan"),
        "abstention_precision": (sum(r.abstain_expected for r in abstained) / len(abstained)) if abstained else float("nan"),
        "abstention_recall": _mean([1.0 if r.abstained else 0.0 for r in out_of_scope]),
        "false_abstention_rate": _mean([1.0 if r.abstained else 0.0 for r in answerable]),
        "yes_no_correct": _mean([1.0 if r.yes_no == r.yes_no_expected else 0.0 for r in yes_no]),
        "routing_accuracy": _mean([1.0 if r.route == r.route_expected else 0.0 for r in routed]),
        "followup_resolution": _mean([1.0 if _correct(r) else 0.0 for r in followups]),
        "english_opening": _mean([1.0 if r.english_opening else 0.0 for r in english]),
        "latency_p50_ms": float(np.percentile(latencies, 50)) if latencies else float("nan"),
        "latency_p95_ms": float(np.percentile(latencies, 95)) if latencies else float("nan"),
    }


def run_split(assistant, split: dict, mode: str = "hybrid") -> dict:
    from assistant.api import ChatSession

    results: list[CaseResult] = []
    for case in split.get("cases", []):
        session = ChatSession()
        for previous in case.get("history", []):
            assistant.ask(previous, session=session, mode=mode)
        started = time.perf_counter()
        answer = assistant.ask(case["question"], session=session, mode=mode)
        results.append(score_turn(case, answer, (time.perf_counter() - started) * 1000, case["id"],
                                  bool(case.get("history")), case.get("group", ""), case.get("source_set", "")))
    for conversation in split.get("conversations", []):
        session = ChatSession()
        for n, turn in enumerate(conversation["turns"]):
            started = time.perf_counter()
            answer = assistant.ask(turn["question"], session=session, mode=mode)
            results.append(score_turn(turn, answer, (time.perf_counter() - started) * 1000,
                                      f"{conversation['id']}#{n + 1}", n > 0, conversation.get("group", ""),
                                      conversation.get("source_set", "")))
    report = {"mode": mode, "split": split.get("split", "?"), "overall": metrics(results), "by_group": {},
              "by_language": {}, "by_source_set": {}, "cases": [asdict(r) for r in results]}
    for key, attr in (("by_group", "group"), ("by_language", "language"), ("by_source_set", "source_set")):
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
            metric = name.removesuffix("_max")
            value = values.get(metric, float("nan"))
            ok = value <= limit if name.endswith("_max") else value >= limit
            if not ok:
                failures.append(f"{scope}.{metric} = {value:.3f} {'>' if name.endswith('_max') else '<'} {limit}")
    return failures


def evaluate(assistant, cases_dir: Path, thresholds_path: Path | None, out_dir: Path | None,
             baseline: bool = False) -> tuple[dict[str, dict], list[str], dict[str, Path]]:
    """Run both splits (and, with ``baseline``, BM25 only and dense only); the gate reads the test split."""
    from evals.report import write_report

    started = time.perf_counter()
    modes = ["hybrid", "bm25", "dense"] if baseline else ["hybrid"]
    reports: dict[str, dict] = {}
    for split in SPLITS:
        cases = load_split(cases_dir / f"{split}.json")
        for mode in modes:
            reports[f"{split}/{mode}"] = run_split(assistant, cases, mode=mode)
    seconds = time.perf_counter() - started
    failures = check_thresholds(reports["test/hybrid"], thresholds_path) if thresholds_path else []
    paths = write_report(reports, out_dir, seconds, failures) if out_dir else {}
    return reports, failures, paths
