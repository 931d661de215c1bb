"""Aligned unofficial translations: pairing each answer unit with its English counterpart, and checking them.

A translation is a Markdown file whose front matter says ``translation_of: <doc_id>`` (shipped ones live in
``corpus/documents/en/``). It is split into sections and units by the same rules as its original, so units
pair by id. The check fails a pair when the two sides disagree on the structure (a unit missing on one side,
another kind, another slide or section) or on what must never change in translation: numbers (digits, or
number words on either side), years, acronyms, and the French proper names that the translation keeps.

Usage: ``report = align(french_doc, english_doc)``; ``report.problems`` (empty when aligned);
``report.english[unit_id]``
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from assistant.core.textnorm import fold
from ingest.loaders import SourceDocument
from ingest.units import document_units, list_text, unit_id

NUMBER_WORDS = {
    "un": 1, "une": 1, "one": 1, "deux": 2, "two": 2, "trois": 3, "three": 3, "quatre": 4, "four": 4,
    "cinq": 5, "five": 5, "six": 6, "sept": 7, "seven": 7, "huit": 8, "eight": 8, "neuf": 9, "nine": 9,
    "dix": 10, "ten": 10, "dizaine": 10, "douzaine": 12, "dozen": 12, "premiere": 1, "first": 1,
}
_ACRONYM = re.compile(r"\b[A-ZÀ-Ý]{2,}\b")
# Capitalised common nouns that a translation renders as common nouns ("la Ville" -> "the City").
TRANSLATED_CAPITALS = {
    "ville", "politique", "declaration", "principe", "engagements", "conseil", "commission", "quebec", "montreal",
    "type", "types", "criteres", "buts", "valeurs", "portee", "contexte", "introduction", "conclusion",
    "annees", "aujourd", "agglomeration", "arrondissements", "milieu", "exemples", "mise", "gestion", "soutien",
    "pratiques", "champs", "champ", "fiche", "sources", "nature", "adoption", "suites", "financement", "comite",
    "mairesse", "septembre", "fevrier", "juin", "novembre", "mars", "aout", "lundi", "montrealaises", "montrealais",
    # capitalised articles of merged slide titles ("Introduction Une politique…")
    "une", "un", "le", "la", "les", "des", "du", "de",
}


@dataclass
class AlignmentReport:
    doc_id: str
    english: dict[str, dict] = field(default_factory=dict)  # unit id -> {"text", "heading", "section_title"}
    problems: list[str] = field(default_factory=list)
    pairs: int = 0


def numbers(text: str) -> Counter:
    """Numbers of a text, digits and number words alike, as a multiset (``"deux à trois"`` = {2, 3})."""
    found = Counter(int(n) for n in re.findall(r"\d+", text))
    for match in re.finditer(r"[a-z]+", fold(text)):
        word = match.group()
        if word in NUMBER_WORDS and word not in ("un", "une", "one", "premiere", "first"):
            # « neuf » after its noun is "new" (« de l'argent neuf »); the number comes before one
            if word == "neuf" and not re.match(r"\s+[a-z]", fold(text)[match.end():]):
                continue
            found[NUMBER_WORDS[word]] += 1
    return found


def acronyms(text: str) -> Counter:
    return Counter(_ACRONYM.findall(text))


def french_names(text: str) -> list[str]:
    """Capitalised words inside a sentence (not its first word) that a translation must keep as they are."""
    names = []
    for sentence in re.split(r"(?<=[.!?:;])\s+|\s+[-–—]\s+", text):
        tokens = re.findall(r"[\wÀ-ÿ'’-]+", sentence)
        for token in tokens[1:]:
            head = re.split(r"['’]", token)[-1]
            if head[:1].isupper() and not head.isupper() and fold(head) not in TRANSLATED_CAPITALS:
                names.append(head)
    return names


def check_pair(uid: str, french: str, english: str) -> list[str]:
    problems = []
    if numbers(french) != numbers(english):
        problems.append(f"{uid}: numbers differ ({dict(numbers(french))} ≠ {dict(numbers(english))})")
    if acronyms(french) != acronyms(english):
        problems.append(f"{uid}: acronyms differ ({dict(acronyms(french))} ≠ {dict(acronyms(english))})")
    folded_english = fold(english)
    missing = [n for n in french_names(french) if fold(n) not in folded_english]
    if missing:
        problems.append(f"{uid}: proper names missing in English: {', '.join(missing)}")
    return problems


def align(french: SourceDocument, english: SourceDocument) -> AlignmentReport:
    report = AlignmentReport(doc_id=french.doc_id)
    if len(french.sections) != len(english.sections):
        report.problems.append(f"{french.doc_id}: {len(french.sections)} sections in French, "
                               f"{len(english.sections)} in English")
        return report
    french_units, english_units = document_units(french), document_units(english)
    for (index, fr_units), (_, en_units) in zip(french_units, english_units):
        fr_section, en_section = french.sections[index], english.sections[index]
        where = f"{french.doc_id} section {index} « {fr_section.title} »"
        if fr_section.page != en_section.page:
            report.problems.append(f"{where}: slide/page {fr_section.page} in French, {en_section.page} in English")
        shape_fr = [(u.kind, u.order, u.members) for u in fr_units]
        shape_en = [(u.kind, u.order, u.members) for u in en_units]
        if shape_fr != shape_en:
            report.problems.append(f"{where}: {len(fr_units)} units in French, {len(en_units)} in English "
                                   "(or another structure); the section is left without English")
            continue
        report.problems += check_pair(f"{where} title", fr_section.title, en_section.title)
        en_by_order = {u.order: u for u in en_units if u.kind != "list"}
        for fr_unit, en_unit in zip(fr_units, en_units):
            uid = unit_id(french.doc_id, index, fr_unit)
            fr_text = list_text(fr_unit, fr_units) if fr_unit.kind == "list" else fr_unit.text
            en_text = list_text(en_unit, en_units) if en_unit.kind == "list" else en_unit.text
            if fr_unit.kind != "list":
                report.problems += check_pair(uid, fr_text, en_text)
            heading = en_by_order.get(en_unit.heading) if en_unit.heading else None
            report.english[uid] = {"text": en_text, "heading": heading.text if heading else "",
                                   "section_title": en_section.title}
            report.pairs += 1
    return report
