"""Free text for the support-fit guide: needs written as a sentence, and criteria stated in a chat question.

A need sentence ("on cherche une salle pour nos assemblées", "we need advice on our board") goes through the same
hybrid retrieval as the chat, restricted to the policy's support slides; a support type (slide 20) or form of
support (slide 19) is chosen when its passage came back and the sentence uses one of its words: the cues the
guide file lists for it, the slide's own words plus plain synonyms (« locaux », « salle » for « Location de
locaux… »). The search decides which passages are in play and gives the cited text; the words decide between the
support types, which share one slide.

Words are compared stemmed and accent-blind (French Snowball, as in the search index), so « accompagnés » matches
« Accompagnement »; the words that matched are returned to be shown. A word under a negation in its clause
("pas besoin de financement") does not count, and the guide's ``not_needs`` phrases ("conseil d'administration")
are not needs.

Criteria are read from a question the same way: each criterion's cues, true unless negated or stated as a goal
("pas incorporé", "unincorporated", "nous voulons devenir un OBNL" → obnl = false).

Usage: ``match_need("on cherche une salle", guide, retriever)``;
``read_criteria("un regroupement non incorporé", guide)``
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.core.textnorm import fold
from assistant.guides.fit_source import plain

SUPPORT_SECTION = "Types de soutien"  # the section path of slides 19-21 ("Types de soutien et gestion > …")
SEARCH_K = 40  # the support slides hold a few dozen passages (chunks and their lines): take them all

# Words that negate what follows in the same clause. French "ne"/"n'" carries "ne … plus", "n'a aucun".
NEGATIONS = {"pas", "non", "sans", "ni", "jamais", "aucun", "aucune", "ne", "n", "not", "no", "without", "never",
             "nor", "isn", "aren", "don", "doesn", "didn", "wasn", "weren", "haven", "hasn", "cannot",
             # what is wanted instead of it: "instead of one-off projects", « plutôt que des projets », « au lieu de »
             "instead", "plutot", "lieu",
             # what is set aside: « outre l'argent », « hormis les locaux », "besides money" (and « à part », "apart
             # from", "other than" below)
             "outre", "hormis", "besides"}
# A status stated as a goal is not held yet ("nous voulons devenir un OBNL", "we plan to incorporate").
GOALS = {"devenir", "constituer", "incorporer", "obtenir", "become", "becoming", "incorporate", "obtain"}
# "Money isn't really our problem", « l'argent, ce n'est pas notre besoin »: the cue, then said not to be the need
_NOT_THE_NEED = re.compile(r"^[^;.!?]{0,25}?\b(pas|not|isn|aren|n't)\b[^;.!?]{0,25}?\b(probleme|problem|issue|besoin|"
                           r"need|priorite|priority|souci|concern|enjeu)s?\b")
CLAUSE_WORDS = {"mais", "et", "ou", "but", "and", "or", "however", "cependant", "sauf", "except", "puis"}
WINDOW = 4  # words looked at before a cue for a negation (covers "ne sommes pas encore")
_PUNCTUATION = re.compile(r"[.;,!?:()\[\]«»\"]")
_PREFIXES = ("un", "non")  # "unincorporated", "nonmembers": the prefix negates the word


# Function words skipped when matching cues, so "à l'initiative de la communauté" also matches "à l'initiative de
# notre communauté". Kept short and explicit: words that carry meaning here ("politique", "ville", "pas") stay.
FUNCTION_WORDS = {
    "a", "au", "aux", "avec", "ce", "ces", "cette", "d", "dans", "de", "des", "du", "elle", "elles", "en", "est",
    "et", "il", "ils", "j", "l", "la", "le", "les", "leur", "leurs", "m", "ma", "mes", "meme", "memes", "mon", "n",
    "nos", "notre", "nous", "on", "ou", "par", "pour", "qu", "que", "qui", "s", "sa", "se", "ses", "son", "sont",
    "sur", "t", "un", "une", "vos", "votre", "vous", "y", "an", "and", "are", "as", "at", "be", "by", "for", "from",
    "is", "it", "its", "of", "on", "or", "our", "the", "their", "this", "to", "us", "we", "with",
}


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer  # PyStemmer, the Snowball stemmers the search index uses too

    return Stemmer.Stemmer("french")


@lru_cache(maxsize=4096)
def stem(word: str) -> str | None:
    """The folded French Snowball stem of one word, or None for a function word. Shared by cues and text, so
    "accompagnés" and "Accompagnement" meet at "accompagn" (English words simply stay close to themselves)."""
    folded = fold(word)
    if len(folded) < 2 or folded in FUNCTION_WORDS:
        return None
    return fold(_stemmer().stemWord(word.lower()))


@dataclass
class Word:
    surface: str
    start: int
    end: int
    stem: str | None  # None for stop words
    negated_stem: str | None = None  # the stem without a negating prefix ("unincorporated" -> "incorpor")


@dataclass
class CueMatch:
    cue: str
    words: list[str]  # the sentence's own words that matched
    negated: bool
    goal: bool


@dataclass
class NeedMatch:
    """What one need sentence maps to."""

    text: str
    supports: list[str] = field(default_factory=list)  # support type ids
    forms: list[str] = field(default_factory=list)  # form ids (financial support only)
    form_is_default: bool = False
    words: dict[str, list[str]] = field(default_factory=dict)  # support/form id -> the sentence's words that matched
    passages: dict[str, int] = field(default_factory=dict)  # support/form id -> rank of its passage in the search

    @property
    def matched(self) -> bool:
        return bool(self.supports)


def tokenise(text: str) -> list[Word]:
    out = []
    for match in re.finditer(r"\w+", text):
        surface = match.group(0)
        word = Word(surface, match.start(), match.end(), stem(surface))
        folded = fold(surface)
        for prefix in _PREFIXES:
            if folded.startswith(prefix) and len(folded) > len(prefix) + 4:
                word.negated_stem = stem(surface[len(prefix):])
                break
        out.append(word)
    return out


@lru_cache(maxsize=4096)
def _cue_stems(cue: str) -> tuple[str, ...]:
    return tuple(x for x in (stem(w) for w in re.findall(r"\w+", cue)) if x)


def _folded(word: Word) -> str:
    return fold(word.surface)


def _clause_before(text: str, words: list[Word], index: int) -> list[str]:
    """The folded words before ``words[index]`` in its clause, nearest last (at most WINDOW)."""
    out: list[str] = []
    j = index - 1
    while j >= 0 and len(out) < WINDOW:
        if _PUNCTUATION.search(text[words[j].end:words[j + 1].start]):
            break
        folded = _folded(words[j])
        if folded in CLAUSE_WORDS:
            break
        if words[j].surface.lower() in ("né", "née", "nés", "nées") or (
                folded in ("non", "no") and text[words[j].end:words[j].end + 1] == "-"):
            folded = "_"  # « né d'une initiative » (born), "non-profit" (a prefix): no negation
        out.insert(0, folded)
        j -= 1
    return out


def find_cues(text: str, cues: list[str], skip: set[int] | None = None,
              words: list[Word] | None = None) -> list[CueMatch]:
    """Where the text uses a cue: its stems in order, stop words allowed between them."""
    words = words if words is not None else tokenise(text)
    content = [i for i, w in enumerate(words) if (w.stem or w.negated_stem) and i not in (skip or set())]
    # Where each stem starts a run of content words: a cue is only tried where its first stem is (a guide has
    # hundreds of cues, a question a few dozen words; trying every position made this the slowest step of a fit).
    starts: dict[str, list[int]] = {}
    for pos, i in enumerate(content):
        for key in {words[i].stem, words[i].negated_stem} - {None}:
            starts.setdefault(key, []).append(pos)
    found = []
    for cue in cues:
        stems = _cue_stems(cue)
        if not stems:
            continue
        for pos in starts.get(stems[0], ()):
            if pos > len(content) - len(stems):
                continue
            idx = content[pos:pos + len(stems)]
            first = words[idx[0]]
            plain_hit = all(words[i].stem == s for i, s in zip(idx, stems))
            prefixed = (not plain_hit and first.negated_stem == stems[0]
                        and all(words[i].stem == s for i, s in zip(idx[1:], stems[1:])))
            if not (plain_hit or prefixed):
                continue
            before = _clause_before(text, words, idx[0])
            found.append(CueMatch(cue=cue, words=[words[i].surface for i in idx],
                                  negated=prefixed or any(w in NEGATIONS for w in before)
                                  or re.search(r"\b(rather than|other than|apart from|a part)\b", " ".join(before))
                                  or bool(_NOT_THE_NEED.match(fold(text[words[idx[-1]].end:]))),
                                  goal=any(w in GOALS for w in before)))
    return found


def _cues(item: dict) -> list[str]:
    cues = item.get("cues", {})
    return [c for lang in ("fr", "en") for c in cues.get(lang, [])]


def _excluded(text: str, words: list[Word], guide: dict) -> set[int]:
    """Word positions inside the guide's ``not_needs`` phrases ("conseil d'administration")."""
    phrases = [p for lang in ("fr", "en") for p in guide.get("not_needs", {}).get(lang, [])]
    content = [i for i, w in enumerate(words) if w.stem]
    out: set[int] = set()
    for phrase in phrases:
        stems = _cue_stems(phrase)
        for pos in range(len(content) - len(stems) + 1):
            idx = content[pos:pos + len(stems)]
            if stems and all(words[i].stem == s for i, s in zip(idx, stems)):
                out.update(range(idx[0], idx[-1] + 1))
    return out


