"""The command line: ask (text, JSON, stdin batch), errors without tracebacks, and no network needed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from tests.conftest import repere_bin


def run(args, settings, stdin=None, check=True, prefix=()):
    env = {**os.environ, "REPERE_CHROMA_PATH": str(settings.chroma_path)}
    return subprocess.run([*prefix, repere_bin(), *args], input=stdin, capture_output=True, text=True, env=env,
                          cwd=settings.root, check=check)


def test_ask_prints_answer_and_sources(shipped_store):
    out = run(["ask", "C'est quoi le soutien locatif?"], shipped_store).stdout
    assert "Location de locaux" in out and "Sources :" in out and "diapositive 20" in out


def test_ask_json_and_stdin_batch(shipped_store):
    one = json.loads(run(["ask", "--json", "What are the values of the policy?"], shipped_store).stdout)
    assert one["language"] == "en" and one["abstained"] is False and one["citations"][0]["n"] == 1
    batch = run(["ask", "--json"], shipped_store,
                stdin="Quels sont les buts de la politique?\nQuelle est la capitale de l'Australie?\n").stdout
    lines = [json.loads(line) for line in batch.splitlines()]
    assert [x["question"] for x in lines] == ["Quels sont les buts de la politique?",
                                             "Quelle est la capitale de l'Australie?"]
    assert [x["abstained"] for x in lines] == [False, True]


def test_empty_and_too_long_questions_are_clear_errors(shipped_store):
    empty = run(["ask", ""], shipped_store, check=False)
    assert empty.returncode == 2 and "vide" in empty.stderr and "Traceback" not in empty.stderr
    long = run(["ask", "x" * 2001], shipped_store, check=False)
    assert long.returncode == 2 and "2000" in long.stderr and "Traceback" not in long.stderr


@pytest.mark.skipif(shutil.which("unshare") is None, reason="util-linux unshare is not installed")
def test_ingest_and_ask_without_any_network(make_settings, mini_corpus):
    if subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode != 0:
        pytest.fail("unshare -n is not permitted here; run the suite as root (as CI does)")
    settings = make_settings()
    no_net = ("unshare", "-n")
    report = json.loads(run(["ingest", "--json", str(mini_corpus)], settings, prefix=no_net).stdout)
    assert report["published"]
    answer = json.loads(run(["ask", "--json", "Que produit le comité de suivi?"], settings, prefix=no_net).stdout)
    assert "bilan triennal" in answer["answer"]


def test_chat_session_resolves_follow_ups(shipped_store):
    out = run(["chat"], shipped_store, stdin="C'est quoi le soutien financier de la Ville?\net pour le soutien locatif?\n\n")
    first, second = out.stdout.split("> ")[1:3]
    assert "soutien financier" in first
    assert "Location de locaux" in second and "Sources" in second


def test_ask_does_not_load_the_web_interface(shipped_store):
    """`repere ask` answers without importing gradio (seconds of a cold start: 5.6 s → 2.2 s measured)."""
    import sys

    code = ("import sys; from ui.cli import main; main(['ask', 'C\\'est quoi le soutien locatif?']); "
            "print('GRADIO' if 'gradio' in sys.modules else 'NO-GRADIO')")
    env = {**os.environ, "REPERE_CHROMA_PATH": str(shipped_store.chroma_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         cwd=shipped_store.root, check=True)
    assert out.stdout.strip().endswith("NO-GRADIO") and "Location de locaux" in out.stdout
