"""Directory exports: a flat CSV, and an Open Referral HSDS 3.0 data package (folder or zip).

Every cell of every export is neutralised for spreadsheets (OWASP "CSV injection"): a cell starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``, so a spreadsheet shows it instead of running
it. ``ingest.hsds`` removes that quote again on import.

HSDS 3.0 (the official descriptor is in ``hsds_spec/``, with its licence and provenance):
- files named as HSDS names them (``organizations.csv``, ``locations.csv``, …), every column of each table, and a
  ``datapackage.json`` derived from the official one, restricted to the tables written (fields unchanged);
- ids are UUIDs: ``uuid5(REPERE_NAMESPACE, "<kind>:<Repère key>")``, so an organisation keeps its UUID from one
  export to the next; Repère's own id is kept as an ``organization_identifiers`` row (scheme ``repere``);
- no address row: the directory has no address. The borough (or multi-city territory) where a round table lists
  the organisation is a ``locations`` row (``location_type`` physical, its description saying it is inferred from the
  table's territory, not an address; a territory's cities in ``alternate_name``);
- the round tables, the membership kind, the inferred sectors and the source lists are ``attributes`` against four
  ``taxonomies``; the attribute ``value`` keeps what Repère knows: "inferred;confidence=0.85;method=rule" for a
  sector, "derived;rule=R8-membre" for a kind, the category the table published for a table;
- ``organizations.description`` (required) is the record's description, or, when it has none, a summary that
  starts with ``GENERATED_PREFIX`` (the importer drops it).
No ``x_`` column is needed: HSDS has a place for every field Repère holds.

Usage: ``write_csv(result.items, Path("orgs.csv"))``; ``write_hsds(result.items, labels, Path("hsds.zip"))``
"""

from __future__ import annotations

import csv
import io
import json
import uuid
import zipfile
from pathlib import Path

from assistant.directory.search import OrgResult

FLAT_FIELDS = ["organization.id", "organization.name", "organization.alternate_name", "address.region",
               "x_region_inferred", "x_territory", "x_territory_regions", "x_tables_de_quartier",
               "x_membership_kind", "x_categories_publiees", "x_sectors_inferred", "x_sources"]
