"""Import an Open Referral HSDS 3.0 package (folder or zip of CSV files) as rows of Repère's directory CSV.

Reads ``organizations.csv`` and, when present, ``organization_identifiers.csv``, ``locations.csv``,
``attributes.csv``, ``taxonomy_terms.csv`` and ``taxonomies.csv``. What Repère's export wrote comes back field for
field (the round trip is tested): Repère id (identifier scheme ``repere``), name, other spellings, boroughs and
multi-city territory (locations), round tables with their published categories, membership kind and rule, inferred
sectors with confidence and method, source lists (attributes). Any other package keeps every organisation field:
the ones the directory has no column for go to ``hsds.<field>`` columns, so nothing is lost.

Cells an export neutralised for spreadsheets (a leading ``'`` before ``= + - @``, tab, CR) are restored.

Usage: ``rows = read_package(Path("export.zip"))``; ``write_directory_csv(rows, Path("corpus/annuaire/x.csv"))``
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

HSDS_ORGANIZATION_FIELDS = ["id", "name", "alternate_name", "description", "email", "website", "tax_status",
                            "tax_id", "year_incorporated", "legal_status", "logo", "uri", "parent_organization_id"]
DIRECTORY_FIELDS = ["organization.id", "organization.name", "organization.alternate_name", "organization.description",
                    "x_tables_de_quartier.id", "x_tables_de_quartier.name", "address.region", "x_territory",
                    "x_territory_regions", "x_categories_publiees", "x_membership_kind", "x_membership_kind_rule",
                    "x_sectors", "x_sources"]
GENERATED_PREFIX = "Fiche Repère : "  # the export's generated description (assistant.directory.export)
_NEUTRALISED = re.compile(r"^'(?=[=+\-@\t\r])")


def _restore(value: str) -> str:
    return _NEUTRALISED.sub("", value or "")


def read_tables(path: Path) -> dict[str, list[dict]]:
    """CSV file stem -> rows, from a folder or a zip."""
    path = Path(path)
    texts: dict[str, str] = {}
    if path.is_file() and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.endswith(".csv"):
                    texts[Path(name).stem] = archive.read(name).decode("utf-8-sig")
    else:
        for file in sorted(Path(path).glob("*.csv")):
            with file.open(encoding="utf-8-sig", newline="") as fh:  # newline="": a CR inside a cell stays a CR
                texts[file.stem] = fh.read()
    return {stem: [{k: _restore(v) for k, v in row.items()}
                   for row in csv.DictReader(io.StringIO(text, newline=""))]
            for stem, text in texts.items()}


def read_package(path: Path) -> list[dict]:
    """One directory row per organisation of the package (see the module docstring)."""
    tables = read_tables(path)
    if "organizations" not in tables:
        raise ValueError(f"{path}: no organizations.csv; an HSDS 3.0 package names its organisation table "
                         "organizations.csv")
    identifiers: dict[str, str] = {}
    for row in tables.get("organization_identifiers", []):
        if row.get("identifier_scheme") == "repere":
            identifiers[row["organization_id"]] = row["identifier"]
    taxonomy_key = {row["id"]: row["name"] for row in tables.get("taxonomies", [])}
    terms = {row["id"]: row for row in tables.get("taxonomy_terms", [])}
    attributes: dict[str, list[tuple[str, dict, str]]] = {}
    for row in tables.get("attributes", []):
        term = terms.get(row.get("taxonomy_term_id", ""), {})
        kind = row.get("link_type") or taxonomy_key.get(term.get("taxonomy_id", ""), "")
        attributes.setdefault(row.get("link_id", ""), []).append((kind, term, row.get("value", "")))
    locations: dict[str, list[dict]] = {}
    for row in tables.get("locations", []):
        locations.setdefault(row.get("organization_id", ""), []).append(row)

    out = []
    for org in tables["organizations"]:
        description = org.get("description", "")
        row = {
            "organization.id": identifiers.get(org["id"], org["id"]),
            "organization.name": org.get("name", ""),
            "organization.alternate_name": org.get("alternate_name", ""),
            "organization.description": "" if description.startswith(GENERATED_PREFIX) else description,
        }
        regions, territories, territory_regions = [], [], []
        for location in locations.get(org["id"], []):
            if location.get("alternate_name"):
                territories.append(location.get("name", ""))
                territory_regions += [r for r in location["alternate_name"].split(";") if r not in territory_regions]
            elif location.get("name"):
                regions.append(location["name"])
        table_ids, table_names, categories, sectors, sources = [], [], [], [], []
        kind, rule = "", ""
        for link_type, term, value in attributes.get(org["id"], []):
            code, name = term.get("code", ""), term.get("name", "")
            if link_type == "table":
                table_ids.append(code)
                table_names.append(name)
                for category in value.split(" / ") if value else []:
                    categories.append(f"{name}: {category}")
            elif link_type == "kind":
                kind = code
                rule = value.split("rule=", 1)[1] if "rule=" in value else ""
            elif link_type == "sector":
                fields = dict(part.split("=", 1) for part in value.split(";") if "=" in part)
                sectors.append(f"{code}:{float(fields.get('confidence', 0)):.2f}:{fields.get('method', 'rule')}")
            elif link_type == "source":
                sources.append(code)
        row.update({
            "x_tables_de_quartier.id": ";".join(table_ids), "x_tables_de_quartier.name": ";".join(table_names),
            "address.region": ";".join(regions), "x_territory": ";".join(territories),
            "x_territory_regions": ";".join(territory_regions), "x_categories_publiees": " | ".join(categories),
            "x_membership_kind": kind, "x_membership_kind_rule": rule, "x_sectors": ";".join(sectors),
            "x_sources": ";".join(sources) or "hsds",
        })
        for name in HSDS_ORGANIZATION_FIELDS:
            if name not in ("id", "name", "alternate_name", "description") and org.get(name):
                row[f"hsds.{name}"] = org[name]
        if row["organization.id"] != org["id"]:
            row["hsds.id"] = org["id"]
        out.append(row)
    return out


def write_directory_csv(rows: list[dict], path: Path) -> Path:
    """The rows as a directory CSV that ``repere ingest`` loads (extra ``hsds.*`` columns kept)."""
    extra = sorted({k for row in rows for k in row if k not in DIRECTORY_FIELDS})
    with Path(path).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=DIRECTORY_FIELDS + extra)
        writer.writeheader()
        writer.writerows(rows)
    return Path(path)
