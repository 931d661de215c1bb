"""« Quel soutien pour mon organisme? »: is the organisation covered by the policy, which support fits its needs,
what comes with that support, and which commitments concern it, every statement quoting the policy verbatim.

The rules live in the reviewed data file ``corpus/reference/guide_soutien.json``. Each criterion has three states:
met (answered yes), not met (answered no) and not answered, and "not answered" is never read as "no". Practice
types 2 and 3 build on type 1 (slide 9: « Critères 1. + … »); types 1 and 4 are the ways in, so the policy covers
an organisation that meets type 1 or type 4, does not cover one that fails both, and otherwise cannot tell yet and
says which questions remain. The result opens with that sentence, then the practice types, the support for the
needs (picked from the list or written as sentences, see ``fit_text``), the obligations that come with it
(accountability for financial support, slide 21) and, for a covered organisation, the commitments the guide
file links to its profile, labelled as Repère's reading with a reason for each.

Usage: ``assess({"criteria": {"obnl": True, "regroupement": None}, "needs": ["locaux", "on cherche une salle"]},
guide, commitments, "fr", retriever)``
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from assistant.answering.compose import Citation
from assistant.core.records import CommitmentRow
from assistant.guides.fit_source import PolicyText, plain
from assistant.guides.fit_text import match_need
from assistant.messages import t

GUIDE_FILE = "guide_soutien.json"
LANGUAGES = ("fr", "en")
ANSWER_KEYS = ("criteria", "needs", "language", "mentioned_types")
MAX_NEED_CHARS = 500
MAX_NEEDS = 20
STATES = {True: "met", False: "not_met", None: "not_answered"}


class FitInputError(ValueError):
    """Answers the guide cannot read; the message names the field and the fix, in the user's language."""


@dataclass
class FitResult:
    practice_types: list[dict]
    missing_for_next: list[dict]
    supports: list[dict]
    commitments: list[dict]
    text: str
    citations: list[Citation] = field(default_factory=list)
    language: str = "fr"
    coverage: str = "cannot_tell"  # covered | not_covered | cannot_tell
    eligibility: str = ""  # the opening sentence
    criteria: list[dict] = field(default_factory=list)  # every criterion with its state (met/not_met/not_answered)
    failed_criteria: list[str] = field(default_factory=list)
    unanswered_blocking: list[str] = field(default_factory=list)
    obligations: list[dict] = field(default_factory=list)
    recognition: list[dict] = field(default_factory=list)
    unmatched_needs: list[str] = field(default_factory=list)
    mentioned_types: list[int] = field(default_factory=list)  # practice types the question named
    type_status: dict[int, str] = field(default_factory=dict)  # practice type -> met | not_met | unknown
    needs_given: list[dict] = field(default_factory=list)  # [{"id": "locaux"}] or [{"text": "une salle"}]
    sections: list[dict] = field(default_factory=list)  # [{"key", "title", "note", "lines"}], what ``text`` shows
    translations: dict[int, str] = field(default_factory=dict)  # citation n -> unofficial English text
    date: str = ""
    corpus_version: str = ""

    def to_json(self) -> dict:
        return {"practice_types": self.practice_types, "missing_for_next": self.missing_for_next,
                "supports": self.supports, "commitments": self.commitments, "answer": self.text,
                "language": self.language, "coverage": self.coverage, "eligibility": self.eligibility,
                "criteria": self.criteria, "failed_criteria": self.failed_criteria,
                "unanswered_blocking": self.unanswered_blocking, "obligations": self.obligations,
                "recognition": self.recognition, "unmatched_needs": self.unmatched_needs,
                "needs_given": self.needs_given, "sections": self.sections, "date": self.date,
                "corpus_version": self.corpus_version,
                "citations": [{"n": c.n, "source_id": c.source_id, "title": c.title, "section": c.section,
                               "page": c.page, "quote": c.quote,
                               **({"translation": self.translations[c.n],
                                   "translation_note": t("fit_translation_label", "en")}
                                  if self.translations.get(c.n) else {})}
                              for c in self.citations]}

    def summary_markdown(self) -> str:
        """The one-page summary to share, as Markdown (see ``fit_summary``)."""
        from assistant.guides.fit_summary import summary_markdown

        return summary_markdown(self)

    def write_summary(self, path: Path | str) -> Path:
        """Write the summary as ``.md`` or ``.pdf`` (by the file's suffix); returns the path."""
        from assistant.guides.fit_summary import write_summary

        return write_summary(self, Path(path))


