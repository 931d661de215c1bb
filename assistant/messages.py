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
    # --- answers ---------------------------------------------------------------------------------
    "answer_yes": {"fr": "**Oui**, selon les documents :", "en": "**Yes**, according to the documents:"},
    "answer_no": {"fr": "**Non**, selon les documents :", "en": "**No**, according to the documents:"},
    # the support-fit guide, when what the organisation said meets a practice type's own criteria and fails none,
    # but the criteria every type shares are not all answered yet
    "fit_likely_yes": {"fr": "**Oui, probablement** (à confirmer avec les critères ci-dessous).",
                       "en": "**Yes, most likely** (to be confirmed with the criteria below)."},
    "source_line": {"fr": "Source : {source}", "en": "Source: {source}"},
    "cited_in_sheet": {"fr": " — la fiche cite : {sources}", "en": " — the sheet cites: {sources}"},
    "summary_note": {"fr": " (fiche : résumé de sources secondaires)",
                     "en": " (fact sheet: a summary of secondary sources)"},
    "french_original": {"fr": "Original : « {text} »", "en": "French original: « {text} »"},
    "unofficial_label": {"fr": "traduction non officielle / unofficial translation",
                         "en": "traduction non officielle / unofficial translation"},
    "french_only": {"fr": "{text}", "en": "(This text exists only in French.) « {text} »"},
    "context_label": {"fr": "Contexte", "en": "Context"},
    "fit_more": {"fr": "(Résultat complet, avec chaque critère et sa citation : onglet « Quel soutien? ».)",
                 "en": "(Full result, every criterion with its quote: the “Which support?” tab.)"},
    "abstain_no_amount": {
        "fr": "Les documents ne donnent aucun montant pour cette question.",
        "en": "The documents give no amount for this question.",
    },
    "abstain_no_date": {
        "fr": "Les documents ne donnent aucune date pour cette question.",
        "en": "The documents give no date for this question.",
    },
    "abstain_no_person": {
        "fr": "Les documents ne nomment personne pour cette question.",
        "en": "The documents name no one for this question.",
    },
    "abstain_no_number": {
        "fr": "Les documents ne donnent pas ce nombre.",
        "en": "The documents do not give this number.",
    },
    "abstain_no_names": {
        "fr": "Les documents en donnent le nombre, mais ne les nomment pas.",
        "en": "The documents give their number but do not name them.",
    },
    "abstain_no_contact": {
        "fr": "Les documents de Repère ne donnent pas de coordonnées (téléphone, courriel, adresse, site web).",
        "en": "Repère's documents give no contact details (phone, e-mail, address, website).",
    },
    "abstain_after_sources": {
        "fr": "Les documents de Repère s'arrêtent en {latest} : ils ne disent rien de {year}.",
        "en": "Repère's documents stop in {latest}: they say nothing about {year}.",
    },
    "abstain_other_year": {
        "fr": "Les documents ne le disent pas pour {year} : ce qu'ils en disent porte sur une autre année.",
        "en": "The documents do not say this of {year}: what they say of it is about another year.",
    },
    "abstain_opinion": {
        "fr": "Je n'ai pas d'opinion à donner : Repère rapporte ce que disent les documents, avec leurs sources.",
        "en": "I have no opinion to give: Repère reports what the documents say, with their sources.",
    },
    # (asked whether it is in the directory, as well as where: « y'est-tu dans l'annuaire ? avec quelle table ? »)
    "directory_listed_yes": {"fr": "**Oui** :", "en": "**Yes**:"},
    "directory_org_tables": {
        "fr": "{name} est membre de {n} table(s) de quartier de l'annuaire :",
        "en": "{name} is a member of {n} neighbourhood round table(s) in the directory:",
    },
    "directory_close_names": {"fr": "Autre(s) fiche(s) de l'annuaire dont le nom contient celui-ci :",
                              "en": "Other directory record(s) whose name contains this one:"},
    "directory_tables_in": {
        "fr": "{place} : {n} table(s) de quartier dans l'annuaire — celles dont au moins 80 % des membres y sont "
              "listés :",
        "en": "{place}: {n} neighbourhood round table(s) in the directory — those with at least 80 % of their "
              "members listed there:",
    },
    "directory_table_territory": {
        "fr": "{table} couvre {n} {kind} : {places}.",
        "en": "The round table {table} covers {n} {kind} of the island: {places}.",
    },
    # (the kinds of place of tables_de_quartier.csv's region_type)
    "territory_arrondissement": {"fr": "arrondissement(s)", "en": "borough(s)"},
    "territory_ville_liee": {"fr": "ville(s) liée(s)", "en": "linked city(ies)"},
    "territory_mixed": {"fr": "arrondissement(s) ou ville(s) liée(s)", "en": "borough(s) or linked city(ies)"},
    "directory_territory_partial": {
        "fr": "Couverture partielle{note} (tables_de_quartier.csv, établi à partir des listes des tables).",
        "en": "Partial coverage{note} (tables_de_quartier.csv, compiled from the tables' lists; the note is in "
              "French).",
    },
    "directory_the_table": {
        "fr": "La table de quartier de l'annuaire qui correspond : {table}.",
        "en": "The neighbourhood round table in the directory that matches: {table}.",
    },
    "directory_no_members": {
        "fr": "L'annuaire liste les membres des tables de quartier, pas ceux de chaque organisme : il ne donne pas "
              "ce nombre.",
        "en": "The directory lists the round tables' members, not each organisation's own members: it does not give "
              "this number.",
    },
    "abstain_unknown": {
        "fr": "Les documents de Repère ne parlent pas de {names} : je préfère ne pas deviner.",
        "en": "Repère's documents do not mention {names}, so I would rather not guess.",
    },
    "abstain_nearby": {
        "fr": "Ce que les documents disent de plus proche (ce n'est pas une réponse) : « {quote} »\n{source}",
        "en": "The closest the documents come (not an answer): « {quote} »\n{source}",
    },
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
    "directory_title": {"fr": "Annuaire des organismes (tables de quartier)",
                        "en": "Directory of organisations (neighbourhood round tables)"},
    "directory_count": {
        "fr": "**{n}** organisme(s) de l'annuaire{facets}.",
        "en": "**{n}** organisation(s) in the directory{facets}.",
    },
    "directory_yes": {
        "fr": "**Oui** : {n} organisme(s) de l'annuaire correspondent{facets} :",
        "en": "**Yes**: {n} organisation(s) in the directory match{facets}:",
    },
    "directory_tables_count": {
        "fr": "L'annuaire compte **{n}** tables de quartier (listes de membres publiées par chaque table).",
        "en": "The directory holds **{n}** neighbourhood round tables (member lists published by each table).",
    },
    "directory_no_contact": {
        "fr": "L'annuaire ne contient ni adresse, ni téléphone, ni site web, ni heures d'ouverture, ni budget : il "
              "vient des listes de membres des tables de quartier.",
        "en": "The directory holds no address, phone number, website, opening hours or budget: it comes from the "
              "round tables' member lists.",
    },
    "directory_found_without": {
        "fr": "Il trouve « {name} », sans ces renseignements.",
        "en": "It finds “{name}”, without those details.",
    },
    "directory_member": {
        "fr": "**Oui** : l'annuaire liste {name} parmi les membres de « {place} ».",
        "en": "**Yes**: the directory lists {name} among the members of {place}.",
    },
    "directory_not_member": {
        "fr": "**Non** : l'annuaire ne liste pas {name} parmi les membres de « {place} ».",
        "en": "**No**: the directory does not list {name} among the members of {place}.",
    },
    "directory_in_place": {
        "fr": "**Oui** : l'annuaire situe {name} dans « {place} ».",
        "en": "**Yes**: the directory places {name} in {place}.",
    },
    "directory_not_in_place": {
        "fr": "**Non** : l'annuaire ne situe pas {name} dans « {place} ».",
        "en": "**No**: the directory does not place {name} in {place}.",
    },
    "directory_listed_with": {
        "fr": "Ses tables : {tables}{where}.",
        "en": "Its round tables: {tables}{where}.",
    },
    "directory_listed_elsewhere": {
        "fr": "L'annuaire liste {name} ailleurs : {tables}{where}.",
        "en": "The directory lists {name} elsewhere: {tables}{where}.",
    },
    "directory_no": {
        "fr": "**Non** : aucun organisme de l'annuaire ne correspond à cette recherche{facets}.",
        "en": "**No**: no organisation in the directory matches this search{facets}.",
    },
    "directory_no_prefix": {"fr": "**Non** : ", "en": "**No**: "},
    "directory_none": {
        "fr": "Aucun organisme de l'annuaire ne correspond à cette recherche.",
        "en": "No organisation in the directory matches this search. (The names are in French: a French word — "
              "« cuisine », « logement », « aînés » — may find what an English one does not.)",
    },
    "directory_category": {"fr": "catégorie publiée", "en": "published category"},
    "directory_place": {"fr": "Lieu dans l'annuaire : {place}", "en": "Listed in the directory in: {place}"},
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
    # --- bounded requests and friendly errors (ui/limits.py, ui/common.py, ui/cli.py) ----------------
    "error_not_text": {
        "fr": "Le champ « {field} » doit être du texte (reçu : {kind}).",
        "en": "The field “{field}” must be text (received: {kind}).",
    },
    "error_not_object": {
        "fr": "Le champ « {field} » doit être un objet JSON ({{...}}) (reçu : {kind}).",
        "en": "The field “{field}” must be a JSON object ({{...}}) (received: {kind}).",
    },
    "error_bad_characters": {
        "fr": "Le champ « {field} » contient un caractère invalide (position {position}) : retirez-le ou "
              "recopiez le texte.",
        "en": "The field “{field}” contains an invalid character (position {position}): remove it or copy the "
              "text again.",
    },
    "error_field_too_long": {
        "fr": "Le champ « {field} » dépasse {limit} caractères ({length}) : raccourcissez-le.",
        "en": "The field “{field}” is longer than {limit} characters ({length}): please shorten it.",
    },
    "error_history_type": {
        "fr": "L'historique doit être une liste de questions (texte) : reçu {kind}.",
        "en": "The history must be a list of questions (text): received {kind}.",
    },
    "error_history_items": {
        "fr": "L'historique compte {count} questions, le maximum est {limit} : n'envoyez que les dernières.",
        "en": "The history holds {count} questions; the maximum is {limit}: send only the latest ones.",
    },
    "error_history_chars": {
        "fr": "L'historique totalise {length} caractères, le maximum est {limit} : n'envoyez que les dernières "
              "questions.",
        "en": "The history totals {length} characters; the maximum is {limit}: send only the latest questions.",
    },
    "error_limit": {
        "fr": "« limit » doit être un nombre entier de 1 à {limit} (reçu : {value}).",
        "en": "“limit” must be a whole number from 1 to {limit} (received: {value}).",
    },
    "error_time_budget": {
        "fr": "La demande a dépassé le temps permis ({seconds} s) : simplifiez-la ou réessayez.",
        "en": "The request took longer than allowed ({seconds} s): simplify it or try again.",
    },
    "error_store_unreachable": {
        "fr": "La base de documents est injoignable pour le moment : réessayez dans quelques minutes ou prévenez "
              "l'administration.",
        "en": "The document store cannot be reached right now: try again in a few minutes or tell the "
              "administrator.",
    },
    "error_internal": {
        "fr": "Une erreur inattendue s'est produite (elle a été consignée) : réessayez ou reformulez.",
        "en": "Something unexpected went wrong (it was logged): try again or rephrase.",
    },
    "error_invalid_utf8": {
        "fr": "Ligne {line} : ce n'est pas du texte UTF-8 (octet 0x{byte} à la position {offset}) : enregistrez "
              "l'entrée en UTF-8.",
        "en": "Line {line}: not UTF-8 text (byte 0x{byte} at offset {offset}): save the input as UTF-8.",
    },
    "error_request_too_large": {
        "fr": "Requête trop volumineuse ({length} octets, maximum {limit}).",
        "en": "Request too large ({length} bytes, maximum {limit}).",
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
    "fit_intro": {"fr": "Répondez à ce que vous savez (« Je ne sais pas » laisse la question ouverte, ce n'est pas un "
                        "« non »), puis indiquez vos besoins : dans la liste ou en une phrase. Le résultat cite la "
                        "politique mot pour mot, diapositive par diapositive.",
                  "en": "Answer what you know (“I don't know” leaves the question open, it is not a “no”), then "
                        "give your needs: from the list or in a sentence. The result quotes the policy word for "
                        "word, slide by slide."},
    "fit_criteria": {"fr": "Votre organisme", "en": "Your organisation"},
    "fit_needs": {"fr": "Vos besoins", "en": "Your needs"},
    "fit_go": {"fr": "Voir le soutien qui convient", "en": "See which support fits"},
    "fit_yes": {"fr": "Oui", "en": "Yes"},
    "fit_no": {"fr": "Non", "en": "No"},
    "fit_unknown": {"fr": "Je ne sais pas", "en": "I don't know"},
    "fit_state_met": {"fr": "oui", "en": "yes"},
    "fit_state_not_met": {"fr": "non", "en": "no"},
    "fit_state_not_answered": {"fr": "sans réponse", "en": "not answered"},
    "fit_type_header": {"fr": "**Type {type} — {name}** (diapositive {slide})",
                        "en": "**Type {type} — {name}** (slide {slide})"},
    "fit_type_header_requires": {"fr": "exige aussi les critères du type {types}",
                                 "en": "also requires the criteria of type {types}"},
    "fit_criterion_info": {"fr": "Texte de la politique : {quote}", "en": "Policy text: {quote}"},
    "fit_needs_text": {"fr": "Ou décrivez vos besoins (une phrase par ligne)",
                       "en": "Or describe your needs (one sentence per line)"},
    "fit_needs_placeholder": {"fr": "Ex. : On cherche une salle pour nos assemblées.",
                              "en": "E.g. We need advice on our board."},
    "fit_download_pdf": {"fr": "Télécharger le résumé (PDF)", "en": "Download the summary (PDF)"},
    "fit_download_md": {"fr": "Télécharger le résumé (Markdown)", "en": "Download the summary (Markdown)"},
    "fit_sources": {"fr": "Citations de la politique", "en": "Quotes from the policy"},
    "fit_and": {"fr": "et", "en": "and"},
    "fit_type_named": {"fr": "type {type} {name}", "en": "type {type} {name}"},
    "fit_covered": {"fr": "Oui : d'après vos réponses, la politique vise votre organisme, comme {types}.",
                    "en": "Yes: from your answers, the policy covers your organisation, as {types}."},
    "fit_not_covered": {"fr": "Non : d'après vos réponses, la politique ne vise pas votre organisme, car {reasons}.",
                        "en": "No: from your answers, the policy does not cover your organisation, because {reasons}."},
    "fit_not_covered_ladder": {"fr": "les types {first} à {last} exigent {criteria} (votre réponse : non)",
                               "en": "types {first} to {last} require {criteria} (your answer: no)"},
    "fit_not_covered_standalone": {"fr": "il n'est pas du type {type} {name} (votre réponse : non)",
                                   "en": "it is not type {type} {name} (your answer: no)"},
    "fit_cannot_tell": {"fr": "On ne peut pas encore dire si la politique vise votre organisme : il reste {n} "
                              "question(s) sans réponse.",
                        "en": "We cannot tell yet whether the policy covers your organisation: {n} question(s) "
                              "remain unanswered."},
    "fit_question_line": {"fr": "{question} ({quotes})", "en": "{question} ({quotes})"},
    "fit_h_types": {"fr": "Types de pratique", "en": "Practice types"},
    "fit_type_line": {"fr": "Type {type} {name} : {status}", "en": "Type {type} {name}: {status}"},
    "fit_status_met": {"fr": "rempli.", "en": "met."},
    "fit_status_not_met": {"fr": "non rempli ({reasons}).", "en": "not met ({reasons})."},
    "fit_status_needs_lower": {"fr": "il exige d'abord le type {lower}", "en": "it first requires type {lower}"},
    "fit_status_no": {"fr": "vous avez répondu non à {criteria}", "en": "you answered no to {criteria}"},
    "fit_status_depends": {"fr": "on ne peut pas encore le dire : il dépend d'abord du type {lower}.",
                           "en": "cannot tell yet: it depends on type {lower} first."},
    "fit_status_unanswered": {"fr": "on ne peut pas encore le dire, sans réponse : {criteria}.",
                              "en": "cannot tell yet, not answered: {criteria}."},
    "fit_status_own_met": {"fr": "ses propres critères sont remplis ({criteria}) ; il dépend encore du type {lower}.",
                           "en": "its own criteria are met ({criteria}); it still depends on type {lower}."},
    "fit_status_also_met": {"fr": "Ses propres critères remplis : {criteria}.", "en": "Its own criteria met: {criteria}."},
    "fit_status_also_unanswered": {"fr": "Ses propres critères sans réponse : {criteria}.",
                                   "en": "Its own criteria not answered: {criteria}."},
    "fit_standalone_not_met": {"fr": "non, d'après votre réponse ({quotes}).", "en": "no, from your answer ({quotes})."},
    "fit_standalone_unknown": {"fr": "sans réponse ({quotes}).", "en": "not answered ({quotes})."},
    "fit_recognition": {"fr": "La Ville reconnaît {quote}.", "en": "The City recognises {quote}."},
    "fit_h_support_covered": {"fr": "Soutien qui correspond à vos besoins", "en": "Support that fits your needs"},
    "fit_h_support_cannot_tell": {"fr": "Soutien que la politique prévoit pour ces besoins, si elle vise votre organisme",
                                  "en": "Support the policy provides for these needs, if it covers your organisation"},
    "fit_h_support_not_covered": {"fr": "Pour information : soutien que la politique prévoit pour ces besoins (elle ne "
                                        "vise pas votre organisme tel que décrit)",
                                  "en": "For information: support the policy provides for these needs (it does not "
                                        "cover your organisation as described)"},
    "fit_no_needs": {"fr": "Indiquez vos besoins (dans la liste ou en une phrase) pour voir le soutien qui convient.",
                     "en": "Give your needs (from the list or in a sentence) to see which support fits."},
    "fit_support_line": {"fr": "{need} → {support} : {details}", "en": "{need} → {support}: {details}"},
    "fit_user_text": {"fr": "« {text} »", "en": "“{text}”"},
    "fit_support_line_short": {"fr": "{need} → {support}", "en": "{need} → {support}"},
    "fit_form": {"fr": "; forme : {form}", "en": "; form: {form}"},
    "fit_matched_words": {"fr": "(mots reconnus : {words})", "en": "(words recognised: {words})"},
    "fit_unmatched": {"fr": "« {text} » : aucun type de soutien reconnu. Choisissez un besoin dans la liste ou "
                            "nommez-le (ex. : une salle, de la formation, le financement d'un projet).",
                      "en": "“{text}”: no type of support recognised. Pick a need from the list or name it (e.g. a "
                            "room, training, funding for a project)."},
    "fit_h_obligations": {"fr": "Ce qui vient avec ce soutien", "en": "What comes with this support"},
    "fit_h_commitments": {"fr": "Engagements de la Ville qui vous concernent (lecture de Repère)",
                          "en": "City commitments that concern you (Repère's reading)"},
    "fit_commitment_line": {"fr": "{id} (diapositive {slide}) : {quote}", "en": "{id} (slide {slide}): {quote}"},
    "fit_commitment_why": {"fr": "Pourquoi {ids} : {reason}", "en": "Why {ids}: {reason}"},
    "fit_translation_label": {"fr": "traduction non officielle", "en": "unofficial translation"},
    "fit_translation_note": {"fr": "Citations : texte original de la politique.",
                             "en": "Quotes in “ ” are Repère's unofficial English translation (traduction non "
                                   "officielle), each followed by the French original in « »."},
    "fit_summary_title": {"fr": "Quel soutien pour mon organisme ? Résumé", "en": "Which support for my organisation? Summary"},
    "fit_summary_meta": {"fr": "Établi par Repère le {date} · corpus {version}",
                         "en": "Prepared by Repère on {date} · corpus {version}"},
    "fit_summary_source": {"fr": "Source : {title}. Les citations sont mot pour mot; les questions et les liens vers les "
                                 "engagements sont la lecture de Repère, pas un avis de la Ville.",
                           "en": "Source: {title}. Quotes are word for word; the questions and the links to the "
                                 "commitments are Repère's reading, not advice from the City."},
    "fit_summary_answers": {"fr": "Vos réponses", "en": "Your answers"},
    "fit_summary_answer": {"fr": "Réponse", "en": "Answer"},
    "fit_summary_needs": {"fr": "Vos besoins", "en": "Your needs"},
    "fit_summary_result": {"fr": "Résultat", "en": "Result"},
    "fit_summary_sources": {"fr": "Citations (diapositives)", "en": "Quotes (slides)"},
    "fit_summary_slide": {"fr": "{section}, diapositive {slide}", "en": "{section}, slide {slide}"},
    "fit_summary_none": {"fr": "aucun", "en": "none"},
    "fit_error_answers": {"fr": "Les réponses doivent être un objet JSON : {{\"criteria\": {{\"obnl\": true, …}}, "
                                "\"needs\": [\"locaux\"]}}.",
                          "en": "The answers must be a JSON object: {{\"criteria\": {{\"obnl\": true, …}}, "
                                "\"needs\": [\"locaux\"]}}."},
    "fit_error_keys": {"fr": "Champ(s) inconnu(s) : {keys}. Champs possibles : {known}.",
                       "en": "Unknown field(s): {keys}. Possible fields: {known}."},
    "fit_error_criteria": {"fr": "« criteria » doit être un objet {{\"obnl\": true, \"regroupement\": null, …}}.",
                           "en": "“criteria” must be an object {{\"obnl\": true, \"regroupement\": null, …}}."},
    "fit_error_criterion": {"fr": "Critère(s) inconnu(s) dans « criteria » : {ids}. Critères : {known}.",
                            "en": "Unknown criteria in “criteria”: {ids}. Criteria: {known}."},
    "fit_error_value": {"fr": "« criteria.{id} » vaut {value} : mettez true (oui), false (non) ou null (sans "
                              "réponse).",
                        "en": "“criteria.{id}” is {value}: use true (yes), false (no) or null (not answered)."},
    "fit_error_needs": {"fr": "« needs » doit être une liste de textes : des besoins de la liste ({known}) ou des "
                              "phrases.",
                        "en": "“needs” must be a list of texts: needs from the list ({known}) or sentences."},
    "fit_error_needs_count": {"fr": "« needs » contient {count} besoins : gardez-en au plus {limit}.",
                              "en": "“needs” holds {count} needs: keep at most {limit}."},
    "fit_error_need_long": {"fr": "Un besoin dans « needs » dépasse {limit} caractères ({length}) : raccourcissez-le.",
                            "en": "A need in “needs” is longer than {limit} characters ({length}): shorten it."},
    "fit_error_types": {"fr": "« mentioned_types » doit être une liste de types de pratique parmi {known}.",
                        "en": "“mentioned_types” must be a list of practice types among {known}."},
    "fit_error_free_text": {"fr": "« {need} » n'est pas un besoin de la liste ({known}) et la recherche n'est pas "
                                  "disponible pour lire une phrase : choisissez un besoin de la liste.",
                            "en": "“{need}” is not a need from the list ({known}) and search is not available to "
                                  "read a sentence: pick a need from the list."},
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
    "admin_ingest_queued": {"fr": "Ingestion en attente de son tour.", "en": "Ingest waiting for its turn."},
    "admin_ingest_again": {"fr": "Une autre ingestion suivra pour les fichiers arrivés entre-temps.",
                           "en": "Another ingest will follow for the files that arrived meanwhile."},
    "admin_ingest_running": {"fr": "Ingestion en cours : {embedded} segment(s) vectorisé(s) en {seconds} s. Les "
                                   "questions restent prioritaires.",
                             "en": "Ingest running: {embedded} segment(s) embedded in {seconds} s. Questions keep "
                                   "priority."},
    "admin_ingest_done": {"fr": "Ingestion terminée en {seconds} s.", "en": "Ingest finished in {seconds} s."},
    "admin_ingest_failed": {"fr": "L'ingestion a échoué (détails dans le journal du serveur) ; l'index précédent "
                                  "reste en service.",
                            "en": "The ingest failed (details in the server log); the previous index stays live."},
    # --- the directory (assistant/directory, ui/tabs/directory.py, ui/cli.py search, ui/api.py search) --------
    "dir_count": {"fr": "{n} organisme(s) à {place}", "en": "{n} organisation(s) in {place}"},
    "support_kinds": {"fr": "types de soutien", "en": "types of support"},
    "dir_count_tables": {"fr": " — table(s) de quartier du lieu : {tables}",
                         "en": " — the place's neighbourhood round table(s): {tables}"},
    "dir_most_members": {"fr": "La table qui compte le plus de membres dans l'annuaire : **{table}** ({n}). Suivent : "
                               "{others}.",
                         "en": "The round table with the most members in the directory: **{table}** ({n}). Next: "
                               "{others}."},
    "dir_fewest_members": {"fr": "La table qui compte le moins de membres dans l'annuaire : **{table}** ({n}). Suivent : "
                                 "{others}.",
                           "en": "The round table with the fewest members in the directory: **{table}** ({n}). Next: "
                                 "{others}."},
    "dir_count_category": {"fr": "{place} : **{n}** membre(s) dans l'annuaire sous sa catégorie publiée « {category} » "
                                 "(sur {total} membres de la table)",
                           "en": "{place}: **{n}** member(s) in the directory under its published category "
                                 "« {category} » (of the table's {total} members)"},
    "dir_count_table": {"fr": "{place} : {n} membre(s) dans l'annuaire",
                        "en": "{place}: {n} member(s) in the directory"},
    "dir_count_table_listing": {"fr": "(sa liste publiée compte {rows} ligne(s){details})",
                                "en": "(its published list has {rows} row(s){details})"},
    "dir_listing_elected": {"fr": "{n} élu·e(s) ou bureau(x) d'élu·e", "en": "{n} elected official(s) or their office(s)"},
    "dir_listing_head_count": {"fr": "{n} décompte(s) de personnes", "en": "{n} head count(s) of people"},
    "dir_listing_person": {"fr": "{n} personne(s) privée(s)", "en": "{n} private individual(s)"},
    "dir_listing_placeholder": {"fr": "{n} ligne(s) provisoire(s)", "en": "{n} placeholder row(s)"},
    "dir_listing_empty": {"fr": "{n} ligne(s) sans nom", "en": "{n} row(s) without a name"},
    "dir_listing_other": {"fr": "{n} autre(s) ligne(s) qui n'est pas un organisme",
                          "en": "{n} other row(s) that are not organisations"},
    "dir_listing_merged": {"fr": "{n} qui répètent un organisme déjà compté (autre graphie ou catégorie)",
                           "en": "{n} repeating an organisation already counted (another spelling or category)"},
    "dir_listing_not_counted": {"fr": ", non comptées : ", "en": ", not counted: "},
    "dir_listing_and": {"fr": " et ", "en": " and "},
    "dir_count_kind": {"fr": "{n} membre(s) de type « {kind} » à {place}",
                       "en": "{n} member(s) of kind “{kind}” in {place}"},
    "dir_count_territory": {"fr": "({m} de plus par un territoire de plusieurs villes : {territories})",
                            "en": "({m} more through a multi-city territory: {territories})"},
    "dir_place_unresolved": {"fr": "Lieu « {value} » non reconnu ou ambigu. Vouliez-vous dire : {choices} ?",
                             "en": "Place “{value}” not recognised or ambiguous. Did you mean: {choices}?"},
    "dir_unresolved": {"fr": "« {value} » ({field}) : non reconnu ou ambigu. Choix proches : {choices}.",
                       "en": "“{value}” ({field}): not recognised or ambiguous. Closest choices: {choices}."},
    "dir_resolved": {"fr": "« {value} » compris comme « {official} ».", "en": "“{value}” read as “{official}”."},
    "dir_results": {"fr": "**{n}** organisme(s)", "en": "**{n}** organisation(s)"},
    "dir_results_split": {"fr": "**{n}** organisme(s) : {text} par le nom ou les mots, {sector} par le secteur "
                                "inféré seulement (listés après)",
                          "en": "**{n}** organisation(s): {text} by name or words, {sector} through the inferred "
                                "sector only (listed after)"},
    "dir_no_text_match": {"fr": "Aucun organisme trouvé par le nom ou les mots{facets}; {n} organisme(s) dont le "
                                "secteur inféré est {sectors}.",
                          "en": "None found by name or words{facets}; {n} organisation(s) whose inferred sector is "
                                "{sectors}."},
    "dir_through_territory": {"fr": "dont {m} par un territoire de plusieurs villes ({territories})",
                              "en": "including {m} through a multi-city territory ({territories})"},
    "dir_match_name": {"fr": "nom", "en": "name"},
    "dir_match_text": {"fr": "mots", "en": "words"},
    "dir_match_sector": {"fr": "secteur inféré seulement", "en": "inferred sector only"},
    "dir_group_sector": {"fr": "Trouvés seulement par le secteur inféré", "en": "Found only through the inferred sector"},
    "dir_col_name": {"fr": "Organisme", "en": "Organisation"},
    "dir_col_place": {"fr": "Arrondissement ou territoire", "en": "Borough or territory"},
    "dir_col_tables": {"fr": "Table(s) de quartier", "en": "Round table(s)"},
    "dir_col_kind": {"fr": "Type de membre", "en": "Membership kind"},
    "dir_col_sectors": {"fr": "Secteurs inférés (confiance)", "en": "Inferred sectors (confidence)"},
    "dir_col_match": {"fr": "Trouvé par", "en": "Found by"},
    "dir_territory_note": {"fr": "territoire : {cities}", "en": "territory: {cities}"},
    "dir_more_tables": {"fr": "+ {n} autre(s) table(s)", "en": "+ {n} other table(s)"},
    "dir_detail_title": {"fr": "Fiche de l'organisme", "en": "Organisation record"},
    "dir_detail_hint": {"fr": "Cliquez sur une ligne du tableau pour voir la fiche complète et la source de chaque "
                              "champ.",
                        "en": "Click a row of the table to see the full record and where each field comes from."},
    "dir_field": {"fr": "Champ", "en": "Field"},
    "dir_value": {"fr": "Valeur", "en": "Value"},
    "dir_source": {"fr": "Source", "en": "Source"},
    "dir_f_id": {"fr": "Identifiant Repère", "en": "Repère id"},
    "dir_f_name": {"fr": "Nom", "en": "Name"},
    "dir_f_alternate": {"fr": "Autres graphies (fusionnées)", "en": "Other spellings (merged)"},
    "dir_f_tables": {"fr": "Tables de quartier", "en": "Round tables"},
    "dir_f_region": {"fr": "Arrondissement ou ville liée", "en": "Borough or linked city"},
    "dir_f_territory": {"fr": "Territoire de plusieurs villes", "en": "Multi-city territory"},
    "dir_f_categories": {"fr": "Catégories publiées par les tables", "en": "Categories published by the tables"},
    "dir_f_kind": {"fr": "Type de membre", "en": "Membership kind"},
    "dir_f_sectors": {"fr": "Secteurs", "en": "Sectors"},
    "dir_f_sources": {"fr": "Listes sources", "en": "Source lists"},
    "dir_f_description": {"fr": "Description", "en": "Description"},
    "dir_src_list": {"fr": "liste des membres publiée par la table (copie {sources})",
                     "en": "member list published by the table (copy {sources})"},
    "dir_src_merge": {"fr": "graphies fusionnées par règle écrite (corpus/reference/fusions.csv)",
                      "en": "spellings merged by a written rule (corpus/reference/fusions.csv)"},
    "dir_src_region": {"fr": "inféré du territoire de la table (couverture partielle possible)",
                       "en": "inferred from the table's territory (may cover only part of it)"},
    "dir_src_territory": {"fr": "inféré : la table couvre plusieurs villes ou arrondissements",
                          "en": "inferred: the table covers several cities or boroughs"},
    "dir_src_kind": {"fr": "déduit de la catégorie publiée, règle {rule}; publié par {n} table(s) sur {total}",
                     "en": "derived from the published category, rule {rule}; published by {n} of {total} table(s)"},
    "dir_src_sectors": {"fr": "inférés du nom et de la catégorie publiée (méthode; confiance)",
                        "en": "inferred from the name and published category (method; confidence)"},
    "dir_src_hsds": {"fr": "importé d'un fichier HSDS", "en": "imported from an HSDS file"},
    "dir_kind_help": {"fr": "Type de membre : déduit de la catégorie que chaque table publie. « aca » n'existe que "
                            "là où une table publie cette catégorie ({aca_tables} table(s) sur {total}).",
                      "en": "Membership kind: derived from the category each table publishes. “aca” exists only "
                            "where a table publishes that category ({aca_tables} of {total} tables)."},
    "dir_kind_line": {"fr": "{kind} : {n} organisme(s), publié par {tables} table(s) sur {total}",
                      "en": "{kind}: {n} organisation(s), published by {tables} of {total} table(s)"},
    "dir_map_title": {"fr": "Organismes par arrondissement ou ville liée (cliquez pour filtrer)",
                      "en": "Organisations by borough or linked city (click to filter)"},
    "dir_map_hover": {"fr": "{place} : {n} organisme(s)", "en": "{place}: {n} organisation(s)"},
    "dir_map_hover_territory": {"fr": "{territory} : {n} organisme(s) pour tout le territoire ({cities})",
                                "en": "{territory}: {n} organisation(s) for the whole territory ({cities})"},
    "dir_map_legend": {"fr": "organismes", "en": "organisations"},
    "dir_map_territory_legend": {"fr": "territoire de plusieurs villes", "en": "multi-city territory"},
    "dir_map_pick": {"fr": "Arrondissement choisi sur la carte", "en": "Borough picked on the map"},
    "dir_clear": {"fr": "Effacer les filtres", "en": "Clear the filters"},
    "dir_kind_choice": {"fr": "{label} ({n})", "en": "{label} ({n})"},
    "dir_export_note": {"fr": "Les exports neutralisent les cellules qu'un tableur exécuterait comme formules.",
                        "en": "Exports neutralise cells a spreadsheet would run as formulas."},
    "dir_map_label": {"fr": "Carte des organismes par arrondissement", "en": "Map of organisations by borough"},
    "dir_export_label": {"fr": "Fichier exporté", "en": "Exported file"},
    # Facets in English: the directory's own labels are French (corpus/reference); these are their translations.
    "kind_aca": {"fr": "Organisme d'action communautaire autonome (ACA)",
                 "en": "Autonomous community action organisation (ACA)"},
    "kind_community_organization": {"fr": "Organisme communautaire", "en": "Community organisation"},
    "kind_institution": {"fr": "Institution", "en": "Institution"},
    "kind_business": {"fr": "Entreprise", "en": "Business"},
    "kind_partner": {"fr": "Partenaire", "en": "Partner"},
    "kind_member_unspecified": {"fr": "Membre (catégorie non précisée)", "en": "Member (category not specified)"},
    "kind_other": {"fr": "Autre", "en": "Other"},
    "sector_arts_culture_medias": {"fr": "Arts, culture et médias", "en": "Arts, culture and media"},
    "sector_bien_etre_alimentaire": {"fr": "Bien-être alimentaire", "en": "Food security and well-being"},
    "sector_defense_droits": {"fr": "Défense des droits", "en": "Rights advocacy"},
    "sector_developpement_communautaire": {"fr": "Développement communautaire", "en": "Community development"},
    "sector_developpement_enfants_familles": {"fr": "Développement des enfants et des familles",
                                              "en": "Children and family development"},
    "sector_education_formation": {"fr": "Éducation et formation", "en": "Education and training"},
    "sector_emploi": {"fr": "Emploi", "en": "Employment"},
    "sector_environnement": {"fr": "Environnement", "en": "Environment"},
    "sector_logement": {"fr": "Logement", "en": "Housing"},
    "sector_sante": {"fr": "Santé", "en": "Health"},
    "sector_soutien_vulnerabilite": {"fr": "Soutien aux personnes en situation de vulnérabilité",
                                     "en": "Support for people in vulnerable situations"},
    "sector_sports_loisirs_tourisme": {"fr": "Sports, loisirs et tourisme", "en": "Sports, recreation and tourism"},
    "sector_autres_missions_sociales": {"fr": "Autres missions sociales", "en": "Other social missions"},
    # --- chat, commitments, evaluation, administration (ui/tabs) -------------------------------------------------
    "chat_conversation": {"fr": "Conversation", "en": "Conversation"},
    "com_col_id": {"fr": "Identifiant", "en": "Id"},
    "com_col_principle": {"fr": "Principe", "en": "Principle"},
    "com_col_text": {"fr": "Engagement", "en": "Commitment (French original)"},
    "com_col_english": {"fr": "Traduction non officielle", "en": "Unofficial translation"},
    "com_col_section": {"fr": "Section", "en": "Section"},
    "com_col_slide": {"fr": "Diapositive", "en": "Slide"},
    "com_intro": {"fr": "Les engagements de la Ville dans la politique, avec leur identifiant et leur diapositive.",
                  "en": "The City's commitments in the policy, with their id and slide. The policy exists only in "
                        "French: each commitment is quoted in French, with Repère's unofficial translation "
                        "(traduction non officielle / unofficial translation)."},
    "eval_title": {"fr": "# Repère — rapport d'évaluation", "en": "# Repère — evaluation report"},
    "eval_note": {"fr": "Rapport technique : ses tableaux et leurs en-têtes sont en anglais.",
                  "en": "Technical report of the evaluation set."},
    "eval_chart": {"fr": "Graphique des métriques", "en": "Metrics chart"},
    "eval_chart_alt": {"fr": "Graphique des métriques de l'évaluation par configuration de recherche",
                       "en": "Chart of the evaluation metrics by retrieval configuration"},
    "eval_running": {"fr": "Évaluation en cours", "en": "Evaluation running"},
    "admin_col_file": {"fr": "Fichier", "en": "File"},
    "admin_col_title": {"fr": "Titre", "en": "Title"},
    "admin_col_kind": {"fr": "Type", "en": "Kind"},
    "admin_col_chunks": {"fr": "Segments", "en": "Chunks"},
    "admin_col_uploaded": {"fr": "Téléversé", "en": "Uploaded"},
    "admin_uploaded_yes": {"fr": "oui", "en": "yes"},
    "admin_uploaded_no": {"fr": "corpus", "en": "corpus"},
}