SPEC_DIR = Path(__file__).resolve().parent / "hsds_spec"
OFFICIAL_DESCRIPTOR = SPEC_DIR / "datapackage.json"
# Namespace of Repère's UUIDs (uuid5 of the DNS namespace and "repere.montreal"): fixed forever, ids depend on it.
REPERE_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "repere.montreal")
GENERATED_PREFIX = "Fiche Repère : "
TAXONOMIES = {
    "sector": ("Domaines de l'action communautaire (ISQ, EQOAC 2023)",
               "Les 13 domaines d'activité de l'enquête québécoise sur l'action communautaire (ISQ, 2023). Pour "
               "l'annuaire, Repère infère les secteurs du nom et de la catégorie publiée : chaque attribut dit "
               "« inferred », sa confiance et sa méthode."),
    "kind": ("Types de membre (Repère)",
             "Type de membre déduit, par des règles écrites, de la catégorie que chaque table de quartier publie "
             "(corpus/reference/types_de_membre.csv)."),
    "table": ("Tables de quartier de Montréal",
              "Les 32 tables de quartier; l'attribut relie un organisme à une table dont il est membre, avec la "
              "catégorie publiée par la table."),
    "source": ("Listes sources (Repère)",
               "Les listes de membres d'où vient la fiche (corpus/SOURCES.md)."),
}
KIND_LABELS = {
    "aca": "Organisme d'action communautaire autonome (ACA)", "community_organization": "Organisme communautaire",
    "institution": "Institution", "business": "Entreprise", "partner": "Partenaire",
    "member_unspecified": "Membre (catégorie non précisée)", "other": "Autre",
}
SOURCE_LABELS = {
    "tdq-2026-06-25": "Listes des membres des tables de quartier, compilation CSV du 2026-06-25",
    "tdq-2026-07-09": "Listes des membres des tables de quartier, compilation JSON du 2026-07-09",
    "hsds": "Fichier HSDS importé",
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    """A cell a spreadsheet will show, never run: ``'`` before a leading ``= + - @``, tab or CR."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _write_rows(fh, rows: list[dict], fields: list[str]) -> None:
    writer = csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    writer.writerows({k: neutralise(row.get(k, "")) for k in fields} for row in rows)


def flat_rows(items: list[OrgResult]) -> list[dict]:
    return [{
        "organization.id": o.org_id,
        "organization.name": o.name,
        "organization.alternate_name": o.alternate_name,
        "address.region": ";".join(o.regions),
        "x_region_inferred": "true",
        "x_territory": ";".join(o.territory),
        "x_territory_regions": ";".join(o.territory_regions),
        "x_tables_de_quartier": ";".join(o.tables),
        "x_membership_kind": o.membership_kind,
        "x_categories_publiees": o.categories,
        "x_sectors_inferred": ";".join(f"{s['code']}({s['confidence']:.2f})" for s in o.sectors),
        "x_sources": o.record_sources,
    } for o in items]


def write_csv(items: list[OrgResult], path: Path) -> Path:
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="") as fh:
        _write_rows(fh, flat_rows(items), FLAT_FIELDS)
    return path


# --- HSDS 3.0 -------------------------------------------------------------------------------------------

def hsds_uuid(kind: str, key: str) -> str:
    """The stable UUID of a Repère object: ``uuid5(REPERE_NAMESPACE, f"{kind}:{key}")``."""
    return str(uuid.uuid5(REPERE_NAMESPACE, f"{kind}:{key}"))


def official_descriptor() -> dict:
    return json.loads(OFFICIAL_DESCRIPTOR.read_text(encoding="utf-8"))


def _summary(org: OrgResult) -> str:
    where = ", ".join(org.regions) or "; ".join(
        f"{t} ({', '.join(org.territory_regions)})" for t in org.territory) or "lieu non précisé"
    tables = "; ".join(org.tables) or "aucune table"
    return (f"{GENERATED_PREFIX}membre de {tables}; listé à {where} (déduit du territoire de la table). "
            "Compilé des listes de membres publiées par les tables de quartier; aucune adresse connue.")


def hsds_tables(items: list[OrgResult], sector_labels: dict[str, str]) -> dict[str, list[dict]]:
    """The HSDS rows of ``items``, by HSDS resource name."""
    rows: dict[str, list[dict]] = {name: [] for name in ("organization", "organization_identifier", "location",
                                                         "taxonomy", "taxonomy_term", "attribute")}
    terms: dict[tuple[str, str], str] = {}

    def term(taxonomy: str, code: str, name: str, description: str) -> str:
        if (taxonomy, code) not in terms:
            term_id = hsds_uuid(f"term:{taxonomy}", code)
            terms[(taxonomy, code)] = term_id
            rows["taxonomy_term"].append({"id": term_id, "code": code, "name": name, "description": description,
                                          "taxonomy": TAXONOMIES[taxonomy][0], "language": "fr",
                                          "taxonomy_id": hsds_uuid("taxonomy", taxonomy)})
        return terms[(taxonomy, code)]

    for key, (name, description) in TAXONOMIES.items():
        rows["taxonomy"].append({"id": hsds_uuid("taxonomy", key), "name": name, "description": description,
                                 "version": "repere-1"})
    for code, label in sector_labels.items():
        term("sector", code, label, f"{label} : domaine de l'action communautaire (ISQ, EQOAC 2023).")
    for org in items:
        org_uuid = hsds_uuid("organization", org.org_id)

        def attribute(taxonomy: str, code: str, name: str, description: str, value: str) -> None:
            term_id = term(taxonomy, code, name, description)
            rows["attribute"].append({"id": hsds_uuid("attribute", f"{org.org_id}:{taxonomy}:{code}"),
                                      "link_id": org_uuid, "taxonomy_term_id": term_id,
                                      "link_type": taxonomy, "link_entity": "organization", "value": value})

        rows["organization"].append({"id": org_uuid, "name": org.name, "alternate_name": org.alternate_name,
                                     "description": org.description or _summary(org)})
        rows["organization_identifier"].append({"id": hsds_uuid("identifier", org.org_id),
                                                "organization_id": org_uuid, "identifier_scheme": "repere",
                                                "identifier_type": "Identifiant Repère",
                                                "identifier": org.org_id})
        for region in org.regions:
            rows["location"].append({
                "id": hsds_uuid("location", f"{org.org_id}:{region}"), "location_type": "physical",
                "organization_id": org_uuid, "name": region,
                "description": "Arrondissement ou ville liée où une table de quartier liste l'organisme (déduit du "
                               "territoire de la table; couverture partielle possible). Pas une adresse."})
        for territory in org.territory:
            rows["location"].append({
                "id": hsds_uuid("location", f"{org.org_id}:{territory}"), "location_type": "physical",
                "organization_id": org_uuid, "name": territory, "alternate_name": ";".join(org.territory_regions),
                "description": "Territoire de plusieurs villes ou arrondissements d'une table de quartier (villes "
                               "dans alternate_name); l'organisme y est listé sans ville précise. Pas une adresse."})
        categories = org.categories_by_table
        table_ids = dict(zip(org.tables, org.table_ids)) if len(org.table_ids) == len(org.tables) else {}
        for table in org.tables:
            attribute("table", table_ids.get(table, table), table, f"Table de quartier : {table}.",
                      categories.get(table, ""))
        if org.membership_kind:
            attribute("kind", org.membership_kind, KIND_LABELS.get(org.membership_kind, org.membership_kind),
                      f"Type de membre « {org.membership_kind} », déduit de la catégorie publiée.",
                      f"derived;rule={org.membership_rule}" if org.membership_rule else "derived")
        for sector in org.sectors:
            label = sector_labels.get(sector["code"], sector.get("label", sector["code"]))
            attribute("sector", sector["code"], label, f"{label} : domaine de l'action communautaire (ISQ, EQOAC "
                                                       "2023).",
                      f"inferred;confidence={sector['confidence']:.2f};method={sector.get('method', 'rule')}")
        for source in filter(None, (org.record_sources or "").split(";")):
            attribute("source", source, SOURCE_LABELS.get(source, source),
                      f"Liste source : {SOURCE_LABELS.get(source, source)}.", "")
    return rows


def hsds_descriptor(resources: list[str]) -> dict:
    """The official descriptor restricted to ``resources`` (fields, types, constraints, keys unchanged)."""
    official = official_descriptor()
    out = {k: v for k, v in official.items() if k != "resources"}
    out["description"] = (official.get("description", "") + " Export Repère : tables restreintes à celles écrites; "
                          "schémas officiels HSDS 3.0.0 inchangés.")
    out["resources"] = [r for r in official["resources"] if r["name"] in resources]
    return out


def write_hsds(items: list[OrgResult], sector_labels: dict[str, str], path: Path) -> Path:
    """Write the HSDS 3.0 package of ``items``: a zip when ``path`` ends with ``.zip``, else a folder."""
    path = Path(path)
    tables = hsds_tables(items, sector_labels)
    descriptor = hsds_descriptor(list(tables))
    files: dict[str, str] = {}
    for resource in descriptor["resources"]:
        buffer = io.StringIO()
        _write_rows(buffer, tables[resource["name"]], [f["name"] for f in resource["schema"]["fields"]])
        files[resource["path"]] = buffer.getvalue()
    files["datapackage.json"] = json.dumps(descriptor, ensure_ascii=False, indent=1)
    if path.suffix == ".zip":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in files.items():
                archive.writestr(name, text)
    else:
        path.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (path / name).write_text(text, encoding="utf-8")
    return path
