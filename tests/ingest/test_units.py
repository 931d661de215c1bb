"""Answer units: sentences, bullets with their continuations, headings with their groups (nested), list units,
source lines — and ids that follow the structure, so a translation split the same way pairs by id."""

from __future__ import annotations

from ingest.units import list_text, split_units

SLIDE = """Elle a été préparée sur des bases solides :

- Août 2018 : adoption de la Déclaration;
- 2. Analyse de documents;
- Aujourd'hui :
 - Environ 800 organismes
 - 6 corporations

1. Le soutien financier :

- Dans le cadre de programmes
- Pour des besoins émergents

2. Le soutien locatif :

Location de locaux à des prix préférentiels

De tout temps, les Montréalaises ont aidé. Le Chaînon en est un exemple.
(riocm.org/bulletin/exemple)"""


def test_units_follow_the_structure():
    units = split_units(SLIDE)
    leaves = [u for u in units if u.kind != "list"]
    kinds = [(u.kind, u.text) for u in leaves]
    assert kinds[0] == ("heading", "Elle a été préparée sur des bases solides :")
    assert ("item", "Août 2018 : adoption de la Déclaration;") in kinds
    assert ("sentence", "De tout temps, les Montréalaises ont aidé.") in kinds
    assert ("sentence", "Le Chaînon en est un exemple.") in kinds
    assert ("source", "(riocm.org/bulletin/exemple)") in kinds
    by_text = {u.text: u for u in leaves}
    assert by_text["Dans le cadre de programmes"].heading == by_text["1. Le soutien financier :".split(". ", 1)[1]].order
    assert by_text["Location de locaux à des prix préférentiels"].heading == by_text["Le soutien locatif :"].order
    assert by_text["Environ 800 organismes"].heading == by_text["Aujourd'hui :"].order  # nested under a bullet
    assert by_text["Aujourd'hui :"].heading == by_text["Elle a été préparée sur des bases solides :"].order
    lists = {u.order: u for u in units if u.kind == "list"}
    financial = lists[by_text["Le soutien financier :"].order]
    assert list_text(financial, units).splitlines() == ["1. Le soutien financier :", "- Dans le cadre de programmes",
                                                        "- Pour des besoins émergents"]


def test_a_wrapped_bullet_is_one_unit_and_a_title_in_quotes_is_not_split():
    units = split_units("- L'initiative vient de la mairesse. Une dizaine de regroupements,\n  dont le RAPSIM, "
                        "étaient invités.\n\nSelon « Communautaire : quoi de neuf? Adoption » la Ville agit.")
    assert [u.kind for u in units] == ["item", "sentence"]
    assert "dont le RAPSIM" in units[0].text


def test_ids_pair_a_translation_split_the_same_way():
    english = SLIDE.replace("Elle a été préparée sur des bases solides", "It was prepared on solid foundations")
    assert [(u.kind, u.order, u.members) for u in split_units(SLIDE)] == \
        [(u.kind, u.order, u.members) for u in split_units(english)]


def test_an_author_alone_under_a_quotation_joins_it():
    units = split_units("La Ville entend l'utiliser comme une référence.\n\n"
                        "De tous les actes, le plus complet est celui de construire.\n\nPaul Valéry\n")
    assert [u.text for u in units] == ["La Ville entend l'utiliser comme une référence.",
                                       "De tous les actes, le plus complet est celui de construire. — Paul Valéry"]
    # a short line in the middle of a section is not an author
    assert len(split_units("Une phrase.\n\nPaul Valéry\n\nUne autre phrase.\n")) == 3
