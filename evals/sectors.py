"""Sector inference against the hand-labelled sample: precision and recall per domain.

Usage: ``scores = evaluate_sectors(inference, Path("evals/sector_labels.csv"))``
"""

from __future__ import annotations

import csv
from pathlib import Path


def directory_context(directory_csv: Path) -> dict[str, tuple[list[str], str]]:
    """Organisation id -> (published categories, membership kind), what ingest gives the inference besides the
    name."""
    with directory_csv.open(encoding="utf-8", newline="") as fh:
        return {r["organization.id"]: ([c.split(": ", 1)[-1] for c in r["x_categories_publiees"].split(" | ") if c],
                                       r["x_membership_kind"]) for r in csv.DictReader(fh)}


def evaluate_sectors(inference, labels_path: Path, context: dict[str, tuple[list[str], str]] | None = None) -> dict:
    with labels_path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    context = context or {}
    per = {d.code: {"tp": 0, "fp": 0, "fn": 0} for d in inference.domains}
    mistakes = []
    for row in rows:
        gold = set(filter(None, row["sectors"].split(";")))
        categories, kind = context.get(row["organization.id"], ((), ""))
        predicted = {g.code for g in inference(row["organization.name"], categories, kind)}
        for code in predicted & gold:
            per[code]["tp"] += 1
        for code in predicted - gold:
            per[code]["fp"] += 1
        for code in gold - predicted:
            per[code]["fn"] += 1
        if predicted != gold:
            mistakes.append({"name": row["organization.name"], "gold": sorted(gold), "predicted": sorted(predicted)})
    for counts in per.values():
        tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
        counts["precision"] = tp / (tp + fp) if tp + fp else float("nan")
        counts["recall"] = tp / (tp + fn) if tp + fn else float("nan")
    tp = sum(c["tp"] for c in per.values())
    fp = sum(c["fp"] for c in per.values())
    fn = sum(c["fn"] for c in per.values())
    return {"organisations": len(rows), "per_domain": per,
            "micro_precision": tp / (tp + fp) if tp + fp else float("nan"),
            "micro_recall": tp / (tp + fn) if tp + fn else float("nan"),
            "exact_match": 1 - len(mistakes) / len(rows), "mistakes": mistakes}


def markdown(scores: dict, labels: dict[str, str]) -> str:
    lines = ["# Inférence des secteurs / sector inference — échantillon étiqueté à la main", "",
             f"{scores['organisations']} organisations hand-labelled from their name and public knowledge, before "
             "predictions were looked at. Sectors are inferred from the name and the round table's published "
             "category.", "",
             f"- micro precision **{scores['micro_precision']:.3f}**, micro recall **{scores['micro_recall']:.3f}**, "
             f"exact set match {scores['exact_match']:.3f}", "",
             "| domain | label | TP | FP | FN | precision | recall |", "|---|---|---|---|---|---|---|"]
    for code, c in scores["per_domain"].items():
        fmt = lambda v: "–" if v != v else f"{v:.2f}"  # noqa: E731 - NaN check
        lines.append(f"| {code} | {labels.get(code, '')} | {c['tp']} | {c['fp']} | {c['fn']} | "
                     f"{fmt(c['precision'])} | {fmt(c['recall'])} |")
    lines += ["", "## Disagreements", "", "| name | hand label | inferred |", "|---|---|---|"]
    lines += [f"| {m['name']} | {', '.join(m['gold']) or '—'} | {', '.join(m['predicted']) or '—'} |"
              for m in scores["mistakes"]]
    return "\n".join(lines) + "\n"


def write_sector_report(reference_dir: Path, directory_csv: Path, samples: dict[str, Path], out: Path,
                        embedder=None) -> dict:
    """Score the inference on each labelled sample and write one Markdown report."""
    from ingest.sectors import SectorInference

    inference = SectorInference.from_reference(reference_dir, embedder)
    context = directory_context(directory_csv)
    scores = {name: evaluate_sectors(inference, path, context) for name, path in samples.items()}
    parts = []
    for name, score in scores.items():
        parts.append(f"<!-- sample: {name} -->\n" + markdown(score, inference.labels).replace(
            "# Inférence des secteurs / sector inference — échantillon étiqueté à la main",
            f"# Inférence des secteurs / sector inference — {name}"))
    note = ("> The keyword rules were written by the person who labelled the main sample, after seeing its names, "
            "and revised with the main sample, the held-out 40 and then the second held-out sample (220): the "
            "figures on those three are in-sample. The third held-out sample (230, "
            "`evals/sector_labels_heldout3.csv`) and the fourth (240, `evals/sector_labels_heldout4.csv`) were "
            "labelled by someone who saw neither the rules nor the code and were only measured until the revision "
            "of 2026-11-28, which read their disagreements: they are in-sample since. The fifth (240, "
            "`evals/sector_labels_heldout5.csv`, organisations in no earlier sample) was labelled the same way before "
            "that revision, and no rule was changed for one of its rows: it is the honest estimate. Their guideline "
            "gives public services, businesses and places of worship no sector (they are not community "
            "organisations); the second sample gave schools and health institutions their field, so it counts "
            "those rows against the current rules.\n\n"
            "Measured with what ingest gives the inference: the name, the round tables' published categories and "
            "the membership kind they imply.\n\n")
    out.write_text(note + "\n".join(parts), encoding="utf-8")
    return scores
