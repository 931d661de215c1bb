"""« Quel soutien pour mon organisme? »: which practice type an organisation matches and which support fits.

All rules live in the reviewed data file ``corpus/reference/guide_soutien.json`` (criteria per practice type,
needs → type and form of support, commitments that concern each profile). Types build on each other: type 2
needs type 1's criteria, type 3 needs types 1 and 2; type 4 (regroupements) stands on its own. Every statement
cites the policy slide it rests on.

Usage: ``assess({"criteria": {"obnl": True, ...}, "needs": ["locaux"]}, guide, commitments)``
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from assistant.answering.compose import Citation
from assistant.core.records import CommitmentRow

GUIDE_FILE = "guide_soutien.json"

TEXT = {
    "fr": {
        "types": "Type(s) de pratique correspondant à votre organisme :",
        "none": "Votre organisme ne remplit pas encore tous les critères de l'action communautaire (type 1).",
        "missing": "Pour atteindre « {name} », il manque :",
        "supports": "Soutien de la Ville qui correspond à vos besoins :",
        "no_needs": "Indiquez vos besoins (projet, mandat, mission, conseils, locaux) pour voir le soutien qui convient.",
        "commitments": "Engagements de la Ville qui vous concernent :",
        "accountability": "À savoir :",
        "form": "forme",
    },
    "en": {
        "types": "Practice type(s) your organisation matches (quoted in French):",
        "none": "Your organisation does not yet meet every criterion of community action (type 1).",
        "missing": "To reach “{name}”, it still needs:",
        "supports": "City support that fits your needs:",
        "no_needs": "Tell us your needs (project, mandate, mission, advice, premises) to see which support fits.",
        "commitments": "City commitments that concern you:",
        "accountability": "Good to know:",
        "form": "form",
    },
}


class FitInputError(ValueError):
    pass


@dataclass
class FitResult:
    practice_types: list[dict]
    missing_for_next: list[dict]
    supports: list[dict]
    commitments: list[dict]
    text: str
    citations: list[Citation] = field(default_factory=list)
    language: str = "fr"

    def to_json(self) -> dict:
        return {"practice_types": self.practice_types, "missing_for_next": self.missing_for_next,
                "supports": self.supports, "commitments": self.commitments, "answer": self.text,
                "language": self.language,
                "citations": [{"n": c.n, "source_id": c.source_id, "title": c.title, "section": c.section,
                               "page": c.page, "quote": c.quote} for c in self.citations]}


def load_guide(reference_dir: Path) -> dict:
    return json.loads((reference_dir / GUIDE_FILE).read_text(encoding="utf-8"))


class _Citations:
    def __init__(self, guide: dict):
        self.guide = guide
        self.items: list[Citation] = []

    def cite(self, section: str, slide: int, quote: str) -> int:
        for c in self.items:
            if (c.section, c.page) == (section, slide):
                if quote not in c.quote:
                    c.quote += "\n" + quote
                return c.n
        n = len(self.items) + 1
        self.items.append(Citation(n=n, source_id=self.guide["doc_id"], title=self.guide["doc_title"],
                                   section=section, page=slide, page_label="diapositive", quote=quote, score=1.0,
                                   doc_kind="policy"))
        return n


def assess(answers: dict, guide: dict, commitments: list[CommitmentRow], language: str = "fr",
           retriever=None) -> FitResult:
    """Practice types, missing criteria, fitting support and commitments, each statement cited."""
    known = {c["id"] for c in guide["criteria"]}
    given = answers.get("criteria", {})
    unknown = set(given) - known
    if unknown:
        raise FitInputError(f"unknown criteria {sorted(unknown)}; known: {sorted(known)}")
    need_ids = {n["id"] for n in guide["needs"]}
    needs = list(answers.get("needs", []))
    if set(needs) - need_ids:
        raise FitInputError(f"unknown needs {sorted(set(needs) - need_ids)}; known: {sorted(need_ids)}")
    lang = language if language in TEXT else "fr"
    words = TEXT[lang]
    cites = _Citations(guide)

    def criteria_of(t: int) -> list[dict]:
        return [c for c in guide["criteria"] if c["type"] == t]

    def met(t: int) -> bool:
        return all(bool(given.get(c["id"])) for c in criteria_of(t))

    types = {p["type"]: p for p in guide["practice_types"]}
    chain = 0
    for t in (1, 2, 3):
        if met(t) and chain == t - 1:
            chain = t
    matched = [types[t] for t in range(1, chain + 1)] + ([types[4]] if met(4) else [])
    lines: list[str] = []
    if matched:
        lines.append(words["types"])
        for p in matched:
            n = cites.cite(p["section"], p["slide"], f"{p['type']}. {p['name']}")
            for c in criteria_of(p["type"]):
                cites.cite(c["section"], c["slide"], c["policy_text"])
            lines.append(f"- Type {p['type']} — {p['name']} [{n}]")
    else:
        lines.append(words["none"])
    missing: list[dict] = []
    if chain < 3:
        target = types[chain + 1]
        missing = [{"id": c["id"], "policy_text": c["policy_text"], "question": c[lang] if lang in c else c["fr"],
                    "type": c["type"]}
                   for r in target["requires"] for c in criteria_of(r) if not given.get(c["id"])]
        lines.append(words["missing"].format(name=target["name"]))
        for m in missing:
            crit = next(c for c in guide["criteria"] if c["id"] == m["id"])
            n = cites.cite(crit["section"], crit["slide"], crit["policy_text"])
            lines.append(f"- {crit['policy_text']} [{n}]")
    supports = []
    lines.append(words["supports"] if needs else words["no_needs"])
    for need in (n for n in guide["needs"] if n["id"] in needs):
        n_support = cites.cite("Types de soutien (suite)", need["support_slide"],
                               f"{need['support']} : {need['support_text']}")
        line = f"- {need[lang]} → {need['support']} : {need['support_text']} [{n_support}]"
        if need["form"]:
            n_form = cites.cite("Types de soutien", need["form_slide"], need["form"])
            line += f" ; {words['form']} : {need['form']} [{n_form}]"
        lines.append(line)
        supports.append({"need": need["id"], "support": need["support"], "support_text": need["support_text"],
                         "form": need["form"], "slides": [need["support_slide"]] + ([need["form_slide"]] if need["form"] else [])})
    wanted = list(guide["commitments"]["all"])
    if set(needs) & set(guide["financial_needs"]):
        wanted += guide["commitments"]["financial"]
    for p in matched:
        wanted += guide["commitments"].get(f"type_{p['type']}", [])
    by_id = {row.id: row for row in commitments}
    chosen = [by_id[c] for c in dict.fromkeys(wanted) if c in by_id]
    if chosen:
        lines.append(words["commitments"])
        for row in chosen:
            n = cites.cite(row.section, row.slide, row.text)
            lines.append(f"- {row.id} : {row.text} [{n}]")
    for p in matched:
        recognition = guide["recognition"].get(str(p["type"]))
        if recognition:
            n = cites.cite(recognition["section"], recognition["slide"], recognition["text"])
            lines.append(f"- {recognition['text']} [{n}]")
    if set(needs) & set(guide["financial_needs"]):
        acc = guide["accountability"]
        n = cites.cite(acc["section"], acc["slide"], acc["text"])
        lines += [words["accountability"], f"- {acc['text']} [{n}]"]
    return FitResult(practice_types=[{"type": p["type"], "name": p["name"], "slide": p["slide"]} for p in matched],
                     missing_for_next=missing, supports=supports,
                     commitments=[{"id": r.id, "text": r.text, "slide": r.slide} for r in chosen],
                     text="\n".join(lines), citations=cites.items, language=lang)
