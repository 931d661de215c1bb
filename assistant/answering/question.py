"""Question analysis: one pass over the question, one typed result that routing, retrieval, composition and
abstention all read.

- ``kind``: yesno, when, how_many, how_much, who, where, list, definition, explanation, eligibility,
  which_support, count (organisations), lookup (an organisation), other;
- ``answer_type``: what an answer must contain — date, amount, number, person_or_body, place, list, yesno, reason,
  text;
- focus terms (analysed, both languages), numbers and dates normalised (« années 70 » = 1970s = 1970–1979,
  « deux à trois » = 2–3, "September 2020" = « septembre 2020 »), names (capitalised words, acronyms);
- modifiers that decide a yes/no: a negation, an exclusive "only/juste", an obligation "must/obligatoire".

Usage: ``q = analyse_question("Depuis quand la Ville collabore-t-elle avec le milieu?")``; ``q.kind == "when"``
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.core.language import detect_language
from assistant.core.lexical import analyse
from assistant.core.textnorm import fold

MONTHS = {
    "janvier": 1, "january": 1, "fevrier": 2, "february": 2, "mars": 3, "march": 3, "avril": 4, "april": 4,
    "mai": 5, "may": 5, "juin": 6, "june": 6, "juillet": 7, "july": 7, "aout": 8, "august": 8, "septembre": 9,
    "september": 9, "octobre": 10, "october": 10, "novembre": 11, "november": 11, "decembre": 12, "december": 12,
}
# Abbreviated months, as typed in a hurry ("Feb 2019", « sept. 2020 »): months, and never unknown names
MONTH_ABBREVIATIONS = {
    "jan": 1, "janv": 1, "feb": 2, "fev": 2, "fevr": 2, "apr": 4, "avr": 4, "jun": 6, "jul": 7, "juil": 7, "aug": 8,
    "sep": 9, "oct": 10,  # not « sept »: seven "nov": 11, "dec": 12,
}
MONTHS.update(MONTH_ABBREVIATIONS)
# Québec French typed fast: spellings that hide the question's kind (« c koi », « pkoi », « la Ville a tu le droit »)
_INFORMAL = [
    (re.compile(r"\b(c|c'|cest|c'est|ces) ?(koi|quoi)\b"), "c'est quoi"),
    (re.compile(r"\b(quest[- ]ce|kesse|kessé|kes?k)\b"), "qu'est-ce"),
    (re.compile(r"\bkoi\b"), "quoi"),
    (re.compile(r"\b(pkoi|pourkoi|pk|pq)\b"), "pourquoi"),
    (re.compile(r"\b(kel|kelle|kels|kelles)\b"), lambda m: "qu" + m.group(1)[1:]),
    (re.compile(r"\b(cmt|cmnt)\b"), "comment"),
    (re.compile(r"\b(cb|cbn|cmb)\b"), "combien"),
    (re.compile(r"\bqd\b"), "quand"),
    (re.compile(r"^(\W*(?:and |so |ok )?)wat\b"), r"\1what"),  # "wat kinds of help …?"
    # texting: "what r the principles", "r u sure", "how do i know if ur eligible"
    (re.compile(r"\b(what|which|where|who|how|when|why|wat) r\b"), r"\1 are"),
    # A polite request wrapped around the question asks the question itself: "Can you tell me when …?", « Pourrais-tu
    # me dire quand … ? », "Do you know who …?" are not yes/no questions; "Could you list …" is a request to list.
    (re.compile(r"^\W*(?:(?:can|could|would|will) you (?:please )?(?:tell|let) (?:me|us) (?:know )?|(?:do|does) "
                r"(?:you|anyone) know |(?:pourrais|pourriez|peux|pouvez|peut)[- ](?:tu|vous|on) (?:me |nous )?(?:dire|"
                r"indiquer|preciser|rappeler) |(?:sais|savez)[- ](?:tu|vous) |(?:je|j') ?(?:voudrais|veux|aimerais) "
                r"savoir |(?:dis|dites)[- ](?:moi|nous) )"), ""),
    (re.compile(r"^\W*(?:can|could|would|will) you (?:please )?(?=list|explain|describe|give|show|name|summari[sz]e)"
                r"|^\W*(?:pourrais|pourriez|peux|pouvez)[- ](?:tu|vous) (?:me |m'|nous )?(?=expliquer|lister|donner|"
                r"nommer|enumerer|decrire|resumer)"), ""),
    # (English typed in a hurry: "whats different …", "wheres it", "hows that work")
    (re.compile(r"\b(what|where|who|how|when)s\b"), lambda m: m.group(1) + " is"),
    # « quand même » (« still », « anyway ») asks no date
    (re.compile(r"\bquand (meme|bien meme)\b"), "tout de meme"),
    (re.compile(r"^c (?=\w)"), "c'est "),
    # the interrogative particle « -tu » written without its hyphen: « a tu », « peut tu », « s'applique tu »
    (re.compile(r"\b(a|as|ont|est|sont|peut|peux|peuvent|doit|doivent|faut|va|vont|fait|font|sera|serait|pourrait|"
                r"devrait|faudrait|avait|etait|existe|marche|compte|applique|couvre|vise|donne|paye|aide|"
                # (any verb in the imperfect or the conditional: « ça amenait tu … ? », « ça changerait tu … ? »)
                r"\w{2,}(?:ait|aient|rait))\s+tu\b"),
     lambda m: m.group(1) + "-tu"),
]


# Set phrases whose words name nothing asked about: "and in practice, which organisations sat on it?" does not ask
# about the practice types (« types de pratiques »), nor « en fait » about « faits »
_IDIOMS = re.compile(r"\b(in practice|into practice|in fact|as a matter of fact|actually|en pratique|dans la pratique|"
                     r"dans les faits|en fait|de fait|concretement|concrètement|"
                     # « à quoi renvoie le terme « subsidiarité » ? »: the word asked about is the question's topic
                     r"(?:le|the) (?:terme|term)|l'expression|the phrase|renvoie|fait r[eé]f[eé]rence|"
                     r"refers? to|name-?drop\w*|brings? up|"
                     # "how we run our org day to day": how often, said loosely — no topic of its own
                     r"day[- ]to[- ]day|au jour le jour|"
                     # "in what context does it name X?": how it names it, not the slide titled « Contexte »
                     r"(?:in|dans) (?:what|which|quel|le|the) (?:context|contexte)|"
                     # « à part ça, … quoi d'autre ? », "what else apart from that?": besides what was said — not « de
                     # part et d'autre »
                     r"[aà] part (?:ça|ca|cela|ce)|quoi d'autres?|qui d'autres?|apart from (?:that|this|it))\b",
                     re.IGNORECASE)


# (parts of the concept patterns below that they use more than once)
_CITY = r"\b(la ville|the city)\b"
_ALIGNED = r"\b(s'align\w*|align\w*|arrim\w*|harmonis\w*|en phase|in line|consistent|coherent\w*|concord\w*)\b"
_GOVERNMENT_POLICY = r"\b(politique|policy|policies)\b.{0,40}\b(gouvernement\w*|government\w*|quebec|provincial\w*)\b"
# Everyday ways of asking about things the documents name in their own words, and those words, added to what is
# searched (as an acronym's spelled-out words are) — among them:
# - whether the City may meddle in how an organisation is run is a question about the organisation's autonomy
#   (« Respecter l'autonomie … : ne pas participer à la détermination du fonctionnement ou de la gestion des
#   organismes »);
# - what a funded organisation owes the City in return is its accountability (« La Ville demande une reddition de
#   comptes à l'organisme qu'elle soutient financièrement »);
# - who was put in charge of carrying the policy out is who was mandated for its implementation (« … a mandaté le
#   Service de la diversité et de l'inclusion sociale (SDIS) pour sa mise en œuvre »).
_CONCEPTS = [
    (re.compile(r"\b(se meler|s'ingere\w*|ingerence|interf[eè]r\w*|meddl\w*|"
                r"(get|getting|be|being) involved in (how|the way|deciding how|running|managing)|"
                r"tell(ing)? us how to (run|manage)|weigh in on how|dire comment (gerer|on gere|fonctionner)|"
                # (« décider comment notre organisme fonctionne », « s'impliquer dans notre gestion interne »)
                r"decid\w* (de )?comment\b.{0,40}\b(fonctionn\w*|ger\w*)|decide how\b.{0,40}\b(run|operat\w*|manag\w*)|"
                r"s'impliqu\w* dans (notre|nos|leur|leurs|la|sa) (gestion|fonctionnement|administration))"),
     {"fr": "autonomie, fonctionnement, gestion", "en": "autonomy, operation, management"}),
    (re.compile(r"\b(in return|en retour|en echange|in exchange|what do we owe|what will we owe|"
                r"(expect|require|want|ask)s? (from|of) us|(attend|exige|demande)\w* de nous|"
                r"follow up on (the )?(groups|organi[sz]ations|orgs) (it|they) fund|"
                # ("report back on the money", "account for how we spent it", "no strings attached")
                r"report(s|ing)? back|(expect|require|want|ask)s? us to (account|report|justify)|no strings attached|"
                r"rendre compte de|justifi\w* (nos|leurs|les) depenses)"),
     {"fr": "reddition de comptes", "en": "accountability reporting"}),
    (re.compile(r"\b(put in charge|(given|got|gets) the job|tasked with|charged with|"
                r"in charge of (implementing|rolling|putting|carrying)|responsible for (implementing|rolling|putting)|"
                r"(roll|rolling) (it |the policy )?out|put(ting)? (it |the policy )?(into practice|in place)|"
                r"charge de (la )?mettre en (oeuvre|place)|responsable de (la )?mise en (oeuvre|place))"),
     {"fr": "mandaté, mise en œuvre", "en": "mandated, implement"}),
    # the roles the City plays (« la ville peut jouer quels rôles ? », "what roles can the City play?"): the capacities
    # it acts in (« la Ville peut agir à plusieurs titres »)
    (re.compile(rf"{_CITY}.{{0,30}}\b(jou\w*|play\w*|take on|takes on)\b.{{0,20}}\broles?\b|"
                rf"\broles?\b.{{0,30}}{_CITY}.{{0,30}}\b(jou\w*|play\w*)\b|"
                rf"{_CITY}.{{0,30}}\b(a quels? titres?|in what capacit\w*)"),
     {"fr": "agir à plusieurs titres", "en": "act in several capacities"}),
    # the mission funded (« financer notre mission globale », "fund the core mission", "mission funding"): the
    # documents' « un ou des volets de la mission de l'organisme » the City's partnerships may support
    (re.compile(r"\b(financ\w*|fund\w*|pay\w* for|subventionn\w*|soutien\w*|soutenir|support\w*)\b.{0,40}\bmission\b|"
                r"\bmission\b.{0,20}\b(funding|financement|grants?|subventions?)\b"),
     {"fr": "volets de la mission", "en": "components of the mission"}),
    # a policy aligned on another (« s'aligne sur quelle politique du gouvernement ? », "aligned with a Quebec
    # policy"), said in either order: the documents' harmonisation and concordance with the government policy
    (re.compile(rf"{_ALIGNED}.{{0,60}}{_GOVERNMENT_POLICY}|{_GOVERNMENT_POLICY}.{{0,60}}{_ALIGNED}"),
     {"fr": "harmonisation, concordance, politique gouvernementale", "en": "harmonisation, accordance, government policy"}),
    # women's organisations (« groupes de femmes », "women's groups"): the slides speak of the women of Montréal
    # (« les Montréalaises ont été associées de près au soutien à la communauté : Le Chaînon, AFEAS … »)
    (re.compile(r"\b(groupes?|organismes?|organisations?|associations?|centres?|regroupements?) (de |des )?femmes\b|"
                r"\b(groupes?|organismes?) feministes?\b|\bwomen'?s? (groups?|organi[sz]ations?|associations?|centres?)\b|"
                r"\bfeminist (groups?|organi[sz]ations?)\b"),
     {"fr": "Montréalaises, soutien à la communauté", "en": "women of Montréal, supporting the community"}),
]


# the words that ask something, two of which make a question of several parts ("how", « comment », "what" also join
# clauses: not counted)
_ASKS = re.compile(r"\b(when|which|who|quand|quel|quelle|quels|quelles|combien)\b")


@lru_cache(maxsize=512)
def concept_terms(text: str) -> frozenset[str]:
    """The French stems of the documents' words that ``concept_gloss`` gives for the question (empty when none)."""
    gloss = concept_gloss(text, "fr")
    return frozenset(analyse(gloss, "fr")) if gloss else frozenset()