def load_guide(reference_dir: Path) -> dict:
    """The guide file, with the policy text it quotes (``guide["_policy"]``, a ``PolicyText``)."""
    path = Path(reference_dir) / GUIDE_FILE
    guide = json.loads(path.read_text(encoding="utf-8"))
    source = path.parent / guide["source"]
    if not source.exists():
        raise FileNotFoundError(f"{path}: the policy it quotes is missing ({source}); restore it in corpus/documents")
    translation = path.parent / guide["translation"] if guide.get("translation") else None
    guide["_policy"] = PolicyText.load(source, translation)
    return guide


def corpus_version(guide: dict) -> str:
    policy: PolicyText = guide["_policy"]
    return f"{guide['doc_id']} sha256:{policy.sha256[:12]} · guide {guide['version']}"


# --- reading the answers ------------------------------------------------------------------------------------

def parse_answers(answers, guide: dict, lang: str) -> tuple[dict[str, bool | None], list[str], list[int]]:
    """(criterion -> True/False/None for every criterion, needs, mentioned practice types), or FitInputError."""
    if not isinstance(answers, dict):
        raise FitInputError(t("fit_error_answers", lang))
    unknown = sorted(set(answers) - set(ANSWER_KEYS))
    if unknown:
        raise FitInputError(t("fit_error_keys", lang, keys=", ".join(unknown), known=", ".join(ANSWER_KEYS)))
    given = answers.get("criteria") or {}
    if not isinstance(given, dict):
        raise FitInputError(t("fit_error_criteria", lang))
    known = [c["id"] for c in guide["criteria"]]
    bad = sorted(set(given) - set(known))
    if bad:
        raise FitInputError(t("fit_error_criterion", lang, ids=", ".join(bad), known=", ".join(known)))
    for cid, value in given.items():
        if value not in (True, False, None) or isinstance(value, (int, float)) and not isinstance(value, bool):
            raise FitInputError(t("fit_error_value", lang, id=cid, value=json.dumps(value, ensure_ascii=False)))
    needs = answers.get("needs") or []
    if isinstance(needs, str) or not isinstance(needs, list) or not all(isinstance(n, str) for n in needs):
        raise FitInputError(t("fit_error_needs", lang, known=", ".join(n["id"] for n in guide["needs"])))
    needs = [n.strip() for n in needs if n.strip()]
    if len(needs) > MAX_NEEDS:
        raise FitInputError(t("fit_error_needs_count", lang, limit=MAX_NEEDS, count=len(needs)))
    for need in needs:
        if len(need) > MAX_NEED_CHARS:
            raise FitInputError(t("fit_error_need_long", lang, limit=MAX_NEED_CHARS, length=len(need)))
    types = answers.get("mentioned_types") or []
    valid = [p["type"] for p in guide["practice_types"]]
    if not isinstance(types, list) or any(x not in valid or isinstance(x, bool) for x in types):
        raise FitInputError(t("fit_error_types", lang, known=", ".join(map(str, valid))))
    return {cid: given.get(cid) for cid in known}, list(dict.fromkeys(needs)), sorted(set(types))


# --- citations and wording -----------------------------------------------------------------------------------

