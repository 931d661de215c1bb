"""Place names (boroughs, linked cities, multi-city territories, round tables) as people type them.

One alias table, ``corpus/reference/lieux_alias.csv``, written by ``ingest/build_corpus.py`` from the GeoJSON's
names, the tables list, the tables' neighbourhoods and a short reviewed list of everyday names ("NDG", "HoMa",
"TMR"). ``PlaceResolver`` answers a typed value with the official name, or with the closest choices when the value
is ambiguous ("Saint") or unknown ("Laval"). The same table finds the places named inside a question.

Resolution, first rule that answers wins:
1. the value's key (case, accents, hyphens, dashes, apostrophes, articles, "St"/"Ste" ignored) is an alias;
2. the key is a whole part of exactly one official name: a part is a run of the name's space- or dash-separated
   units, hyphenated words kept whole ("Pointe-aux-Trembles" in "Rivière-des-Prairies–Pointe-aux-Trembles",
   "Action-Gardien" in "CDC Action-Gardien de Pointe-Saint-Charles", never "Centre" in "CDC Centre-Sud");
   several names → ambiguous, with those names as the choices;
3. a typo (``fuzz.ratio`` ≥ ``TYPO_MIN`` against one alias, clearly ahead of any other place);
otherwise unknown, with the closest names (``WRatio``) as suggestions.

Usage: ``resolver = PlaceResolver.load(Path("corpus/reference")); resolver.resolve("borough", "Rosemont").value``
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant.core.textnorm import fold

ALIAS_FILE = "lieux_alias.csv"
ALIAS_FIELDS = ["alias", "key", "field", "value", "origin"]
FIELDS = ("borough", "table")
TYPO_MIN = 90  # fuzz.ratio: "Verdunn", "Rosemnt" resolve; "Laval" / "LaSalle" (67) do not
TYPO_MARGIN = 6
# Words that carry no place: articles, "de", and the generic words of a round table's name that users drop or add.
_STOP = {"le", "la", "les", "l", "de", "du", "des", "d", "et", "en", "a", "au", "aux", "the", "of"}
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mont", "n": "nord", "e": "est", "o": "ouest",
                  # (the English name of Parc-Extension: "Park Extension", "park ex")
                  "park": "parc"}
_TABLE_GENERIC = re.compile(r"^(la )?(table( de (quartier|concertation))?|cdc|tdq)\b\s*")


def place_key(text: str) -> str:
    """The comparison key of a place name: ``place_key("L'Île-Bizard–Sainte-Geneviève") == "ile bizard sainte
    genevieve"``; ``place_key("Concert’Action Lachine") == "concertaction lachine"``."""
    text = fold(text or "")
    text = re.sub(r"\b([ld])'", r"\1 ", text)  # l'Île → l Île (article), Concert'Action → ConcertAction
    text = text.replace("'", "")
    words = [_ABBREVIATIONS.get(w, w) for w in re.sub(r"[^a-z0-9]+", " ", text).split()]
    return " ".join(w for w in words if w not in _STOP)


def name_units(name: str) -> list[str]:
    """Keys of a name's units: words split on spaces, en dashes and slashes, hyphenated words kept whole."""
    units = re.split(r"\s+|\s*[–—/]\s*", name.replace("’", "'"))
    return [k for k in (place_key(u) for u in units) if k]


@dataclass
class Resolution:
    """``value``: the official name, or None; ``candidates``: the choices to offer when ``value`` is None (or the
    value itself); ``status``: "resolved", "ambiguous", "unknown" or "empty"; ``how``: the rule that answered."""

    field: str
    query: str
    value: str | None
    candidates: list[str] = field(default_factory=list)
    status: str = "unknown"
    how: str = ""

    def to_json(self) -> dict:
        return {"field": self.field, "query": self.query, "value": self.value, "candidates": self.candidates,
                "status": self.status, "how": self.how}


@dataclass(frozen=True)
class Alias:
    alias: str
    key: str
    field: str
    value: str
    origin: str


def read_aliases(path: Path) -> list[Alias]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [Alias(**{k: row[k] for k in ALIAS_FIELDS}) for row in csv.DictReader(fh)]


def write_aliases(path: Path, aliases: list[Alias]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=ALIAS_FIELDS)
        writer.writeheader()
        writer.writerows([a.__dict__ for a in aliases])


