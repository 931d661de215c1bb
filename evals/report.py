"""Evaluation reports: Markdown + JSON + a PNG chart of the metrics per user group, under ``evals/reports/``.

Usage: ``paths = write_report({"hybrid": report, "bm25": ...}, Path("evals/reports"), cases_version="1.0.0")``
"""

from __future__ import annotations

import json
import math
import platform
import time
from pathlib import Path

RETRIEVAL = ["hit@1", "hit@5", "mrr", "ndcg@5"]
ANSWERS = ["key_fact_recall", "all_facts_rate", "citation_support"]
ABSTENTION = ["abstention_precision", "abstention_recall", "false_abstention_rate", "wrong_answer_rate"]
LATENCY = ["latency_p50_ms", "latency_p95_ms"]
CHART_METRICS = ["hit@5", "mrr", "key_fact_recall", "citation_support", "abstention_recall"]


def _fmt(value) -> str:
    if isinstance(value, float):
        return "–" if math.isnan(value) else (f"{value:.1f}" if value > 1.5 else f"{value:.3f}")
    return str(value)


def _table(rows: dict[str, dict], metrics: list[str], first: str) -> list[str]:
    lines = [f"| {first} | " + " | ".join(metrics) + " |", "|---" * (len(metrics) + 1) + "|"]
    for name, values in rows.items():
        lines.append(f"| {name} | " + " | ".join(_fmt(values.get(m, float('nan'))) for m in metrics) + " |")
    return lines


def markdown(reports: dict[str, dict], cases_version: str, seconds: float, failures: list[str]) -> str:
    main_mode = next(iter(reports))
    main = reports[main_mode]
    out = [
        "# Repère — rapport d'évaluation / evaluation report",
        "",
        f"- Set: `evals/cases.json` version {cases_version}, {main['overall']['cases']} cases",
        f"- Generated: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {platform.machine()}, "
        f"Python {platform.python_version()}; run time {seconds:.1f} s",
        f"- Main configuration: `{main_mode}`",
        f"- Gate (`evals/thresholds.toml`): {'PASS' if not failures else 'FAIL: ' + '; '.join(failures)}",
        "",
        "Retrieval metrics count the first relevant source (document + section, or directory record) in the top 10",
        "for answerable cases; nDCG@5 uses that single relevant item. Key facts are matched accent- and",
        "case-insensitively in the answer; citation support is the share of found key facts that also appear in",
        "a cited quote. Directory questions use the directory search whatever the retrieval mode.",
        "",
        "## Overall, by configuration",
        "",
        *_table({mode: r["overall"] for mode, r in reports.items()}, RETRIEVAL + ANSWERS, "mode"),
        "",
        *_table({mode: r["overall"] for mode, r in reports.items()}, ABSTENTION + LATENCY, "mode"),
        "",
        f"## `{main_mode}` by language",
        "",
        *_table(main["by_language"], RETRIEVAL + ANSWERS + ABSTENTION[:3], "language"),
        "",
        f"## `{main_mode}` by user group",
        "",
        *_table(main["by_group"], RETRIEVAL + ANSWERS + ABSTENTION[:3], "group"),
        "",
        "![metrics per group](latest.png)",
        "",
        f"## `{main_mode}`: cases that missed",
        "",
        "| id | rank | abstained (expected) | missing key facts |",
        "|---|---|---|---|",
    ]
    for case in main["cases"]:
        wrong = (case["abstained"] != case["abstain_expected"] or case["missing_facts"]
                 or (not case["abstain_expected"] and (case["rank"] is None or case["rank"] > 5)))
        if wrong:
            out.append(f"| {case['id']} | {case['rank'] or '–'} | {case['abstained']} ({case['abstain_expected']}) | "
                       f"{'; '.join(case['missing_facts'])} |")
    return "\n".join(out) + "\n"


def chart(report: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    groups = list(report["by_group"])
    width = 0.8 / len(CHART_METRICS)
    fig, ax = plt.subplots(figsize=(9, 4.2), dpi=110)
    x = np.arange(len(groups))
    for i, metric in enumerate(CHART_METRICS):
        values = [report["by_group"][g].get(metric, float("nan")) for g in groups]
        ax.bar(x + i * width - 0.4 + width / 2, [0 if math.isnan(v) else v for v in values], width, label=metric)
    ax.set_xticks(x, groups)
    ax.set_ylim(0, 1.05)
    ax.set_title(f"Repère — metrics per user group ({report['mode']})")
    ax.legend(ncol=len(CHART_METRICS), fontsize=8, loc="lower center", bbox_to_anchor=(0.5, -0.28))
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def write_report(reports: dict[str, dict], out_dir: Path, cases_version: str, seconds: float,
                 failures: list[str]) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    main_mode = next(iter(reports))
    paths = {"markdown": out_dir / "latest.md", "json": out_dir / "latest.json", "chart": out_dir / "latest.png"}
    paths["markdown"].write_text(markdown(reports, cases_version, seconds, failures), encoding="utf-8")
    slim = {mode: {k: v for k, v in r.items()} for mode, r in reports.items()}
    paths["json"].write_text(json.dumps({"cases_version": cases_version, "seconds": round(seconds, 2),
                                         "gate_failures": failures, "reports": slim}, ensure_ascii=False,
                                        indent=1, default=str), encoding="utf-8")
    chart(reports[main_mode], paths["chart"])
    return paths
