"""``repere chat --json`` and ``repere ask --context/--lang`` as a program would use them (real store, real
process)."""

from __future__ import annotations

import json
import os
import subprocess

from tests.conftest import repere_bin


def _run(args, settings, stdin=""):
    env = {**os.environ, "REPERE_CHROMA_PATH": str(settings.chroma_path), "REPERE_DATA_DIR": str(settings.data_dir)}
    return subprocess.run([repere_bin(), *args], input=stdin, capture_output=True, text=True, env=env,
                          cwd=settings.root, timeout=300)


def test_chat_json_keeps_one_context_per_conversation(shipped_store):
    lines = [{"conversation": "c1", "question": "La Déclaration de 2018 reconnaît quoi?"},
             {"conversation": "c1", "question": "elle a été adoptée quand?"},
             {"conversation": "c2", "question": "Quels sont les trois types de soutien?"},
             {"conversation": "c1", "question": "and in English?"}]
    stdin = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\nnot json\n"
    out = _run(["chat", "--json"], shipped_store, stdin)
    answers = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(answers) == 5 and out.returncode == 2  # the bad line is reported, the batch goes on
    first, when, other, english, bad = answers
    assert {"question", "answer", "abstained", "language", "citations", "timings_ms", "resolved_question"} <= set(when)
    assert "20 août 2018" in when["answer"] and when["resolved_question"] != when["question"]
    assert other["conversation"] == "c2" and other["resolved_question"] == other["question"]
    assert english["language"] == "en" and "20 August 2018" in english["answer"]
    assert "line 5" in bad["error"] and "conversation" in bad["error"]


def test_ask_context_and_lang(shipped_store):
    plain = _run(["ask", "C'est quoi le soutien locatif?"], shipped_store).stdout
    with_context = _run(["ask", "--context", "C'est quoi le soutien locatif?"], shipped_store).stdout
    assert "Contexte" not in plain and "Contexte" in with_context and len(with_context) > len(plain)
    english = json.loads(_run(["ask", "--json", "--lang", "en", "C'est quoi le soutien locatif?"], shipped_store).stdout)
    assert english["language"] == "en" and "unofficial translation" in english["answer"]