def build_aliases(names: dict[str, list[tuple[str, str]]], usage: list[tuple[str, str, str, str]]) -> list[Alias]:
    """The alias table: for each field, every official name (and its other spellings: (spelling, origin) pairs,
    first one the official name) under its key, then the everyday names ``(alias, field, value, origin)``.
    A key that would point to two places of one field is dropped (it is ambiguous, rule 2 answers it)."""
    out: dict[tuple[str, str], Alias] = {}
    clashes: set[tuple[str, str]] = set()

    def add(alias: str, field_name: str, value: str, origin: str) -> None:
        key = place_key(alias)
        if not key:
            return
        seen = out.get((field_name, key))
        if seen and seen.value != value:
            clashes.add((field_name, key))
        elif not seen:
            out[(field_name, key)] = Alias(alias, key, field_name, value, origin)

    for field_name, spellings in names.items():
        for value, spelling, origin in spellings:
            add(spelling, field_name, value, origin)
    for alias, field_name, value, origin in usage:
        add(alias, field_name, value, origin)
    return sorted((a for k, a in out.items() if k not in clashes), key=lambda a: (a.field, a.key))


class PlaceResolver:
    """Resolves typed places against one alias table (see the module docstring)."""

    def __init__(self, aliases: list[Alias]):
        self.aliases = aliases
        self.by_key: dict[str, dict[str, str]] = {f: {} for f in FIELDS}
        self.values: dict[str, list[str]] = {f: [] for f in FIELDS}
        for a in aliases:
            self.by_key.setdefault(a.field, {})[a.key] = a.value
            if a.value not in self.values.setdefault(a.field, []):
                self.values[a.field].append(a.value)
        self.units = {f: {v: name_units(v) for v in values} for f, values in self.values.items()}
        self._candidates_by_fields: dict[tuple[str, ...], list[tuple[str, str, str]]] = {}

    @classmethod
    def load(cls, reference_dir: Path) -> "PlaceResolver":
        path = Path(reference_dir) / ALIAS_FILE
        return cls(read_aliases(path) if path.exists() else [])

    def resolve(self, field_name: str, value: str | None) -> Resolution:
        field_name = "borough" if field_name in ("region", "borough") else field_name
        query = (value or "").strip()
        key = place_key(query)
        if not key:
            return Resolution(field_name, query, None, [], "empty")
        aliases = self.by_key.get(field_name, {})
        if key in aliases:
            return Resolution(field_name, query, aliases[key], [aliases[key]], "resolved", "alias")
        keys = [key]
        if field_name == "table":
            stripped = _TABLE_GENERIC.sub("", key).strip()
            if stripped and stripped != key:
                if stripped in aliases:
                    return Resolution(field_name, query, aliases[stripped], [aliases[stripped]], "resolved", "alias")
                keys.append(stripped)
        for candidate in keys:
            parts = [v for v, units in self.units.get(field_name, {}).items() if _contains_run(units, candidate)]
            if len(parts) == 1:
                return Resolution(field_name, query, parts[0], parts, "resolved", "part")
            if len(parts) > 1:
                return Resolution(field_name, query, None, sorted(parts, key=fold), "ambiguous", "part")
        return self._fuzzy(field_name, query, key)

    def _fuzzy(self, field_name: str, query: str, key: str) -> Resolution:
        from rapidfuzz import fuzz, process

        aliases = self.by_key.get(field_name, {})
        if not aliases:
            return Resolution(field_name, query, None, [], "unknown")
        typo: dict[str, float] = {}
        for alias_key, score, _ in process.extract(key, list(aliases), scorer=fuzz.ratio, limit=10):
            typo[aliases[alias_key]] = max(typo.get(aliases[alias_key], 0.0), score)
        ranked = sorted(typo.items(), key=lambda kv: -kv[1])
        if ranked and ranked[0][1] >= TYPO_MIN and len(key) >= 4 and (
                len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= TYPO_MARGIN):
            return Resolution(field_name, query, ranked[0][0], [ranked[0][0]], "resolved", "typo")
        # Names with a unit that starts like the value first ("Saint" → Saint-Laurent, Saint-Léonard), then the
        # closest by WRatio.
        close = sorted((v for v, units in self.units.get(field_name, {}).items()
                        if any(u.startswith(key) for u in units)), key=fold)[:5]
        for alias_key, score, _ in process.extract(key, list(aliases), scorer=fuzz.WRatio, limit=25):
            if score >= 60 and aliases[alias_key] not in close:
                close.append(aliases[alias_key])
        ambiguous = len(close) > 1 and any(key in k.split() for k in aliases)
        return Resolution(field_name, query, None, close[:5], "ambiguous" if ambiguous else "unknown", "closest")

    def find_in(self, text: str, fields: tuple[str, ...] = FIELDS) -> list[tuple[str, str, str]]:
        """Places named in free text, longest alias first, without overlaps: ``[(field, value, alias key)]``.
        Only aliases count here (no parts, no typos): a question's ordinary words must not become places."""
        words = f" {place_key(text)} "
        found = []
        for key, field_name, value in self._candidates(fields):
            if key.endswith(" est") and re.search(rf" {key} {_VERB_AFTER_EST}\b", words):
                # « Moisson Montréal est membre de … »: « est » the verb after a name, not Montréal-Est
                continue
            # (another name of a place already found is consumed too: « Côte-des-Neiges–NDG » is « cote neiges » and
            # « ndg », one borough — not a borough and the word "ndg" to search)
            if f" {key} " in words and not any(f == field_name and v != value for f, v, _ in found):
                found.append((field_name, value, key))
                words = words.replace(f" {key} ", " | ")
        return found

    def _candidates(self, fields: tuple[str, ...]) -> list[tuple[str, str, str]]:
        """The keys ``find_in`` looks for, longest first (built once per set of fields)."""
        cache = self._candidates_by_fields
        if fields in cache:
            return cache[fields]
        found_keys = [(a.key, a.field, a.value) for a in self.aliases if a.field in fields]
        if "table" in fields:
            # « la table du faubourg St-Laurent » for « Table de concertation du faubourg Saint-Laurent »: a table
            # named by « table » and its own words, without « de concertation » / « de quartier »
            for a in (a for a in self.aliases if a.field == "table"):
                stripped = re.sub(r"^(table( quartier| concertation)?|tdq)\s+", "", a.key)
                if stripped != a.key:
                    found_keys += [(f"{generic} {stripped}", "table", a.value)
                                   for generic in ("table", "table quartier", "table concertation")]
                # « la CDC de la Pointe » for « CDC de la Pointe – région Est de Montréal »: a name without the
                # territory its dash adds
                head = place_key(re.split(r"\s+[–-]\s+", a.value)[0])
                if head != a.key and len(head.split()) >= 2 and head not in {k for k, _, _ in found_keys}:
                    found_keys.append((head, "table", a.value))
            found_keys += self._table_cores()
        cache[fields] = sorted(set(found_keys), key=lambda c: (-len(c[0]), fields.index(c[1]), c[2]))
        return cache[fields]

    def _table_cores(self) -> list[tuple[str, str, str]]:
        """« Action-Gardien » for « CDC Action-Gardien de Pointe-Saint-Charles »: a hyphenated word of a table's name
        that names it alone — in no other table's name, and no place (not an alias, nor part of a borough's name)."""
        keys = {a.key for a in self.aliases}
        tables = self.units.get("table", {})
        boroughs = list(self.units.get("borough", {}).values())
        count: dict[str, int] = {}
        for units in tables.values():
            for unit in set(units):
                count[unit] = count.get(unit, 0) + 1
        return [(unit, "table", value) for value, units in tables.items() for unit in units
                if " " in unit and count[unit] == 1 and unit not in keys
                and not any(_contains_run(b, unit) for b in boroughs)]


# what follows « est » the verb (« … Montréal est membre de », « est dans », « est situé »), not the East of a name
_VERB_AFTER_EST = (r"(membre|membres|dans|situee?|une?|le|la|les|l|a|au|aux|en|ou|il|elle|quoi|partie|inscrite?|"
                   r"rattachee?|affiliee?|sur|toujours|encore|bien|pas|listee?|repertoriee?|associee?|present|presente)")


def _contains_run(units: list[str], key: str) -> bool:
    """Whether ``key`` is the key of a contiguous run of whole units."""
    for start in range(len(units)):
        for end in range(start + 1, len(units) + 1):
            joined = " ".join(units[start:end])
            if joined == key:
                return True
            if len(joined) >= len(key):
                break
    return False
