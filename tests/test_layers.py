"""The architecture holds: dependencies between top-level packages run one way, ``assistant.core`` depends on no
feature, ingestion uses only the core, and the interface and evaluation go through the assistant's façade."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

PACKAGES = ("ingest", "assistant", "ui", "evals", "bench")
ASSISTANT_FEATURES = ("assistant.retrieval", "assistant.answering", "assistant.directory", "assistant.guides",
                      "assistant.api")


def imports() -> dict[str, set[str]]:
    """module path (dotted) -> absolute modules it imports (any depth: lazy imports count too)."""
    out: dict[str, set[str]] = {}
    for package in PACKAGES:
        for path in (REPO / package).rglob("*.py"):
            module = ".".join(path.relative_to(REPO).with_suffix("").parts)
            found = set()
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    found |= {a.name for a in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    found.add(node.module)
                    found |= {f"{node.module}.{a.name}" for a in node.names}
            out[module] = found
    return out


def top(name: str) -> str:
    return name.split(".")[0]


def test_no_cycle_between_top_level_packages():
    edges = {(top(m), top(i)) for m, found in imports().items() for i in found
             if top(i) in PACKAGES and top(i) != top(m)}
    cycles = sorted(f"{a} <-> {b}" for a, b in edges if (b, a) in edges and a < b)
    assert not cycles, cycles
    assert ("assistant", "ingest") not in edges and ("assistant", "ui") not in edges


def test_core_depends_on_no_feature_and_ingest_only_on_core():
    for module, found in imports().items():
        if module.startswith("assistant.core"):
            bad = [i for i in found if i.startswith(ASSISTANT_FEATURES) or top(i) in ("ingest", "ui", "evals")]
            assert not bad, (module, bad)
        if module.startswith("ingest"):
            bad = [i for i in found if top(i) == "assistant" and not i.startswith("assistant.core")]
            assert not bad, (module, bad)


def test_ui_and_evals_use_the_facade():
    allowed = ("assistant.api", "assistant.messages", "assistant.core.config", "assistant.core.env",
               "assistant.core")
    for module, found in imports().items():
        if top(module) in ("ui", "evals"):
            bad = [i for i in found if top(i) == "assistant" and not i.startswith(allowed)]
            assert not bad, (module, bad)


def test_assistant_is_grouped_by_feature():
    flat = [p.name for p in (REPO / "assistant").glob("*.py")]
    assert sorted(flat) == ["__init__.py", "api.py", "messages.py"], flat
    for package in ("core", "retrieval", "answering", "directory", "guides"):
        assert (REPO / "assistant" / package / "__init__.py").exists()
