"""English → French domain terms, so English questions also get lexical evidence from the French corpus.

The corpus is French; dense retrieval crosses languages, BM25 does not. Expanding an English question with
the French terms of this glossary gives BM25 (and the abstention check) something to match. Only the
domain's own vocabulary is listed: it is a glossary, not a translator.

Usage: ``expand_english("What are the commitments under principle 2?")``
"""

from __future__ import annotations

import re

GLOSSARY: dict[str, str] = {
    "support": "soutien", "supports": "soutien", "financial": "financier", "funding": "financement soutien financier",
    "fund": "financement", "funds": "financement", "money": "financement budgétaire", "budget": "budget enveloppe",
    "professional": "professionnel", "training": "formation", "coaching": "accompagnement", "advice": "soutien-conseil",
    "premises": "locaux locatif", "rent": "location locatif", "rental": "locatif location", "space": "locaux",
    "room": "locaux", "price": "prix", "prices": "prix", "cheaper": "prix préférentiels", "lower": "préférentiels",
    "commitment": "engagements", "commitments": "engagements", "pledge": "engagements", "principle": "principe",
    "principles": "principes directeurs", "guiding": "directeurs", "values": "valeurs", "value": "valeur",
    "goals": "buts", "goal": "buts", "aims": "buts", "scope": "portée", "policy": "politique",
    "declaration": "déclaration", "recognition": "reconnaissance", "recognise": "reconnaît reconnaître",
    "recognize": "reconnaît reconnaître", "recognises": "reconnaît", "recognizes": "reconnaît",
    "community": "communautaire", "organisations": "organismes", "organizations": "organismes",
    "organisation": "organisme", "organization": "organisme", "groups": "regroupements organismes",
    "federations": "regroupements", "federation": "regroupement", "autonomy": "autonomie", "autonomous": "autonome",
    "action": "action", "rights": "droits", "advocacy": "défense collective des droits", "collective": "collective",
    "popular": "populaire", "education": "éducation", "mobilisation": "mobilisation", "mobilization": "mobilisation",
    "partnership": "partenariat", "partnerships": "partenariats", "partner": "partenaire", "ethical": "éthiques",
    "committee": "comité", "follow-up": "suivi", "monitoring": "suivi", "report": "bilan", "reports": "bilan",
    "triennial": "triennal", "accountability": "reddition comptes", "evaluation": "évaluation", "evaluate": "évaluation",
    "impact": "impact", "adopted": "adoption adopté", "adopt": "adopter", "adoption": "adoption",
    "council": "conseil", "unanimously": "unanimité", "consultation": "consultation", "mayor": "mairesse",
    "boroughs": "arrondissements", "borough": "arrondissement", "city": "ville", "responsibilities": "responsabilités",
    "powers": "pouvoirs", "homelessness": "itinérance", "newcomers": "nouveaux arrivants", "immigrants": "immigrants",
    "housing": "logement habitation", "poverty": "pauvreté", "criteria": "critères", "practice": "pratiques",
    "practices": "pratiques", "types": "types", "board": "conseil administration CA", "independent": "indépendant",
    "members": "membres", "represent": "représentent", "seniors": "aînés", "women": "femmes", "youth": "jeunes",
    "food": "alimentaire", "projects": "projets", "project": "projets", "mission": "mission", "mandates": "mandats",
    "roles": "titres", "subsidizer": "subventionnaire", "grants": "subventionnaire", "contractor": "contractant",
    "consultant": "consultant", "worked": "collaboration partenariat", "together": "collaboration",
    "since": "depuis", "history": "années", "statement": "déclaration", "new": "nouvelle",
    "agreement": "entente", "follow": "suivi", "often": "fréquence", "sits": "siège", "sit": "siège",
    "requires": "demande", "require": "demande", "offer": "offrir", "quote": "citation", "conclusion": "conclusion", "implementation": "mise en œuvre",
}


def expand_english(question: str) -> str:
    """The question followed by the French terms of its English domain words."""
    extra = []
    for word in re.findall(r"[a-zA-Z][a-zA-Z-]+", question.lower()):
        if word in GLOSSARY:
            extra.append(GLOSSARY[word])
    return f"{question} {' '.join(extra)}" if extra else question
