"""The ``repere`` command line.

Usage: ``repere ingest``, ``repere ask "Quels types de soutien?"``, ``repere --help``
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.core import env  # noqa: F401


def _print_json(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False))


# Exit status of `repere ingest` (documented in its --help and in the README's command table).
INGEST_OK = 0  # every file and every row ingested (2: an error, see main)
INGEST_PARTIAL = 3  # the rest was ingested and published, but files were skipped or rows not loaded
INGEST_EXIT_HELP = """exit status:
  0  every file and every row was ingested
  3  done, but some files were skipped or some rows not loaded: each is listed with its file, row and fix
     (--json: "skipped" for files, "warnings" for rows); the rest is ingested and live
  2  error: nothing changed (the message names the problem)
  130  interrupted (the previous index stays live)"""


def cmd_ingest(args) -> int:
    from assistant.core.config import load_settings
    from ingest.pipeline import ingest_paths

    settings = load_settings()
    paths = [Path(p) for p in args.paths] or None
    report = ingest_paths(settings, paths, rebuild=args.rebuild, progress=not args.json and sys.stderr.isatty(),
                          wait_s=args.wait)
    if args.json:
        _print_json(report.to_dict())
    else:
        print("\n".join(report.summary_lines()))
    return INGEST_PARTIAL if report.skipped or report.warnings else INGEST_OK


def _assistant():
    from assistant.api import Assistant

    return Assistant()


def format_answer(answer, context: bool = False) -> str:
    """An answer and its sources, readable in a terminal; ``context``: the rest of the section too."""
    from assistant.api import citation_label
    from assistant.messages import t

    lines = [answer.answer]
    if answer.notice:
        lines.insert(0, f"({answer.notice})")
    if context and answer.context:
        lines += ["", f"{t('context_label', answer.language)} :" if answer.language == "fr" else "Context:",
                  answer.context]
    if answer.citations:
        lines += ["", "Sources :" if answer.language == "fr" else "Sources:"]
        for c in answer.citations:
            quote = c.quote.replace("\n", " ")
            lines.append(f"  [{c.n}] {citation_label(c, answer.language)} — « {quote[:160]}{'…' if len(quote) > 160 else ''} »")
    return "\n".join(lines)


def _stdin_questions():
    """(question, error) for each line of stdin, read as bytes: a line that is not UTF-8 gets an error message
    (in its language, as far as it can be read) and the batch goes on with the next line."""
    from assistant.core.language import detect_language
    from assistant.messages import t

    for number, raw in enumerate(sys.stdin.buffer, start=1):
        raw = raw.rstrip(b"\r\n")
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8"), None
        except UnicodeDecodeError as exc:
            readable = raw.decode("utf-8", "replace")
            yield readable, t("error_invalid_utf8", detect_language(readable), line=number,
                              byte=f"{raw[exc.start]:02x}", offset=exc.start)


def cmd_ask(args) -> int:
    from assistant.core.language import detect_language
    from ui.common import friendly_error
    from ui.limits import question_field

    assistant = _assistant()
    questions = [(args.question, None)] if args.question is not None else None
    if questions is None:
        if not args.json:
            print("erreur / error: give a question, or use --json to read one question per line on stdin",
                  file=sys.stderr)
            return 2
        questions = _stdin_questions()
    status = 0
    for question, error in questions:
        if args.question is None and not error and not question.strip():
            continue
        if error is None:
            try:
                answer = assistant.ask(question_field(question)[0], language=args.lang)  # as the API checks it
            except Exception as exc:  # noqa: BLE001 - one bad line must not stop the batch; raw errors: the log
                error = friendly_error(exc, detect_language(question), assistant.settings)
        if error is not None:
            if args.json:
                _print_json({"question": question, "error": error})
            else:
                print(f"erreur / error: {error}", file=sys.stderr)
            status = 2
            continue
        if args.json:
            _print_json(answer.to_json())
            sys.stdout.flush()
        else:
            print(format_answer(answer, context=args.context))
    return status


def cmd_chat(args) -> int:
    from assistant.api import ChatSession
    from assistant.core.language import detect_language
    from ui.common import friendly_error

    assistant = _assistant()
    if args.json:
        return _chat_json(assistant)
    session = ChatSession()
    print("Repère — posez vos questions (ligne vide ou Ctrl-D pour quitter) / ask away (empty line or Ctrl-D quits)")
    while True:
        try:
            question = input("> ")
        except EOFError:
            print()
            return 0
        if not question.strip():
            return 0
        try:
            print(format_answer(assistant.ask(question, session=session, language=args.lang), context=args.context))
        except Exception as exc:  # noqa: BLE001 - the conversation goes on; raw errors go to the log
            print(f"erreur / error: {friendly_error(exc, detect_language(question), assistant.settings)}")
        print()


def _chat_json(assistant) -> int:
    """``repere chat --json``: JSON lines on stdin, ``{"conversation": "c1", "question": "…"}`` (optionally
    ``"lang": "en"``); one answer object per line on stdout (the ``ask --json`` object, with ``resolved_question``
    and ``conversation``). Turns with the same ``conversation`` share their context; a new id starts a new one.
    A bad line gets an error object and the batch goes on."""
    from assistant.api import ChatSession
    from ui.common import friendly_error
    from ui.limits import question_field

    sessions: dict[str, ChatSession] = {}
    status = 0
    for number, raw in enumerate(sys.stdin.buffer, start=1):
        if not raw.strip():
            continue
        try:
            line = json.loads(raw.decode("utf-8"))
            if not isinstance(line, dict) or not isinstance(line.get("question"), str):
                raise ValueError('expected {"conversation": "…", "question": "…"}')
        except (UnicodeDecodeError, ValueError) as exc:
            _print_json({"line": number, "error": f"line {number} is not a JSON object with a question ({exc}); "
                                                  'expected {"conversation": "c1", "question": "…"}'})
            status = 2
            continue
        conversation = str(line.get("conversation", ""))
        session = sessions.setdefault(conversation, ChatSession())
        try:
            answer = assistant.ask(question_field(line["question"])[0], session=session, language=line.get("lang"))
        except Exception as exc:  # noqa: BLE001 - one bad turn must not stop the batch; raw errors: the log
            _print_json({"conversation": conversation, "question": line["question"],
                         "error": friendly_error(exc, line.get("lang") or "fr", assistant.settings)})
            status = 2
            continue
        _print_json({**answer.to_json(), "conversation": conversation})
        sys.stdout.flush()
    return status


def cmd_search(args) -> int:
    """Borough and table are resolved through the alias table ("Rosemont", "CDN–NDG", "Peter McGill"); a value that
    is ambiguous or unknown prints the closest choices and exits 2."""
    from assistant.messages import t

    directory = _assistant().directory
    lang = "en" if args.english else "fr"
    result = directory.search(args.text or "", region=args.borough, table=args.table, kind=args.kind,
                              sector=args.sector, limit=None if (args.csv or args.hsds) else args.limit,
                              category=args.category or "")
    if result.unresolved:
        for name, resolution in result.resolutions.items():
            if resolution.value is None:
                print("erreur / error: " + t("dir_unresolved", lang, value=resolution.query, field=name,
                                             choices=", ".join(resolution.candidates) or "—"), file=sys.stderr)
        if args.json:
            _print_json({"total": 0, "facets": result.facets, "text": result.text, "items": [],
                         "resolutions": {k: r.to_json() for k, r in result.resolutions.items()}})
        return 2
    if args.csv or args.hsds:
        from assistant.api import write_csv, write_hsds

        if args.csv:
            write_csv(result.items, Path(args.csv))
        if args.hsds:
            write_hsds(result.items, directory.sector_labels(), Path(args.hsds))
        print(f"{result.total} organisme(s) exporté(s) / exported: {', '.join(p for p in (args.csv, args.hsds) if p)}")
        return 0
    if args.json:
        from dataclasses import asdict

        _print_json({"total": result.total, "facets": result.facets, "text": result.text,
                     "text_matches": result.text_matches, "sector_only": result.sector_only,
                     "topic_sectors": result.topic_sectors, "direct": result.direct,
                     "through_territory": result.through_territory,
                     "resolutions": {k: r.to_json() for k, r in result.resolutions.items()},
                     "items": [{**asdict(item), "place": item.place} for item in result.items]})
        return 0
    for name, resolution in result.resolutions.items():
        if resolution.value.strip().lower() != resolution.query.strip().lower():
            print(t("dir_resolved", lang, value=resolution.query, official=resolution.value))
    place = result.resolutions.get("region")
    if place is not None and result.through_territory:
        print(t("dir_count", lang, n=result.direct, place=place.value) + " " + t(
            "dir_count_territory", lang, m=result.through_territory,
            territories=", ".join(n for n, cities in directory.territories().items() if place.value in cities)))
    print(t("dir_results", lang, n=result.total).replace("**", ""))
    if result.text and not result.text_matches and result.sector_only:
        labels = directory.sector_labels()
        print(t("dir_no_text_match", lang, n=result.sector_only, facets="",
                sectors=", ".join(labels.get(c, c) for c in result.topic_sectors)))
    shown_group = False
    for item in result.items:
        if item.match == "sector" and not shown_group:
            print(f"-- {t('dir_group_sector', lang)} --")
            shown_group = True
        sectors = ", ".join(f"{s['label']} ({t('inferred', lang)}, {s['confidence']:.2f})" for s in item.sectors)
        print(f"- {item.name} — {item.place} — {', '.join(item.tables)}"
              + (f" — {t('dir_col_sectors', lang)} : {sectors}" if sectors else ""))
    return 0


def _kind_help() -> str:
    """--kind's help: each kind with how many tables publish it (corpus/reference/types_de_membre.csv)."""
    import csv

    try:
        settings = _settings()
        path = settings.resolve(settings.reference_dir) / "types_de_membre.csv"
        with path.open(encoding="utf-8", newline="") as fh:
            rows = [r for r in csv.DictReader(fh) if r["kind"] != "other"]
    except Exception:  # noqa: BLE001 - help text only: without the reference file, the plain help
        return "membership kind (aca, community_organization, institution, ...)"
    kinds = "; ".join(f"{r['kind']} ({r['organisations']} orgs, published by {r['tables_publishing']} of "
                      f"{r['tables_total']} tables)" for r in rows)
    return (f"membership kind, derived by written rules from the category each round table publishes: {kinds}. "
            "'aca' exists only where a table publishes that category")