def concept_gloss(text: str, language: str) -> str:
    """The documents' words for what the question asks in everyday words (« autonomie, fonctionnement, gestion »),
    or ""."""
    folded = fold(text)
    if len(_ASKS.findall(folded)) >= 2:
        return ""  # (a question of several parts — "when …, which service …, and which policy …?" — keeps its balance)
    return ", ".join(words.get(language, words["fr"]) for pattern, words in _CONCEPTS if pattern.search(folded))


def without_idioms(text: str) -> str:
    """The text without set phrases that name nothing (what searching and the focus terms should ignore)."""
    return _IDIOMS.sub(" ", text)


def standard_spelling(folded: str) -> str:
    """The folded question with informal spellings written out (what the question-kind patterns expect)."""
    for pattern, replacement in _INFORMAL:
        folded = pattern.sub(replacement, folded)
    return folded
NUMBER_WORDS = {
    "un": 1, "une": 1, "one": 1, "deux": 2, "two": 2, "trois": 3, "three": 3, "quatre": 4, "four": 4, "cinq": 5,
    "five": 5, "six": 6, "sept": 7, "seven": 7, "huit": 8, "eight": 8, "neuf": 9, "nine": 9, "dix": 10, "ten": 10,
    "dizaine": 10, "douzaine": 12, "dozen": 12, "vingt": 20, "twenty": 20, "cent": 100, "hundred": 100,
    "soixante": 60, "sixties": 60, "soixante-dix": 70, "seventies": 70, "quatre-vingt": 80, "eighties": 80,
    "quatre-vingt-dix": 90, "nineties": 90,
}
ORDINALS = {
    "premier": 1, "premiere": 1, "1er": 1, "1re": 1, "first": 1, "1st": 1, "deuxieme": 2, "second": 2, "seconde": 2,
    "2e": 2, "2nd": 2, "troisieme": 3, "third": 3, "3e": 3, "3rd": 3, "quatrieme": 4, "fourth": 4, "4e": 4,
    "4th": 4, "dernier": -1, "derniere": -1, "last": -1,
}

_ROLES = (r"(presid\w*|directeur|directrice|director|chair\w*|head|leaders?|chefs?|cheffes?|dirigeant\w*|maire|"
          r"mairesse|mayor|ministre|minister|"
          r"responsable|porte-parole|spokes\w+|coordonnat\w+|coordinator|representant\w*|representative|person|"
          r"personne|employe\w*|employee|agent\w*|officer|conseill\w+|councillor)")
# « quelle commission », "which department": the kind of body asked for, and the word the French sources use for it
_BODY_NOUNS = {"service": "service", "commission": "commission", "comite": "comite", "committee": "comite",
               "organisme": "organisme", "instance": "instance", "body": "instance", "regroupement": "regroupement",
               "departement": "service", "department": "service", "administration": "administration",
               "gouvernement": "gouvernement", "government": "gouvernement", "conseil": "conseil", "council": "conseil",
               "ministere": "ministere", "ministry": "ministere"}
# (an English compound names the body last: "which council commission" asks for a commission)
_ASKED_BODY = re.compile(r"\b(?:quel(?:le)?s?|which|what|whose)(?: city)?(?: (?:" + "|".join(_BODY_NOUNS) + r"))? ("
                         + "|".join(_BODY_NOUNS) + r")\b")
# ways asked for with a verb of support, plural: « de quelles façons … soutenir », "in what ways … help"
# (« la ville peut nous aider comment concrètement ? », "how can the City help us?": the same, asked how)
_WAYS_OF_SUPPORT = (r"(de quelles (facons|manieres)|par quels moyens)( \S+){0,6}? (soutenir|aider|appuyer)|"
                    r"(soutenir|aider|appuyer)( \S+){0,4}? (de quelles (facons|manieres)|par quels moyens)|"
                    r"(in )?what ways( \S+){0,6}? (support|help)")
# (« la ville peut nous aider comment ? », "how can the City help us?": the support asked how — every kind, unless
# the asker names what they need: « on cherche un local pas trop cher, la ville peut nous aider comment ? »)
# (the asker as « nous » or as « notre organisme », "us" or "our group")
_OURS_FR = r"(notre|nos|mon) (petit |petite )?(organisme|groupe|obnl|association|organisation)s?"
_OURS_EN = (r"(us|me|groups|organi[sz]ations|orgs|community groups|(our|my) (\S+ )?(group|organi[sz]ation|org|"
            r"nonprofit|non-profit|association)s?)")
_HOW_SUPPORTED = (rf"(la ville|elle) (peut|pourrait|peut-elle|peut-tu)( nous)? (soutenir|aider|appuyer)( {_OURS_FR})? "
                  r"comment|"
                  r"comment (la ville|elle) (peut|pourrait)(-elle)?( nous)? (soutenir|aider|appuyer)|"
                  rf"how (can|could) (the city|it|they)( \S+){{0,2}}? (support|help) {_OURS_EN}")

