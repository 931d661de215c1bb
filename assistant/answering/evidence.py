"""Can the corpus answer? Abstention by evidence and by answer type.

- **Names the corpus never mentions** ("Toronto", "SPVM", "Ville de Québec"): the question is about something
  else; abstain.
- **Answer type**: a question asking for an amount, a date or a person, when no selected unit holds one, gets a
  precise refusal ("no amount …") — even when a unit shares its words (a named group, a report) — unless a unit
  matches the question's focus closely.
- **Evidence**: the best unit's similarity plus the share of the question's focus terms it contains (typos
  forgiven) must reach a threshold; the focus terms the corpus never uses at all lower the evidence (a
  question about snow removal or permits shares only its place name with the corpus).

Thresholds are calibrated on the **dev** split only (``evals/cases/dev.json``; see evals/README.md).

Usage: ``verdict = judge(question, choice, view)``; ``verdict.reason``
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.answering.question import MONTH_ABBREVIATIONS, Question
from assistant.answering.select import (Candidate, Choice, asks_quote, found_in, funded_by_other, is_quotation, new_acronyms,
                                        said_of_another_year)
from assistant.core.language import ENGLISH_WORDS, FRENCH_WORDS
from assistant.core.stopwords import ENGLISH, FRENCH
from assistant.core.textnorm import fold
from assistant.retrieval.index import GenerationView

# A logistic model of "the corpus answers this question" over the chosen unit's evidence, fitted on the dev split
# by ``python -m evals.calibrate``; the threshold keeps false abstentions on dev at about 2 % (1.1–1.7 % between 0.6 and 0.7).
EVIDENCE_FEATURES = ("dense", "coverage", "unknown_share", "unit_score", "bm25", "section", "precision", "type_fit")
EVIDENCE_WEIGHTS = {"dense": 10.7, "coverage": 1.38, "unknown_share": -2.92, "unit_score": 0.29, "bm25": 0.09,
                    "section": -0.61, "precision": -1.24, "type_fit": 1.01, "bias": -12.28}
THRESHOLD = 0.65
HOW_TO_THRESHOLD = 0.9
RESTATES = 0.75  # share of a unit's words already in the question: it restates the question
_WHICH_ONES = re.compile(r"^\s*(quel(le)?s|which|what) ")  # a question that asks to name the things
CLOSE_MATCH = 0.95  # a unit this close answers even without the asked type (e.g. "depuis 1987" phrasing)
_OTHER_MUNICIPALITY = re.compile(r"\b(?i:ville|city|municipalit[ée]) (?i:de|of) ([A-ZÀ-Ý][\w'-]+)|"
                                 r"\b(?!(?:The|Which|What|This|That|Our|Your|Each|Does|Do|Did|Is|Are|Was|Were|Can|Could|Will|Would|Should|"
                                 r"May|Has|Have|Had|How|Who|Why|When|Where|Whose)\b)([A-ZÀ-Ý][\wà-ÿ]+) City\b")
QUESTION_WORDS = {"quand", "combien", "comment", "pourquoi", "ou", "quel", "quels", "quelle", "quelles", "est",
                  "existe", "y", "peut", "dois", "donne", "donnez", "liste", "trouve", "explique", "resume", "svp",
                  "merci", "ok", "oui", "non"} | set(MONTH_ABBREVIATIONS)


@dataclass
class Verdict:
    supported: bool
    reason: str  # "" when supported; opinion | unknown_names | no_amount | no_date | no_person | no_number |
    # no_contact | weak
    score: float  # probability that the corpus answers (evidence model)
    dense: float
    coverage: float
    unknown: list[str]
    unknown_share: float = 0.0
    unknown_names: list[str] = None
    features: dict = None
    nearby: Candidate | None = None  # the unit to show as "not an answer" (other_year: the one that says it of another year)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Function and question words of both languages: capitalised at a sentence start, never a name."""
    return frozenset({fold(w) for w in FRENCH | ENGLISH} | ENGLISH_WORDS | FRENCH_WORDS | QUESTION_WORDS
                     | {"c", "l", "d", "j", "qu", "s", "n", "m", "t"} | _GENERIC_ACRONYMS)


# Acronyms of no one in particular ("our staff sit on NPO boards", "at our AGM", « notre DG »): kinds of organisation,
# meeting or office, not names the corpus should know
_GENERIC_ACRONYMS = frozenset({"npo", "npos", "ngo", "ngos", "nfp", "agm", "agms", "aga", "ag", "ceo", "dg", "ed",
                               "hr", "rh", "faq", "pdf", "asap", "fyi", "osbl", "onl", "ong"})


