"""Synthetic directories for the benchmark: N organisations in Repère's directory CSV shape.

Every row copies a real row of the shipped directory for its round table, borough, territory, published category,
membership kind and inferred sectors (so facets have the shipped distribution), and gets a generated name marked
« synthétique » and an id ``syn-NNNNNN``. Rows go to files of ``ROWS_PER_FILE`` (the loader refuses a file over
2,000,000 characters, as it would a real one), so a killed ingest also has several files to resume.

Usage: ``write_synthetic(Path("bench/out/synthetic-10000"), 10_000)``
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "corpus" / "annuaire" / "organismes.csv"
ROWS_PER_FILE = 2000
PREFIXES = ["Centre", "Maison", "Association", "Comité", "Carrefour", "Regroupement", "Collectif", "Réseau", "Groupe",
            "Service", "Coopérative", "Fondation", "Club", "Atelier", "Corporation", "Projet", "Alliance", "Entraide"]
THEMES = ["des aînés", "des femmes", "jeunesse", "alimentaire", "du logement", "des familles", "interculturel",
          "d'entraide", "de loisirs", "en environnement", "d'alphabétisation", "en santé mentale", "des locataires",
          "d'insertion à l'emploi", "des personnes handicapées", "des nouveaux arrivants", "culturel",
          "de soutien scolaire", "en sécurité alimentaire", "des proches aidants", "de la petite enfance", "sportif",
          "en itinérance", "des personnes réfugiées", "de quartier", "en éducation populaire"]
PLACE_WORDS = ["du Nord", "de l'Est", "du Sud", "de l'Ouest", "du Centre", "des Rapides", "du Parc", "du Vieux-Port",
               "des Îles", "du Plateau", "de la Montagne", "du Canal", "de la Rivière", "Saint-Pierre", "Sainte-Marie"]


def shipped_rows() -> tuple[list[str], list[dict[str, str]]]:
    with SHIPPED.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def write_synthetic(folder: Path, n: int, seed: int = 42) -> list[Path]:
    """Write (or keep, when already complete) ``n`` synthetic organisations under ``folder``; returns the files."""
    folder.mkdir(parents=True, exist_ok=True)
    files = [folder / f"annuaire-synthetique-{k:03d}.csv" for k in range((n + ROWS_PER_FILE - 1) // ROWS_PER_FILE)]
    done = folder / ".complete"
    if done.exists() and done.read_text() == str(n) and all(f.exists() for f in files):
        return files  # the same seed gives the same rows: rewriting would only change the files' times
    header, templates = shipped_rows()
    rng = random.Random(seed)
    for k, path in enumerate(files):
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=header)
            writer.writeheader()
            for i in range(k * ROWS_PER_FILE, min(n, (k + 1) * ROWS_PER_FILE)):
                row = dict(rng.choice(templates))
                row.update({
                    "organization.id": f"syn-{i:06d}",
                    "organization.name": f"{rng.choice(PREFIXES)} {rng.choice(THEMES)} {rng.choice(PLACE_WORDS)} "
                                         f"n° {i} (synthétique)",
                    "organization.alternate_name": "",
                    "x_sources": "synthétique",
                    "x_source_ids": "",
                    "x_place_links": "",
                })
                writer.writerow(row)
    done.write_text(str(n))
    return files
