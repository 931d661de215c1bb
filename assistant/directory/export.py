"""Directory exports: a flat CSV, and Open Referral HSDS 3.0 tables (organization, location, address with
region, taxonomy, taxonomy_term, attribute) zipped together.

Every inferred value says so: the region is "inferred from the round table's territory", sectors carry
"inferred" and their confidence.

Usage: ``write_csv(result.items, Path("orgs.csv"))``; ``write_hsds(result.items, labels, Path("hsds.zip"))``
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from assistant.directory.search import OrgResult

FLAT_FIELDS = ["organization.id", "organization.name", "address.region", "x_region_inferred", "x_tables_de_quartier",
               "x_membership_kind", "x_categories_publiees", "x_sectors_inferred", "x_sources"]
TAXONOMY_ID = "isq-eqoac-2023"


def flat_rows(items: list[OrgResult]) -> list[dict]:
    return [{
        "organization.id": o.org_id,
        "organization.name": o.name,
        "address.region": ";".join(o.regions),
        "x_region_inferred": "true",
        "x_tables_de_quartier": ";".join(o.tables),
        "x_membership_kind": o.membership_kind,
        "x_categories_publiees": o.categories,
        "x_sectors_inferred": ";".join(f"{s['code']}({s['confidence']:.2f})" for s in o.sectors),
        "x_sources": o.record_sources,
    } for o in items]


def write_csv(items: list[OrgResult], path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FLAT_FIELDS)
        writer.writeheader()
        writer.writerows(flat_rows(items))
    return path


def hsds_tables(items: list[OrgResult], sector_labels: dict[str, str]) -> dict[str, list[dict]]:
    tables: dict[str, list[dict]] = {"organization": [], "location": [], "address": [], "taxonomy": [],
                                     "taxonomy_term": [], "attribute": []}
    tables["taxonomy"].append({"id": TAXONOMY_ID, "name": "Domaines de l'action communautaire (ISQ, EQOAC 2023)",
                               "description": "13 domaines; secteurs inférés du nom de l'organisme par Repère",
                               "uri": ""})
    for code, label in sector_labels.items():
        tables["taxonomy_term"].append({"id": f"{TAXONOMY_ID}:{code}", "code": code, "name": label,
                                        "taxonomy_id": TAXONOMY_ID, "language": "fr"})
    for org in items:
        tables["organization"].append({
            "id": org.org_id, "name": org.name, "alternate_name": "",
            "description": f"Membre de : {'; '.join(org.tables)} (catégories publiées : {org.categories})",
            "legal_status": org.membership_kind})
        for n, region in enumerate(org.regions, start=1):
            location_id = f"{org.org_id}-loc{n}"
            tables["location"].append({"id": location_id, "organization_id": org.org_id, "location_type": "virtual",
                                       "name": f"{org.name} — {region}",
                                       "description": "territoire de la table de quartier (inféré)"})
            tables["address"].append({"id": f"{location_id}-addr", "location_id": location_id, "address_1": "",
                                      "city": "Montréal", "region": region, "state_province": "QC",
                                      "postal_code": "", "country": "CA", "address_type": "virtual"})
        for sector in org.sectors:
            tables["attribute"].append({"id": f"{org.org_id}:{sector['code']}", "link_id": org.org_id,
                                        "link_type": "sector", "link_entity": "organization",
                                        "taxonomy_term_id": f"{TAXONOMY_ID}:{sector['code']}",
                                        "value": f"inferred;confidence={sector['confidence']:.2f};"
                                                 f"method={sector.get('method', 'rule')}"})
    return tables


def write_hsds(items: list[OrgResult], sector_labels: dict[str, str], path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in hsds_tables(items, sector_labels).items():
            buffer = io.StringIO()
            fields = list(rows[0]) if rows else ["id"]
            writer = csv.DictWriter(buffer, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)
            archive.writestr(f"{name}.csv", buffer.getvalue())
    return path
