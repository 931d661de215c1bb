"""What a loaded file becomes in the store: chunk records (the section context), answer-unit records (the answer
material, with their aligned English text) and organisation records (the directory).

Every record carries the metadata a citation needs, the fields filters use, and boolean flags for the
multi-valued fields (Chroma's ``where`` compares scalars). Ids come from content, so an unchanged record keeps
its id, and its embedding, across runs.

Usage: ``records = document_records(doc, settings, english=report.english)``
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Iterator

from assistant.core.lexindex import flags
from ingest.chunking import chunk_document, embedding_text
from ingest.loaders import SourceDocument
from ingest.units import document_units, list_text, unit_id


@dataclass
class Record:
    id: str
    text: str  # the record's document in Chroma (what answers quote)
    embed_text: str  # what the embedder sees
    metadata: dict


def _scalar(value):
    return value if isinstance(value, (str, int, float, bool)) else ("" if value is None else str(value))


def _clean(meta: dict) -> dict:
    return {k: _scalar(v) for k, v in meta.items()}


SECTIONS_PER_STEP = 1000  # a 100k directory is turned into records a thousand rows at a time


def count_records(doc: SourceDocument) -> int:
    """How many records a document will give (for progress), without building them for a directory."""
    if doc.kind == "directory":
        return len(doc.sections)
    return sum(1 for _ in iter_records(doc, 900, 150))


_ABBREVIATED = re.compile(r"(?<![\w.])([^\W\d_]{2,5})\.(?=\s|$|\))")
_WORD = re.compile(r"[^\W\d_]+")


def abbreviations(texts: list[str]) -> dict[str, str]:
    """The words a document abbreviates (« Dév. communautaire », "Dev. (economic)") with the word of the same
    document they stand for: the commonest longer word it begins. A shortened word is one the document never writes
    without its period; BM25 then finds « développement » where the slide wrote « Dév. »."""
    text = "\n".join(texts)
    counts = Counter(word.lower() for word in _WORD.findall(text))
    bare = {m.group(0).lower() for m in re.finditer(r"(?<![\w.])[^\W\d_]{2,5}(?![\w.])", text)}
    out = {}
    for short in {m.group(1).lower() for m in _ABBREVIATED.finditer(text)} - bare:
        longer = [w for w in counts if w.startswith(short) and len(w) >= len(short) + 3]
        if longer:
            out[short] = max(longer, key=lambda w: (counts[w], w))
    return out


def expanded(text: str, table: dict[str, str]) -> str:
    """The words ``text`` abbreviates, in full (space-separated; "" when none)."""
    return " ".join(dict.fromkeys(table[m.group(1).lower()] for m in _ABBREVIATED.finditer(text)
                                  if m.group(1).lower() in table))


def iter_records(doc: SourceDocument, max_chars: int, overlap_chars: int,
                 english: dict[str, dict] | None = None, english_title: str = "") -> Iterator[Record]:
    """Chunks, answer units and (for a directory) organisations of one loaded document, lazily."""
    step = SECTIONS_PER_STEP if doc.kind == "directory" else max(1, len(doc.sections))
    for start in range(0, len(doc.sections), step):
        part = replace(doc, sections=doc.sections[start:start + step]) if step < len(doc.sections) else doc
        for node in chunk_document(part, max_chars, overlap_chars):
            meta = {**node.metadata, "record_type": "org" if doc.kind == "directory" else "chunk"}
            meta["section_index"] = meta.get("section_index", 0) + start
            meta.update(flags(meta))
            yield Record(node.node_id, node.text, embedding_text(node), _clean(meta))
    english = english or {}
    short_fr = abbreviations([section.text for section in doc.sections]) if doc.kind != "directory" else {}
    short_en = abbreviations([e.get("text", "") for e in english.values()])
    for index, units in document_units(doc):
        section = doc.sections[index]
        section_path = " > ".join(section.path)
        by_order = {u.order: u for u in units if u.kind != "list"}
        # How many things a list enumerates: its substantial members, or the numbered lists of its sequence
        # (« 1. Le soutien financier », « 2. … », « 3. … »): a question asking for "the three …" checks it.
        numbered = [u for u in units if u.kind == "list" and u.marker[:1].isdigit()]
        numbered_items = [u for u in units if u.kind == "item" and u.marker[:1].isdigit() and not u.heading]
        for unit in units:
            uid = unit_id(doc.doc_id, index, unit)
            text = list_text(unit, units) if unit.kind == "list" else unit.display()
            heading = by_order[unit.heading].text if unit.heading else ""
            translated = english.get(uid, {})
            meta = {
                "doc_id": doc.doc_id, "doc_title": doc.title, "doc_kind": doc.kind, "record_type": "unit",
                "topic": doc.meta.get("topic", ""), "summary": doc.meta.get("summary", "false") == "true",
                "section_title": section.title, "section_path": section_path, "section_index": index,
                "page": section.page, "page_label": section.page_label, "source_path": doc.source_path,
                "unit_id": uid, "unit_kind": unit.kind, "order": unit.order, "heading": heading,
                "heading_level": unit.level if unit.kind in ("heading", "list") else -1,
                "parent_order": unit.heading or 0, "marker": unit.marker,
                "items": sum(1 for m in unit.members if len(by_order[m].text) >= 15) if unit.kind == "list" else 0,
                "sequence": len([u for u in numbered if u.level == unit.level]) if unit.kind == "list"
                and unit.marker[:1].isdigit() else len(numbered_items) if unit in numbered_items else 0,
                "members": ";".join(unit_id(doc.doc_id, index, by_order[m]) for m in unit.members),
                "text_en": translated.get("text", ""), "heading_en": translated.get("heading", ""),
                "section_title_en": translated.get("section_title", "") if translated else "",
                "doc_title_en": english_title if translated else "",
                "expanded": expanded(f"{heading}\n{text}", short_fr),
                "expanded_en": expanded(f"{translated.get('heading', '')}\n{translated.get('text', '')}", short_en),
            }
            embed = re.sub(r"\*+", "", f"{section.title} — {heading} {unit.text}" if unit.kind != "list"
                           else f"{section.title} — {text}").strip()
            if meta["expanded"]:
                embed = f"{embed} ({meta['expanded']})"  # what « Dév. » stands for, for the embedder too
            # The id covers what is embedded: a record whose embedding text changes gets a new embedding.
            record_id = hashlib.sha256(f"{doc.source_path}\x00{uid}\x00{text}\x00{embed}".encode("utf-8")).hexdigest()[:32]
            yield Record(record_id, text, embed, _clean(meta))