def cmd_fit(args) -> int:
    """The support-fit guide for answers read as JSON on stdin: criteria true (yes), false (no) or null/absent
    (not answered); needs as ids from the guide's list or as sentences."""
    from assistant.api import FitInputError

    try:
        answers = json.loads(sys.stdin.read() or "{}")
    except json.JSONDecodeError as exc:
        print(f"erreur / error: stdin is not JSON ({exc}); expected {{\"criteria\": {{\"obnl\": true, "
              f"\"regroupement\": null, ...}}, \"needs\": [\"locaux\", \"on cherche une salle\"]}}", file=sys.stderr)
        return 2
    language = answers.get("language", "fr") if isinstance(answers, dict) else "fr"
    try:
        result = _assistant().fit(answers, language=language)
    except FitInputError as exc:
        print(f"erreur / error: {exc}", file=sys.stderr)
        return 2
    if args.summary:
        try:
            written = result.write_summary(args.summary)
        except (ValueError, OSError) as exc:
            print(f"erreur / error: {exc}", file=sys.stderr)
            return 2
        print(("résumé écrit : " if result.language == "fr" else "summary written: ") + str(written),
              file=sys.stderr)
    if args.json:
        _print_json(result.to_json())
    else:
        label = "diapositive" if result.language == "fr" else "slide"
        print(result.text)
        print()
        for c in result.citations:
            print(f"  [{c.n}] {c.title} — {c.section} ({label} {c.page})")
    return 0


