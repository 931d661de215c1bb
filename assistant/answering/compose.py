"""Answer composition: the direct answer first, then one short source line; the rest of the section apart.

- The answer opens with the one to three units that answer (about 300 characters where the source allows), the
  words that answer in bold (the date for "when", the number for "how many", the names for "who", « Oui » /
  « Non » for a yes/no question when a unit supports it), one ``[n]`` per cited unit, then the source line.
- A list question gets the list's items, nothing else.
- English: the aligned unofficial translation of each unit, each followed by the French original quoted, the
  citation pointing to the French slide or page, and one label « traduction non officielle / unofficial
  translation ». A unit without translation says the text exists only in French.
- ``context``: the rest of the section, shown folded by the UI and by ``repere ask --context``.
- Abstentions say precisely what is missing ("no amount", "no date"), then what the documents say nearby,
  marked as not an answer.

Usage: ``draft = compose(question, choice)``; ``abstain(question, reason, nearby)``
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.answering.evidence import common_words
from assistant.answering.select import funded_by_other
from assistant.answering.question import ASKS_NAME, ONLY_ALTERNATIVE, Question, analyse_question
from assistant.answering.select import CITED_SOURCE, Candidate, Choice
from assistant.core.lexical import analyse
from assistant.core.textnorm import fold
from assistant.messages import t
from assistant.retrieval.hybrid import Hit
from assistant.retrieval.index import spelled_before

_OPTIONAL = re.compile(r"\b(qui le souhaitent|qui le veulent|si (elle|il|ils|elles) le souhaite|volontaire|"
                       r"au besoin|peut|peuvent|possible)\b")
_EXCEPTION = re.compile(r"\b(exceptionnel\w*|a moins d|sauf|seulement si)\b")
_USUAL = re.compile(r"\b(usual\w*|normal\w*|general\w*|habituel\w*|d'habitude|typical\w*|often|souvent|"
                    r"regular\w*|en regle generale|most of the time|la plupart du temps)\b")
_NEGATED_UNIT = re.compile(r"\b(ne|n')\s*\w+\s+(pas|plus|jamais)\b|\bne pas\b|\baucun\w*\b|\bsans\b|\bn'a pas\b")
_ALTERNATIVES = re.compile(r"\b\w+ (ou|et|or|and) \w+\b")
# (« pas mal », « pas pire »: "quite", "not bad" — no negation)
_NEGATION_TERMS = re.compile(r"\b(?:pas(?! (?:mal|pire)\b)|non|sans|not|no|n't|never|jamais)\b\s+"
                             r"((?:[\w'’-]+\s*){1,4})", re.I)


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
    unit_ids: list[str] = field(default_factory=list)
    english: str = ""  # the unofficial translation shown, when the answer is in English


@dataclass
class Draft:
    text: str
    citations: list[Citation]
    abstained: bool
    nearest: list[str] = field(default_factory=list)
    context: str = ""
    yes_no: str | None = None
    reason: str = ""  # why an abstention: unknown_names | no_amount | no_date | no_person | no_names | weak


def page_text(meta: dict, lang: str) -> str:
    label, page = meta.get("page_label", ""), int(meta.get("page", 0) or 0)
    if not page or label not in ("diapositive", "page", "ligne"):
        return ""
    return t("where_page", lang, label=t(f"page_label_{label}", lang), page=page)


def citation_for(n: int, hit: Hit, quote: str, unit_ids: list[str] | None = None, english: str = "") -> Citation:
    m = hit.metadata
    source_id = m.get("org_id") if m.get("doc_kind") == "directory" else m.get("doc_id", "")
    return Citation(n=n, source_id=source_id or hit.id, title=m.get("doc_title", ""),
                    section=m.get("section_title", ""), page=int(m.get("page", 0) or 0),
                    page_label=m.get("page_label", ""), quote=quote, score=round(hit.score, 4),
                    doc_kind=m.get("doc_kind", ""), chunk_id=hit.id, source_path=m.get("source_path", ""),
                    unit_ids=unit_ids or [], english=english)


def _without_sources(text: str) -> str:
    """A unit's text without the sources its lines end with (they go to the source line), and without a bullet
    that held only a source."""
    return re.sub(r"\n[ \t]*[-■*][ \t]*(?=\n|$)", "", CITED_SOURCE.sub("", text))


def source_line(meta: dict, lang: str) -> str:
    """« Source : Politique … — « Types de soutien (suite) », diapositive 20 » (a fact sheet says it is one)."""
    where = page_text(meta, lang).strip(" ()")
    summary = t("summary_note", lang) if meta.get("summary") else ""
    parts = [f"{meta.get('doc_title', '')}{summary}", f"« {meta.get('section_title', '')} »"]
    return t("source_line", lang, source=" — ".join(parts) + (f", {where}" if where else ""))


def polarity(question: Question, units: list[Candidate], labels: list[str] | None = None) -> str | None:
    """« yes » / « no » when a unit supports one, else None (the answer then says what the documents say)."""
    if not units:
        return None
    text = fold(" ".join(u.hit.text for u in units))
    if question.obligation and _OPTIONAL.search(text):
        return "no"
    if any(_DRAFT_SAID.search(fold(f"{u.hit.text} {u.meta.get('text_en', '')}")) for u in units):
        # « le 2e a-tu changé dans la version finale ? » — « (le projet disait seulement « respecter ») »: the unit
        # says how the draft differed; "is it worded the same as in the draft?" is then a no
        # (the words quoted from the last answer are not asked: « « 2. … seulement … » a-tu changé ? »)
        asked = re.sub(r"«[^»]*»", " ", fold(question.asking or question.text))
        if _SAME.search(asked):
            return "no"
        if _CHANGED.search(asked):
            return "yes"
    # « juste pour les grosses orgs ? » against « régionaux ou locaux »: not only. ("…, or only regional ones?"
    # is an alternative question: its first alternative is the one asked about.)
    exclusive = question.exclusive and not ONLY_ALTERNATIVE.search(fold(question.text))
    if exclusive and _ALTERNATIVES.search(text) and not question.negated:
        return "no"
    if _NEGATED_UNIT.search(text) and not question.negated:
        return "no"
    negated_terms = [term for match in _NEGATION_TERMS.finditer(question.asking or question.text)
                     for term in match.group(1).split()]
    if negated_terms:
        stems = set(analyse(" ".join(negated_terms)))
        if stems & set(analyse(text)) and not _NEGATED_UNIT.search(text):
            return "no"  # « pas incorporé », « non de la communauté »: the unit requires what the asker lacks
    if _contradicts(question, " ".join(u.hit.text for u in units)) or _other_body(question, units):
        return "no"
    if funded_by_other(question, [u.hit.text for u in units]):
        return "no"  # « La Ville finance-t-elle 800 organismes ? » — « financés par le gouvernement du Québec »
    if _negates_asked(question, units) or _opposes(question, units) or _names_other_group(question, units, labels):
        return "no"
    if _draft_lacks(question, units):
        return "no"
    if _EXCEPTION.search(text):
        # « pour des cas exceptionnels »: yes it can — but it is not the usual way
        return "no" if _USUAL.search(fold(question.text)) else "yes"
    return "yes"


def _beside(question: Question, units: list[Candidate]) -> str | None:
    """The answer to a yes/no asked beside the question (« ça a-tu passé à l'unanimité ? c'tait en quelle année ? »):
    only when the units hold what that clause asks about (« à l'unanimité »), not by default."""
    if not question.also_yesno or not units:
        return None
    clause = analyse_question(question.also_yesno, question.language)
    rest = (question.own or fold(question.text)).replace(question.also_yesno, " ")
    asked = (set(analyse(clause.text, "fr")) | set(analyse(clause.text, "en"))) \
        - set(analyse(rest, "fr")) - set(analyse(rest, "en"))
    held = set()
    for c in units:
        held |= set(analyse(c.hit.text, "fr")) | set(analyse(c.meta.get("text_en", ""), "en"))
    return polarity(clause, units) if asked & held else None


# What a unit negates: « non partisane », "non-partisan", « ne … pas participer », « sans but lucratif », "no fee"
_UNIT_NEGATION = re.compile(r"\b(?:non[- ]|ne (?:\w+ )?pas (?:de |d'|du |la |le |les |a )?|n'\w+ pas |sans |aucun\w* |"
                            r"not (?:a |an |the |to )?|no |without |never )([a-z][\w-]{2,})")
# something asked for free, and a unit that gives it a price (« à des prix préférentiels », "rental")
_FREE_ASKED = r"\b(gratuit\w*|gratis|sans frais|for free|free of charge|at no cost|no charge|free(?! to\b))\b"
_PRICED = r"\b(prix|price\w*|tarif\w*|location|rental|louer|rent|preferenti\w*)\b"
# Pairs of opposite meanings, both languages, as analysed stems' surface forms: a yes/no question that asks one while
# the unit says the other is answered « Non » (« a-t-elle voté contre ? » — « a appuyé » ; « remplace-t-elle ? » —
# « apporte un complément » ; « ont-elles changé ? » — « restent »).
_CHANGE_WORDS = r"chang\w*|modifi\w*|revis\w*|different\w*"
_OPPOSITES = [
    # (« a-t-on voté contre ? » — « à l'unanimité »: nobody did)
    (r"\b(contre|against|opposed?|s'oppos\w*)\b", r"\b(appuy\w*|appui\w*|supported|en faveur|in favour|pour la|"
     r"unanim\w*)\b"),
    (r"\b(remplac\w*|replac\w*|substitu\w*)\b", r"\b(complement\w*|s'ajout\w*|in addition|adds? to)\b"),
    (rf"\b({_CHANGE_WORDS})\b", r"\b(rest\w*|demeur\w*|inchang\w*|remain\w*|unchanged|"
     r"les memes|the same)\b"),
    (r"\b(interdi\w*|prohib\w*|forbid\w*|ban\w*|defend (?:a|aux?))\b", r"\b(lignes directrices|guidelines?|encadr\w*|"
     r"regl\w*|permet\w*|allow\w*|permit\w*)\b"),
    (r"\b(augment\w*|increas\w*|hauss\w*)\b", r"\b(diminu\w*|decreas\w*|baiss\w*|reduc\w*)\b"),
    # « le conseil était-il divisé ? » — « à l'unanimité »
    (r"\b(divise\w*|divided|split|partage\w*)\b", r"\b(unanim\w*)\b"),
    # « étaient-ils satisfaits du canevas ? » — « ils jugent le canevas trop proche de … »: a criticism
    (r"\b(satisf\w*|happy|pleased|d'accord|agreed?|contente?s?|content with|ok with|okay with|fine with|"
     r"on board|endors\w*|approv\w*|approuv\w*|enterin\w*)\b", r"\b(trop|too|insuffisan\w*|insufficient|critiqu\w*|"
     r"criticis\w*|decu\w*|disappoint\w*|rejet\w*|reject\w*)\b"),
    (r"\b(prix du marche|market (?:price|rate)s?|plein prix|full price|prix courants?)\b",
     r"\b(preferenti\w*|reduced|below[- ]market|moins cher\w*|cheaper|a rabais|discount\w*)\b"),
    # « un local gratuit ? » — « Location … à des prix préférentiels »: cheaper, not free
    (_FREE_ASKED, _PRICED),
]
_FREQUENCIES = {"annuel": 1, "annuelle": 1, "chaque annee": 1, "every year": 1, "annual": 1, "yearly": 1,
                "biennal": 2, "every two years": 2, "triennal": 3, "every three years": 3, "triennial": 3,
                "three-year": 3}


def _contradicts(question: Question, text: str) -> bool:
    """The question states a year, a decade, a date or a frequency, and the unit gives another one of the same kind
    (« formé dans les années 80 ? » — « Années 90 : formation du RIOCM »)."""
    from assistant.answering.question import normalise_numbers

    numbers, years, decades, months = normalise_numbers(text)
    if question.decades and decades and not question.decades & decades:
        return True
    if question.years and years and not question.years & years and not question.decades:
        return True
    asked = {v for k, v in _FREQUENCIES.items() if k in fold(question.text)}
    given = {v for k, v in _FREQUENCIES.items() if k in fold(text)}
    return bool(asked and given and not asked & given)


# A body named by its head and what qualifies it: « conseil d'agglomération », "city council" (not « comité »: « comités
# logement » and « comités de citoyens » are kinds of groups)
_BODY_FR = re.compile(r"\b(conseils?|commissions?|ministeres?|gouvernements?)\s+(?:de la |de l'|d'|du |des |de )?"
                      r"([a-z][\w-]{2,})")
_BODY_EN = re.compile(r"\b([a-z][\w-]{2,})\s+(councils?|commissions?|ministry|government)\b")
_NOT_QUALIFIERS = {"the", "its", "their", "our", "this", "that", "which", "what", "same", "whole", "entire", "le", "la",
                   "les", "ce", "cette", "son", "sa", "ses", "leur", "qui", "que", "was", "did", "has", "have", "une"}
# One body, several names: « conseil municipal » is Montréal's « conseil de ville », its "city council"
_SAME_QUALIFIER = [{"ville", "city", "municipal", "municipale", "montreal"}]


def _bodies(text: str) -> dict[str, set[str]]:
    """Each body head (singular, folded) with the words that qualify it in the text."""
    found: dict[str, set[str]] = {}
    for pattern, head_group in ((_BODY_FR, 1), (_BODY_EN, 2)):
        for match in pattern.finditer(fold(text)):
            head = match.group(head_group).rstrip("s")
            qualifier = match.group(3 - head_group)
            if qualifier not in _NOT_QUALIFIERS:
                found.setdefault(head, set()).add(qualifier)
    return found


def _qualifier_key(word: str) -> str:
    for names in _SAME_QUALIFIER:
        if word in names:
            return min(names)
    return word[:5]  # « québécois » / « Québec », "agglomeration" / « agglomération »


def _other_body(question: Question, units: list[Candidate]) -> bool:
    """A yes/no that names one body (« C'est bien le conseil d'agglomération qui l'a adoptée ? ») answered by a
    unit that names another body of the same kind and not the one asked (« le conseil municipal … a adopté »)."""
    asked = _bodies(question.own or question.text)
    said: dict[str, set[str]] = {}
    for c in units:
        for head, qualifiers in _bodies(f"{c.hit.text} {c.meta.get('text_en', '')}").items():
            said.setdefault(head, set()).update(qualifiers)
    for head, qualifiers in asked.items():
        other = {_qualifier_key(q) for q in said.get(head, set())}
        if other and not {_qualifier_key(q) for q in qualifiers} & other:
            return True
    return False


# what a question names by the thing, which the documents say by its adjective: "support a political party" is
# partisan (« une action politique non partisane »)
_NAMED_BY_ADJECTIVE = [(re.compile(r"\b(partis? politiques?|political part(y|ies)|part(y|ies)|parti)\b"), "partisan")]


def _asked_stems(question: Question) -> set[str]:
    text = question.text
    text += "".join(f" {word}" for pattern, word in _NAMED_BY_ADJECTIVE if pattern.search(fold(text)))
    return set(analyse(text, "fr")) | set(analyse(text, "en"))


def _negates_asked(question: Question, units: list[Candidate]) -> bool:
    """The unit negates a word the question asks about without negating it (« faire de la politique partisane ? »
    — « une action politique non partisane »)."""
    if question.negated:
        return False
    negated = set()
    for c in units:
        for text, lang in ((fold(c.hit.text), "fr"), (fold(c.meta.get("text_en", "")), "en")):
            for match in _UNIT_NEGATION.finditer(text):
                negated |= set(analyse(match.group(1), lang))
    return bool(negated & _asked_stems(question))


# « … (le projet disait seulement « respecter ») »: what an earlier version said, against what the unit says now
_DRAFT_SAID = re.compile(r"\b(?:le |the )?(?:projet|draft|canevas)\s+(?:disait|said|read)\s+(?:seulement|only|"
                         r"uniquement)\s+[«\"“]\s*([^»\"”]+?)\s*[»\"”]")
_ASKS_DRAFT = re.compile(r"\b(projet|draft|canevas|premiere version|first version|version initiale|initial version|"
                         r"au depart|originally)\b")


# a question about whether a wording changed, or stayed the same
_CHANGED = re.compile(rf"\b({_CHANGE_WORDS}|reword\w*|reformul\w*|evolu\w*)\b")
_SAME = re.compile(r"\b(the same|same as|identi\w*|unchanged|inchang\w*|pareil\w*|(le|la|les) meme\w*)\b")


def _draft_lacks(question: Question, units: list[Candidate]) -> bool:
    """The question asks whether an earlier version (« le projet ») already had words the unit says it lacked:
    « le mot « valoriser », il était déjà là dans le projet ? » — « (le projet disait seulement « respecter ») »
    (read in the French and in the translation: "was 'respect' in the draft?" is answered yes)."""
    drafts = [m for c in units for text in (c.hit.text, c.meta.get("text_en", ""))
              for m in _DRAFT_SAID.finditer(fold(text))]
    asked = fold(question.text)
    if not drafts or not _ASKS_DRAFT.search(asked):
        return False
    said = {w for m in drafts for w in re.findall(r"\w+", m.group(1))}
    quoted = [w for q in re.findall(r"[«\"“]\s*([^»\"”]+?)\s*[»\"”]|(?<!\w)'([^']{2,40})'(?!\w)", asked)
              for w in re.findall(r"\w{4,}", " ".join(q))]
    return bool(quoted) and any(w not in said for w in quoted)


def _opposes(question: Question, units: list[Candidate]) -> bool:
    """The question asks one of two opposite things and the unit says the other, not the one asked. ("did it
    support it or vote against it?" asks the first: the second is the alternative the asker offers.)"""
    asked = re.split(r",?\s+\b(?:or|ou)\b\s+(?=\S+\s+\S+)", fold(question.text), maxsplit=1)[0]
    said = fold(" ".join(f"{c.hit.text} {c.meta.get('text_en', '')}" for c in units))
    for first, second in _OPPOSITES:
        for a, b in ((first, second), (second, first)):
            if re.search(a, asked) and re.search(b, said) and not re.search(a, said):
                return True
    return False


def _names_other_group(question: Question, units: list[Candidate], labels: list[str] | None) -> bool:
    """« Le logement social, c'est une responsabilité des arrondissements ? »: the answer is listed under another
    heading of the same slide (« Conseil d'agglomération »), and the question names that other heading's group,
    not this one."""
    if not labels:
        return False
    own = set()
    for c in units:
        own |= set(analyse(f"{c.meta.get('heading', '')} {c.hit.text}", "fr"))
    asked = set(question.focus)
    return any((asked & set(analyse(label, "fr"))) - own for label in labels)


def _bold(text: str, question: Question) -> str:
    """Bold the words that answer: dates and years for "when", numbers for "how many", names for "who"."""
    patterns = []
    if question.answer_type == "date":
        patterns.append(r"\b(?:\d{1,2}\s+)?(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
                        r"novembre|décembre|January|February|March|April|May|June|July|August|September|October|"
                        r"November|December)(?:\s+(?:et|and)\s+\w+)?\s+\d{4}\b|\b(?:Années|The)\s+\d0s?(?:\s+(?:et|and)"
                        r"\s+\d0s?)?|\b(?:19|20)\d\d\b|\b(?:triennial|triennal)\b")
    elif question.answer_type in ("number",):
        # (a count, not a year nor a bound of a range: « 2021-2023 » is a period)
        patterns.append(r"\b(?:environ|plus de|about|more than)?\s*(?<![\d–-])(?!(?:19|20)\d\d\b)\d+\b(?![–-]\d)"
                        r"(?:\s+\w+)?")
    elif question.answer_type == "person_or_body":
        patterns.append(r"\b[A-Z]{2,}\b|\b[A-ZÀ-Ý][a-zà-ÿ]+(?:\s+(?:de|du|des|la|le|et|d'|l')?\s*[A-ZÀ-Ý][a-zà-ÿ]+)+")
    asked = set(question.focus) | set(question.focus_en)

    def bold(match: re.Match) -> str:
        found = match.group(0)
        core = found.strip()
        if not core:
            return found
        if question.answer_type == "number":
            # the number, and the word after it only when it is what was counted (« **20 regroupements** »; in
            # English an adjective may come first: "**20** umbrella groups")
            last = re.search(r"\s+([^\W\d]+)$", core)
            if last and not (set(analyse(last.group(1), "fr")) | set(analyse(last.group(1), "en"))) & asked:
                core = core[:last.start()]
        start = found.index(core)
        return f"{found[:start]}**{core}**{found[start + len(core):]}"  # spaces stay outside the markers

    for pattern in patterns:
        text = re.sub(pattern, bold, text, count=3)
    return text


def _unit_line(c: Candidate, language: str, question: Question) -> tuple[str, str]:
    """(text shown, English shown) for one unit."""
    meta = c.hit.metadata
    french = c.hit.text
    if language == "en":
        english = meta.get("text_en", "")
        if meta.get("unit_kind") != "list" and meta.get("heading_en") and meta.get("unit_kind") == "item":
            english = f"{meta['heading_en'].rstrip(':')}: {english}" if len(english) < 90 else english
        if english:
            return _bold(english, question), english
        return t("french_only", "en", text=french), ""
    shown = french
    if meta.get("unit_kind") == "item" and meta.get("heading") and len(french) < 90:
        shown = f"{meta['heading'].rstrip(' :')} : {french.lstrip('-■* ').strip()}"
    return _bold(shown, question), ""


def _grouped(units: list[Candidate], language: str, question: Question) -> str:
    """Several units of one section: each heading once, its items under it as a list, sentences as they are."""
    english = language == "en"

    def text_of(c: Candidate) -> str:
        return (c.meta.get("text_en") if english and c.meta.get("text_en") else c.hit.text).lstrip("-■* ")

    lines: list[str] = []
    shown_headings = set()
    for c in units:
        kind = c.meta.get("unit_kind")
        heading = c.meta.get("heading_en" if english else "heading", "")
        if kind == "heading":
            if text_of(c) not in shown_headings:
                shown_headings.add(text_of(c))
                lines.append(text_of(c))
        elif kind == "item":
            if heading and heading not in shown_headings:
                shown_headings.add(heading)
                lines.append(heading)
            lines.append(f"- {_bold(text_of(c), question)}")
        elif not lines or text_of(c) not in lines:
            lines.append(_bold(text_of(c), question))
    return "\n".join(dict.fromkeys(lines))


def _list_headings(c: Candidate, language: str) -> str:
    """The heading lines of a list unit (its own, and the numbered headings it holds)."""
    text = c.meta.get("text_en") if language == "en" and c.meta.get("text_en") else c.hit.text
    lines = text.splitlines()
    numbered = [ln.strip() for ln in lines[1:] if re.match(r"\s*\d+\.\s", ln)]
    return "\n".join(numbered) if numbered else lines[0].strip()


def _lead_line(c: Candidate, language: str, bold: bool = False) -> str:
    """A list unit's first line (« Les 4 types de pratiques … : »), its count in bold if asked."""
    text = c.meta.get("text_en") if language == "en" and c.meta.get("text_en") else c.hit.text
    first = text.splitlines()[0].strip()
    return re.sub(r"\b(\d+)\b", r"**\1**", first, count=1) if bold else first


def _container_title(question: Question, meta: dict) -> str:
    """The unit's section title when it names the numbered thing the question asks for (« Principe 1 - Reconnaître
    … », without a trailing « Engagements »), in the answer's language; "" otherwise."""
    if not question.container:
        return ""
    title = meta.get("section_title_en") if question.language == "en" and meta.get("section_title_en") else \
        meta.get("section_title", "")
    if not re.match(rf"{question.container}\w*\s*\d+\b", fold(title)):
        return ""
    return re.sub(r"\s+(Engagements|Commitments)$", "", title.strip())


_WHAT_LETTERS_MEAN = {"stand", "mean", "signifi", "veut", "dire", "full", "name", "nom", "complet"}


def _acronym_defined(question: Question, units: list[Candidate]) -> tuple[str, str] | None:
    """(acronym, the words it stands for) when a question asks only what one acronym is and a unit names it in full
    before it (« … par le Service de la diversité et de l'inclusion sociale (SDIS) »)."""
    acronyms = set(re.findall(r"\b[A-ZÉ]{2,6}\b", question.text))
    if len(acronyms) != 1 or question.kind not in ("definition", "other", "lookup"):
        return None
    acronym = acronyms.pop()
    asked = [t for t in question.terms if t != fold(acronym).lower() and t not in _WHAT_LETTERS_MEAN]
    if question.kind != "definition" and asked:
        return None  # ("what is the RAFSSS?", "what does SDIS stand for?": nothing asked but the acronym)
    return next(((acronym, words) for c in units if (words := spelled_before(acronym, c.hit.text))), None)


def compose(question: Question, choice: Choice, n_start: int = 1) -> Draft:
    language = question.language
    units = choice.units
    lines: list[str] = []
    # (a yes/no asked beside the question is answered as if asked alone: by the best unit, not by a line merged
    # after it — "Is there a follow-up committee? who sits on it?" is not answered « No » for « aucune
    # confirmation du renouvellement » two lines down)
    best = [u for u in units if choice.best is not None and u.uid == choice.best.uid] or units
    answer = polarity(question, units, choice.other_labels) if question.is_yesno else _beside(question, best)
    citations = []
    # One citation for the answer: the units come from one section.
    n = n_start
    body, english_parts = [], []
    for c in units:
        shown, english = _unit_line(c, language, question)
        body.append(shown)
        english_parts.append(english)
    original = "\n".join(c.hit.text for c in units)
    if len(units) > 1 and all(c.meta.get("unit_kind") == "list" for c in units):
        # A numbered sequence of lists (« 1. Le soutien financier : … », « 2. … »): its headings are the answer
        # (their details stay in the context and in the citation's quote).
        text = "\n".join(_list_headings(c, language) for c in units)
        original = "\n".join(_list_headings(c, "fr") for c in units)
        if question.answer_type == "number" and not re.match(r"\s*\d+\.", units[0].hit.text):
            # "How many …?": the count the series opens with comes first (« Les **4** types de pratiques … : »)
            text = f"{_lead_line(units[0], language, bold=True)}\n{text}"
            original = f"{_lead_line(units[0], 'fr')}\n{original}"
    elif units and units[0].meta.get("unit_kind") == "list":
        text = "\n".join(body)
    elif len(units) > 1:
        text = _grouped(units, language, question)
    else:
        text = " ".join(body)
    expansion = _acronym_defined(question, units)
    if expansion:
        # « c'est quoi le SDIS ? »: what the letters stand for, as the unit names it in full, then the unit
        text = f"**{expansion[0]}**{' :' if language == 'fr' else ':'} {expansion[1]}\n{text.lstrip()}"
    lead_in = ""
    defines = question.kind == "definition" and not re.search(r"\b(roles?|sert a quoi|mandat|responsabilit\w*|"
                                                              r"fonctions?|purpose|job|exemples?|examples?)\b",
                                                              fold(question.text))
    if not question.is_yesno and not defines and question.answer_type != "reason" and not ASKS_NAME.search(
            fold(question.text)):
        # A list's lead-in (« Pour faire de la politique une réalité …, la Ville forme un comité de suivi : »)
        # restates what was asked: the items are the answer, the lead-in goes to the context. A label (« Valeurs : »)
        # or a numbered heading (« 3. Le soutien locatif : ») names the thing and stays, and so does a statement
        # whose items are only its examples (« Québec confie à la Ville la gestion d'enveloppes budgétaires, par
        # exemple pour : »). What defines (« c'est quoi la Déclaration ? » — « la Déclaration reconnaît … : ») or
        # gives the reason (« cette autonomie est cruciale pour : ») is the answer's own first line; a role is what
        # the items say (« c'est quoi le rôle du comité de suivi ? »). Asked for a name (« comment s'appelle … »), the
        # lead-in is where the thing is named.
        first, _, rest = text.partition("\n")
        if first.rstrip().endswith(":") and re.match(r"\s*- ", rest) and not re.match(r"\s*\**\d+\.", first) \
                and len(first.split()) >= 4 \
                and not re.search(r"\b(par exemple|notamment|for example|for instance|such as|including)\b[^:]*:\s*$",
                                  fold(first)):
            lead_in, text = first.strip(), rest
            french_first, _, french_rest = original.partition("\n")
            if french_first.rstrip().endswith(":") and re.match(r"\s*- ", french_rest):
                # (the French original an English answer quotes is what its English shows: the items)
                original = french_rest
    if question.answer_type == "number" and len(units) >= 2 and all(
            int(c.meta.get("sequence", 0) or 0) == len(units) for c in units):
        # « combien de principes … ? » answered by the whole numbered series: its length first (an English answer
        # shows the items without their numbers)
        text = f"**{len(units)}**{':' if language == 'en' else ' :'}\n{text.lstrip()}"
    container = _container_title(question, units[0].meta if units else {}) or choice.container
    if container and fold(container) not in fold(text):
        # « Sous quel principe … ? »: the numbered thing that holds the answer comes first, then what it says
        colon = ":" if language == "en" else " :"
        separator = "\n" if "\n" in text.strip() else " "  # a list starts on its own line
        text = f"{container}{colon}{separator}{text.lstrip()}"
    # A fact sheet's bullet ends with where it was read (« (riocm.org/…) », « (communiqué CNW Telbec du …) »): that
    # goes to the source line, so the fact itself comes first and whole.
    cited = list(dict.fromkeys(m.group(1).replace("**", "") for m in CITED_SOURCE.finditer(text)))
    text = _without_sources(text)
    if answer:
        opener = t(f"answer_{answer}", language)
        if re.match(r"\s*- ", text):
            # a bulleted unit: one line loses its bullet, a list starts on the next line
            text = re.sub(r"^\s*- ", "", text) if "\n" not in text.strip() else "\n" + text.lstrip()
        if text.startswith("\n"):
            text = f"{opener}{text}"
        else:
            # (« Oui, selon les documents : le conseil… »; a name keeps its capital: "No, …: Montréal city council")
            first = re.match(r"[\w'’]+", text)
            common = bool(first) and fold(first.group(0)).split("'")[0] in common_words()
            text = f"{opener} {text[0].lower() + text[1:] if common and text[:1].isupper() else text}"
    lines.append(f"{text} [{n}]")
    meta = units[0].meta
    if language == "en":
        # (the sources a fact-sheet line ends with are on the source line, as in the English text above)
        lines.append(t("french_original", "en", text=_without_sources(original)))
        if any(english_parts):
            lines.append(t("unofficial_label", "en"))
    lines.append(source_line(meta, language) + (t("cited_in_sheet", language, sources=" ; ".join(cited))
                                                 if cited else ""))
    quote = "\n".join(c.hit.text for c in units)
    section_hit = choice.section or units[0].hit
    citation = citation_for(n, section_hit, quote, [c.uid for c in units], "\n".join(e for e in english_parts if e))
    citation.section, citation.page, citation.page_label = (meta.get("section_title", ""), int(meta.get("page", 0) or 0),
                                                            meta.get("page_label", ""))
    citation.title, citation.source_id = meta.get("doc_title", ""), meta.get("doc_id", "")
    citations.append(citation)
    used = {fold(c.hit.text) for c in units}
    context = ""
    if choice.section is not None:
        rest = [ln for ln in choice.section.text.splitlines() if ln.strip() and fold(ln.strip(" -■*")) not in
                {u.strip(" -■*") for u in used}]
        context = "\n".join(rest)
    if lead_in:
        context = f"{lead_in}\n{context}".strip()
    where = page_text(meta, language).strip(" ()")
    if where and _ASKS_WHERE.search(fold(question.text)) and lines:
        # « c'est sur quelle diapositive ? », "on which slide …?": the slide is the answer, said first
        lines[0] = f"**{where[0].upper()}{where[1:]}** — {lines[0]}"
    return Draft(text="\n".join(lines), citations=citations, abstained=False, context=context, yes_no=answer)


# where in the document: « sur quelle diapositive », « à quelle page », "on which slide", "what page"
_ASKS_WHERE = re.compile(r"\b(quel(le)?s? (diapo\w*|page)|(which|what) (slide|page)s?|slide (number|no)|"
                         r"numero de (la )?(diapo\w*|page))\b")


def abstain(question: Question, reason: str, nearby: list[Candidate] | None = None,
            nearest_sections: list[str] | None = None, unknown: list[str] | None = None,
            latest: int = 0) -> Draft:
    """A precise refusal: what is missing, then (marked as not an answer) what the documents say nearby."""
    language = question.language
    key = {"no_amount": "abstain_no_amount", "no_date": "abstain_no_date", "no_person": "abstain_no_person",
           "no_number": "abstain_no_number", "no_contact": "abstain_no_contact", "no_names": "abstain_no_names",
           "opinion": "abstain_opinion",
           "unknown_names": "abstain_unknown", "after_sources": "abstain_after_sources"}.get(reason, "abstain")
    if reason == "unknown_names":
        text = t("abstain_unknown", language, names=", ".join(unknown or question.names[:3]))
    elif reason == "after_sources":
        text = t(key, language, year=min(question.years), latest=latest)
    elif reason == "other_year":
        text = t("abstain_other_year", language, year=min(question.years))
    else:
        text = t(key, language)
    nearest = list(nearest_sections or [])
    if nearby:
        c = nearby[0]
        quote = c.meta.get("text_en") if language == "en" and c.meta.get("text_en") else c.hit.text
        text += "\n\n" + t("abstain_nearby", language, quote=quote.replace("\n", " "),
                           source=source_line(c.meta, language))
    if nearest:
        text += "\n\n" + t("abstain_nearest", language) + "\n" + "\n".join(f"- {x}" for x in nearest)
    return Draft(text=text, citations=[], abstained=True, nearest=nearest, reason=reason)


_ECHO = re.compile(r"^(«[^»]*»|“[^”]*”) → ")  # the need sentence quoted back before its support


def compose_fit(result, question: Question) -> tuple[str, str | None]:
    """The support-fit guide's result as a chat answer: the eligibility sentence first (« Oui » / « Non » for a
    yes/no question when the guide can tell), then, briefly, the practice types reached, the support for the
    stated need and its obligations; the full result stays in the « Quel soutien ? » view."""
    language = question.language
    yes_no = None
    if question.is_yesno and result.coverage in ("covered", "not_covered"):
        yes_no = "yes" if result.coverage == "covered" else "no"
    elif question.is_yesno and result.failed_criteria and set(result.unanswered_blocking) <= {"regroupement"}:
        # « pas incorporé » fails types 1 to 3; only type 4 (a regroupement) is left unsaid: no, unless it is one
        yes_no = "no"
    sections = {section.get("key"): [ln for ln in section.get("lines", []) if ln] for section in result.sections}
    stated = any(c.get("state") in ("met", "not_met") for c in result.criteria)
    # « doit-on rendre des comptes ? » asks for the obligations: they come before the support itself. The chat
    # does not echo the question back (« « Si on reçoit… » → Le soutien financier »).
    keys = ("obligations", "support") if question.obligation else ("support", "obligations")
    support = [f"- {_ECHO.sub('', ln)}" for key in keys for ln in sections.get(key, [])[:2]] \
        if result.needs_given else []
    eligibility = sections.get("eligibility", [])[:2]
    by_type = {int(m.group(1)): ln for ln in sections.get("types", []) if (m := re.match(r"Type (\d+)", ln))}
    own: dict[int, list[str]] = {}
    for c in result.criteria:
        own.setdefault(int(c["type"]), []).append(c["state"])
    # What the question is about comes first, whole: the practice types it names (« action communautaire
    # autonome ? »), then a type it answered no to (« pas incorporé »), then a type whose own criteria it meets
    # (« éducation populaire, mobilisation… » → type 3).
    focus = [x for x in result.mentioned_types if x in by_type]
    if result.coverage != "covered":
        focus += [x for x, states in sorted(own.items()) if "not_met" in states and x not in focus and x in by_type]
        # (most of its own criteria met, none answered no; the best share first)
        focus += sorted((x for x, states in own.items() if states and "not_met" not in states
                         and states.count("met") * 2 >= len(states) and x not in focus and x in by_type),
                        key=lambda x: -own[x].count("met") / len(own[x]))
    focus = focus[:2]
    if question.is_yesno and result.mentioned_types:
        # « Peut-on être reconnu en action communautaire autonome ? »: the named type's state answers — and when it
        # cannot be told yet, neither can the answer (the policy covering the organisation as type 1 is no « Oui »
        # to type 2)
        yes_no = {"met": "yes", "not_met": "no"}.get(result.type_status.get(result.mentioned_types[0], ""))
    # The other practice types, each on one short line; a type that only waits on the one before says nothing new.
    types = ["- " + re.sub(r" \(«[^»]*»\)", "", ln).split(" (")[0] for x, ln in by_type.items() if x not in focus and not re.search(
        r"exige d'abord|requires type|dépend d'abord|depends first", ln)][:3]
    if question.kind == "which_support" and support and not question.is_yesno:
        # « Quel type de soutien pour former nos bénévoles ? » asks for the support: it comes first, then what
        # eligibility still depends on (the practice types stay in the « Quel soutien ? » view)
        lines = [ln.lstrip("- ") for ln in support[:1]] + support[1:] + eligibility[:1]
    elif focus:
        lines = [by_type[x] for x in focus] + eligibility[:1] + types + support
    elif stated or not support:
        lines = eligibility + types + support  # « Est-ce que la politique nous concerne ? »: eligibility first
    else:
        # « Quel soutien pour une salle ? » said nothing about the organisation: the support first, then what
        # eligibility still depends on.
        lines = [ln.lstrip("- ") for ln in support[:1]] + support[1:] + eligibility[:1]
        if question.is_yesno:
            # (« un local gratuit ? » — « à des prix préférentiels »: the support exists, not for free)
            priced = re.search(_FREE_ASKED, fold(question.text)) and re.search(_PRICED, fold(" ".join(support)))
            yes_no = "no" if priced else "yes"
    likely = False
    if question.is_yesno and yes_no is None and result.coverage == "cannot_tell" and not result.failed_criteria \
            and not result.mentioned_types and any(states.count("met") >= 2 and "not_met" not in states for states in own.values()):
        # « on défend les droits des locataires, on fait de l'éducation populaire … la politique s'applique-tu à
        # nous ? »: two or more of a type's own criteria met, none failed — most likely yes, said as such (a type
        # the question names is answered by that type's state alone, above)
        yes_no, likely = "yes", True
    if not question.is_yesno and lines:
        # "Which practice type are we?" asks no yes/no: the guide's eligibility sentence loses its « Oui : »
        lines = [re.sub(r"^(Oui|Non|Yes|No)\s*:\s*(\w)", lambda m: m.group(2).upper(), ln) for ln in lines]
    if likely and lines:
        lines[0] = f"{t('fit_likely_yes', language)} {lines[0]}"
    elif yes_no and lines:
        lines[0] = f"{t('answer_' + yes_no, language).split(',')[0]}. {lines[0]}"
    lines.append(t("fit_more", language))
    return "\n".join(lines), yes_no
