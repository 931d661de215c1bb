"""Conversations: what earlier turns established, and how a follow-up is read against it.

A turn keeps its entities: the document, section and units it answered from, the principle, commitment id,
practice type or support type it named, the borough or table, its topic terms and its language. A follow-up —
a short question with a pronoun or an ellipsis (« elle a été adoptée quand ? », « et le 3e ? », "what about
the second one?", "which one fits if we only need a room?") — is rewritten with the entity it points to, and
retrieval leans towards the document the previous answer came from. "in English" / « en français » asks the
previous question again in that language.

Usage: ``resolved = resolve(question, session)``; ``resolved.text``, ``resolved.boost_doc``
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.answering.question import ORDINALS, analyse_question
from assistant.core.language import detect_language, language_switch
from assistant.core.textnorm import fold

MAX_RESOLVED_CHARS = 600  # a resolved question never grows past this, however long the conversation

_PRONOUN_START = re.compile(
    r"^\s*(et|and|what about|how about|what of|pis|puis|pour|aussi|also|ou|or|mais|but|same|idem|alors|then|ok|"
    r"d'accord|so|et pour|et dans|et a|et au|et aux|et en|and in|and for|and the)\b", re.I)
_PRONOUNS = re.compile(
    r"\b(elle|il|elles|ils|celui-ci|celui-la|celui la|celle-ci|celle-la|ceux-ci|ceux-la|celui|celle|ca|cela|"
    r"leur|leurs|lui|son|sa|ses|y|en|it|its|they|them|their|this one|that one|these|those|which one|lequel|"
    r"laquelle|lesquels|this|that|there|la-dessus|dessus|le meme|la meme)\b", re.I)

# What an elliptical follow-up keeps of the earlier question: its question words and its verbs.
_PREDICATE = re.compile(r"^(quand|qui|quoi|combien|comment|pourquoi|ou|quel\w*|when|who|what|which|how|why|where|"
                        r"depuis|since|\w+(e|ee|es|ees|er|ed|ing|ent)|a-t-\w+|est-ce|does|did|do|is|are|was|were)$")


@dataclass
class Turn:
    question: str
    resolved: str
    language: str
    route: str
    doc_id: str = ""
    section: str = ""
    unit_ids: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)  # the list items of a list answer, in order
    facets: dict[str, str] = field(default_factory=dict)
    directory_text: str = ""
    topic: str = ""  # the previous resolved question's focus phrase


@dataclass
class ChatSession:
    turns: list[Turn] = field(default_factory=list)
    language: str = ""

    @property
    def last(self) -> Turn | None:
        return self.turns[-1] if self.turns else None


@dataclass
class Resolution:
    text: str  # the question to answer
    language: str
    followup: bool = False
    boost_doc: str = ""  # the document the follow-up points back to
    boost_section: str = ""
    repeat: bool = False  # a language switch: the previous question again


def is_followup(question: str, last: Turn | None) -> bool:
    if last is None:
        return False
    words = question.split()
    folded = fold(question)
    if len(words) <= 3:
        return True
    if len(words) <= 10 and (_PRONOUN_START.match(folded) or _PRONOUNS.search(folded)):
        return True
    return bool(len(words) <= 12 and re.search(r"\b(le|la|the) (\d+(e|er|re|st|nd|rd|th)|premier|deuxieme|"
                                               r"troisieme|first|second|third)\b", folded))


def _strip_lead(question: str) -> str:
    return _PRONOUN_START.sub("", question.strip()).strip(" ,")


def resolve(question: str, session: ChatSession | None) -> Resolution:
    last = session.last if session else None
    default = (session.language if session and session.language else "fr")
    switch = language_switch(question)
    if switch and last is not None and len(question.split()) <= 6:
        return Resolution(last.resolved, switch, followup=True, boost_doc=last.doc_id,
                          boost_section=last.section, repeat=True)
    language = detect_language(question, default=default)
    if not is_followup(question, last):
        return Resolution(question, language)
    analysed = analyse_question(question, language)
    stripped = _strip_lead(question)
    previous = last.resolved.split(" (")[0]
    ordinal = analysed.ordinal
    number = re.search(r"\b(\d+)\b", question)
    # « et le principe 1 ? », "what about the second principle?": the earlier question about another number.
    wanted = int(number.group(1)) if number else (ordinal if ordinal and ordinal > 0 else None)
    names_thing = len(analysed.focus) > (1 if number else 0)
    if wanted is not None and re.search(r"\b\d+\b", previous) and (names_thing or number):
        return Resolution(re.sub(r"\b\d+\b", str(wanted), previous, count=1), language, followup=True,
                          boost_doc=last.doc_id)
    # « et le 3e ? », "and the third one?": an item of the earlier list answer.
    if ordinal and last.items and not names_thing:
        index = ordinal - 1 if ordinal > 0 else len(last.items) - 1
        if 0 <= index < len(last.items):
            return Resolution(_join(last.items[index], last.topic, question), language, followup=True,
                              boost_doc=last.doc_id)
    if wanted is not None:
        stripped = re.sub(r"\b(" + "|".join(ORDINALS) + r")\b", str(wanted), fold(stripped))
    # « Et la politique, elle ? »: a new subject for the earlier question, which keeps only its question words
    # and verbs (« quand … adopté ») — and no lean towards the earlier answer's document.
    if len(stripped.split()) <= 4 and not _PRONOUNS.search(fold(stripped).split(",")[0]):
        predicate = " ".join(w for w in re.findall(r"[\wÀ-ÿ'’-]+", previous) if _PREDICATE.match(fold(w)))
        return Resolution(f"{stripped.rstrip('?')} {predicate}"[:MAX_RESOLVED_CHARS], language, followup=True)
    # « elle a été adoptée quand ? », "who sits on it?": the question, with what "elle"/"it" stands for.
    return Resolution(_join(stripped, last.topic or previous, question), language, followup=True,
                      boost_doc=last.doc_id, boost_section=last.section)


def _join(first: str, second: str, original: str) -> str:
    text = f"{first} ({second})" if second else first
    return text[:MAX_RESOLVED_CHARS] if text.strip() else original


def ordinal_words() -> set[str]:
    return set(ORDINALS)
