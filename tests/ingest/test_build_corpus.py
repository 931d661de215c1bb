"""build_corpus's directory decisions on the real raw member lists: merges (known pairs, the review file, a pair
kept apart), placeholder rows excluded with their reason, multi-city territories, the alias table. Written to
tmp_path; the test needs ../shared (the raw sources) and uses the shipped corpus's outputs otherwise."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from assistant.core.places import PlaceResolver, place_key
from ingest.build_corpus import (MERGE_OVERRIDES_CSV, TERRITORIES, Member, build_tables, dedup_key, exclusion_reason,
                                 group_members, merge_rows, read_members, read_overrides)
from tests.conftest import REPO

RAW = REPO.parent / "shared/data/raw"
CORPUS = REPO / "corpus"


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def group(names: list[str], keep_apart=frozenset()) -> dict[str, set[str]]:
    members = [Member(name, "t", "Membres", "test") for name in names]
    orgs, _ = group_members(members, set(keep_apart))
    return {frozenset(rec.names): rec for rec in orgs.values()}


def test_merge_rule_on_known_pairs():
    merged = group(["Frigo de l'Est", "Le Frigo de l'Est", "ABOVAS", "ABOVAS (Accompagnement Bénévole l'Ouest)",
                    "Ma Chambre", "Ma Chambre Inc.", "Maison des jeunes (Verdun)", "Maison des jeunes (Lachine)"])
    sets = set(merged)
    assert frozenset({"Frigo de l'Est", "Le Frigo de l'Est"}) in sets
    assert frozenset({"ABOVAS", "ABOVAS (Accompagnement Bénévole l'Ouest)"}) in sets
    assert frozenset({"Ma Chambre", "Ma Chambre Inc."}) in sets
    # different parentheses are different organisations (branches), never merged
    assert frozenset({"Maison des jeunes (Verdun)"}) in sets and frozenset({"Maison des jeunes (Lachine)"}) in sets


def test_an_acronym_alone_joins_the_one_long_name_that_ends_with_it():
    members = [Member(n, "t", "Membres", "test") for n in (
        "GRAME", "Le Groupe de recommandations et d’actions pour un meilleur environnement (GRAME)",
        "CIUSSS", "Centre intégré de santé du Nord (CIUSSS)", "Centre intégré de santé de l'Est (CIUSSS)", "RIOCM",
        # an acronym written as a word joins its long name too; a word no long name ends with stays itself
        "Hapopex", "Habitations populaires de Parc-Extension (HAPOPEX)", "Frigo")]
    orgs, decisions = group_members(members, set())
    sets = {frozenset(rec.names) for rec in orgs.values()}
    assert frozenset({"GRAME", "Le Groupe de recommandations et d’actions pour un meilleur environnement (GRAME)"}) \
        in sets
    assert frozenset({"Hapopex", "Habitations populaires de Parc-Extension (HAPOPEX)"}) in sets
    # an acronym two organisations carry stays apart, and the review file says why
    assert frozenset({"CIUSSS"}) in sets and frozenset({"RIOCM"}) in sets and frozenset({"Frigo"}) in sets
    review = merge_rows(orgs, decisions)
    assert ("GRAME", "M3-sigle", "fusionné") in {(r["merged_name"], r["rule"], r["decision"]) for r in review}
    assert any(r["merged_name"] == "CIUSSS" and r["decision"] == "gardés séparés : sigle de 2 organismes"
               for r in review)


def test_an_acronym_before_a_dash_joins_the_long_name_that_declares_it():
    merged = group(["OMHM – Office Municipal d’habitation de Montréal", "Office municipal d'habitation de Montréal (OMHM)",
                    # (a long name after the dash that declares another acronym is another organisation)
                    "ABC – Centre des loisirs de l'Est", "Centre des loisirs de l'Est (CLE)"])
    sets = set(merged)
    assert frozenset({"OMHM – Office Municipal d’habitation de Montréal",
                      "Office municipal d'habitation de Montréal (OMHM)"}) in sets
    assert frozenset({"ABC – Centre des loisirs de l'Est"}) in sets


def test_same_source_id_merges_and_a_reviewed_pair_stays_apart():
    members = [Member("INTER-LOGE", "t", "Membres", "csv", source_id="O1"),
               Member("Interloge", "u", "Membres", "csv", source_id="O1"),
               Member("Les YMCA du Québec", "t", "Membres", "csv"),
               Member("YMCA du Québec (Ouest-de-l'Île)", "u", "Membres", "csv")]
    keep_apart = {frozenset((dedup_key("Les YMCA du Québec"), dedup_key("YMCA du Québec (Ouest-de-l'Île)")))}
    orgs, decisions = group_members(members, keep_apart)
    assert sorted(sorted(r.names) for r in orgs.values()) == [["INTER-LOGE", "Interloge"], ["Les YMCA du Québec"],
                                                               ["YMCA du Québec (Ouest-de-l'Île)"]]
    review = merge_rows(orgs, decisions)
    assert {(r["merged_name"], r["rule"], r["decision"]) for r in review} >= {
        ("Interloge", "M1-id-source", "fusionné")}
    assert any(r["decision"].startswith("gardés séparés") for r in review)


def test_placeholder_rows_are_excluded_with_their_reason():
    assert "espace réservé" in exclusion_reason("Nouvelle org verdun", "Membres réguliers – institutionnel")
    assert exclusion_reason("Nouvelles d'Ici", "Membres") is None  # a real name that starts alike
    assert exclusion_reason("Maison d'accueil des nouveaux arrivants (MANA)", "Membres") is None
    excluded = rows(CORPUS / "reference/exclus.csv")
    assert any(r["name"] == "Nouvelle org verdun" and "espace réservé" in r["reason"] for r in excluded)
    assert all(r["reason"] for r in excluded)


def test_shipped_directory_holds_the_decisions():
    directory = rows(CORPUS / "annuaire/organismes.csv")
    names = [r["organization.name"] for r in directory]
    assert "Le Frigo de l'Est" not in names and "Frigo de l'Est" in names
    assert not any(n.lower().startswith("nouvelle org") for n in names)
    assert len(names) == len(set(names))
    review = rows(CORPUS / "reference/fusions.csv")
    assert any(r["merged_name"] == "Le Frigo de l'Est" and r["rule"] == "M2-article-forme" for r in review)
    assert {r["name_a"] for r in rows(CORPUS / "reference" / MERGE_OVERRIDES_CSV)} == {"YMCA du Québec (Ouest-de-l'Île)"}
    west = [r for r in directory if "table-de-quartier-sud-de-louest-de-lile" in r["x_tables_de_quartier.id"]]
    assert west and all(r["x_territory"].startswith("Sud de l'Ouest-de-l'Île") or "Sud de l'Ouest-de-l'Île" in
                        r["x_territory"] for r in west)
    assert not any("Dorval" in r["address.region"].split(";") for r in directory)  # no copy in each city
    counts = {r["region"]: r for r in rows(CORPUS / "reference/comptes_par_region.csv")}
    assert counts["Dorval"]["before"] == "57" and counts["Dorval"]["direct"] == "0"
    assert int(counts["Dorval"]["through_territory"]) == len(west)
    kinds = {r["kind"]: r for r in rows(CORPUS / "reference/types_de_membre.csv")}
    assert kinds["aca"]["tables_publishing"] == "2" and kinds["aca"]["tables_total"] == "32"


def test_alias_table_is_built_from_the_official_names():
    resolver = PlaceResolver.load(CORPUS / "reference")
    aliases = rows(CORPUS / "reference/lieux_alias.csv")
    assert {"nom officiel", "nom de la table (liste des tables)", "usage courant" if False else "nom courant"} <= \
        {a["origin"] for a in aliases}
    assert all(a["key"] == place_key(a["alias"]) for a in aliases)
    assert resolver.resolve("borough", "Villeray - Saint-Michel - Parc-Extension").value == \
        "Villeray–Saint-Michel–Parc-Extension"
    assert resolver.resolve("table", "Centre").value is None  # part of "Centre-Sud", not a whole unit
    assert set(TERRITORIES.values()) <= {a["value"] for a in aliases}


@pytest.mark.skipif(not RAW.exists(), reason="the raw sources (../shared) are not beside this checkout")
def test_reading_the_raw_lists_applies_the_rules(tmp_path):
    tables = build_tables(RAW, tmp_path)
    members, excluded = read_members(RAW, tables)
    assert any(e["name"] == "Nouvelle org verdun" for e in excluded)
    orgs, decisions = group_members(members, read_overrides(CORPUS / "reference" / MERGE_OVERRIDES_CSV))
    together = [set(r.names) for r in orgs.values()]
    assert any({"Frigo de l'Est", "Le Frigo de l'Est"} <= names for names in together)
    assert not any({"Les YMCA du Québec", "YMCA du Québec (Ouest-de-l'Île)"} <= names for names in together)