# « la politique vise quoi comme buts ? », « c'est quoi comme valeurs ? »: which ones (a plural), said loosely
_WHICH_LOOSELY = r"(?:quoi|koi) comme [a-z]{3,}[sx]"
# what something does, its role (« à quoi sert le comité ? », "what is that committee supposed to do?"): the things the
# documents list that it does (« Il s'assure … ; Il propose … ; Il produit … »), all of them
_ROLE = re.compile(r"\b(what(?: is| are| was| were|'s| s) (the |that |this |their |its )?[\w' -]{2,40}? "
                  r"(supposed|meant|expected|there|set up|created|formed) to do\s*(?:[?,.]|$|exactly|actually|concretely)|"
                  r"what (does|do|did|will|would) (the |that |this |their |its )?[\w' -]{2,40}? (actually |really |exactly )?do\s*(?:[?,.]|$|exactly|actually|concretely)|"
                  r"what(?:'s| is| was) (the |its |their )?(role|job|mandate|function|purpose|task)s? of|"
                  r"(quel|quels|c'est quoi|c quoi) (est |sont |etait )?(le |les |son |ses |leur |leurs )?(role|mandat|fonction|"
                  r"taches?|responsabilites?)s? (du|de|des|d')|a quoi sert|a quoi servent|"
                  r"(fait|font|faisait|faisaient|fera|feront) quoi\s*(?:[?,.]|$|au juste|exactement|concretement)|"
                  r"(s'occupe|s'occupent) de quoi)")


