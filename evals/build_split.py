"""One-off: build the dev and test splits of the evaluation from the v1 set and the blind sets.

- ``evals/incoming/cases_v1.json`` (formerly ``evals/cases.json``; v1, 149 cases) was used to tune v1 (abstention thresholds, BM25 ``b``, fusion, the
  glossary): all of it goes to **dev**.
- ``evals/incoming/cases_c.json`` (a third blind set, written later) goes to **dev** only; so does
  ``evals/incoming/cases_d.json`` (a fourth, written by a helper that saw only the sources, on 2026-11-26) and
  ``evals/incoming/cases_e.json`` (a fifth, written the same way in a later session) and ``cases_f.json``, ``cases_g.json``, ``cases_h.json``, ``cases_i.json``,
  ``cases_j.json``, ``cases_k.json``, ``cases_l.json``, ``cases_m.json``, ``cases_n.json``, ``cases_o.json``, ``cases_p.json``, ``cases_q.json``, ``cases_r.json``, ``cases_s.json``, ``cases_t.json``, ``cases_u.json``, ``cases_v.json``, ``cases_w.json``, ``cases_x.json``, ``cases_y.json``, ``cases_z.json``, ``cases_aa.json``, ``cases_ab.json``, ``cases_ac.json``, ``cases_ad.json``, ``cases_ae.json``, ``cases_af.json``,
  ``cases_ag.json``, ``cases_ah.json``, ``cases_ai.json``, ``cases_aj.json``, ``cases_ak.json``, ``cases_al.json``, ``cases_am.json``,
  ``cases_an.json``, ``cases_ao.json`` and ``cases_ap.json`` (a sixth to a forty-second, likewise).
- ``evals/incoming/cases_{a,b}.json`` were written from the sources by helpers who never saw the code: each
  set is shuffled within strata (category × language) with a fixed seed and dealt alternately to dev and test;
  conversations are dealt whole.
- Directory sources given by name are resolved to the directory's ids (name or alternate spelling).

The result is ``evals/cases/dev.json`` and ``evals/cases/test.json``. The test split is frozen: see
``evals/README.md``. This script is kept to show how the split was made; re-running it rewrites both files.

Usage: ``python -m evals.build_split``
"""

from __future__ import annotations

import csv
import json
import random
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SEED = 20261126


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.replace("’", "'").lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def org_ids(directory: Path) -> dict[str, str]:
    out = {}
    with directory.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            for name in [row["organization.name"], *row["organization.alternate_name"].split(" | ")]:
                if name.strip():
                    out.setdefault(_key(name), row["organization.id"])
    return out


def resolve_sources(sources: list[dict], ids: dict[str, str]) -> list[dict]:
    out = []
    for source in sources:
        if "org_name" in source:
            org_id = ids.get(_key(source["org_name"]))
            out.append({**source, **({"org_id": org_id} if org_id else {})})
        else:
            out.append(source)
    return out


def deal(items: list[dict], stratum) -> tuple[list[dict], list[dict]]:
    rng = random.Random(SEED)
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for item in items:
        groups[stratum(item)].append(item)
    dev, test = [], []
    flip = 0
    for key in sorted(groups):
        members = groups[key]
        rng.shuffle(members)
        for item in members:
            (dev if flip % 2 == 0 else test).append(item)
            flip += 1
    return dev, test


def main() -> None:
    ids = org_ids(ROOT.parent / "corpus/annuaire/organismes.csv")
    v1 = json.loads((ROOT / "incoming/cases_v1.json").read_text(encoding="utf-8"))["cases"]
    dev_cases = [{**c, "source_set": "v1 (tuned on)",
                  "route": "directory" if c["category"].startswith("directory") else "documents"} for c in v1]
    dev_convs: list[dict] = []
    test_cases: list[dict] = []
    test_convs: list[dict] = []
    for author in ("a", "b"):
        data = json.loads((ROOT / f"incoming/cases_{author}.json").read_text(encoding="utf-8"))
        cases = [{**c, "source_set": f"blind-{author}",
                  "expected_sources": resolve_sources(c["expected_sources"], ids)} for c in data["cases"]]
        convs = [{**cv, "source_set": f"blind-{author}",
                  "turns": [{**t, "expected_sources": resolve_sources(t["expected_sources"], ids)}
                            for t in cv["turns"]]} for cv in data["conversations"]]
        d, t = deal(cases, lambda c: (c["category"], c["language"]))
        dev_cases += d
        test_cases += t
        d, t = deal(convs, lambda c: (c["language"],))
        dev_convs += d
        test_convs += t
    # A third blind set, written after the first evaluation of the new engine, goes to dev only: more tuning data
    # (the test split stays as it was frozen).
    for author in ("c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z", "aa", "ab", "ac", "ad", "ae", "af", "ag", "ah", "ai", "aj", "ak", "al", "am", "an", "ao", "ap"):
        data = json.loads((ROOT / f"incoming/cases_{author}.json").read_text(encoding="utf-8"))
        dev_cases += [{**c, "source_set": f"blind-{author}",
                       "expected_sources": resolve_sources(c["expected_sources"], ids)} for c in data["cases"]]
        dev_convs += [{**cv, "source_set": f"blind-{author}",
                       "turns": [{**t, "expected_sources": resolve_sources(t["expected_sources"], ids)}
                                 for t in cv["turns"]]} for cv in data["conversations"]]
    for name, cases, convs in (("dev", dev_cases, dev_convs), ("test", test_cases, test_convs)):
        payload = {"split": name, "version": "2.0.0", "cases": cases, "conversations": convs}
        (ROOT / "cases" / f"{name}.json").write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n",
                                                    encoding="utf-8")
        turns = sum(len(c["turns"]) for c in convs)
        print(f"{name}: {len(cases)} single cases, {len(convs)} conversations ({turns} turns, "
              f"{turns - len(convs)} follow-ups)")


if __name__ == "__main__":
    main()