class _Writer:
    """Numbers each distinct quote once and writes it with its marker: « quote » [n] (in English the unofficial
    translation first, then the French original). Every marker in the text follows its quote."""

    def __init__(self, guide: dict, lang: str):
        self.guide, self.lang = guide, lang
        self.policy: PolicyText = guide["_policy"]
        self.items: list[Citation] = []
        self.translations: dict[int, str] = {}

    def cite(self, quote: str, section: str, slide: int) -> int:
        quote = plain(quote)
        for c in self.items:
            if (c.quote, c.section, c.page) == (quote, section, slide):
                return c.n
        n = len(self.items) + 1
        self.items.append(Citation(n=n, source_id=self.guide["doc_id"], title=self.guide["doc_title"],
                                   section=section, page=slide, page_label="diapositive", quote=quote, score=1.0,
                                   doc_kind="policy"))
        english = self.policy.english_for(quote, slide)
        if english:
            self.translations[n] = english
        return n

    def q(self, quote: str, section: str, slide: int) -> str:
        n = self.cite(quote, section, slide)
        original = f"« {plain(quote)} »"
        if self.lang == "en" and self.translations.get(n):
            return f"“{self.translations[n]}” ({original}) [{n}]"
        return f"{original} [{n}]"

    def quotes(self, item: dict) -> str:
        parts = item["quote"] if isinstance(item["quote"], list) else [item["quote"]]
        return " ; ".join(self.q(p, item["section"], item["slide"]) for p in parts)

    def word(self, key: str, **values) -> str:
        return t(key, self.lang, **values)


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t('fit_and', lang)} {items[-1]}"


# --- the assessment --------------------------------------------------------------------------------------------

