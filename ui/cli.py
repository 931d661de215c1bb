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


def cmd_ingest(args) -> int:
    from assistant.core.config import load_settings
    from ingest.pipeline import ingest_paths

    settings = load_settings()
    paths = [Path(p) for p in args.paths] or None
    report = ingest_paths(settings, paths, rebuild=args.rebuild, progress=not args.json and sys.stderr.isatty())
    if args.json:
        _print_json(report.to_dict())
    else:
        print("\n".join(report.summary_lines()))
    return 0


def _assistant():
    from assistant.api import Assistant

    return Assistant()


def format_answer(answer) -> str:
    """An answer and its sources, readable in a terminal."""
    from assistant.api import citation_label

    lines = [answer.answer]
    if answer.notice:
        lines.insert(0, f"({answer.notice})")
    if answer.citations:
        lines += ["", "Sources :" if answer.language == "fr" else "Sources:"]
        for c in answer.citations:
            quote = c.quote.replace("\n", " ")
            lines.append(f"  [{c.n}] {citation_label(c, answer.language)} — « {quote[:160]}{'…' if len(quote) > 160 else ''} »")
    return "\n".join(lines)


def cmd_ask(args) -> int:
    from assistant.api import QuestionError

    assistant = _assistant()
    questions = [args.question] if args.question is not None else None
    if questions is None:
        if not args.json:
            print("erreur / error: give a question, or use --json to read one question per line on stdin",
                  file=sys.stderr)
            return 2
        questions = (line.rstrip("\n") for line in sys.stdin)
    status = 0
    for question in questions:
        if args.question is None and not question.strip():
            continue
        try:
            answer = assistant.ask(question)
        except QuestionError as exc:
            if args.json:
                _print_json({"question": question, "error": str(exc)})
            else:
                print(f"erreur / error: {exc}", file=sys.stderr)
            status = 2
            continue
        if args.json:
            _print_json(answer.to_json())
            sys.stdout.flush()
        else:
            print(format_answer(answer))
    return status


def cmd_chat(args) -> int:
    from assistant.api import ChatSession, QuestionError

    assistant = _assistant()
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
            print(format_answer(assistant.ask(question, session=session)))
        except QuestionError as exc:
            print(f"erreur / error: {exc}")
        print()


def cmd_search(args) -> int:
    directory = _assistant().directory
    result = directory.search(args.text or "", region=args.borough, table=args.table, kind=args.kind,
                              sector=args.sector, limit=None if (args.csv or args.hsds) else args.limit)
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
                     "items": [asdict(item) for item in result.items]})
        return 0
    print(f"{result.total} organisme(s)")
    for item in result.items:
        sectors = ", ".join(f"{s['label']} (inféré, {s['confidence']:.2f})" for s in item.sectors)
        print(f"- {item.name} — {', '.join(item.regions)} — {', '.join(item.tables)}"
              + (f" — secteurs : {sectors}" if sectors else ""))
    return 0


def cmd_fit(args) -> int:
    from assistant.api import FitInputError

    try:
        answers = json.loads(sys.stdin.read() or "{}")
    except json.JSONDecodeError as exc:
        print(f"erreur / error: stdin is not JSON ({exc}); expected {{\"criteria\": {{\"obnl\": true, ...}}, "
              f"\"needs\": [\"locaux\"]}}", file=sys.stderr)
        return 2
    try:
        result = _assistant().fit(answers, language=answers.get("language", "fr"))
    except FitInputError as exc:
        print(f"erreur / error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        _print_json(result.to_json())
    else:
        print(result.text)
        for c in result.citations:
            print(f"  [{c.n}] {c.title} — {c.section} (diapositive {c.page})")
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
                                  {"main sample (120)": settings.resolve("evals/sector_labels.csv"),
                                   "held-out sample (40)": settings.resolve("evals/sector_labels_heldout.csv")},
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

    p = sub.add_parser("ingest", help="ingest the corpus (or the given files/folders) into the store")
    p.add_argument("paths", nargs="*", help="files or folders (default: the corpus paths in repere.toml)")
    p.add_argument("--rebuild", action="store_true", help="start over: drop the store and re-embed everything")
    p.add_argument("--json", action="store_true", help="print the report as one JSON object")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("ask", help="ask a question; prints the answer and its sources")
    p.add_argument("question", nargs="?", help="the question (with --json and no question: one per line on stdin)")
    p.add_argument("--json", action="store_true", help="print one JSON object per answer")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("chat", help="interactive session with follow-up questions")
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("search", help="search the directory of organisations")
    p.add_argument("text", nargs="?", help="name (typos allowed) or topic")
    p.add_argument("--borough", help="borough or linked city (address.region)")
    p.add_argument("--table", help="neighbourhood round table (id or name)")
    p.add_argument("--kind", help="membership kind (aca, community_organization, institution, ...)")
    p.add_argument("--sector", help="inferred sector code (see corpus/reference/taxonomie...)")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true")
    p.add_argument("--csv", metavar="FILE", help="export every match as CSV")
    p.add_argument("--hsds", metavar="FILE.zip", help="export every match as Open Referral HSDS 3.0 tables (zip)")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("fit", help="support-fit guide: reads the questionnaire's answers as JSON on stdin")
    p.add_argument("--json", action="store_true")
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