# How places are abbreviated when typed fast (« MTL », « Qc »): the place the corpus names in full
PLACE_ABBREVIATIONS = {"mtl": "montreal", "qc": "quebec"}
_ABBREVIATIONS = {**PLACE_ABBREVIATIONS, "que": "quebec"}  # (« Que. » capitalised: the word « que » is no place)


def unknown_names(question: Question, view: GenerationView) -> list[str]:
    """Names (capitalised words, acronyms) of the question that the corpus never mentions."""
    found = []
    match = _OTHER_MUNICIPALITY.search(question.text)
    if match:
        place = match.group(1) or match.group(2)
        if fold(place) not in ("montreal", "montreal-est"):
            found.append(re.sub(r"['’]s$", "", match.group(0)))
    words = view.document_words
    # A capitalised first word that no document uses, as the subject of a verb (« Toronto a-tu une politique … ? »,
    # "Laval has a policy?"): a name too — the rule for names skips a sentence's first word, which any word may be.
    # (the verb in the question's language: "Writing a grant application …" starts with no name)
    verbs = r"has|have|does|is|offers|funds" if (question.text_language or question.language) == "en" else \
        r"a|a-t-elle|a-t-il|a-tu|ont|est|offre\w*|finance\w*"
    first = re.match(rf"\s*([A-ZÀ-Ý][a-zà-ÿ]{{3,}})\s+({verbs})\b", question.text)
    names = list(question.names)
    if first and fold(first.group(1)) not in words and fold(first.group(1)) not in common_words():
        names.insert(0, first.group(1))
    # The same subject typed without its capital, after its auxiliary ("does toronto have …?", « est-ce que laval
    # a … ? »): a name when no document uses it, nor a one-letter typo of a word they use
    lower = (_LOWER_SUBJECT_EN if (question.text_language or question.language) == "en" else _LOWER_SUBJECT_FR
             ).search(question.text)
    if lower:
        word = next(g for g in lower.groups() if g)
        if _unused(word, question, view):
            names.insert(0, word[:1].upper() + word[1:])
    for token in names:
        # ("CDCs": an acronym's plural is the acronym)
        folded = fold(re.sub(r"(?<=[A-Z]{2})s$", "", token)).strip("'-")
        folded = _ABBREVIATIONS.get(folded, folded)
        parts = [p for p in re.split(r"[-']", folded) if p]
        if all(p in words or p in common_words() for p in parts):
            continue
        if token.isupper() and view.spelled_out(token, question.language):  # « ACA »: the documents spell it out
            continue
        if any(folded in fold(f) for f in found):  # « City of Toronto », then « Toronto »: said once
            continue
        found.append(token)
    return found


# (a common noun comes with its article — "does the city have", « est-ce que la ville a », « son libellé a-tu » —
# a place's name without one)
_LOWER_SUBJECT_EN = re.compile(r"\b(?:does|did)\s+([a-z]{4,})\s+(?:have|has|had|offer|fund|run|give)\b")
_LOWER_SUBJECT_FR = re.compile(r"\best[- ]ce (?:que|qu')\s*([a-zà-ÿ]{4,})\s+(?:a|offre|finance)\b|"
                               r"(?:^|[,.;:?!]\s*)([a-zà-ÿ]{4,})\s+(?:a-t-elle|a-t-il|a-tu)\b")


def _unused(word: str, question: Question, view: GenerationView) -> bool:
    """No document uses the word, nor a one-letter typo of it, and it is no function or question word."""
    from assistant.core.lexical import analyse

    folded = fold(word)
    if folded in view.document_words or folded in common_words() or folded in view.place_words:
        return False
    english = (question.text_language or question.language) == "en"
    vocabulary = view.lexical.vocabulary_en if english else view.document_vocabulary
    stems = analyse(word, "en" if english else "fr")
    return bool(stems) and not any(found_in(s, vocabulary) or found_in(s, view.document_vocabulary) for s in stems)


