"""Extract the City's commitments (engagements) from the policy, by principle, at ingest time.

A commitment is a list item that follows an "Engagements" marker in a section titled "Principe N - …".
Sub-items ("viser : - l'harmonisation…") are commitments of their own, numbered under their parent
(P3-E2a, P3-E2b…). The register is published with the generation it was extracted from.

Usage: ``rows = extract_commitments(doc)``
"""

from __future__ import annotations

import re
from dataclasses import asdict

from assistant.core.records import CommitmentRow as Commitment
from ingest.loaders import SourceDocument

_PRINCIPLE = re.compile(r"^Principe\s+(\d+)\s*-\s*(.+?)(?:\s+Engagements\s*:?)?$")
_ITEM = re.compile(r"^(\s*)[-*•■]\s+(.*)$")


def extract_commitments(doc: SourceDocument) -> list[Commitment]:
    out: list[Commitment] = []
    for section in doc.sections:
        match = _PRINCIPLE.match(section.title.strip())
        if not match:
            continue
        number, principle_title = int(match.group(1)), match.group(2).strip()
        lines = section.text.splitlines()
        if "Engagements" in section.title:
            start = 0
        else:
            start = next((i + 1 for i, ln in enumerate(lines) if re.match(r"\s*Engagements\s*:?\s*$", ln)), None)
            if start is None:
                continue
        top = 0
        sub = 0
        for line in lines[start:]:
            item = _ITEM.match(line)
            if not item or not item.group(2).strip():
                continue
            indent, text = item.group(1), item.group(2).strip().rstrip(";").strip()
            if indent:  # a sub-item of the previous commitment
                sub += 1
                parent = f"P{number}-E{top}"
                cid = f"{parent}{chr(ord('a') + sub - 1)}"
            else:
                top += 1
                sub = 0
                parent = ""
                cid = f"P{number}-E{top}"
            out.append(Commitment(id=cid, principle=number, principle_title=principle_title, text=text,
                                  parent=parent, doc_id=doc.doc_id, section=section.title, slide=section.page,
                                  source_path=doc.source_path))
    return out


def as_dicts(commitments: list[Commitment]) -> list[dict]:
    return [asdict(c) for c in commitments]
