"""Evaluation reports: Markdown + JSON + a PNG chart, for both splits, under ``evals/reports/`` (or the folder given).

The dev split is for tuning and lists the cases that missed; the test split is frozen and reported only
(its misses are counted, not listed, so nobody tunes on them by accident).

Usage: ``paths = write_report({"dev/hybrid": report, "test/hybrid": ...}, Path("evals/reports"), 12.3, [])``
"""

from __future__ import annotations

import json
import math
import platform
import time
from pathlib import Path

HEADLINE = ["answer_first", "key_fact_recall", "median_answer_chars", "abstention_recall", "false_abstention_rate",
            "followup_resolution", "routing_accuracy", "yes_no_correct", "english_opening"]
RETRIEVAL = ["hit@1", "hit@5", "mrr", "ndcg@5", "all_facts_rate", "citation_support", "abstention_precision",
             "latency_p50_ms", "latency_p95_ms"]
CHART_METRICS = ["answer_first", "key_fact_recall", "abstention_recall", "followup_resolution", "routing_accuracy",
                 "yes_no_correct"]
TARGETS = {"answer_first": "≥ 0.90", "key_fact_recall": "≥ 0.95", "median_answer_chars": "≤ 450",
           "abstention_recall": "≥ 0.95", "false_abstention_rate": "≤ 0.03", "followup_resolution": "≥ 0.90",
           "routing_accuracy": "≥ 0.95", "yes_no_correct": "≥ 0.90", "english_opening": "1.00"}


def _fmt(value) -> str:
    if isinstance(value, float):
        return "–" if math.isnan(value) else (f"{value:.0f}" if value > 1.5 else f"{value:.3f}")
    return str(value)


def _table(rows: dict[str, dict], metrics: list[str], first: str) -> list[str]:
    lines = [f"| {first} | n | " + " | ".join(metrics) + " |", "|---" * (len(metrics) + 2) + "|"]
    for name, values in rows.items():
        lines.append(f"| {name} | {values.get('cases', '')} | "
                     + " | ".join(_fmt(values.get(m, float('nan'))) for m in metrics) + " |")
    return lines


def _missed(case: dict) -> bool:
    if case["abstained"] != case["abstain_expected"] or case["missing_facts"]:
        return True
    if case["route_expected"] and case["route"] != case["route_expected"]:
        return True
    return bool(case["yes_no_expected"] in ("yes", "no") and case["yes_no"] != case["yes_no_expected"])


_TEXTS = ("question", "resolved_question", "answer")


def _row(case: dict) -> dict:
    """A turn's row in the JSON report: its texts only when it missed something, answer-first included."""
    if _missed(case) or case["facts_first"] < case["facts_total"]:
        return case
    return {k: v for k, v in case.items() if k not in _TEXTS}