@lru_cache(maxsize=1)
def _function_stems() -> frozenset[str]:
    """Stems of question and function words the BM25 stop lists keep (« quand », « comme », « celle »): they say
    nothing of the topic, so they count neither as known nor as unknown words."""
    from assistant.core.lexical import analyse

    words = QUESTION_WORDS | {"comme", "celle", "celles", "celui", "ceux", "cela", "ceci", "ca", "dont", "donc",
                              "alors", "aussi", "tres", "lequel", "laquelle", "lesquels", "lesquelles", "quoi",
                              # what sets aside (« outre l'argent », "besides money"): grammar, not topic
                              "besides", "except", "apart", "outre", "sauf",
                              "hormis",
                              # "what kinds of …": the stop lists hold "kind", not its plural
                              "kinds", "sorts",
                              # the asker and the ones asked about, as pronouns ("what will they expect from us?")
                              "us", "we", "our", "ours", "me", "my", "you", "your", "they", "them", "their", "nous",
                              "notre", "nos", "moi", "vous", "eux", "leur", "leurs",
                              # light verbs in the forms the stop lists miss, and "supposed to", "meant to" (what
                              # must be, said loosely): "what is the committee supposed to put out?"
                              "gets", "getting", "gave", "given", "giving", "put", "puts", "putting", "takes", "took",
                              "taken", "comes", "came", "went", "made", "making", "lets", "told", "knew", "seem",
                              "seems", "supposed", "meant",
                              # the plural of a word too common to index (« ville »): no topic either
                              "villes", "cities",
                              # what the text says of a thing, and when (« la présentation en parle-tu ? de quelle
                              # époque ? », "does it mention …?"): how the question asks, not what about
                              "mention", "mentions", "mentioned", "mentionne", "mentionnent", "parle", "parlent",
                              "epoque", "era",
                              # how it turned out, said in passing ("when did that finally pass?", « finalement »)
                              "finally", "actual", "finalement"}
    return frozenset(stem for w in words for language in ("fr", "en") for stem in analyse(w, language))


def _content_terms(question: Question, view: GenerationView) -> set[str]:
    """The question's focus terms, without the places it names (a borough tells nothing about the topic) and
    without question and function words."""
    places = view.place_words
    # (the words of a gloss after the question — « … quels rôles ? genre juste bailleur de fonds » — say again what
    # it asks, in other words: words the documents do not use there are no sign of another topic)
    glossed = _gloss_only(question)
    return {t for t in question.terms if t not in places and t not in _function_stems() and t not in glossed}


def _gloss_only(question: Question) -> frozenset[str]:
    """The terms only the question's gloss holds (« genre … », "like …" after the question mark)."""
    if not question.clarification:
        return frozenset()
    from assistant.core.lexical import analyse

    main = fold(question.text).replace(question.clarification, " ")
    return frozenset((set(analyse(question.clarification, "fr")) | set(analyse(question.clarification, "en")))
                     - set(analyse(main, "fr")) - set(analyse(main, "en")))


def unknown_terms(question: Question, view: GenerationView) -> list[str]:
    """Focus terms of the question that no document uses (nor a one-letter typo of one), in the question's
    language (English against the aligned translation)."""
    english = (question.text_language or question.language) == "en"
    vocabulary = view.lexical.vocabulary_en if english else view.document_vocabulary
    out = []
    for term in _content_terms(question, view):
        if term.isdigit() or found_in(term, vocabulary) or _compound_of(term, vocabulary):
            continue
        out.append(term)
    return out


def _compound_of(term: str, vocabulary: frozenset[str]) -> bool:
    """A word written as one that the documents write as two ("nonprofit" for "non-profit"): two known parts."""
    return len(term) >= 7 and any(term[:i] in vocabulary and term[i:] in vocabulary for i in range(3, len(term) - 2))


