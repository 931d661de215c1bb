"""The 13 domains of community action (ISQ/EQOAC 2023) and how inferred sectors are stored.

Usage: ``labels = {d.code: d.label for d in load_taxonomy(path)}``; ``decode("sante:0.85:rule")``
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from assistant.core.textnorm import fold

TAXONOMY_FILE = "taxonomie_isq_eqoac_2023_domaines_action_communautaire.csv"
RULES_FILE = "secteurs_regles.csv"


@dataclass(frozen=True)
class Domain:
    code: str
    label: str
    description: str
    examples: str


@dataclass(frozen=True)
class SectorGuess:
    code: str
    confidence: float
    method: str  # "rule" or "similarity"


def load_taxonomy(path: Path) -> list[Domain]:
    """The 13 domains. Two source rows have an unquoted comma in their label ("Arts, culture et médias"):
    a row with one field too many has its label rebuilt from the first two."""
    domains = []
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    for row in rows[1:]:
        if len(row) == 5:
            row = [row[0], f"{row[1]},{row[2]}", row[3], row[4]]
        if len(row) != 4:
            raise ValueError(f"{path}: row {row[:1]} has {len(row)} fields, expected 4 (code, libelle, "
                             "description_officielle, exemples); quote fields that contain commas")
        domains.append(Domain(code=row[0], label=row[1].strip(), description=row[2].strip(), examples=row[3].strip()))
    return domains


def encode(guesses: list[SectorGuess]) -> str:
    """``code:confidence:method;…`` as stored in the directory CSV's ``x_sectors`` column."""
    return ";".join(f"{g.code}:{g.confidence:.2f}:{g.method}" for g in guesses)


def decode(value: str) -> list[SectorGuess]:
    out = []
    for part in filter(None, (value or "").split(";")):
        code, confidence, method = (part.split(":") + ["", ""])[:3]
        out.append(SectorGuess(code, float(confidence or 0), method or "rule"))
    return out


def load_rules(reference: Path, codes: set[str]) -> dict[str, re.Pattern]:
    """The reviewed keyword pattern of each domain (matched against folded text)."""
    rules: dict[str, re.Pattern] = {}
    with (reference / RULES_FILE).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["code"] not in codes:
                raise ValueError(f"{reference / RULES_FILE}: unknown domain code {row['code']!r}")
            rules[row["code"]] = re.compile(row["pattern"])
    return rules


def rule_matches(text: str, rules: dict[str, re.Pattern]) -> dict[str, int]:
    """Domain code -> number of keyword matches in ``text``."""
    folded = fold(text).replace("’", "'")
    return {code: len(found) for code, pattern in rules.items() if (found := pattern.findall(folded))}
