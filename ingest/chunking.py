"""Structure-respecting chunking: a chunk never spans two sections.

Long sections split on paragraph, then list-item, then sentence boundaries, packed up to ``max_chars``,
each chunk repeating the tail of the previous one (at most ``overlap_chars``). Node ids come from content,
so an unchanged chunk keeps its id (and its embedding) across runs.

Usage: ``nodes = chunk_document(doc, max_chars=900, overlap_chars=150)``
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

from ingest.loaders import SourceDocument

if TYPE_CHECKING:  # llama-index costs 2 s to import: only an ingest that chunks something pays it
    from llama_index.core.schema import TextNode

_ITEM = re.compile(r"\s*([-*•■]|\d+\.)\s")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-ZÀ-Ý«\"(])")


def _units(text: str) -> list[str]:
    """Paragraphs; a paragraph that is a list becomes its items (sub-items stay with their item)."""
    units: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        paragraph = paragraph.strip("\n")
        if not paragraph.strip():
            continue
        lines = paragraph.splitlines()
        if len(lines) > 1 and all(re.match(r"\s*([-*•■]|\d+\.)\s", ln) or ln.startswith(" ") for ln in lines):
            item: list[str] = []
            for line in lines:
                if re.match(r"([-*•■]|\d+\.)\s", line) and item:
                    units.append("\n".join(item))
                    item = []
                item.append(line)
            units.append("\n".join(item))
        else:
            units.append(paragraph)
    return units


def _split_long(unit: str, max_chars: int) -> list[str]:
    if len(unit) <= max_chars:
        return [unit]
    pieces, current = [], ""
    for sentence in _SENTENCE_END.split(unit):
        while len(sentence) > max_chars:  # a single endless sentence: cut at a space
            cut = sentence.rfind(" ", 0, max_chars)
            cut = cut if cut > 0 else max_chars
            pieces.append(sentence[:cut])
            sentence = sentence[cut:].lstrip()
        if current and len(current) + 1 + len(sentence) > max_chars:
            pieces.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    if current:
        pieces.append(current)
    return pieces


def split_section(text: str, max_chars: int, overlap_chars: int) -> list[str]:
    text = text.strip()
    if len(text) <= max_chars:
        return [text]
    units = [piece for unit in _units(text) for piece in _split_long(unit, max_chars)]
    chunks: list[str] = []
    current: list[str] = []
    for unit in units:
        size = sum(len(u) + 2 for u in current)
        if current and size + len(unit) > max_chars:
            chunks.append(_join(current))
            tail = current[-1]
            current = [tail] if len(tail) <= overlap_chars and len(tail) + len(unit) + 2 <= max_chars else []
        current.append(unit)
    if current:
        chunks.append(_join(current))
    return chunks


def _join(units: list[str]) -> str:
    """Consecutive list items stay one list (single newline); other units are paragraphs."""
    out = units[0]
    for previous, unit in zip(units, units[1:]):
        both_items = _ITEM.match(previous) and _ITEM.match(unit)
        out += ("\n" if both_items else "\n\n") + unit
    return out


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def chunk_document(doc: SourceDocument, max_chars: int, overlap_chars: int) -> list[TextNode]:
    """Chunk every section of ``doc`` into llama-index nodes carrying the citation metadata."""
    from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode

    nodes: list[TextNode] = []
    seen: dict[str, int] = {}
    for section_index, section in enumerate(doc.sections):
        pieces = [section.text] if doc.kind == "directory" else split_section(section.text, max_chars, overlap_chars)
        for piece_index, piece in enumerate(pieces):
            section_path = " > ".join(section.path)
            # The org id keeps two same-named organisations apart.
            base = content_hash(f"{doc.source_path}\x00{section_path}\x00{piece}\x00{section.extra.get('org_id', '')}")[:32]
            seen[base] = seen.get(base, 0) + 1
            node_id = base if seen[base] == 1 else f"{base}-{seen[base]}"
            metadata = {
                "doc_id": doc.doc_id,
                "doc_title": doc.title,
                "doc_kind": doc.kind,
                "topic": doc.meta.get("topic", ""),
                "summary": doc.meta.get("summary", "false") == "true",
                "section_title": section.title,
                "section_path": section_path,
                "page": section.page,
                "page_label": section.page_label,
                "source_path": doc.source_path,
                "content_hash": content_hash(piece),
                "section_index": section_index,
                "chunk_index": piece_index,
                "chunk_count": len(pieces),
            }
            metadata.update({k: v for k, v in section.extra.items() if k not in metadata})
            # The SOURCE relationship makes llama-index store doc_id/ref_doc_id as our document id.
            nodes.append(TextNode(id_=node_id, text=piece, metadata=metadata,
                                  relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=doc.doc_id)}))
    return nodes


def embedding_text(node: TextNode) -> str:
    """What the embedder sees: the document and section titles, then the chunk.

    A directory record is embedded by its name, description and borough only: the tables and categories are
    facets (filtered and matched lexically), and leaving them out makes embedding the directory 4x faster.
    """
    meta = node.metadata
    if meta.get("doc_kind") == "directory":
        parts = [meta.get("org_name", ""), meta.get("alternate_name", ""), meta.get("description", ""),
                 meta.get("region", "").replace(";", ", ")]
        return " — ".join(p for p in parts if p)
    return f"{meta['doc_title']} — {meta['section_path']}\n{node.text}"

