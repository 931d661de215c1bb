"""Sector inference on the shipped rules (no embedder: the rules alone decide these cases)."""

from __future__ import annotations

import csv

import pytest

from evals.sectors import directory_context, evaluate_sectors
from ingest.sectors import SectorInference
from tests.conftest import REPO


@pytest.fixture(scope="module")
def infer():
    return SectorInference.from_reference(REPO / "corpus" / "reference")


def codes(guesses) -> list[str]:
    return [g.code for g in guesses]


@pytest.mark.parametrize("name, expected", [
    # the type of organisation at the head of the name decides; the rest is a proper name
    ("CPE Aux Petits Soins", ["developpement_enfants_familles"]),
    ("CPE Jardin de fruits", ["developpement_enfants_familles"]),
    ("Coopérative d'habitation Les Artistes", ["logement"]),
    ("Club des aînés de Verdun", ["sports_loisirs_tourisme"]),
    ("Centre des aîné·es de Saint-Léonard", ["sports_loisirs_tourisme"]),
    # public services and places of worship are not community organisations
    ("CLSC de Verdun", []),
    ("CIUSSS du Centre-Sud-de-l'Île-de-Montréal", []),
    ("École secondaire Jeanne-Mance", []),
    ("Église Saint-Pierre-Apôtre", []),
    ("Bibliothèque de Rosemont", []),
    # a daycare that is no CPE is a business; a public service named inside the name is one too
    ("Garderie Les Petits Lutins", []),
    ("Bureau de Services Québec de l'Est", []),
    ("Syndicat des employés de la Ville", []),
    # a users' committee defends the users of the institution it names
    ("Comité des usagers du CIUSSS du Nord", ["defense_droits", "sante"]),
    # words from the ISQ domains' descriptions and examples
    ("Association des Burundais de Montréal", ["autres_missions_sociales"]),
    ("Les Amis du parc Frontenac", ["environnement"]),
    ("Auberge du cœur L'Escale", ["soutien_vulnerabilite"]),
    ("Société de la schizophrénie de Montréal", ["sante"]),
    ("Patro Le Prévost", ["sports_loisirs_tourisme"]),
])
def test_rules(infer, name, expected):
    assert codes(infer(name)) == expected


def test_service_words_still_count_when_no_type_heads_the_name(infer):
    assert "sante" in codes(infer("Services bénévoles aux aînés"))
    assert codes(infer("La Remise - Bibliothèque d'outils")) == ["environnement"]


def test_a_member_that_the_tables_list_as_an_institution_or_a_business_gets_no_sector(infer):
    assert codes(infer("Carrefour alimentaire", kind="community_organization")) == ["bien_etre_alimentaire"]
    assert infer("Carrefour alimentaire", kind="institution") == []
    assert infer("Carrefour alimentaire", kind="business") == []


def test_evaluation_gives_the_inference_what_ingest_gives_it(infer, tmp_path):
    """The shipped directory's categories and kind reach the inference: a row that the directory lists as a
    business is scored with no sector, whatever its name says."""
    directory = REPO / "corpus" / "annuaire" / "organismes.csv"
    context = directory_context(directory)
    with directory.open(encoding="utf-8", newline="") as fh:
        business = next(r for r in csv.DictReader(fh) if r["x_membership_kind"] == "business")
    labels = tmp_path / "labels.csv"
    labels.write_text("organization.id,organization.name,sectors,note\n"
                      f"{business['organization.id']},Cuisine collective du quartier,bien_etre_alimentaire,\n",
                      encoding="utf-8")
    assert evaluate_sectors(infer, labels)["micro_recall"] == 1.0  # the name alone
    assert evaluate_sectors(infer, labels, context)["micro_recall"] == 0.0  # with the directory's kind