_KINDS: list[tuple[str, str, re.Pattern]] = [
    # (kind, answer_type, pattern on the folded question); first match wins.
    # Repère reports what the documents say; it has no opinion of its own to give.
    ("opinion", "text", re.compile(r"\b(in your (opinion|view)|a (ton|votre) avis|selon (toi|vous)|(what )?do you think|"
                                   r"(penses|pensez|crois|croyez)[- ](tu|vous)|(tu|vous) (penses|pensez|trouves|trouvez)|"
                                   r"(your|ton|votre) (personal |personnelle )?(opinion|view|avis)|"
                                   r"personally|personnellement)\b")),
    # Contact details: the corpus holds none (the directory gives names, tables and places only).
    ("contact", "contact", re.compile(r"\b((numero de )?telephone|(numero|no) de tel|phone( number)?|courriel|e-?mail|site (web|internet)|"
                                      r"website|coordonnees|contact (details|info\w*)|heures d'ouverture|horaires? d'ouverture|"
                                      r"ouverts? quand|opening hours|open(ing)? times|"
                                      r"(l'|quelle |their |the |its |"
                                      r"street |son |leur )(adresse|address)|(adresse|address) (civique|postale|of|de|du|d'))"
                                      r"\b")),
    # (« orgs »: how people in a hurry write « organismes »)
    ("count", "number", re.compile(r"\b(combien (d'|de |y a-t-il d)(organismes|organisations|orgs?|membres|groupes|"
                                   r"tables)|how many (member |community )?(organi[sz]ations|orgs|members|groups|"
                                   r"round tables|tables))\b")),
    ("how_much", "amount", re.compile(r"\b(combien (d'argent|de dollars|coute|ca coute)|coute(nt)? combien|"
                                      # « combien la Ville a-t-elle versé » : money paid, not a count
                                      r"combien\b.{0,40}\b(verse|versee|paye|payee|depense|depensee|investi|accorde|"
                                      r"octroye|donne)s?\b|how much\b.{0,40}\b(paid|spent|gave|granted|invested)\b|"
                                      # « elle reçoit combien de la Ville ? », « combien a-t-elle reçu »: money received
                                      r"\b(recoi\w*|touche\w*) combien\b|\bcombien\b(?! d(e |'))(?! des ).{0,40}\b(recu|recoit|recoivent|"
                                      r"touche|touchent)\b|how much\b.{0,40}\b(receive\w*|get|gets|got)\b|"
                                      r"quel (est le )?(montant|budget)|combien s'elevent|"
                                      # « c quoi le budget de … ? »: an amount asked for, typed fast
                                      r"\bc(?:'est|est)? (?:quoi|koi) (?:le |son |leur )?(?:montant|budget)\b|a combien s'eleve\w*|"
                                      r"how much (money|funding|did|does|is|do)|what(?:'s| is| was| s|s) (the |its |their |(the )?\w+'s )?"
                                      r"((annual|yearly|max|maximum|total|overall) ){0,2}(amount|budget)|"
                                      # "the city's total yearly budget", « le budget total »
                                      r"\b(total|yearly|annual|overall) (\w+ )?budget\b|\bbudget (total|global)\b|"
                                      r"\b(max|maximum|total) (\$ ?)?(amount|funding|grant)|"
                                      # a price: "how much per hour does it charge", « c'est combien de l'heure »
                                      r"how much\b.{0,40}\b(charges?|costs?|fees?|rates?)\b|\b(per|an|a) (hour|day|month)\b|"
                                      r"\bcombien\b.{0,40}\b(de l'heure|par heure|par jour|par mois|charge\w*|facture\w*|au pied carre|au pi2|"
                                      r"au metre carre|au m2|par pied carre|par metre carre)\b|"
                                      r"\b(per|a) square (foot|feet|metre|meter)\b|"
                                      # a price named (« c'est combien le loyer d'un local ? », "how much is the rent"):
                                      # what it costs, not how many of it (« combien de loyers » counts)
                                      r"\bcombien\b(?! d(e |'))(?! des ).{0,20}\b(loyers?|prix|tarifs?|frais|couts?|"
                                      r"cotisations?)\b|\bhow much\b.{0,20}\b(rent|price|fees?)\b|"
                                      r"\b(quel|what) (est le |is the )?(tarif|prix|price|rate|fee)\b|"
                                      # ("low-cost meals", « à bas coût »: cheap, not a price asked for)
                                      r"montant|budget annuel|annual budget|(?<!low-)(?<!low )\bcost\b|\$|"
                                      # pay asked for: « le salaire moyen », « quel salaire », "how much do they earn"
                                      # (not « payer nos salaires »: whether the City pays them)
                                      r"\b(salaires?|remunerations?) (moyens?|median\w*)\b|\b(average|median|typical) "
                                      r"(salar(y|ies)|wages?|pay)\b|\b(quel\w*|what(?:'s| is| are)?) (est |sont )?(le |les |the )?"
                                      r"(salaires?|remunerations?|salar(y|ies)|wages?)\b|\bhow much\b.{0,30}\b(earn|make)s?\b|"
                                      # a share or a discount: « combien % moins cher », "what percentage", « quel rabais »
                                      r"\bpour ?cent\w*|pourcentage|percent\w*|\b(combien|how much) (de )?(moins|plus|"
                                      r"cheaper|less|lower|off)\b|\b(quel|what|which) (rabais|escompte|discount|reduction)\b|"
                                      r"\bhow (big|large|deep|steep|generous|much)\b.{0,20}\b(discounts?|rebates?|reductions?)\b|"
                                      r"\brabais de combien\b)|%")),
    ("when", "frequency", re.compile(r"\b(how often|a quelle frequence|quelle frequence|tous les combien|"
                                     r"chaque combien|aux combien|every how many)\b")),
    # (« depuis combien de temps », « ça fait combien de temps que … »: since when, a date — below)
    ("how_many", "number", re.compile(r"\b((?<!depuis )(?<!fait )combien|how many|nombre de|number of|nb d'|nb de|"
                                      r"nbre d'|nbre de)")),
    ("when", "date", re.compile(r"^(\S+\s+){0,3}(quand|when)\b|\b(quand|when)(\s+[a-z]+){0,2}\s*\?|"
                                # « elle a été adoptée quand, cette politique-là ? »: the subject repeated after
                                r"\b(quand|when)\s*,[^,?]{0,40}\?\s*$|"
                                r"\b(depuis quand|a quel moment|a quelle (date|"
                                r"periode|seance|epoque)|en quelle annee|quelle (date|annee|periode|epoque)|quel mois|"
                                # "around what era?", "in which period?"
                                r"(which|what) (era|period|time period)|"
                                r"quels mois|quelles periodes|what (exact )?(date|year|day|month)|since when|how often|"
                                r"a quelle frequence|which months?|how long ago|c'est quand|sort quand|"
                                # "how long has the City been working with …?": since when (« depuis 1987 »)
                                r"how long (has|have|had)|(depuis|fait) combien de temps|"
                                r"depuis quelle annee|on what (exact )?date|quelle decennie|(which|what) decade|in what decade)\b")),
    # « C'est qui la personne qui… », "the name of the director": a person, not a body
    ("who", "person", re.compile(r"\b((la|une|the|a) (personne|person) (qui|who)|(nom|name)s? (of|du|de la|de l'|des) "
                                 # ("the name of the City's director": a possessive before the role)
                                 r"(the )?(\w+(?:'s)? ){0,2}" + _ROLES + r"|(c'est qui|c est qui|c'etait qui|c etait qui|qui est|qui sont|qui etait|qui etaient|"
                                 r"who is|who are|who's|who was|who were) "
                                 # ("who's the current executive director": two words before the role; "who is
                                 # currently the director", « qui est actuellement le directeur »: one before the article)
                                 r"((currently|now|presently|actuellement|presentement|maintenant) )?"
                                 r"(le|la|les|l'|the) (\w+ ){0,2}" + _ROLES + r")\b")),
    ("who", "person", re.compile(r"\b(qui (est |sont )?(\w+ )?a la tete (du|de|des|d')|(who is|who's) (\w+ )?at the head of|"
                                 r"qui (le |la |les |l')?(a |avait )?(preside|dirige|presidait|dirigeait)|qui (est (le|la) (\w+ )?(president|presidente|directeur|"
                                 r"directrice|maire|mairesse|ministre))|quel(le)? (ministre|maire|mairesse|"
                                 r"directeur|directrice|president\w*|conseiller\w*|elue?)|which (councill?or|mayor|"
                                 r"minister|director|chair(person)?|president|official)|who (chairs|chaired|heads|headed|leads|presides|presided|"
                                 r"is the (\w+ )?(chair|head|"
                                 r"president|director|mayor|minister|executive director))|(les |the )?noms? (des|de la|"
                                 r"du|of the) (employe|personne|membre|representant|elu)\w*|names? of (the )?"
                                 r"(\w+ )?(employees|staff|people|members))\b")),
    # (« qui » asks who at the start, after a preposition or a verb of being, or last; after a noun it is a relative
    # pronoun: « les engagements qui viennent avec ce principe » asks for commitments — but « quels groupes qui
    # représentaient … » asks which bodies)
    ("who", "person_or_body", re.compile(r"^((et|pis|puis|ok|mais|alors|donc|la)[\s,]+)*qui\b|\b(de|par|a|avec|pour|chez|c'est|c est|est|sont|"
                                         r"etait|etaient|ya|y a) qui\b|\bqui\s*\?|\bquel(le)?s? (groupes?|organismes?|organisations?|"
                                         r"instances?) qui\b|"
                                         # « quels sont les trois regroupements qui … », « quels groupes
                                         # représentent … »: the bodies are asked for, with or without « qui »
                                         r"\bquel(le)?s? (sont |etaient )?(les )?((deux|trois|quatre|\d+) )?"
                                         r"(groupes|regroupements|instances)\b|\b(who|whose|whom|"
                                         # ("which community groups sat on …": a word may qualify the bodies)
                                         r"which ([a-z'-]+ )?(bod(y|ies)|organi[sz]ations?|groups?|groupings?|"
                                         r"coalitions?))\b|" + _ASKED_BODY.pattern)),
    # (folded, « où » is « ou »: "where" only where "or" cannot be — first, after a verb of place, or last)
    ("where", "place", re.compile(r"^(\S+\s+)?ou\b|\b(est|sont|trouve|trouvent|situe\w*|loge\w*|d'|par) ?ou\b|"
                                  r"\bou\s*\?|\b(where|dans quel(le)? (arrondissement|quartier|ville|table)|"
                                  r"a quelle diapo\w*|quelle diapo\w*|which slide)\b")),
    ("eligibility", "yesno", re.compile(r"\b(nous concerne|on est (vise|admissible|eligible)|admissible|eligible|"
                                        r"are we (covered|eligible)|does the policy (cover|apply to) us|"
                                        r"(quel|which) type de pratique|dans quel type|(rentre|entre)(-t-on|-tu)? dans "
                                        r"quel(le)?|dans quelle (sorte de )?pratique|what (practice )?type (are|is) "
                                        r"(we|our)|on tombe dans|(on|nous) fait partie|faisons partie|fait-on partie|"
                                        r"qualify|count as|compte(r)? comme|s'applique(-t-elle)? a nous|nous vise(-t-elle)?|"
                                        r"(applies|apply) to us|covers? us|"
                                        # "are we the kind of group the City's policy covers?", « le genre de groupe
                                        # que la politique vise »
                                        r"(kind|type|sort) of (group|organi[sz]ation|org|nonprofit|non-profit) (that )?"
                                        r"(the )?(city'?s? )?policy (covers|targets|applies to|is (meant )?for)|"
                                        r"(genre|type|sorte) d'(organisme|groupe)s? (que|qui) (la politique|la ville) "
                                        r"(vise|couvre|touche))\b")),
    # ("what other kinds of support …?", « quels autres types de soutien … ? »: the kinds besides one)
    ("which_support", "text", re.compile(r"\b(quel(le)?s? (autres? )?(types?|formes?|sortes?|genres?) de soutien|quel soutien|"
                                         r"which ((other )?(kinds?|types?|forms?) of )?"
                                         r"(the )?(city'?s? )?support|what (other )?(kinds?|types?|forms?|sorts?) of (the )?(city'?s? )?support|"
                                         # "what support can the City give us?", "what help can we get?"
                                         r"what (support|help) (can|could|does|would|will|is|do) |"
                                         # "what kinds of help …?", « quelles formes d'aide … ? »: support, in
                                         # everyday words
                                         r"what (other )?(kinds?|types?|forms?|sorts?) of (help|aid|assistance)|"
                                         r"quel(le)?s? (autres? )?(types?|formes?|sortes?|genres?) d'aide|"
                                         r"which one fits|"
                                         r"lequel (convient|nous convient)|"
                                         # « la Ville peut nous soutenir de quelles façons ? », "in what ways can the
                                         # City help us?": the kinds of support, asked as ways
                                         + _WAYS_OF_SUPPORT + "|" + _HOW_SUPPORTED + r")\b")),
    ("list", "list", _ROLE),
    ("definition", "text", re.compile(r"\b(c'est quoi|qu'est-ce que|qu'est ce que|que veut dire|definition|"
                                      r"what (is|are|does) (a |an |the )?[\w' -]+ mean|what(?: is|'s) an?\b|define)\b")),
    ("list", "list", re.compile(r"\b(quels sont|quelles sont|nomme[rz]?|enumere[rz]?|liste[rz]?|lesquel(le)?s|"
                                r"what are the|which are the|list|name the|(what|which) (?:(?:main|key|core|basic|fundamental|underlying) )?"
                                r"(roles|areas|goals|values|types|"
                                r"criteria|commitments|principles)|quel(le)?s (valeurs|roles|buts|criteres|"
                                r"engagements|principes|types|dossiers|initiatives)|quel(le)?s (sortes|types|categories|"
                                r"formes|genres) (?:de|des|du|d')|(what|which) (kinds|sorts|types|categories|forms) of|"
                                r"" + _WHICH_LOOSELY + r")\b")),
]
_YESNO_START = re.compile(
    r"^\s*(est-ce qu|est ce qu|y a-t-il|y a t il|y a-tu|y'a-t-il|(peut|peuvent|doit|doivent|faut|a|ont|est|sont|"
    r"sera|serait|pourrait|pourrions|pouvons|devons|existe)-(t-)?(il|elle|on|ils|elles|nous)\b|(do|does|did|is|are|"
    r"was|were|can|could|will|would|should|has|have|had|must|may)\b)", re.I)
_YESNO_ANYWHERE = re.compile(r"\b\w+-(t-)?(il|elle|on|ils|elles)\b|\b(est|c'est|ca) tu\b|\by a tu\b|\b\w+-tu\b|"
                             r"\bc'est (obligatoire|possible|vrai)\b", re.I)
# English inversion after what opens the question ("under the policy can the City …?", "And with the money one, does
# the City …?"): an auxiliary and then its subject (not "you": "ok, can you say it in English?" is a request)
_EN_INVERTED = re.compile(r"(?:,\s*(?:and\s+|so\s+|but\s+)?|^(?:under|with|in|for|per|after|during|from|according to|"
                          r"as for|regarding|about)\b[^,?]{0,40}?\s)(do|does|did|is|are|was|were|can|could|will|would|"
                          r"should|has|have|had|must|may)\s+(?:the|it|they|we|i|our|this|that|he|she|there|any|"
                          r"all|city|montreal)\b")
_PRONOUN_CLAUSE = re.compile(r"\b(elle|il|elles|ils|on|it|they|we|nous|ca|cela)\s+(ne\s+|n')?(l'|les\s|la\s|le\s|y\s|en\s|"
                             r"lui\s|leur\s)?[a-z]+\b")
