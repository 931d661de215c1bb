"""Every request is bounded and every failure a user can cause or meet reads as a message in their language:
a 1,000-item history, a 100,000-character search, a bad ``limit``, a number or a lone surrogate instead of text,
an oversized body, a client that leaves mid-request, a store that goes down, an empty store. Against a real
server on 127.0.0.1 in the served configuration (``ui.app.launch``), called as a hostile client would: raw HTTP
through Gradio's queue (tests/support/gradio_queue.py)."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO, free_port, repere_bin
from tests.support.gradio_queue import call, dependency_index
from tests.support.web import start_app as start

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]
RAW = ("Traceback", "Errno", "object has no attribute", "Connection refused", "surrogates not allowed", "NoneType")


@pytest.fixture(scope="module")
def server(shipped_store):
    app, url = start(shipped_store)
    fns = {d["api_name"]: d["fn_index"] for d in dependency_index(url)}
    assert call(url, fns["ask"], ["Quels sont les buts de la politique?", None])["success"]  # a server in use
    yield url, fns
    app.close()


def timed(url, fn_index, data, **kwargs):
    started = time.perf_counter()
    result = call(url, fn_index, data, **kwargs)
    return result, time.perf_counter() - started


def refused(result) -> str:
    assert not result["success"], result["output"]
    message = result["output"].get("error") or ""
    assert message and not any(raw in message for raw in RAW), message
    return message


def test_history_bomb_is_refused_before_any_work(server):
    url, fns = server
    result, seconds = timed(url, fns["ask"], ["What are the values of the policy?", ["Who sits on the committee?"] * 1000])
    message = refused(result)
    assert "1000" in message and "10" in message and "history" in message  # in the question's language
    print(f"\n1,000-item history refused in {seconds * 1000:.0f} ms")
    assert seconds < 0.5
    result, _ = timed(url, fns["ask"], ["Quelles sont les valeurs?", ["x" * 1999] * 3])
    assert "caractères" in refused(result)  # the total length is bounded too
    ok, _ = timed(url, fns["ask"], ["et pour le soutien locatif?", ["C'est quoi le soutien financier?"]])
    assert ok["success"] and "Location de locaux" in ok["output"]["data"][0]["answer"]


def test_long_search_and_bad_limits_are_refused(server):
    url, fns = server
    result, seconds = timed(url, fns["search"], ["soutien " * 12_500, "", "", "", "", 20])
    message = refused(result)
    assert "200" in message and "100000" in message
    print(f"\n100,000-character search refused in {seconds * 1000:.0f} ms")
    assert seconds < 0.5
    for limit in (-1, 0, 10**9, True, 2.5, "5", None):
        message = refused(call(url, fns["search"], ["Chainon", "", "", "", "", limit]))
        assert "limit" in message and "200" in message
    found = call(url, fns["search"], ["Chainon", "", "", "", "", 200])
    assert found["success"] and found["output"]["data"][0]["items"][0]["name"] == "Le Chaînon"
    assert "200" in refused(call(url, fns["search"], ["Chainon", "x" * 500, "", "", "", 5]))  # facets too


def test_numbers_and_lone_surrogates_get_messages(server):
    url, fns = server
    assert "texte" in refused(call(url, fns["ask"], [42, None]))
    assert "caractère invalide" in refused(call(url, fns["ask"], ["Quelles valeurs \ud800?", None]))
    assert "history[1]" in refused(call(url, fns["ask"], ["What are the values?", ["fine", 7]]))
    assert "liste" in refused(call(url, fns["ask"], ["Quelles valeurs?", "pas une liste"]))
    assert "texte" in refused(call(url, fns["search"], [12, "", "", "", "", 5]))
    assert "objet JSON" in refused(call(url, fns["fit"], [7]))
    # The chat tab: the question is shown back, the refusal is a bubble, nothing raw.
    chat = call(url, fns["respond"], ["Quelles valeurs \udcff?", None, None, None])
    assert chat["success"]
    bubble = chat["output"]["data"][0][-1]["content"][0]["text"]
    assert "caractère invalide" in bubble and not any(raw in bubble for raw in RAW)


def test_oversized_question_and_body_are_refused_at_once(server):
    url, fns = server
    chat, seconds = timed(url, fns["respond"], ["x" * 100_000, None, None, None])
    assert chat["success"] and "2000" in chat["output"]["data"][0][-1]["content"][0]["text"]
    assert seconds < 0.5
    big = json.dumps({"data": ["x" * 2_000_000, None], "fn_index": fns["ask"], "session_hash": "s"})
    response = httpx.post(url + "gradio_api/queue/join", content=big, headers={"content-type": "application/json"})
    assert response.status_code == 413 and "1000000" in response.json()["error"]


def test_a_client_that_leaves_stops_its_history_replay(server, caplog):
    url, fns = server
    caplog.set_level(logging.INFO, logger="repere.api")
    words = "soutien financier locaux comité politique reconnaissance organismes communautaires autonomie "
    history = [(f"Question {n} : " + words * 5)[:399] for n in range(10)]
    base, session = url + "gradio_api", uuid.uuid4().hex[:11]
    with httpx.Client(timeout=30) as client:
        client.post(f"{base}/queue/join", json={"data": ["Et les locaux?", history], "event_data": None,
                                                "fn_index": fns["ask"], "trigger_id": None, "session_hash": session})
        with client.stream("GET", f"{base}/queue/data", params={"session_hash": session}) as stream:
            for line in stream.iter_lines():
                if "process_starts" in line:
                    break  # the replay has begun: leave
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and "replay stopped" not in caplog.text:
        time.sleep(0.2)
    stopped = [r.getMessage() for r in caplog.records if "replay stopped" in r.getMessage()]
    assert stopped, "the server went on replaying for a client that had left"
    done = int(stopped[0].split("after ")[1].split(" of")[0])
    assert done < 10, stopped


def test_store_down_and_empty_store_read_as_messages(make_settings, mini_corpus, tmp_path, caplog):
    from ingest.pipeline import ingest_paths

    port = free_port()
    chroma = Path(sys.executable).with_name("chroma")
    server = subprocess.Popen([str(chroma), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1",
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    app = None
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.3)
        settings = make_settings(chroma_host="127.0.0.1", chroma_port=port, root=REPO)  # REPO: reference files
        ingest_paths(settings, [mini_corpus], progress=False)
        app, url = start(settings)
        fns = {d["api_name"]: d["fn_index"] for d in dependency_index(url)}
        assert call(url, fns["ask"], ["Que produit le comité de suivi?", None])["success"]
        server.terminate()
        server.wait(timeout=30)
        time.sleep(2.5)  # past the index cache's refresh: the next question reads the store
        caplog.set_level(logging.INFO, logger="repere.ui")
        message = refused(call(url, fns["ask"], ["What does the follow-up committee produce?", None]))
        assert "cannot be reached" in message
        chat = call(url, fns["respond"], ["Que produit le comité de suivi?", None, None, None])
        bubble = chat["output"]["data"][0][-1]["content"][0]["text"]
        assert "injoignable" in bubble and not any(raw in bubble for raw in RAW)
        assert "error_store_unreachable" in caplog.text  # the raw error is in the server log
    finally:
        if server.poll() is None:
            server.kill()
        if app is not None:
            app.close()
    empty = make_settings(chroma_path=tmp_path / "empty")
    env = {**os.environ, "REPERE_CHROMA_PATH": str(empty.chroma_path)}
    done = subprocess.run([repere_bin(), "ask", "What are the values of the policy?"], capture_output=True,
                          text=True, env=env, cwd=tmp_path, timeout=300)
    assert done.returncode == 2 and "The index is empty: run `repere ingest` first." in done.stderr
    assert "Traceback" not in done.stderr