# Example questions under the chat, by audience: French questions in the French interface, English ones in the
# English interface (answers then quote the French original with an unofficial translation).
EXAMPLE_QUESTIONS: dict[str, dict[str, list[str]]] = {
    "examples_org": {
        "fr": ["Quels types de soutien la Ville offre-t-elle aux organismes?",
               "Est-ce que la Ville peut nous louer des locaux moins cher?",
               "Quels organismes pour les aînés à Saint-Laurent?"],
        "en": ["What types of support does the City offer organisations?",
               "Can the City rent us premises for less?",
               "Which organisations for seniors in Saint-Laurent?"],
    },
    "examples_staff": {
        "fr": ["Quels sont les engagements de la Ville liés au principe 2?",
               "Qui siège au comité de suivi de la politique?",
               "Quels sont les engagements de la Ville pour le principe 3?"],
        "en": ["What are the City's commitments under principle 2?",
               "Who sits on the policy's follow-up committee?",
               "What are the City's commitments under principle 3?"],
    },
    "examples_general": {
        "fr": ["Quand la Déclaration de reconnaissance a-t-elle été adoptée?",
               "Quelles valeurs guident la politique?",
               "Quand le conseil a-t-il adopté la politique de l'action communautaire?"],
        "en": ["When was the Declaration of recognition adopted?",
               "What values guide the policy?",
               "When did the city council adopt the community action policy?"],
    },
}


def t(key: str, lang: str = "fr", **values) -> str:
    entry = MESSAGES[key]
    return entry.get(lang, entry["fr"]).format(**values)