def assess(answers: dict, guide: dict, commitments: list[CommitmentRow], language: str = "fr",
           retriever=None) -> FitResult:
    """Eligibility first, then practice types, support, obligations and commitments; see the module docstring."""
    lang = language if language in LANGUAGES else "fr"
    values, needs, mentioned = parse_answers(answers, guide, lang)
    w = _Writer(guide, lang)
    criteria = guide["criteria"]
    by_type = {p["type"]: [c for c in criteria if c["type"] == p["type"]] for p in guide["practice_types"]}
    state = {cid: STATES[v] for cid, v in values.items()}

    # Practice types: a type is met when its own criteria and the types it requires are met, not met when any
    # of them is answered no, and unknown otherwise.
    status: dict[int, str] = {}
    for p in sorted(guide["practice_types"], key=lambda p: len(p["requires"])):
        own = [state[c["id"]] for c in by_type[p["type"]]]
        lower = [status[r] for r in p["requires"] if r != p["type"]]
        if "not_met" in own or "not_met" in lower:
            status[p["type"]] = "not_met"
        elif all(s == "met" for s in own + lower):
            status[p["type"]] = "met"
        else:
            status[p["type"]] = "unknown"
    types = {p["type"]: p for p in guide["practice_types"]}
    entries = [p["type"] for p in guide["practice_types"] if p["requires"] == [p["type"]]]  # 1 and 4
    ladder = [p["type"] for p in guide["practice_types"]
              if len(p["requires"]) > 1 or any(p["type"] in o["requires"] and o is not p
                                               for o in guide["practice_types"])]  # 1, 2, 3
    if any(status[e] == "met" for e in entries):
        coverage = "covered"
    elif all(status[e] == "not_met" for e in entries):
        coverage = "not_covered"
    else:
        coverage = "cannot_tell"
    matched = sorted(x for x, s in status.items() if s == "met")
    # A "no" on a ladder criterion is a criterion the organisation does not meet; a "no" on a type that stands
    # alone (type 4, "is it a federation?") says what kind of organisation it is, so it is reported on that
    # type's line and not as a failed criterion.
    failed = [c["id"] for c in criteria if c["type"] in ladder and state[c["id"]] == "not_met"]
    blocking = ([c["id"] for e in entries if status[e] == "unknown" for c in by_type[e]
                 if state[c["id"]] == "not_answered"] if coverage == "cannot_tell" else [])

    sections: list[dict] = []
    # 1. Eligibility: one sentence, then the questions that remain when it cannot tell.

    def name(x: int) -> str:  # cited when first written, so markers run in reading order
        return w.q(types[x]["quote"], types[x]["section"], types[x]["slide"])

    if coverage == "covered":
        eligibility = w.word("fit_covered", types=_join([w.word("fit_type_named", type=x, name=name(x))
                                                          for x in matched], lang))
        lines: list[str] = []
    elif coverage == "not_covered":
        reasons = []
        ladder_no = [c for e in entries if e in ladder for c in by_type[e] if state[c["id"]] == "not_met"]
        if ladder_no:
            reasons.append(w.word("fit_not_covered_ladder", first=ladder[0], last=ladder[-1],
                                  criteria=_join([w.quotes(c) for c in ladder_no], lang)))
        for e in entries:
            if e not in ladder:
                reasons.append(w.word("fit_not_covered_standalone", type=e, name=name(e)))
        eligibility = w.word("fit_not_covered", reasons=_join(reasons, lang))
        lines = []
    else:
        eligibility = w.word("fit_cannot_tell", n=len(blocking))
        lines = [_question_line(w, c) for c in criteria if c["id"] in blocking]
    sections.append({"key": "eligibility", "title": "", "note": "", "lines": [eligibility] + lines})

    # 2. Practice types, each with its state and the criteria behind it; the City's recognition of matched types.
    lines = []
    for p in guide["practice_types"]:
        x = p["type"]
        own = by_type[x]
        if x not in ladder:
            label = name(x)
            if status[x] == "met":  # like a met ladder type: its criteria are in the answers
                text = w.word("fit_status_met")
            else:
                word = "fit_standalone_not_met" if status[x] == "not_met" else "fit_standalone_unknown"
                text = w.word(word, quotes=_join([w.quotes(c) for c in own], lang))
            lines.append(w.word("fit_type_line", type=x, name=label, status=text))
            continue
        label = name(x)
        lower = [r for r in p["requires"] if r != x]
        nos = [c for c in own if state[c["id"]] == "not_met"]
        blanks = [c for c in own if state[c["id"]] == "not_answered"]
        if status[x] == "met":
            text = w.word("fit_status_met")
        elif status[x] == "not_met":
            parts = []
            blocked = [r for r in lower if status[r] == "not_met"]
            if blocked:
                parts.append(w.word("fit_status_needs_lower", lower=blocked[-1]))
            if nos:
                parts.append(w.word("fit_status_no", criteria=_join([w.quotes(c) for c in nos], lang)))
            text = w.word("fit_status_not_met", reasons="; ".join(parts))
        else:
            pending = [r for r in lower if status[r] == "unknown"]
            mets = [c for c in own if state[c["id"]] == "met"]
            if pending and own and len(mets) == len(own):
                # « éducation populaire, mobilisation… »: what the organisation said fits this type's own criteria
                text = w.word("fit_status_own_met", criteria=_join([w.quotes(c) for c in mets], lang),
                              lower=pending[-1])
            elif not pending:
                text = w.word("fit_status_unanswered", criteria=_join([w.quotes(c) for c in blanks], lang))
            elif (x in mentioned or mets) and blanks:  # named, or partly met: its own criteria are shown too
                text = " ".join([w.word("fit_status_depends", lower=pending[-1])]
                                + ([w.word("fit_status_also_met", criteria=_join([w.quotes(c) for c in mets], lang))]
                                   if mets else [])
                                + [w.word("fit_status_also_unanswered",
                                          criteria=_join([w.quotes(c) for c in blanks], lang))])
            else:
                text = w.word("fit_status_depends", lower=pending[-1])
        lines.append(w.word("fit_type_line", type=x, name=label, status=text))
    recognition = []
    for item in guide["recognition"]:
        if item["type"] in matched:
            lines.append(w.word("fit_recognition", quote=w.quotes(item)))
            recognition.append({"type": item["type"], "quote": item["quote"], "slide": item["slide"]})
    sections.append({"key": "types", "title": w.word("fit_h_types"), "note": "", "lines": lines})

    # 3. Support for the needs: ids from the list, sentences through the search.
    need_rows = {n["id"]: n for n in guide["needs"]}
    found: dict[str, dict] = {}
    unmatched: list[str] = []
    given_needs: list[dict] = []
    for need in needs:
        if need in need_rows:
            found.setdefault(need, {"texts": [], "words": [], "listed": False, "default_form": False})["listed"] = True
            given_needs.append({"id": need, "label": need_rows[need][lang]})
            continue
        given_needs.append({"text": need})
        if retriever is None:
            raise FitInputError(t("fit_error_free_text", lang, need=need,
                                  known=", ".join(need_rows)))
        m = match_need(need, guide, retriever)
        if not m.matched:
            unmatched.append(need)
            continue
        for support in m.supports:
            forms = m.forms if any(r["support"] == support and r["form"] for r in guide["needs"]) else [None]
            for form in forms:
                row = next(r for r in guide["needs"] if r["support"] == support and r["form"] == form)
                entry = found.setdefault(row["id"], {"texts": [], "words": [], "listed": False,
                                                     "default_form": False})
                entry["texts"].append(need)
                entry["words"] += [x for x in m.words.get(support, []) + m.words.get(form or "", [])
                                   if x not in entry["words"]]
                entry["default_form"] = entry["default_form"] or m.form_is_default
    support_types = {s["id"]: s for s in guide["support_types"]}
    forms = {f["id"]: f for f in guide["forms"]}
    supports, lines = [], []
    detailed: set[str] = set()
    # the guide's order, but the forms of one support read from a sentence in the order it names them (« notre
    # mission ou juste des projets ? »: the mission first)
    supports_order = list(dict.fromkeys(r["support"] for r in guide["needs"]))
    order = {r["id"]: n for n, r in enumerate(guide["needs"])} | {
        need: len(guide["needs"]) + n for n, need in enumerate(found) if not found[need]["listed"]}
    # (and, for one need sentence, first the support it names with the most words: "rent us a room or a space,
    # cheaper than we'd pay elsewhere" is rental support — room, space, rent — before financial support — pay)
    named = {}
    for r in guide["needs"]:
        if r["id"] in found and len(needs) == 1:
            named[r["support"]] = max(named.get(r["support"], 0), len(found[r["id"]]["words"]))
    rows = sorted((r for r in guide["needs"] if r["id"] in found),
                  key=lambda r: (-named.get(r["support"], 0), supports_order.index(r["support"]), order[r["id"]]))
    for row in rows:
        entry = found[row["id"]]
        support = support_types[row["support"]]
        form = forms.get(row["form"] or "")
        label = []
        if entry["listed"]:
            label.append(row[lang])
        label += [w.word("fit_user_text", text=x) for x in entry["texts"]]
        # a form the asker's words name (« notre mission ») is what was asked: it comes right after the support,
        # before the support's general description
        form_first = bool(form) and not entry["default_form"] and not entry["listed"]
        describe = support["id"] not in detailed  # (else its description is already quoted above)
        detailed.add(support["id"])
        if describe and not form_first:
            line = w.word("fit_support_line", need=" / ".join(label), support=w.quotes(support),
                          details=" ; ".join(w.quotes(d) for d in support["details"]))
        else:
            line = w.word("fit_support_line_short", need=" / ".join(label), support=w.quotes(support))
        if form:
            line += " " + w.word("fit_form", form=w.quotes(form))
            if entry["default_form"] and not entry["listed"]:
                line += f" ({guide['default_form']['reason'][lang]})"
        if describe and form_first:
            line += " ; " + " ; ".join(w.quotes(d) for d in support["details"])
        if entry["words"]:
            line += " " + w.word("fit_matched_words", words=", ".join(entry["words"]))
        lines.append(line)
        supports.append({"need": row["id"], "support_id": support["id"], "support": support["quote"],
                         "support_text": " / ".join(d["quote"] for d in support["details"]),
                         "details": [d["quote"] for d in support["details"]],
                         "form_id": form["id"] if form else "", "form": form["quote"] if form else "",
                         "form_is_repere_reading": bool(form and entry["default_form"] and not entry["listed"]),
                         "slides": sorted({support["slide"]} | ({form["slide"]} if form else set())),
                         "from_text": entry["texts"], "matched_words": entry["words"]})
    for need in unmatched:
        lines.append(w.word("fit_unmatched", text=need))
    title = {"covered": "fit_h_support_covered", "cannot_tell": "fit_h_support_cannot_tell",
             "not_covered": "fit_h_support_not_covered"}[coverage]
    if not needs:
        lines = [w.word("fit_no_needs")]
    sections.append({"key": "support", "title": w.word(title), "note": "", "lines": lines})

    # 4. Obligations that come with the support asked for (accountability for financial support, slide 21).
    asked = {s["support_id"] for s in supports}
    obligations = [o for o in guide["obligations"] if o["support"] in asked]
    if obligations:
        sections.append({"key": "obligations", "title": w.word("fit_h_obligations"), "note": "",
                         "lines": [w.quotes(o) for o in obligations]})

    # 5. Commitments: the guide file's rules (Repère's reading), for a covered organisation only.
    chosen: list[tuple[CommitmentRow, str]] = []
    groups: list[tuple[list[CommitmentRow], str]] = []  # the commitments each rule brought, with its reason
    if coverage == "covered":
        facts = {"covered"} | {f"type_{x}" for x in matched}
        if any(s["support_id"] == o["support"] for s in supports for o in guide["obligations"]):
            facts.add("financial_support")
        by_id = {row.id: row for row in commitments}
        seen = set()
        for rule in guide["commitments"]["rules"]:
            if rule["when"] in facts:
                rows = [by_id[cid] for cid in rule["ids"] if cid in by_id and cid not in seen]
                seen.update(row.id for row in rows)
                chosen += [(row, rule["reason"][lang]) for row in rows]
                if rows:
                    groups.append((rows, rule["reason"][lang]))
    if chosen:
        lines = []
        for rows, reason in groups:
            lines += [w.word("fit_commitment_line", id=row.id, slide=row.slide,
                             quote=w.q(row.text, row.section, row.slide)) for row in rows]
            lines.append(w.word("fit_commitment_why", ids=", ".join(row.id for row in rows), reason=reason))
        sections.append({"key": "commitments", "title": w.word("fit_h_commitments"),
                         "note": guide["commitments"]["reading"][lang], "lines": lines})
    if lang == "en":
        sections.append({"key": "notes", "title": "", "note": w.word("fit_translation_note"), "lines": []})

    # What would reach the next practice type (or the one the user named), with each criterion's state.
    top = max([x for x in ladder if status[x] == "met"], default=0)
    target = next((x for x in ladder if x > top), None)
    named = [x for x in mentioned if x in ladder and x > top]
    if named:
        target = max(named)
    missing = []
    if target is not None:
        needed = [c for r in types[target]["requires"] for c in by_type[r]]
        missing = [{"id": c["id"], "type": c["type"], "state": state[c["id"]], "quote": c["quote"],
                    "slide": c["slide"], "question": c[lang]} for c in needed if state[c["id"]] != "met"]

    return FitResult(
        practice_types=[{"type": x, "name": types[x]["quote"], "slide": types[x]["slide"]} for x in matched],
        missing_for_next=missing, supports=supports,
        commitments=[{"id": row.id, "text": row.text, "slide": row.slide, "section": row.section,
                      "reason": reason, "repere_reading": True} for row, reason in chosen],
        text=_render_text(sections), citations=w.items, language=lang, coverage=coverage,
        eligibility=eligibility,
        criteria=[{"id": c["id"], "type": c["type"], "state": state[c["id"]], "question": c[lang],
                   "quote": c["quote"], "slide": c["slide"]} for c in criteria],
        failed_criteria=failed, unanswered_blocking=blocking,
        obligations=[{"id": o["id"], "quote": o["quote"], "slide": o["slide"]} for o in obligations],
        recognition=recognition, unmatched_needs=unmatched, mentioned_types=list(mentioned), type_status=status,
        needs_given=given_needs, sections=sections,
        translations=w.translations, date=dt.date.today().isoformat(), corpus_version=corpus_version(guide))


def _question_line(w: _Writer, criterion: dict) -> str:
    return w.word("fit_question_line", question=criterion[w.lang], quotes=w.quotes(criterion))


def _render_text(sections: list[dict]) -> str:
    """Plain text for the terminal and the chat: titles, notes, "- " items; the opening sentence first."""
    out: list[str] = []
    for n, section in enumerate(sections):
        block = []
        if section["title"]:
            block.append(section["title"])
        if section["note"]:
            block.append(section["note"])
        lines = section["lines"]
        if section["key"] == "eligibility":
            block.append(lines[0])
            lines = lines[1:]
        block += [f"- {line}" for line in lines]
        if block:
            out += ([""] if out else []) + block
    return "\n".join(out)