def markdown(reports: dict[str, dict], seconds: float, failures: list[str]) -> str:
    test, dev = reports["test/hybrid"], reports["dev/hybrid"]
    out = [
        "# Repère — rapport d'évaluation / evaluation report",
        "",
        f"- Splits: `evals/cases/dev.json` ({dev['overall']['cases']} scored turns; tuning) and "
        f"`evals/cases/test.json` ({test['overall']['cases']} scored turns; **frozen**, see `evals/README.md`)",
        f"- Generated: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {platform.machine()}, "
        f"Python {platform.python_version()}; run time {seconds:.1f} s",
        f"- Gate (`evals/thresholds.toml`, test split): {'PASS' if not failures else 'FAIL: ' + '; '.join(failures)}",
        "",
        "Key facts are matched accent- and case-insensitively in the answer; *answer-first* needs every key fact in the",
        "first 300 characters. Yes/no: the answer opens with the expected « Oui » / « Non » / Yes / No. Follow-up",
        "resolution: follow-up turns answered right (every key fact, or an expected abstention). English opening:",
        "English answers whose first 200 characters are mostly English function words. The dev split holds the v1",
        "set (149 cases tuned on by v1: **in-sample**), half of blind sets A and B and all of the later ones (C to AP,",
        "each run once before any change made for it, then tuned on: **in-sample**); the test split holds only blind",
        "cases, written from the sources by people who never saw the code.",
        "",
        "## Headline (hybrid)",
        "",
        "| split | n | " + " | ".join(HEADLINE) + " |",
        "|---" * (len(HEADLINE) + 2) + "|",
        "| target | | " + " | ".join(TARGETS.get(m, "") for m in HEADLINE) + " |",
    ]
    for split in ("test", "dev"):
        values = reports[f"{split}/hybrid"]["overall"]
        out.append(f"| **{split}** | {values['cases']} | " + " | ".join(_fmt(values[m]) for m in HEADLINE) + " |")
    out += ["", "## Retrieval and latency, by configuration", "",
            *_table({name: r["overall"] for name, r in reports.items()}, RETRIEVAL, "split/mode"), ""]
    for split in ("test", "dev"):
        r = reports[f"{split}/hybrid"]
        out += [f"## {split}: by language", "", *_table(r["by_language"], HEADLINE, "language"), "",
                f"## {split}: by user group", "", *_table(r["by_group"], HEADLINE, "group"), "",
                f"## {split}: by source set", "", *_table(r["by_source_set"], HEADLINE, "set"), ""]
    out += ["![metrics per group](latest.png)", ""]
    missed_test = sum(_missed(c) for c in test["cases"])
    out += [f"## Misses", "", f"- test: {missed_test} of {len(test['cases'])} turns missed something "
            "(not listed: the split is frozen).", "", "dev turns that missed:", "",
            "| id | rank | abstained (expected) | route (expected) | yes/no (expected) | missing key facts |",
            "|---|---|---|---|---|---|"]
    for case in dev["cases"]:
        if _missed(case):
            out.append(f"| {case['id']} | {case['rank'] or '–'} | {case['abstained']} ({case['abstain_expected']}) | "
                       f"{case['route']} ({case['route_expected'] or '–'}) | {case['yes_no'] or '–'} "
                       f"({case['yes_no_expected'] or '–'}) | {'; '.join(case['missing_facts'])} |")
    return "\n".join(out) + "\n"


def chart(reports: dict[str, dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    groups = [f"{split}/{g}" for split in ("test", "dev") for g in reports[f"{split}/hybrid"]["by_group"]]
    width = 0.8 / len(CHART_METRICS)
    fig, ax = plt.subplots(figsize=(10, 4.4), dpi=110)
    x = np.arange(len(groups))
    for i, metric in enumerate(CHART_METRICS):
        values = []
        for label in groups:
            split, group = label.split("/", 1)
            values.append(reports[f"{split}/hybrid"]["by_group"][group].get(metric, float("nan")))
        ax.bar(x + i * width - 0.4 + width / 2, [0 if math.isnan(v) else v for v in values], width, label=metric)
    ax.set_xticks(x, groups, fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.set_title("Repère — metrics per split and user group (hybrid)")
    ax.legend(ncol=3, fontsize=8, loc="lower center", bbox_to_anchor=(0.5, -0.36))
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def write_report(reports: dict[str, dict], out_dir: Path, seconds: float, failures: list[str]) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"markdown": out_dir / "latest.md", "json": out_dir / "latest.json", "chart": out_dir / "latest.png"}
    paths["markdown"].write_text(markdown(reports, seconds, failures), encoding="utf-8")
    # Per-case rows only for the main configuration: baselines keep their metrics. A turn that scored fully keeps its
    # scores and id, not its texts (the question is in the cases file, the answer is one run away); a turn that
    # missed something keeps them for error analysis. Written compact: with a dev split of thousands of turns, the
    # full texts of every answer made a tracked file of over 5 MB.
    slim = {name: ({**r, "cases": [_row(c) for c in r["cases"]]} if name.endswith("/hybrid")
                   else {k: v for k, v in r.items() if k != "cases"})
            for name, r in reports.items()}
    paths["json"].write_text(json.dumps({"seconds": round(seconds, 2), "gate_failures": failures, "reports": slim},
                                        ensure_ascii=False, separators=(",", ":"), default=str), encoding="utf-8")
    chart(reports, paths["chart"])
    return paths