_CLARIFICATION = re.compile(r"^(genre|like|i\.?e\.?|e\.?g\.?|c'est-a-dire|tsé|tse|par exemple|for example|comme)\b")
# a clause with a conjugated auxiliary (« tout le monde a voté pour ? »), not a fragment (« et pour X ? »)
_AUX_CLAUSE = re.compile(r"\b(a|ont|est|sont|etait|etaient|tait|taient|avait|avaient|va|vont|has|have|had|was|were)\s+"
                         r"(?!pour\b|de\b|a\b)[a-z]{3,}")
_WHY = re.compile(r"\b(pourquoi|why|how come|pour quelle raison|for what reason)\b")
# (« … à l'unanimité ou pas ? », « … ou non ? »: « ou » offers the other answer, it does not ask where)
_WH = re.compile(r"\b(qui|quand|combien|comment|pourquoi|quel|quelle|quels|quelles|quoi|ou(?! (?:pas|non)\b)|lequel|laquelle|lesquel(le)?s|"
                 r"what|which|who|whose|whom|when|where|why|how)\b|qu'est-ce|qu'est ce|"
                 # « Que dit la politique … ? », « Qu'a fait le conseil … ? », « Qu'entend-on par … ? »: « que » asks
                 # what when it opens the question
                 r"^\W*(?:(?:et|pis|puis|ok|mais|alors|donc)\W+)?qu(?:e\b|')")
# the words after which « qui » asks who (« de qui », « c'est qui », « pis qui »); after any other word it is a
# relative pronoun (« les organismes qui font … sont-ils visés ? » is a yes/no question)
_WHO_AFTER = frozenset({"de", "par", "a", "avec", "pour", "chez", "c'est", "est", "sont", "etait", "etaient", "ya",
                        "et", "pis", "puis", "ok", "mais", "alors", "donc", "la", "qui", "tu"})


def _without_relative(folded: str) -> str:
    """The folded question with its relative « qui » taken out, for telling whether a question word comes before an
    inverted verb (« les organismes qui font … sont-ils visés ? » asks yes or no). (After a comma « qui »
    begins the question: « Au comité de suivi, qui représentait … ? »; second word, it asks which: « Organismes qui
    aident les immigrants ? ».)"""
    return re.sub(r"(?<=\S )(\S+)(\s+)qui\b", lambda m: m.group(0) if m.group(1) in _WHO_AFTER
                  or m.group(1).endswith(",") else f"{m.group(1)}{m.group(2)}_", folded)


# (« pas mal »: "quite", "not bad" in Québec French — an amount, no negation)
_NEGATION = re.compile(r"\b(ne|n')\s*\w+\s+(pas|plus|jamais|aucun)\b|\bpas\b(?! (?:mal|pire)\b)|\bnon\b|\bsans\b|\bnot\b|n't\b|\bno\b"
                       r"|\bnever\b|\bwithout\b", re.I)
# a request in the imperative, whatever its question mark (« Could you list … ? » once its politeness is read off)
_REQUEST = re.compile(r"^\W*(list|explain|describe|give|show|name|summari[sz]e|expliquer|lister|donner|nommer|enumerer|"
                      r"decrire|resumer|explique|donne|nomme|enumere|decris|resume)\b")
_NEGATIVE_ASKING = re.compile(r"^\W*(?:(?:and|so|but|ok|okay)\W+)?(do|does|did|is|are|was|were|can|could|will|would|"
                              r"should|has|have|had)n['’]?t\b", re.I)
# « …, ou c'est seulement … ? », "…, or only regional ones?": « only » offered as the other alternative
# "what's the name of …", « comment s'appelle … », "what is it called?": the thing's name is asked
ASKS_NAME = re.compile(r"\b(called|named|the name|its name|s'appel+e|nom de|nom du|(le|son) nom)\b")
ONLY_ALTERNATIVE = re.compile(r",?\s+\b(or|ou) (c'est |is it |it's |est-ce )?(only|just|seulement|juste|uniquement)\b.*$")
_EXCLUSIVE = re.compile(r"\b(juste|seulement|uniquement|only|just|exclusivement|reserve[es]? aux?|se limit\w*|"
                        r"limited to|limit(s|ed)? itself to)\b", re.I)
_OBLIGATION = re.compile(r"\b(obligatoire|oblige[es]?|obliged|forced|obligation|doit|doivent|faut-il|faut il|il faut|must|"
                         r"required|mandatory|have to|has to|compulsory|"
                         # what is owed in return: accounting for the money
                         r"rendre des comptes|reddition de comptes|account for|accountab\w*)\b", re.I)
_ENGLISH_STOP = {"the", "what", "which", "who", "does", "do", "is", "are", "of", "and", "to", "in", "for", "how",
                 "an", "about", "a", "city", "policy"}


# What is to come, or the latest state: the documents give neither (only dates from this year on would answer).
# (« la future politique », "the future policy" name a thing that was to come: not a question about the future)
_FUTURE = re.compile(r"\b(prochain\w*|next|will|sera|seront|sortira|aura lieu|upcoming|a venir|dans le futur|"
                     # « va publier », "is going to publish", "is due to", « publiera »
                     r"(va|vont) (\w+ )?\w+(er|ir|re)|going to|gonna|(is|are) (due|expected|scheduled|planned) to|"
                     r"\w{4,}(eront|iront)|"
                     r"in the future|a l'avenir|"
                     r"cette annee|this year|l'an prochain|derni(er|ere) fois|last time|latest|most recent|"
                     r"plus recent\w*|actuel\w*|current\w*)\b")


@dataclass
class Question:
    text: str
    language: str  # the answer's language
    kind: str = "other"
    answer_type: str = "text"
    focus: list[str] = field(default_factory=list)  # French analysed tokens
    focus_en: list[str] = field(default_factory=list)  # English analysed tokens
    numbers: set[int] = field(default_factory=set)
    counts: set[int] = field(default_factory=set)  # numbers that count (« les trois types »), not « principe 3 »
    identified: set[int] = field(default_factory=set)  # numbers that name one thing (« le type 1 », "principle 3")
    years: set[int] = field(default_factory=set)
    decades: set[int] = field(default_factory=set)  # 1970 for « années 70 » / "1970s"
    months: set[int] = field(default_factory=set)
    names: list[str] = field(default_factory=list)  # capitalised words and acronyms (not sentence-initial)
    ordinal: int | None = None  # « le 3e », "the second one"
    negated: bool = False
    every_kind: bool = False  # "what kinds of support …?": every kind asked for, not the one that fits
    exclusive: bool = False
    obligation: bool = False
    future: bool = False  # asks about what is to come (« le prochain bilan ») — the documents only tell the past
    how_to: bool = False  # asks for a procedure (« comment obtenir un permis »)
    text_language: str = ""  # the language the question is written in (« en français svp » re-asks an English one)
    asked_body: str = ""  # « quelle commission »: the kind of body asked for, as the French sources name it
    kinds_of: set[str] = field(default_factory=set)  # « les types de soutien »: the noun whose kinds are asked (analysed)
    listed: set[str] = field(default_factory=set)  # « quelles sont les valeurs », "what values": the things listed
    own_terms: set[str] = field(default_factory=set)  # a follow-up's own words (empty: all its words are its own)
    own: str = ""  # what the asker wrote, folded: without a follow-up's borrowed topic (« … ? (comité suivi) »)
    container: str = ""  # « sous quel principe … ? », "which practice type …": the numbered thing that holds the answer
    asking: str = ""  # the sentence that asks (folded), without the description written before it
    described: bool = False  # the asker describes their own situation before asking (« On gère une banque … »)
    clarification: str = ""  # what follows the question to gloss it (« … ? genre juste bailleur de fonds »), folded
    kept: bool = False  # asks whether a promise or a timeline was kept ("did they stick to that timeline?")
    # a yes/no asked beside the question that decides its kind (« ça a-tu passé à l'unanimité ? c'tait en quelle
    # année ? », "is the RIOCM in the directory? which round table?", "when …, and did it claim to be a first?")
    also_yesno: str = ""
    origin: bool = False  # asks whose idea or initiative it was (« l'idée venait de qui ? », "whose initiative?")
    asker_in_it: bool = False  # the asker is in the question, as a person or as its organisation (« on », "our board")
    source_kind: str = ""  # the kind of document the question names as its source: "slides" or "fact_sheet"
    # « qu'est-ce qui s'est passé entre la Déclaration et l'adoption ? », "the steps between 2019 and 2021": the two
    # ends of a stretch of time whose events are asked for (as written, folded)
    between: tuple[str, str] | None = None
    asks_role: bool = False  # what something does (« à quoi sert le comité ? »): the list of what it does

    @property
    def terms(self) -> list[str]:
        """The focus terms in the language the question is written in."""
        return self.focus_en if (self.text_language or self.language) == "en" else self.focus

    @property
    def is_yesno(self) -> bool:
        return self.kind in ("yesno",) or (self.kind == "eligibility" and self.answer_type == "yesno")


