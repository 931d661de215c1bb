"""The policy text the support-fit guide quotes: its slides, the aligned English translation, its version.

The guide's quotes are checked against this text and English results take the English line at the same position
in the unofficial translation (the two files are aligned line for line after their front matter). Markdown
emphasis (``**…**``, ``*…*``) is formatting, not wording, so quotes are compared on the plain text.

Usage: ``policy = PolicyText.load(Path("corpus/documents/politique-action-communautaire.md"), translation)``;
``policy.english_for("Le soutien locatif", 20)  # "Rental support"``
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

_HEADING = re.compile(r"^#{1,6}\s")
_SLIDE = re.compile(r"<!--\s*(?:diapositive|slide|page)\s*:\s*(\d+)\s*-->", re.I)
_EMPHASIS = re.compile(r"(\*\*|\*|__)(?=\S)(.+?)(?<=\S)\1")
_LIST_MARKER = re.compile(r"^\s*(?:[-*•■]|\d+\.)\s+")
# Parts of one line: "critère; critère" and "Critères 1. + critère" (a reference to earlier criteria).
_PARTS = re.compile(r";\s*|\s\+\s")


def plain(text: str) -> str:
    """Text without Markdown emphasis markers, whitespace collapsed: what quotes are compared on."""
    return re.sub(r"\s+", " ", _EMPHASIS.sub(r"\2", text)).strip()


def _body(text: str) -> list[str]:
    lines = text.split("\n")
    if lines and lines[0] == "---" and "---" in lines[1:]:
        return lines[lines.index("---", 1) + 1:]
    return lines


@dataclass
class Line:
    text: str  # plain text of the line
    slide: int  # 0 outside slides (title, table of contents comments)


@dataclass
class PolicyText:
    lines: list[Line]
    english: list[str] | None  # the translation's plain lines, same positions; None without a translation
    sha256: str
    _found: dict = field(default_factory=dict, repr=False, compare=False)  # (quote, slide) -> line index

    @classmethod
    def load(cls, source: Path, translation: Path | None = None) -> "PolicyText":
        raw = source.read_bytes()
        lines, slide = [], 0
        for line in _body(raw.decode("utf-8-sig")):
            if _HEADING.match(line):  # a new section: its slide marker follows
                slide = 0
            mark = _SLIDE.search(line)
            if mark:
                slide = int(mark.group(1))
            lines.append(Line(plain(line), slide))
        english = None
        if translation is not None and translation.exists():
            english = [plain(x) for x in _body(translation.read_text(encoding="utf-8-sig"))]
            if len(english) != len(lines):  # not aligned: better no translation than a wrong one
                english = None
        return cls(lines=lines, english=english, sha256=hashlib.sha256(raw).hexdigest())

    def _line_of(self, quote: str, slide: int) -> int | None:
        """Index of the shortest line of the slide that holds the quote (the most specific one)."""
        key = (quote, slide)
        if key not in self._found:  # the guide asks for the same few dozen quotes on every fit answer
            wanted = plain(quote)
            found = [i for i, x in enumerate(self.lines) if x.slide == slide and wanted in x.text]
            self._found[key] = min(found, key=lambda i: len(self.lines[i].text)) if found else None
        return self._found[key]

    def english_for(self, quote: str, slide: int) -> str | None:
        """The unofficial English text of a French quote: the aligned line, or the aligned part of it when the
        quote is one of the line's parts ("critère; critère; …"). None when there is no aligned translation."""
        index = self._line_of(quote, slide)
        if index is None or self.english is None:
            return None
        french, english = self.lines[index].text, self.english[index]
        fr_parts, en_parts = _PARTS.split(_strip_marker(french)), _PARTS.split(_strip_marker(english))
        wanted = plain(quote)
        if len(fr_parts) == len(en_parts):
            for fr_part, en_part in zip(fr_parts, en_parts):
                if wanted in fr_part:
                    return _tidy(en_part)
        return _tidy(english)


def _strip_marker(text: str) -> str:
    return _LIST_MARKER.sub("", text)


def _tidy(text: str) -> str:
    return _strip_marker(text).strip().rstrip(":;").strip()
