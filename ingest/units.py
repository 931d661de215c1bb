"""Answer units: the pieces an answer is made of — one sentence, one bullet, or a list heading with its items.

A section's text is read line by line:
- a bullet (``-``, ``*``, ``•``, ``■``) or a numbered line (``1.``) is one unit, with the indented lines that
  continue it (no blank line between);
- a line ending with ``:`` — or a short line without final punctuation followed by bullets — is a *heading*: it
  is a unit, and it starts a group; the group's members are the units that follow, up to the next heading of the
  same or a higher level (plain line 0, numbered 1, bullet 2 + indent), so nested lists nest;
- any other line is split into sentences, each a unit.
Each heading with members also gives a *list* unit: the heading with its items, for list questions.

Ids follow the structure, not the words (``<doc_id>/s<section>/u<n>``; list units ``…/l<n>``), so an aligned
translation, split by the same rules, gives the same ids: that is how the English side is matched.

Usage: ``units = split_units(section.text)``; ``document_units(doc)``
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.loaders import SourceDocument

_BULLET = re.compile(r"^(\s*)([-*•■]|\d+[.)])\s+(.*)$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[«\"A-ZÀ-Ý])")
_TERMINAL = re.compile(r"[.!?;,]$")
# A line that only names sources ("Sources citées : …", "(riocm.org/…)"): a unit, but never an answer.
_SOURCES = re.compile(r"^(sources? (cit[ée]es?|cited)\s*:|\(?[\w.-]+\.(org|ca|com|net)\b|\(communiqué|\(journal)", re.I)


@dataclass
class Unit:
    order: int  # position in the section (ids use it)
    kind: str  # sentence | item | heading | list | source (a line naming sources: kept, never an answer)
    text: str  # without the bullet marker
    marker: str = ""  # "-", "■", "1." … for items and numbered headings
    level: int = 0  # heading level (0 plain line, 1 numbered, 2+ bullet depth); items: their depth
    heading: int | None = None  # order of the heading whose group this unit belongs to (nearest)
    members: list[int] = field(default_factory=list)  # list units: the orders of their members

    def display(self) -> str:
        return f"{self.marker} {self.text}".strip() if self.marker else self.text


@dataclass
class _Line:
    text: str
    indent: int
    marker: str
    blank_before: bool


def _logical_lines(text: str) -> list[_Line]:
    """Lines with wrapped continuations joined to the bullet they continue."""
    out: list[_Line] = []
    blank = False
    for raw in text.splitlines():
        if not raw.strip():
            blank = True
            continue
        raw = re.sub(r"^>\s?", "", raw)  # a blockquote line is a paragraph
        match = _BULLET.match(raw)
        indent = len(raw) - len(raw.lstrip(" "))
        if match:
            out.append(_Line(match.group(3).strip(), len(match.group(1)), match.group(2), blank))
        elif out and out[-1].marker and not blank and indent > 0:
            out[-1].text = f"{out[-1].text} {raw.strip()}"
        else:
            out.append(_Line(raw.strip(), indent, "", blank))
        blank = False
    return out


def sentences(text: str) -> list[str]:
    """Sentences of a line; never split inside parentheses or « » (a cited title ends with "?" mid-sentence)."""
    out, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        head = text[start:match.start()]
        if head.count("(") == head.count(")") and head.count("«") == head.count("»"):
            out.append(head.strip())
            start = match.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


def _heading_level(line: _Line) -> int:
    if not line.marker:
        return 0
    return 1 if line.marker[0].isdigit() else 2 + line.indent


# A line that is only a person's name (two to four capitalised words): an author under a quotation
_ATTRIBUTION = re.compile(r"[A-ZÀ-Ý][\w'’-]+(?: (?:de |du |van |von )?[A-ZÀ-Ý][\w'’-]+){1,3}")


def split_units(text: str) -> list[Unit]:
    lines = _logical_lines(text)
    units: list[Unit] = []
    open_headings: list[Unit] = []  # stack of headings whose groups are still open

    def is_heading(i: int) -> bool:
        line = lines[i]
        if line.text.endswith(":"):
            return True
        following = lines[i + 1] if i + 1 < len(lines) else None
        return (not line.marker and following is not None and bool(following.marker)
                and not _TERMINAL.search(line.text) and len(line.text) <= 80)

    def add(unit: Unit) -> None:
        unit.order = len(units) + 1
        if open_headings:
            unit.heading = open_headings[-1].order
            for heading in open_headings:
                heading.members.append(unit.order)
        units.append(unit)

    for i, line in enumerate(lines):
        depth_level = _heading_level(line)
        # A bullet closes the groups of bullet headings at its depth or deeper; a plain line closes them all.
        # A bullet closes the groups of bullet headings at its depth or deeper; a plain unindented line closes
        # bullet headings' groups, and, after a blank line, the groups whose members were bullets (a source line
        # after a list is not one of its items).
        while open_headings and (
                (line.marker and not line.marker[0].isdigit() and open_headings[-1].level >= depth_level)
                or (not line.marker and line.indent == 0 and (
                    open_headings[-1].level >= 2
                    or (line.blank_before and any(units[m - 1].kind == "item" for m in open_headings[-1].members))))):
            open_headings.pop()
        if is_heading(i):
            while open_headings and open_headings[-1].level >= depth_level:
                open_headings.pop()
            heading = Unit(0, "heading", line.text, line.marker, depth_level)
            add(heading)
            open_headings.append(heading)
        elif line.marker:
            add(Unit(0, "item", line.text, line.marker, line.indent))
        elif units and units[-1].kind == "sentence" and i == len(lines) - 1 and _ATTRIBUTION.fullmatch(line.text):
            # « De tous les actes, le plus complet est celui de construire. » then « Paul Valéry » alone, last: the
            # quotation's author belongs with it (alone, a name answers nothing)
            units[-1].text = f"{units[-1].text} — {line.text}"
        else:
            for sentence in sentences(line.text):
                add(Unit(0, "source" if _SOURCES.match(sentence) else "sentence", sentence, "", line.indent))
    lists = []
    for unit in units:
        if unit.kind == "heading" and unit.members:
            lists.append(Unit(unit.order, "list", unit.text, unit.marker, unit.level, unit.heading,
                              list(unit.members)))
    return units + lists


def list_text(list_unit: Unit, units: list[Unit]) -> str:
    """A list unit's text: its heading, then each member on its own line (with its marker)."""
    by_order = {u.order: u for u in units if u.kind != "list"}
    lines = [list_unit.display()]
    for order in list_unit.members:
        member = by_order[order]
        indent = "  " * max(0, member.level - 2) if member.kind == "heading" else "  " * (1 if member.level else 0)
        lines.append(f"{indent}{member.display() if member.marker else '- ' + member.text}")
    return "\n".join(lines)


def unit_id(doc_id: str, section_index: int, unit: Unit) -> str:
    return f"{doc_id}/s{section_index:02d}/{'l' if unit.kind == 'list' else 'u'}{unit.order:02d}"


def document_units(doc: SourceDocument) -> list[tuple[int, list[Unit]]]:
    """(section index, units) for every section of a document (directories have none)."""
    if doc.kind == "directory":
        return []
    return [(index, split_units(section.text)) for index, section in enumerate(doc.sections)]
