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
    # --- interface -------------------------------------------------------------------------------
    "ui_title": {"fr": "# Repère — l'assistant du milieu communautaire montréalais",
                 "en": "# Repère — the assistant for Montréal's community sector"},
    "ui_subtitle": {
        "fr": "Réponses citées sur la Politique montréalaise pour l'action communautaire, la Déclaration de 2018 et "
              "l'annuaire des organismes. Hors ligne; quand les documents ne couvrent pas une question, Repère le dit.",
        "en": "Cited answers about Montréal's community-action policy, the 2018 Declaration and the directory of "
              "organisations. Offline; when the documents do not cover a question, Repère says so."},
    "ui_language": {"fr": "Langue / Language", "en": "Langue / Language"},
    "tab_chat": {"fr": "Discussion", "en": "Chat"},
    "tab_directory": {"fr": "Annuaire", "en": "Directory"},
    "tab_fit": {"fr": "Quel soutien?", "en": "Which support?"},
    "tab_commitments": {"fr": "Engagements", "en": "Commitments"},
    "tab_eval": {"fr": "Évaluation", "en": "Evaluation"},
    "tab_admin": {"fr": "Administration", "en": "Administration"},
    "chat_label": {"fr": "Votre question", "en": "Your question"},
    "chat_placeholder": {"fr": "Ex. : Quels types de soutien la Ville offre-t-elle?",
                         "en": "E.g. What types of support does the City offer?"},
    "send": {"fr": "Envoyer", "en": "Send"},
    "clear": {"fr": "Nouvelle conversation", "en": "New conversation"},
    "sources": {"fr": "Sources", "en": "Sources"},
    "no_sources": {"fr": "Les sources de la réponse s'afficheront ici.", "en": "The answer's sources will show here."},
    "abstain_badge": {"fr": "Hors du corpus", "en": "Not covered"},
    "examples_org": {"fr": "Organismes", "en": "Organisations"},
    "examples_staff": {"fr": "Personnel de la Ville", "en": "City staff"},
    "examples_general": {"fr": "Grand public", "en": "General public"},
    "search_label": {"fr": "Nom ou thème (fautes permises)", "en": "Name or topic (typos allowed)"},
    "borough": {"fr": "Arrondissement ou ville liée", "en": "Borough or linked city"},
    "table": {"fr": "Table de quartier", "en": "Neighbourhood round table"},
    "kind": {"fr": "Type de membre", "en": "Membership kind"},
    "sector": {"fr": "Secteur (inféré du nom)", "en": "Sector (inferred from the name)"},
    "search": {"fr": "Rechercher", "en": "Search"},
    "export_csv": {"fr": "Exporter en CSV", "en": "Export as CSV"},
    "export_hsds": {"fr": "Exporter en HSDS 3.0", "en": "Export as HSDS 3.0"},
    "results_count": {"fr": "**{n}** organisme(s)", "en": "**{n}** organisation(s)"},
    "inferred": {"fr": "inféré", "en": "inferred"},
    "fit_intro": {"fr": "Cochez ce qui décrit votre organisme et ce dont il a besoin.",
                  "en": "Tick what describes your organisation and what it needs."},
    "fit_criteria": {"fr": "Votre organisme", "en": "Your organisation"},
    "fit_needs": {"fr": "Vos besoins", "en": "Your needs"},
    "fit_go": {"fr": "Voir le soutien qui convient", "en": "See which support fits"},
    "principle": {"fr": "Principe", "en": "Principle"},
    "all": {"fr": "Tous", "en": "All"},
    "filter_text": {"fr": "Mots à chercher", "en": "Words to look for"},
    "eval_rerun": {"fr": "Relancer l'évaluation", "en": "Run the evaluation again"},
    "eval_none": {"fr": "Aucun rapport : lancez l'évaluation.", "en": "No report yet: run the evaluation."},
    "admin_password": {"fr": "Mot de passe administrateur", "en": "Administrator password"},
    "admin_unlock": {"fr": "Déverrouiller", "en": "Unlock"},
    "admin_wrong": {"fr": "Mot de passe incorrect.", "en": "Wrong password."},
    "admin_wait": {"fr": "Trop d'essais : réessayez dans {seconds} s.", "en": "Too many attempts: try again in {seconds} s."},
    "admin_required": {"fr": "Action réservée à l'administration : déverrouillez d'abord la vue Administration.",
                       "en": "Administrators only: unlock the Administration view first."},
    "eval_done": {"fr": "Évaluation terminée : rapport mis à jour (dossier de données).",
                  "en": "Evaluation finished: report updated (data folder)."},
    "admin_upload": {"fr": "Téléverser des documents (PDF, MD, TXT, CSV)", "en": "Upload documents (PDF, MD, TXT, CSV)"},
    "admin_remove": {"fr": "Retirer le document", "en": "Remove the document"},
}


def t(key: str, lang: str = "fr", **values) -> str:
    entry = MESSAGES[key]
    return entry.get(lang, entry["fr"]).format(**values)
