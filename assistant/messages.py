"""Every user-facing string, French first, English second, in one place.

Usage: ``t("abstain", "en")``; ``t("directory_intro", "fr", n=3)``
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "according_to": {
        "fr": "Selon {title}, « {section} »{where} :",
        "en": "According to {title}, “{section}”{where} (quoted in French):",
    },
    "where_page": {"fr": " ({label} {page})", "en": " ({label} {page})"},
    "also": {"fr": "Voir aussi :", "en": "See also:"},
    "abstain": {
        "fr": "Les documents de Repère ne couvrent pas cette question : je préfère ne pas deviner.",
        "en": "Repère's documents do not cover this question, so I would rather not guess.",
    },
    "abstain_nearest": {
        "fr": "Sections les plus proches :",
        "en": "Nearest sections:",
    },
    "directory_intro": {
        "fr": "{n} organisme(s) de l'annuaire correspondent{facets} :",
        "en": "{n} organisation(s) in the directory match{facets}:",
    },
    "directory_more": {
        "fr": "… et {n} autre(s). Affinez avec un arrondissement, une table ou un secteur.",
        "en": "… and {n} more. Narrow it down with a borough, round table or sector.",
    },
    "directory_none": {
        "fr": "Aucun organisme de l'annuaire ne correspond à cette recherche.",
        "en": "No organisation in the directory matches this search.",
    },
    "directory_caveat": {
        "fr": "Annuaire compilé des listes de membres des tables de quartier ; arrondissement déduit du territoire de "
              "la table ; secteurs inférés du nom.",
        "en": "Directory compiled from the round tables' member lists; borough inferred from the table's territory; "
              "sectors inferred from the name.",
    },
    "llm_fallback": {
        "fr": "Le modèle génératif n'a pas répondu ({error}) : réponse extractive à la place.",
        "en": "The generative model did not answer ({error}); extractive answer instead.",
    },
    "error_empty": {
        "fr": "La question est vide : écrivez une question.",
        "en": "The question is empty: please type a question.",
    },
    "error_too_long": {
        "fr": "La question dépasse {limit} caractères ({length}) : raccourcissez-la.",
        "en": "The question is longer than {limit} characters ({length}): please shorten it.",
    },
    "error_no_store": {
        "fr": "L'index est vide : lancez d'abord `repere ingest`.",
        "en": "The index is empty: run `repere ingest` first.",
    },
    "page_label_diapositive": {"fr": "diapositive", "en": "slide"},
    "page_label_page": {"fr": "page", "en": "page"},
    "page_label_ligne": {"fr": "ligne", "en": "row"},
}


def t(key: str, lang: str = "fr", **values) -> str:
    entry = MESSAGES[key]
    return entry.get(lang, entry["fr"]).format(**values)
