"""Grounded extractive answers: pick the lines of the retrieved chunks that answer, cite each one.

The answer quotes the corpus verbatim (lists stay lists); each line ends with the marker [n] of the chunk it
comes from, so every sentence traces to a citation. Weak evidence gives an abstention in the question's
language, with the nearest sections. No LLM is involved.

Usage: ``draft = compose_answer(question, hits, language="fr")``
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.core.lexical import analyse
from assistant.messages import t
from assistant.retrieval.hybrid import Hit

MAX_CHUNKS = 3
MAX_UNITS_FULL = 20
MAX_UNITS_OTHER = 6


@dataclass
class Citation:
    n: int
    source_id: str
    title: str
    section: str
    page: int
    page_label: str
    quote: str
    score: float
    doc_kind: str = ""
    chunk_id: str = ""
    source_path: str = ""


@dataclass
class Draft:
    text: str
    citations: list[Citation]
    abstained: bool
    nearest: list[str] = field(default_factory=list)


def units(text: str) -> list[str]:
    """Lines of a chunk: list items and paragraphs, with long paragraphs split into sentences."""
    out: list[str] = []
    for line in text.splitlines():
        line = line.rstrip()
        if not line.strip():
            continue
        if re.match(r"\s*([-*•■]|\d+\.)\s", line) or len(line) < 200:
            out.append(line)
        else:
            out.extend(s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý«])", line) if s.strip())
    return out


def _overlap(tokens: set[str], unit: str) -> int:
    return len(tokens & set(analyse(unit)))


def page_text(meta: dict, lang: str) -> str:
    label, page = meta.get("page_label", ""), int(meta.get("page", 0) or 0)
    if not page or label not in ("diapositive", "page", "ligne"):
        return ""
    return t("where_page", lang, label=t(f"page_label_{label}", lang), page=page)


def citation_for(n: int, hit: Hit, quote: str) -> Citation:
    m = hit.metadata
    source_id = m.get("org_id") if m.get("doc_kind") == "directory" else m.get("doc_id", "")
    return Citation(n=n, source_id=source_id or hit.id, title=m.get("doc_title", ""),
                    section=m.get("section_title", ""), page=int(m.get("page", 0) or 0),
                    page_label=m.get("page_label", ""), quote=quote, score=round(hit.score, 4),
                    doc_kind=m.get("doc_kind", ""), chunk_id=hit.id, source_path=m.get("source_path", ""))


def _same_section(a: dict, b: dict) -> bool:
    """Same document and one title extends the other ("Principe 2 - …" / "Principe 2 - … Engagements")."""
    if a.get("doc_id") != b.get("doc_id"):
        return False
    ta, tb = (re.sub(r"\s*\(suite\)$", "", m.get("section_title", "")) for m in (a, b))
    return bool(ta and tb) and (ta.startswith(tb) or tb.startswith(ta))


def select_hits(hits: list[Hit]) -> list[Hit]:
    """The top hit; its continuation slides (same section title); runners-up with nearly as strong evidence."""
    if not hits:
        return []
    top = hits[0]
    chosen = [top]
    for hit in hits[1:5]:
        same_section = _same_section(hit.metadata, top.metadata)
        close_dense = hit.dense >= top.dense - 0.015
        strong_lexical = top.lexical > 0 and hit.lexical >= 0.8 * top.lexical
        if same_section or close_dense or strong_lexical:
            chosen.append(hit)
    return chosen[:MAX_CHUNKS]


def compose_answer(question: str, hits: list[Hit], language: str) -> Draft:
    """Write the extractive answer for ``hits`` (already judged sufficient)."""
    tokens = set(analyse(question))
    chosen = select_hits(hits)
    blocks: list[str] = []
    citations: list[Citation] = []
    for position, hit in enumerate(chosen):
        n = len(citations) + 1
        lines = units(hit.text)
        title_match = tokens & set(analyse(hit.metadata.get("section_title", "")))
        if position <= 1 or title_match or _same_section(hit.metadata, chosen[0].metadata):
            picked = lines[:MAX_UNITS_FULL]
        else:
            picked = [u for u in lines if _overlap(tokens, u) > 0][:MAX_UNITS_OTHER]
            if not picked:
                continue
        m = hit.metadata
        header = t("according_to", language, title=m.get("doc_title", ""), section=m.get("section_title", ""),
                   where=page_text(m, language))
        body = [f"{line} [{n}]" for line in picked]
        blocks.append("\n".join([header, *body]))
        citations.append(citation_for(n, hit, "\n".join(picked)))
    return Draft(text="\n\n".join(blocks), citations=citations, abstained=False)


def abstention(hits: list[Hit], language: str) -> Draft:
    nearest = []
    for hit in hits[:3]:
        m = hit.metadata
        label = f"{m.get('doc_title', '')} — {m.get('section_title', '')}{page_text(m, language)}"
        if label not in nearest:
            nearest.append(label)
    text = t("abstain", language)
    if nearest:
        text += "\n\n" + t("abstain_nearest", language) + "\n" + "\n".join(f"- {x}" for x in nearest)
    return Draft(text=text, citations=[], abstained=True, nearest=nearest)