# The kind of document a question names as its source (« d'après la présentation », "on which slide", « selon la
# fiche »): a slide deck, or a fact sheet
_SOURCE_KINDS = (("slides", re.compile(r"\b(presentations?|slides?|diapos?|diapositives?|diaporama|deck)\b")),
                 ("fact_sheet", re.compile(r"\b(fiches?(?: factuelles?| de synthese)?|fact ?sheets?)\b")))

# « entre la Déclaration de 2018 et l'adoption », "between 2019 and 2021": a stretch of time — asked about when the
# question asks what happened in it (not « la différence entre … et … », « le partenariat entre la Ville et … »)
_BETWEEN = re.compile(r"\b(?:entre|between)\s+(.+?)\s+(?:et|and|pis|&)\s+(.+?)\s*(?:[?.!,;]|$)")
_EVENTS = re.compile(r"\b(passe|arrive|happen\w*|etapes?|steps?|milestones?|events?|evenements?|chronolog\w*|"
                     r"timeline|jalons?|deroule\w*|went on|took place)\b")
# « quels types de soutien », "what kinds of support": the answer names kinds of that noun (« Le soutien financier »)
_KINDS_OF = re.compile(r"\b(?:types?|sortes?|categories?|formes?|genres?|kinds?|sorts?|forms?) (?:de |d'|des |of )"
                       r"(?:(?:la |le |l'|the )?)([a-z][\w-]{2,})")
# The things a list question asks for: the noun after « quels sont les », « nommez les », "what are the", "which"
# (« quelles sont les valeurs … » → valeurs; "list the commitments" → commitments)
_LISTED = re.compile(r"\b(?:quel(?:le)?s (?:sont )?(?:les |ses |leurs )?|(?:c'est quoi|que sont|nommez|nomme|enumerez|"
                     r"enumere|listez|donnez|donne)(?:-moi)? (?:les |ses |leurs )|(?:what|which) (?:are )?(?:the |its |"
                     r"their )?|(?:list|name) (?:the |its |their |all )?)((?:deux|trois|quatre|cinq|six|two|"
                     r"three|four|five|\d+) )?([a-z][\w-]{3,})(?: ([a-z][\w-]{3,}))?")
_DISLOCATED = re.compile(r"^(?:(?:et|pis|puis|ok|alors|and|so)\s+)?(?:les|ses|leurs|the)\s+()([a-z][\w-]{3,})"
                         r"(?: ([a-z][\w-]{3,}))?\b[^?]{0,100}?,?\s*(?:c'est quoi|ce sont quoi|sont quoi|"
                         r"c'est lesquel\w*|ce sont lesquel\w*|what are they|which are they)\b")
# « J'ai besoin du libellé des engagements du principe 1 », "give me the commitments under …": a request for a
# set of the things the documents list, without a question word
_LIST_REQUEST = re.compile(r"\b(?:j'ai besoin|on a besoin|il (?:me|nous) faut|donne[sz]?[- ]moi|donnez[- ]nous|"
                           r"(?:i|we) need|give me|send me|show me)\b[^?.]{0,40}?\b(?:les|des|the|all)\b(?: [\w-]+)?? "
                           r"(valeurs|roles|buts|criteres|engagements|principes|commitments|principles|values|goals|"
                           r"criteria)\b"
                           # « … ? les grandes étapes », "… ? the main steps": the steps asked for, as a list
                           r"|\b(?:les|the) (?:(?:grandes|principales|main|key|big) )?(etapes|steps|milestones)\b")
# « Sous quel principe directeur … ? », "Which guiding principle includes …?": the answer is a numbered thing
# (« Principe 1 - … ») — the stem its title starts with
_CONTAINER = re.compile(r"\b(?:quel(?:le)?|lequel|laquelle|which|what)\s+(?:of (?:the |its |ses |les )?|d(?:e|es) )?(?:[\w']+\s+){0,2}"
                        r"(principe|principle|type|partie|part)s?\b")
_COMMITTED = re.compile(r"\b(a quoi .{0,40}\bengage\w*|s'engage\w* a quoi|engage\w* (?:\w+ ){0,3}a quoi|"
                        r"qu'est-ce que .{0,30}\bpromet|"
                        r"(?:promis|promet|promettait) quoi|"
                        r"what (?:does|did|has|had) .{0,30}\bpromis\w*|(what|which \w+) (?:exactly |precisely |actually )?(did|does|has|have|will) .{0,40}"
                        r"\bcommit(ted|s)? to|commits? to what|"
                        # "what did it commit the City to?": the one committed named between
                        r"(what|which \w+) (?:did|does|has|had|will) .{0,30}\bcommit(ted|s)? (?:the city|montreal|the \w+|it|them|us) to)\b")
# Words before the listed noun that are not it (« les grandes étapes », "the main principles")
_BEFORE_NOUN = {"grandes", "grands", "principales", "principaux", "differentes", "differents", "autres", "main", "key",
                "different", "other", "various", "major", "core", "basic", "fundamental", "underlying",
                "fondamentales", "fondamentaux", "essentielles", "essentiels"}
# Things the sources number one by one (singular, folded): « principe 3 », "slide 12", « l'engagement 2 »
NUMBERED_THING = r"principe|principle|type|engagement|commitment|diapositive|diapo|slide|etape|step|critere|criterion|" \
                 r"partie|part"
# A number that names one thing of a series, not a count (« les 3 types »)
_IDENTIFYING = re.compile(r"\b(?:(?:" + NUMBERED_THING + r")s?|criteria|articles?|numeros?|no|pages?|p\d+-e)\s*(\d+)\b")
_NUMBER_WORD = re.compile(r"\b(" + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
                          + r")\b")
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")
# a decade as written (« années 70 et 80 », "1970s"): read by ``normalise_numbers``, and no count
DECADE = re.compile(r"\b(?:annees|decennies?)\s+((?:19)?\d0(?:\s*(?:et|a|-|,|ou)\s*(?:19)?\d0)*)\b"
                     r"|\b((?:19)?\d0'?s(?:\s*(?:and|or|-|,|to)\s*(?:19)?\d0'?s?)*)")
_DECADE_WORD = re.compile(r"\b(?:annees|the)\s+(soixante-dix|soixante|quatre-vingt-dix|quatre-vingt)\b"
                          r"|\b(sixties|seventies|eighties|nineties)\b")


@lru_cache(maxsize=4096)
def normalise_numbers(text: str) -> tuple[frozenset[int], frozenset[int], frozenset[int], frozenset[int]]:
    """(numbers, years, decades, months) of a text, from digits and words, French or English."""
    folded = fold(text)
    numbers = {int(n) for n in re.findall(r"\b\d{1,7}\b", folded)}
    numbers |= {NUMBER_WORDS[m.group(1)] for m in _NUMBER_WORD.finditer(folded)}
    years = {n for n in numbers if 1900 <= n <= 2100}
    decades = set()
    for match in DECADE.finditer(folded):
        for value in re.findall(r"(?:19)?\d0", match.group(0)):
            decades.add(int(value) if len(value) == 4 else 1900 + int(value))
    for match in _DECADE_WORD.finditer(folded):
        decades.add(1900 + NUMBER_WORDS[match.group(1) or match.group(2)])
    months = {MONTHS[m.group(1)] for m in _MONTH.finditer(folded)}
    return frozenset(numbers), frozenset(years), frozenset(decades), frozenset(months)


_CONDITION = re.compile(r"^\W*(?:(?:and|et|pis|so|ok|but|mais)\W+)?(?:if|when|whenever|once|si|lorsqu\w*|quand|une fois qu\w*)"
                        r"\b[^,?]{3,80},\s*(?=(?:and |et |pis )?(?:what|which|who|how|where|why|do|does|did|can|could|"
                        r"will|would|is|are|must|should|quel\w*|qu'est|que|quoi|qui|comment|combien|ou|est-ce|"
                        r"peut|doit|faut|y a)\b)")


# whether a promise or a timeline was kept ("did they stick to that timeline?", « l'échéance a-t-elle été respectée ? »)
_KEPT = re.compile(r"\b((stick|stuck|kept|keep|meet|met|honou?r\w*|respect\w*|tenu\w*|tenir|deliver\w* on) "
                   r"(to )?(that |the |their |its |this |leur |son |sa |ses |cet |cette |l')?(\w+ )?(timeline|deadline|"
                   r"schedule|promise|commitment|word|target|echeance|promesse|engagement|delai|calendrier|parole)|"
                   r"(echeance|promesse|engagement|delai|calendrier|timeline|deadline)s?\b[^?]{0,80}\b(respecte\w*|"
                   r"tenu\w*|kept|met)|on time|a temps|dans les temps|comme (prevu|promis)|as (promised|planned)|"
                   r"pull\w* (that|it) off)\b")