def _used_words(text: str, words: list[Word], item: dict, skip: set[int]) -> list[str]:
    """The sentence's words that name this item (not negated), in sentence order, without repeats."""
    seen: dict[str, None] = {}
    for match in find_cues(text, _cues(item), skip, words):
        if not match.negated:
            for w in match.words:
                seen.setdefault(w, None)
    return list(seen)


def passages(text: str, guide: dict, retriever) -> dict[str, int]:
    """support/form id -> rank of the search hit that holds its quote (same slide), for the support slides."""
    hits = retriever.search(text, k=SEARCH_K, filters={"doc_id": guide["doc_id"], "section": SUPPORT_SECTION})
    out: dict[str, int] = {}
    for item in guide["support_types"] + guide["forms"]:
        for hit in hits:
            if int(hit.metadata.get("page", 0) or 0) == item["slide"] and plain(item["quote"]) in plain(hit.text):
                out.setdefault(item["id"], hit.rank)
                break
    return out


_SHARED_FORM_WORDS = {"financer", "financement", "fund", "funding", "finance"}  # every form is funding: no order


def match_need(text: str, guide: dict, retriever) -> NeedMatch:
    """The support types (and, for financial support, the form) a need sentence asks for."""
    result = NeedMatch(text=text)
    found = passages(text, guide, retriever)
    words = tokenise(text)
    skip = _excluded(text, words, guide)
    for item in guide["support_types"]:
        used = _used_words(text, words, item, skip)
        if used and item["id"] in found:
            result.supports.append(item["id"])
            result.words[item["id"]] = used
            result.passages[item["id"]] = found[item["id"]]
    financial = [s["id"] for s in guide["support_types"] if s["id"] in result.supports
                 and any(n["support"] == s["id"] and n.get("form") for n in guide["needs"])]
    if financial:
        scored = []
        for item in guide["forms"]:
            used = _used_words(text, words, item, skip)
            if used and item["id"] in found:
                scored.append((len(used), item["id"], used))
        best = max((s for s, _, _ in scored), default=0)
        # forms asked about equally: in the order the sentence names them (« notre mission ou juste des projets ? »
        # asks about the mission first)
        folded = fold(text)
        scored.sort(key=lambda s: min((folded.find(w) for w in (fold(u) for u in s[2]) if w in folded and w not in
                                       _SHARED_FORM_WORDS), default=len(folded)))
        for score, form_id, used in scored:
            if score == best:
                result.forms.append(form_id)
                result.words[form_id] = used
                result.passages[form_id] = found[form_id]
        if not result.forms:
            result.forms = [guide["default_form"]["id"]]
            result.form_is_default = True
    return result


def read_criteria(text: str, guide: dict) -> dict[str, bool]:
    """Criteria a question states: true where a cue is used plainly, false where it is negated or a goal, or
    where the question says the opposite plainly (a ``contrary`` cue: "a for-profit company" is no OBNL, whatever
    else it says — "incorporated" included)."""
    words = tokenise(text)
    out: dict[str, bool] = {}
    for criterion in guide["criteria"]:
        matches = find_cues(text, _cues(criterion), words=words)
        if matches:
            out[criterion["id"]] = not any(m.negated or m.goal for m in matches)
        contrary = [c for lang in ("fr", "en") for c in criterion.get("contrary", {}).get(lang, [])]
        # (words a cue already read are not read again the other way: "non-profit" holds "profit")
        taken = {fold(w) for m in matches for w in m.words}
        if contrary and any(not m.negated and not taken & {fold(w) for w in m.words}
                            for m in find_cues(text, contrary, words=words)):
            out[criterion["id"]] = False
    return out


def read_types(text: str, guide: dict) -> list[int]:
    """Practice types a question names ("défense des droits" -> 3), not negated."""
    words = tokenise(text)
    return [p["type"] for p in guide["practice_types"]
            if any(not m.negated for m in find_cues(text, _cues(p), words=words))]
