"""The ``repere`` command line.

Usage: ``repere ingest``, ``repere ask "Quels types de soutien?"``, ``repere --help``
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant import _env  # noqa: F401


def _print_json(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False))


def cmd_ingest(args) -> int:
    from assistant.config import load_settings
    from ingest.pipeline import ingest_paths

    settings = load_settings()
    paths = [Path(p) for p in args.paths] or None
    report = ingest_paths(settings, paths, rebuild=args.rebuild, progress=not args.json and sys.stderr.isatty())
    if args.json:
        _print_json(report.to_dict())
    else:
        print("\n".join(report.summary_lines()))
    return 0


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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrompu / interrupted", file=sys.stderr)
        return 130
    except (ValueError, RuntimeError) as exc:
        print(f"erreur / error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