_BARE_CONDITION = re.compile(r"^\W*(?:quand|lorsque?|when) (?:la|le|les|l'|un|une|on|nous|notre|nos|mon|ma|mes|the|a|an|"
                             r"we|our|my)\b[^,?]{3,80}?\s(?=(?:quel\w*|quoi|comment|combien|pourquoi|what|which|how)\b"
                             r"[^?]*\?)")


def without_condition(text: str) -> str:
    """The question as written, without a clause of time or condition before it (« Quand la déclaration a été adoptée
    en 2018, quel regroupement … ? » → « quel regroupement … ? »). (Folding keeps the length of accented letters.)"""
    folded = fold(text)
    found = _CONDITION.match(folded) or _BARE_CONDITION.match(folded)
    return text[found.end():] if found and len(folded) == len(text) else text


# "what kinds of support …?", « quels types de soutien … ? », "what kinds of help can we get?": every kind asked for
# (not "what form of support is that?")
_EVERY_KIND = re.compile(r"\b(kinds|types|forms|sorts) of (the )?(city'?s? )?(support|help|aid|assistance)|"
                         r"\b(quel(le)?s|les) (autres )?(types|formes|sortes|genres) (de soutien|d'aide)|" + _WAYS_OF_SUPPORT)


# the asker speaking of themselves (« on », « notre », "we", "our")
FIRST_PERSON = re.compile(r"\b(on|nous|notre|nos|je|j|mon|ma|mes|we|our|us|my)\b")
# the asker in the question, as a person or as its organisation (« on », "we", « notre organisme », "our board"), not
# only as the owner of what is asked about (« nos politiques locales »)
ASKER_IN_IT = re.compile(r"\b(on|nous|we|us|je|j|i|me|moi)\b|\b(notre|nos|our|my|mon|ma|mes)\s+(\w+\s+)?("
                          r"organismes?|groupes?|organi[sz]ations?|orgs?|obnl|associations?|comites?|centres?|tables?|"
                          r"regroupements?|coop\w*|"
                          r"projets?|projects?|missions?|activites|activities|membres|members|ca|conseil|board|budget|"
                          r"locaux|local|services?|programmes?|programs?|benevoles|volunteers|equipe|team|quartier|"
                          r"neighbou?rhood)\b")


def names_in(text: str) -> list[str]:
    """Capitalised words that are not the first of a sentence, and acronyms."""
    out = []
    for sentence in re.split(r"(?<=[.!?])\s+", text.strip()):
        tokens = re.findall(r"[A-Za-zÀ-ÿ][\wÀ-ÿ'’-]*", sentence)
        for n, token in enumerate(tokens):
            token = re.sub(r"['’]s$", "", token)  # "Toronto's": the name, not its possessive
            head = re.split(r"['’]", token)[-1] or token  # « l'Ontario »: the name after the elision
            if (n > 0 and head[:1].isupper()) or (len(head) > 1 and head.isupper()):
                out.append(head)
    return out


# whose idea or initiative it was: who started it, not who adopted it
_ORIGIN_ASKED = re.compile(r"\b(l'idee (de qui|venait de qui|vient de qui)|(eu|lance) l'idee|(venu|venait|vient) de qui|"
                           r"(l'|a l')initiative de qui|qui (est|etait) (a l'origine|derriere)|"
                           r"(whose|who's) (idea|initiative)|who came up with|who (initiated|proposed|pushed|was behind)|"
                           r"whose administration|quelle administration|(qui|quel maire|quelle mairesse) (l')?(a|avait) "
                           r"(lance|initie|propose)e?s?|who (launched|started))\b")


# a word that links the question to what came before ("And does it …?", « pis c'est … ? »)
_LINKING_START = re.compile(r"^(?:(?:and|et|pis|so|but|mais|alors|donc|also)\W+)+")


def _asks_yes_or_no(sentence: str) -> bool:
    """A folded sentence asks yes or no: it opens on its verb (« est-ce que … », « ça a-tu passé … », "is the RIOCM
    …") and no question word comes before it."""
    sentence = _LINKING_START.sub("", sentence)
    inversion = _YESNO_ANYWHERE.search(sentence)
    english = _EN_INVERTED.search(sentence)
    wh = _WH.search(_without_relative(sentence))
    # « La Ville peut-elle se mêler de comment… » is yes/no: the wh-word comes after the inverted verb.
    return bool(_YESNO_START.match(sentence)) or bool(inversion and (not wh or wh.start() > inversion.start())) \
        or bool(english and (not wh or wh.start() > english.start(1)))