def judge(question: Question, choice: Choice, view: GenerationView) -> Verdict:
    names = unknown_names(question, view)
    unknown = unknown_terms(question, view)
    share = len(unknown) / max(1, len(_content_terms(question, view)))
    # The evidence is the better of the unit chosen to answer and the top-scored one: a list question answered by
    # the list a few points below a sentence (« Quels types de soutien ? ») is as answerable as the sentence.
    tops = [c for c in (choice.best, choice.candidates[0] if choice.candidates else None) if c is not None]
    scored = [_evidence(c, share) for c in tops] or [_evidence(None, share)]
    logit, features = max(scored, key=lambda s: s[0])
    best = tops[scored.index((logit, features))] if tops else None
    dense = best.hit.dense if best else 0.0
    cov = best.coverage if best else 0.0
    score = 1 / (1 + math.exp(-max(-50.0, min(50.0, logit))))
    verdict = Verdict(True, "", round(score, 4), round(dense, 4), round(cov, 3), names + unknown, round(share, 3),
                      names, features)
    best = choice.best
    if best is None:
        verdict.supported, verdict.reason = False, "weak"
    elif question.kind == "opinion":
        verdict.supported, verdict.reason = False, "opinion"
    elif names:
        verdict.supported, verdict.reason = False, "unknown_names"
    elif question.years and min(question.years) > view.latest_year:
        # « La politique sera-t-elle révisée en 2027 ? »: the documents stop before that year
        verdict.supported, verdict.reason = False, "after_sources"
    elif question.answer_type in ("amount", "date", "person", "number", "contact") and not any(
            c.type_fit for c in choice.units) and (dense < CLOSE_MATCH or question.future):
        verdict.supported = False
        verdict.reason = {"amount": "no_amount", "date": "no_date", "person": "no_person",
                          "number": "no_number", "contact": "no_contact"}[question.answer_type]
    elif question.answer_type in ("amount", "number") and funded_by_other(
            question, [c.hit.text for c in choice.units] + [c.meta.get("text_en", "") for c in choice.units]):
        verdict.supported, verdict.reason = False, "no_" + question.answer_type
    elif question.kind in ("other", "list", "lookup") and _WHICH_ONES.match(fold(question.text)) \
            and best.reasons.get("precision", 0.0) >= RESTATES and best.meta.get("unit_kind") not in ("list", "heading"):
        # « Quelles recommandations la Commission a-t-elle faites ? » — « la Commission dépose son rapport et ses
        # recommandations »: a sentence made of the question's own words says that they exist, not which they are
        # (a list names them: « Conseil d'agglomération : - Logement social … »)
        verdict.supported, verdict.reason = False, "weak"
    elif _WHICH_ONES.match(fold(question.text)) and question.counts and _counts_without_naming(question, best):
        # "Which 14 groups signed the joint brief?" — « 14 regroupements déposent un mémoire commun »: the documents
        # count them, they do not name them
        verdict.supported, verdict.reason = False, "no_names"
    elif (elsewhere := said_of_another_year(question, choice, view.lexical.specificity)) is not None:
        # "was the 2021 policy adopted unanimously?": the documents say « à l'unanimité » of the 2018 Declaration and
        # of a 2017 policy — not of 2021 (the adoption line of 2021 says no such thing): neither yes nor no
        verdict.supported, verdict.reason, verdict.nearby = False, "other_year", elsewhere
    elif question.how_to and score < HOW_TO_THRESHOLD:
        verdict.supported, verdict.reason = False, "weak"  # the documents describe a policy, not procedures
    elif score < THRESHOLD and not (choice.placed and best.type_fit and (question.answer_type != "text"
                                                                          or (asks_quote(question)
                                                                              and is_quotation(best.hit.text)))):
        # (a unit found where the question places it — « la citation à la fin » — that holds the kind of answer
        # asked for, a name for "who", the quotation for "what quote", is evidence the words alone do not show)
        verdict.supported, verdict.reason = False, "weak"
    return verdict


def _counts_without_naming(question: Question, best) -> bool:
    """The unit gives the count the question names (« 14 ») but names none of the things counted: no list, no
    acronym or capitalised name the question does not already hold."""
    # (the number that numbers an item — « 3. Développer des partenariats éthiques. » — counts nothing)
    text = re.sub(r"^[\s■-]*\d+[.)]\s", "", best.hit.text, flags=re.M)
    if best.meta.get("unit_kind") == "list" or not any(re.search(rf"\b{n}\b", text) for n in question.counts):
        return False
    asked = fold(question.text)
    # (a capitalised word that does not open the unit or a sentence in it)
    capitalised = re.findall(r"(?<![.!?:]\s)(?<!^)(?<!- )\b[A-ZÀ-Ý][a-zà-ÿ]+", text.replace("**", ""))
    return not new_acronyms(text, question.text) and all(fold(w) in asked for w in capitalised)


def _evidence(best, share: float) -> tuple[float, dict]:
    """The evidence model's logit and features for one candidate unit."""
    dense = best.hit.dense if best else 0.0
    cov = best.coverage if best else 0.0
    features = {"dense": dense, "coverage": cov, "unknown_share": share, "unit_score": best.score if best else 0.0,
                "bm25": best.hit.lexical if best else 0.0,
                "section": best.reasons.get("section", 0.0) if best else 0.0,
                # how much of the unit the question already says: a unit that only restates the question (« la
                # Commission dépose son rapport et ses recommandations » for « quelles recommandations ? ») adds nothing
                "precision": best.reasons.get("precision", 0.0) if best else 0.0,
                "type_fit": 1.0 if best and best.type_fit else 0.0}
    logit = EVIDENCE_WEIGHTS["bias"] + sum(EVIDENCE_WEIGHTS.get(k, 0.0) * v for k, v in features.items())
    return logit, features