def cmd_commitments(args) -> int:
    from dataclasses import asdict

    rows = _assistant().commitments(principle=args.principle, text=args.text or "")
    if args.json:
        _print_json([asdict(r) for r in rows])
        return 0
    for r in rows:
        print(f"{r.id:7s} Principe {r.principle} — {r.text} ({r.section}, diapositive {r.slide})")
    print(f"{len(rows)} engagement(s)")
    return 0


def cmd_eval(args) -> int:
    from evals.runner import evaluate
    from evals.sectors import write_sector_report

    settings = _settings()
    assistant = _assistant()
    out_dir = Path(args.out) if args.out else settings.resolve("evals/reports")
    reports, failures, paths = evaluate(assistant, settings.resolve(settings.eval_cases_dir),
                                        settings.resolve(settings.eval_thresholds), out_dir, baseline=args.baseline)
    sectors = write_sector_report(settings.resolve(settings.reference_dir),
                                  settings.resolve("corpus/annuaire/organismes.csv"),
                                  {"main sample (120)": settings.resolve("evals/sector_labels.csv"),
                                   "held-out sample (40)": settings.resolve("evals/sector_labels_heldout.csv"),
                                   "held-out sample 2 (220)": settings.resolve("evals/sector_labels_heldout2.csv"),
                                   "held-out sample 3 (230)": settings.resolve("evals/sector_labels_heldout3.csv"),
                                   "held-out sample 4 (240)": settings.resolve("evals/sector_labels_heldout4.csv"),
                                   "held-out sample 5 (240)": settings.resolve("evals/sector_labels_heldout5.csv")},
                                  out_dir / "sectors.md", embedder=assistant.embedder)
    for name, score in sectors.items():
        print(f"sectors, {name}: micro precision {score['micro_precision']:.3f}, "
              f"micro recall {score['micro_recall']:.3f}")
    for name, report in reports.items():
        o = report["overall"]
        print(f"{name:12s} answer-first {o['answer_first']:.3f} facts {o['key_fact_recall']:.3f} "
              f"median {o['median_answer_chars']:.0f} ch abst.R {o['abstention_recall']:.3f} "
              f"false-abst {o['false_abstention_rate']:.3f} follow-ups {o['followup_resolution']:.3f} "
              f"routing {o['routing_accuracy']:.3f} yes/no {o['yes_no_correct']:.3f} "
              f"hit@5 {o['hit@5']:.3f} p95 {o['latency_p95_ms']:.0f} ms")
    print("report:", ", ".join(str(p) for p in paths.values()))
    if failures:
        print("GATE FAIL (test split): " + "; ".join(failures), file=sys.stderr)
        return 1 if args.gate else 0
    print("gate (test split): pass")
    return 0