def analyse_question(text: str, language: str | None = None) -> Question:
    language = language or detect_language(text)
    folded = standard_spelling(fold(text))
    q = Question(text=text, language=language)
    # "When it does give them money, what does it require?", « Quand la Ville finance un groupe, qu'exige-t-elle ? »:
    # a clause of time or condition before the question is not what is asked
    asked = _CONDITION.sub("", folded, count=1)
    # (« Quand la Ville est partenaire elle peut jouer quels rôles ? », written without the comma: the clause opens on
    # its subject and a question word comes after it)
    asked = _BARE_CONDITION.sub("", asked, count=1)
    for kind, answer_type, pattern in _KINDS:
        if pattern.search(asked):
            q.kind, q.answer_type = kind, answer_type
            q.asks_role = pattern is _ROLE
            break
    if q.kind == "definition" and re.search(r"\b" + _WHICH_LOOSELY + r"\b", folded):
        q.kind, q.answer_type = "list", "list"  # « c'est quoi comme valeurs ? »: which ones, all of them
    if q.kind == "definition" and re.search(r"\b(c'est quoi|qu'est-ce que|qu'est ce que|que sont) "
                                            # (« c'est quoi exactement les … »)
                                            r"(?:(?:\w+ment|donc|encore|deja|au juste) )?(les|ses|leurs) "
                                            r"(\d+ |deux |trois |quatre |cinq )?\w+s\b",
                                            folded):
        q.kind, q.answer_type = "list", "list"  # « c'est quoi les principes directeurs ? » asks for them all
    # What the asker wrote, without a follow-up's added topic (« … appuyée ? (qui invité où adoptée) »): the topic
    # lends the question no question word, no end, no number or date.
    # (nor does the name of the organisation a pronoun stood for, put after the question: « … ? « RIL » »)
    own = re.sub(r"\s*\([^()]*\)\s*$|(?<=[?!.])\s*« [^«»]* »\s*$", "", text)
    own_folded = q.own = standard_spelling(fold(own)).strip()
    no_wh = not _WH.search(own_folded)
    # the question, after any context sentences and before a follow-up's added topic (« … après ? (finance) »)
    sentences = [x for x in re.split(r"(?<=[.!?])\s+", own_folded) if x.strip()] or [own_folded]
    # (« … une enveloppe dédiée ? genre une enveloppe à part », "…? like did some vote against": a clarification
    # after the question is not the question)
    while len(sentences) > 1 and _CLARIFICATION.match(sentences[-1]):
        q.clarification = f"{sentences.pop()} {q.clarification}".strip()
    # (« … pour les groupes ? on a entendu dire que non », "…? we'd love steady funding": a remark after the question
    # is not the question)
    last = asking = sentences[-1] if sentences[-1].endswith("?") \
        else next((x for x in reversed(sentences) if x.endswith("?")), sentences[-1])
    # ("Good. And does it …?", "our board is worried - if the city supports us can they …?": what opens the question
    # before its verb — a word that links it to what came before, a remark before a dash)
    last = re.sub(r"^.*?\s[-–—]\s+(?=(?:if|si|when|quand|and|et|so|but|mais|can|could|does|do|did|is|are|will|would|"
                  r"should|est-ce)\b)", "", last)
    last = _LINKING_START.sub("", last)
    # "If the City funds us, will it ask …?": the question comes after its condition
    # ("when was it adopted, and was it unanimous?" opens on a question, not a condition: « when » and its verb)
    last = re.sub(r"^(if|si|s'|when|once|lorsqu\w*|une fois qu\w*)\b(?! (?:do|does|did|can|could|will|would|should|"
                  r"must|may|is|are|was|were|have|has|had)\b)[^,?]*,\s*", "", last)
    # (written without the comma: "if we get City funding do we have to …?")
    # ("When did it table its report?" is a when-question: a condition has its own subject before the verb.)
    last = re.sub(r"^(if|when|once)\b(?! (do|does|did|can|could|will|would|should|must|may|is|are|was|were|have|has|"
                  r"had)\b)[^?]*?\b(?=(do|does|did|can|could|will|would|should|must|may|is|are|have|has) "
                  r"(we|i|you|they|it|he|she|the city|our|my)\b)", "", last)
    starts_yesno = _asks_yes_or_no(last)
    # « c'est les arrondissements qui s'en occupent ? »: a cleft sentence names its answer and asks if it is so
    # (« c'est de qui ? », « c'est à qui ? » ask who)
    # (« c'est venu de qui, l'idée ? »: « qui » after a preposition asks who — no relative pronoun, no cleft)
    cleft = re.search(r"\b(c'est|ce sont|c'est-tu|c'est tu)\s+(?!(?:de |d'|a |par |avec |pour |chez )?(?:qui|quoi)\b)"
                      r"[^?]{2,60}?(?<!\bde )(?<!\bpar )(?<!\ba )(?<!\bavec )(?<!\bpour )(?<!\bchez )\bqui\b", last)
    starts_yesno = starts_yesno or bool(cleft and not _WH.search(last[:cleft.end() - 3] + last[cleft.end():]))
    if q.kind in ("other", "definition", "list", "when", "who") and not _REQUEST.match(last) and (
            starts_yesno or (no_wh and text.strip().endswith("?"))
            # a follow-up with its topic added is a yes/no when its own words have a subject and a verb (« elle l'a
            # appuyée ? »), not when they are a fragment that continues the earlier question (« et pour X ? »)
            or (no_wh and own != text and own_folded.endswith("?") and (_PRONOUN_CLAUSE.search(own_folded)
                                                                          or _AUX_CLAUSE.search(own_folded)))):
        q.kind, q.answer_type = "yesno", "yesno"
    elif q.kind == "eligibility" and not (starts_yesno or no_wh):
        q.answer_type = "text"  # « on tombe dans quel type de pratique ? »
    elif q.kind == "other" and no_wh:
        q.kind = "lookup"
    elif q.kind == "other" and _WHY.search(own_folded):
        q.answer_type = "reason"  # « pourquoi … ? »: a passage that gives reasons (« … est cruciale pour : »)
    searched = without_idioms(text)
    q.focus = analyse(searched, "fr")
    q.focus_en = [t for t in analyse(searched, "en") if t not in _ENGLISH_STOP]
    # « selon la présentation », "per the fact sheet": where to look
    q.source_kind = next((kind for kind, pattern in _SOURCE_KINDS if pattern.search(folded)), "")
    if own != text:
        # a follow-up's own words, apart from the topic it borrowed: they decide, the topic only disambiguates
        q.own_terms = set(analyse(own, "fr")) | set(analyse(own, "en"))
    q.text_language = detect_language(text, default=language)
    # (« c'est arrivé en 2019 ? (adoptée déclaration 2018) » asks about 2019 only)
    q.numbers, q.years, q.decades, q.months = (set(v) for v in normalise_numbers(own))
    q.identified = {int(m.group(1)) for m in _IDENTIFYING.finditer(folded)}
    q.counts = {n for n in q.numbers if n not in q.identified and n < 100}
    q.names = names_in(text)
    found = [(m.start(), ORDINALS[m.group(1)]) for m in re.finditer(
        r"\b(" + "|".join(re.escape(w) for w in ORDINALS) + r")\b", folded)]
    q.ordinal = min(found)[1] if found else None  # the first one written
    # A negation in a condition (« si on l'a pas invitée », "if we did not ask") is not the question's own.
    # An English negative question ("Doesn't the policy come with a budget?", "Isn't it meant to replace …?") asks
    # the same as the positive one and takes the same « No »: its negation is not the question's own.
    # Only the sentence that asks: the description before it is not negated by its own « ne … pas » (« on a
    # l'impression que notre avis ne pèse pas lourd. Est-ce que la Ville s'est engagée … ? »).
    asked = asking if len(sentences) > 1 else text
    q.asking = fold(asked)
    whole = fold(text)
    q.described = q.asking != whole and bool(FIRST_PERSON.search(whole[:whole.rfind(q.asking)]))
    # (up to the end of the question: a remark after it, « on a entendu dire que non », does not put the asker in it)
    end = whole.rfind(q.asking)
    q.asker_in_it = bool(ASKER_IN_IT.search(whole[:end + len(q.asking)] if end >= 0 else whole))
    asked = _NEGATIVE_ASKING.sub(r"\1 ", asked) if language == "en" else asked
    # (nor is one in a circumstance: « Sans y avoir été conviée, la Ville … ? », "Without being asked, can it …?")
    # (nor « … ou pas pantoute ? », "… or not?": the other alternative, not a negation)
    q.negated = bool(_NEGATION.search(re.sub(r"\b(si|if|unless|a moins)\b[^,?]*|^\W*(sans|without)\b[^,?]*,|"
                                             r"\b(ou|or) (pas|not)( du tout| pantoute| vraiment| really)?\b", " ",
                                             fold(asked), flags=re.I)))
    q.kept = bool(_KEPT.search(own_folded))
    q.origin = bool(_ORIGIN_ASKED.search(own_folded))
    if not q.is_yesno:
        q.also_yesno = next((x for x in sentences if x is not asking and x.endswith("?") and _asks_yes_or_no(x)), "")
        clause = re.search(r",\s*(?:and|et)\s+((?:did|does|do|is|was|were|are|has|have|can|will|est-ce)\b[^?]*\?)",
                           asking)
        q.also_yesno = q.also_yesno or (clause.group(1) if clause else "")
    # (« … un besoin imprévu, ou c'est seulement dans le cadre de programmes ? » offers « only » as the other
    # alternative: what is asked is the first one, not whether there is only one)
    q.exclusive = bool(_EXCLUSIVE.search(ONLY_ALTERNATIVE.sub(" ", folded)))
    q.every_kind = bool(_EVERY_KIND.search(folded))
    q.obligation = bool(_OBLIGATION.search(folded))
    q.future = bool(_FUTURE.search(folded))
    stretch = _BETWEEN.search(folded) if _EVENTS.search(folded) else None
    q.between = (stretch.group(1), stretch.group(2)) if stretch else None
    body = _ASKED_BODY.search(folded) if q.answer_type == "person_or_body" else None
    q.asked_body = _BODY_NOUNS[body.group(1)] if body else ""
    container = _CONTAINER.search(folded)
    q.container = {"principle": "princip", "principe": "princip", "partie": "part"}.get(
        container.group(1), container.group(1)) if container else ""
    dislocated = _DISLOCATED.search(folded) if q.kind in ("definition", "other", "list") else None
    if dislocated:
        # « les valeurs mises de l'avant dans la politique, c'est quoi déjà ? »: a plural subject put first, then
        # asked for — the things listed
        q.kind, q.answer_type = "list", "list"
    listed = (dislocated or _LISTED.search(folded)) if q.kind == "list" else None
    if listed:
        # French puts the noun first (« les principes directeurs »); in English it may be either word ("the guiding
        # principles", "which values underpin …")
        first, second = (w for w in listed.group(2, 3))
        owned = re.match(r"'s ((?:[a-z][\w-]* ?){1,3})", folded[listed.end(2):]) if not second else None
        if owned:
            # "what are the policy's main goals?": the goals, not the policy that owns them
            first = next((w for w in owned.group(1).split() if w not in _BEFORE_NOUN and len(w) > 3), first)
        if first in _BEFORE_NOUN and second:
            first, second = second, None
        noun = f"{first} {second}" if second and q.text_language == "en" else first
        q.listed = set(analyse(noun, "fr")) | set(analyse(noun, "en"))
    request = _LIST_REQUEST.search(folded) if q.kind in ("other", "lookup") else None
    if request:
        noun = request.group(1) or request.group(2)
        q.kind, q.answer_type = "list", "list"
        q.listed = set(analyse(noun, "fr")) | set(analyse(noun, "en"))
    if q.kind in ("other", "list") and _COMMITTED.search(folded):
        # « À quoi la Ville s'est-elle engagée ? », "what did the City commit to?": its commitments, listed
        q.kind, q.answer_type = "list", "list"
        q.listed |= set(analyse("engagements", "fr")) | set(analyse("commitments", "en"))
    kinds = _KINDS_OF.search(folded)
    if kinds:
        q.kinds_of = set(analyse(kinds.group(1), "fr")) | set(analyse(kinds.group(1), "en"))
    q.how_to = bool(re.search(r"^\s*(comment (obtenir|faire|fait-on|demander|avoir|porter|s'inscrire|contester|"
                              r"renouveler|deposer)|how (do|can|to|should) (i|we|you)?)|\b(date limite|deadline|"
                              r"formulaire|application form|how (do|can) (we|i) apply|demande de subvention)\b",
                              folded))
    return q
