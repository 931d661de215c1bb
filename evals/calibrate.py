"""Fit the answer engine's weights on the **dev** split (never the test split).

1. Unit choice: for every answerable dev question routed to the documents, each candidate unit's features
   (``Assistant.explain``) and whether it holds the question's key facts → a logistic regression whose weights
   are ``assistant.answering.select.WEIGHTS``.
2. Abstention: the chosen unit's evidence (see ``assistant.answering.evidence``) for answerable and out-of-scope
   dev questions → the weights and threshold of ``assistant.answering.evidence``.

It prints the weights, in-sample accuracy, and accuracy when fitted on one source set and scored on the other
(v1 cases vs the blind dev cases), so overfitting shows. Copy the printed weights into the modules by hand.

Usage: ``python -m evals.calibrate`` (uses the store of the current settings; run ``repere ingest`` first)
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from assistant.api import EVIDENCE_FEATURES, UNIT_FEATURES, UNIT_WEIGHTS, Assistant
from evals.runner import _norm, load_split

ROOT = Path(__file__).resolve().parent


def _facts_held(text: str, facts: list[list[str]]) -> float:
    normalised = _norm(text)
    return sum(any(_norm(a) in normalised for a in alts) for alts in facts) / len(facts)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 0.05, steps: int = 3000, lr: float = 0.5) -> np.ndarray:
    """Weights (bias last) of a logistic regression on soft labels, by gradient descent on standardised x."""
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = np.hstack([(x - mean) / std, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-z @ w))
        grad = z.T @ (p - y) / len(y) + l2 * np.r_[w[:-1], 0]
        w -= lr * grad
    raw = w[:-1] / std
    return np.r_[raw, w[-1] - (raw * mean).sum()]


def fit_listwise(groups: list[tuple[np.ndarray, np.ndarray]], l2: float = 0.02, steps: int = 2000,
                 lr: float = 0.3) -> np.ndarray:
    """Weights of a linear scorer trained so that, within each question, the softmax over candidates puts its
    mass on the candidates holding the most key facts (ListNet). Features standardised, weights returned raw."""
    stacked = np.vstack([x for x, _ in groups])
    mean, std = stacked.mean(axis=0), stacked.std(axis=0) + 1e-9
    normalised = [((x - mean) / std, y) for x, y in groups]
    w = np.zeros(stacked.shape[1])
    for _ in range(steps):
        grad = l2 * w
        for x, y in normalised:
            target = y / y.sum()
            scores = x @ w
            p = np.exp(scores - scores.max())
            p /= p.sum()
            grad += x.T @ (p - target) / len(normalised)
        w -= lr * grad
    return w / std


def unit_rows(assistant: Assistant, cases: list[dict]) -> list[dict]:
    rows = []
    for case in cases:
        if case["abstain"] or not case["key_facts"] or case.get("route", "documents") != "documents":
            continue
        explained = assistant.explain(case["question"])
        for candidate in explained["candidates"]:
            if "dense" not in candidate["features"]:
                continue  # a list's sibling added after scoring (it carries no features of its own)
            rows.append({"case": case["id"], "set": case.get("source_set", ""), "features": candidate["features"],
                         "label": _facts_held(candidate["text"] + " " + candidate["english"], case["key_facts"]),
                         "chars": len(candidate["text"])})
    return rows


def top1(rows: list[dict], weights: dict[str, float]) -> float:
    """Share of questions whose best-scored unit holds the most key facts (any length)."""
    by_case: dict[str, list[dict]] = {}
    for row in rows:
        by_case.setdefault(row["case"], []).append(row)
    hits = []
    for candidates in by_case.values():
        best = max(candidates, key=lambda r: sum(weights.get(k, 0) * v for k, v in r["features"].items()))
        hits.append(best["label"] == max(r["label"] for r in candidates))
    return float(np.mean(hits)) if hits else float("nan")


def fit(rows: list[dict], names) -> dict[str, float]:
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row["case"], []).append(row)
    usable = []
    for g in groups.values():
        best = max(r["label"] for r in g)
        if best <= 0:
            continue
        # The target: the units that hold the most key facts, and of those the shortest (within 1.5x): an answer
        # should not quote a whole list to give one of its items.
        shortest = min(r["chars"] for r in g if r["label"] == best)
        target = np.array([1.0 if r["label"] == best and r["chars"] <= 1.5 * shortest else 0.0 for r in g])
        usable.append((np.array([[r["features"][f] for f in names] for r in g]), target))
    return {f: round(float(v), 2) for f, v in zip(names, fit_listwise(usable))}


def main() -> None:
    assistant = Assistant()
    assistant.warm_up()
    dev = load_split(ROOT / "cases" / "dev.json")
    rows = unit_rows(assistant, dev["cases"])
    fitted = fit(rows, UNIT_FEATURES)
    print("unit-choice weights fitted on dev:", json.dumps(fitted))
    print(f"top-1 (best unit holds the most facts), dev in-sample: current {top1(rows, UNIT_WEIGHTS):.3f}, "
          f"fitted {top1(rows, fitted):.3f}")
    for held_out in ("v1 (tuned on)", "blind-a", "blind-b"):
        train = [r for r in rows if r["set"] != held_out]
        test = [r for r in rows if r["set"] == held_out]
        if not train or not test:
            continue
        print(f"  fitted without {held_out!r}, scored on it: top-1 {top1(test, fit(train, UNIT_FEATURES)):.3f}")
    calibrate_abstention(assistant, dev)


def calibrate_abstention(assistant: Assistant, dev: dict) -> None:
    """Answerable vs out-of-scope from the chosen unit's evidence (hard rules — unknown names, missing answer
    type — are left out: they decide before the model)."""
    rows = []
    for case in dev["cases"]:
        if case.get("route", "documents") != "documents":
            continue
        verdict = assistant.explain(case["question"])["verdict"]
        if verdict["reason"] in ("unknown_names", "no_amount", "no_date", "no_person"):
            continue
        rows.append({"set": case.get("source_set", ""), "label": 0.0 if case["abstain"] else 1.0,
                     "x": [verdict["features"][f] for f in EVIDENCE_FEATURES]})
    x = np.array([r["x"] for r in rows])
    y = np.array([r["label"] for r in rows])
    w = fit_logistic(x, y, l2=0.01)
    weights = {f: round(float(v), 2) for f, v in zip(EVIDENCE_FEATURES, w[:-1])}
    weights["bias"] = round(float(w[-1]), 2)
    p = 1 / (1 + np.exp(-(x @ w[:-1] + w[-1])))
    print("evidence weights fitted on dev:", json.dumps(weights))
    answerable, out_of_scope = p[y == 1], p[y == 0]
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9):
        print(f"  threshold {threshold:.2f}: false abstentions {np.mean(answerable < threshold):.3f} "
              f"({int(np.sum(answerable < threshold))}/{len(answerable)}), out-of-scope abstained "
              f"{np.mean(out_of_scope < threshold):.3f} ({int(np.sum(out_of_scope < threshold))}/{len(out_of_scope)})")


if __name__ == "__main__":
    main()