def cmd_serve(args) -> int:
    from ui.app import serve

    print(f"Repère : http://{args.host}:{args.port}", flush=True)
    serve(host=args.host, port=args.port)
    return 0


def _settings():
    from assistant.core.config import load_settings

    return load_settings()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="repere",
        description="Repère : réponses citées et recherche sur la Politique montréalaise pour l'action "
                    "communautaire, la Déclaration de 2018 et l'annuaire des organismes.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", help="ingest the corpus (or the given files/folders) into the store",
                       epilog=INGEST_EXIT_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="*", help="files or folders (default: the corpus paths in repere.toml)")
    p.add_argument("--rebuild", action="store_true", help="start over: drop the store and re-embed everything")
    p.add_argument("--json", action="store_true", help="print the report as one JSON object")
    p.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                   help="when another ingest is writing to the store, wait up to SECONDS for it to finish "
                        "(default 0: exit at once with status 2, the store untouched)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("ask", help="ask a question; prints the answer and its sources")
    p.add_argument("question", nargs="?", help="the question (with --json and no question: one per line on stdin)")
    p.add_argument("--json", action="store_true", help="print one JSON object per answer")
    p.add_argument("--context", action="store_true", help="also print the rest of the section (the context)")
    p.add_argument("--lang", choices=["fr", "en"], help="answer in this language (default: the question's)")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("chat", help="conversation with follow-up questions (terminal, or JSON lines with --json)")
    p.add_argument("--json", action="store_true",
                   help='read {"conversation": "c1", "question": "…"} lines on stdin, print one answer per line')
    p.add_argument("--context", action="store_true", help="also print the rest of the section (the context)")
    p.add_argument("--lang", choices=["fr", "en"], help="answer in this language (default: the question's)")
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("search", help="search the directory of organisations")
    p.add_argument("text", nargs="?", help="name (typos allowed) or topic")
    p.add_argument("--borough", help="borough, linked city or multi-city territory; forgiving: 'Rosemont', 'CDN-NDG', "
                                     "'Plateau', 'TMR' (alias table corpus/reference/lieux_alias.csv)")
    p.add_argument("--table", help="neighbourhood round table, id or name, forgiving ('Peter McGill')")
    p.add_argument("--kind", help=_kind_help())
    p.add_argument("--sector", help="inferred sector, code or label (see corpus/reference/taxonomie...)")
    p.add_argument("--category", help="words of the member category a round table publishes, as it writes them "
                                      "('sympathisant', 'Catégorie A', 'partenaires officiels'); accents and case "
                                      "ignored; best with --table or --borough (the first 2,000 matches are read)")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--english", action="store_true", help="messages in English")
    p.add_argument("--json", action="store_true")
    p.add_argument("--csv", metavar="FILE", help="export every match as CSV")
    p.add_argument("--hsds", metavar="FILE.zip", help="export every match as Open Referral HSDS 3.0 tables (zip)")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("fit", help="support-fit guide: reads the questionnaire's answers as JSON on stdin",
                       description='answers on stdin: {"criteria": {"obnl": true, "ca_independant": false, '
                                   '"regroupement": null}, "needs": ["locaux", "on cherche une salle"], '
                                   '"language": "fr"}; a criterion that is null or absent is "not answered"')
    p.add_argument("--json", action="store_true")
    p.add_argument("--summary", metavar="FILE.md|FILE.pdf", help="also write the one-page summary to share")
    p.set_defaults(func=cmd_fit)

    p = sub.add_parser("commitments", help="the City's commitments, by principle")
    p.add_argument("text", nargs="?", help="words to look for in the commitments")
    p.add_argument("--principle", type=int, help="principle number (1, 2 or 3)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_commitments)

    p = sub.add_parser("serve", help="start the web interface (default http://127.0.0.1:7860)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=7860)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("eval", help="run the dev and test splits; write evals/reports/latest.{md,json,png}")
    p.add_argument("--baseline", action="store_true", help="also run BM25 only and dense only")
    p.add_argument("--gate", action="store_true", help="exit 1 when a test-split metric misses evals/thresholds.toml")
    p.add_argument("--out", help="report folder (default: evals/reports)")
    p.set_defaults(func=cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrompu / interrupted", file=sys.stderr)
        return 130
    except (ValueError, RuntimeError, OSError) as exc:
        print(f"erreur / error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
