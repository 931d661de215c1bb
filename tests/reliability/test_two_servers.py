"""Two app processes, one Chroma server: `chroma run`, two `repere serve` on different ports (each with its own
data folder, so each rebuilds the lexical index from the server's collection and checks it against the manifest's
checksum), an ingest through `repere ingest`, and both servers answer the same from the new generation through
gradio_client's `/ask` — also after a second ingest publishes another generation while both keep running (a
running UI switches between requests).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import POLICY_MD, free_port, repere_bin

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]
QUESTION = "Que produit le comité de suivi?"


def wait_up(url: str, process: subprocess.Popen, log: Path, timeout_s: float = 300):
    from gradio_client import Client

    deadline = time.monotonic() + timeout_s
    while True:
        assert process.poll() is None, f"{url} exited with {process.returncode}:\n{log.read_text()[-3000:]}"
        try:
            return Client(url, verbose=False)
        except Exception:  # noqa: BLE001 - not up yet
            assert time.monotonic() < deadline, f"{url} did not start"
            time.sleep(1)


def ask(client) -> dict:
    """The answer as JSON, without its timings (the only field two processes may differ on)."""
    answer = client.predict(QUESTION, None, api_name="/ask")
    answer.pop("timings_ms")
    return answer


def test_two_app_processes_share_one_chroma_server(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    policy = corpus / "politique.md"
    policy.write_text(POLICY_MD, encoding="utf-8")
    chroma_port = free_port()
    chroma = subprocess.Popen([str(Path(sys.executable).with_name("chroma")), "run", "--path", str(tmp_path / "served"),
                               "--host", "127.0.0.1", "--port", str(chroma_port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = {**os.environ, "REPERE_CHROMA_HOST": "127.0.0.1", "REPERE_CHROMA_PORT": str(chroma_port)}
    servers = []
    try:
        deadline = time.monotonic() + 120
        while subprocess.run([repere_bin(), "ingest", "--json", str(corpus)], capture_output=True, text=True,
                             env={**base, "REPERE_DATA_DIR": str(tmp_path / "ingest-data")}).returncode != 0:
            assert time.monotonic() < deadline, "could not ingest into the Chroma server"
            time.sleep(1)  # the server is still starting
        ports = [free_port(), free_port()]
        for n, port in enumerate(ports):
            env = {**base, "REPERE_DATA_DIR": str(tmp_path / f"app{n}-data")}
            log = (tmp_path / f"app{n}.log").open("w")  # read when a server fails to start
            servers.append(subprocess.Popen([repere_bin(), "serve", "--port", str(port)], env=env, stdout=log,
                                            stderr=subprocess.STDOUT))
        clients = [wait_up(f"http://127.0.0.1:{port}/", proc, tmp_path / f"app{n}.log")
                   for n, (port, proc) in enumerate(zip(ports, servers))]
        first = [ask(c) for c in clients]
        assert "bilan triennal" in first[0]["answer"]
        assert first[0] == first[1]
        for n in range(2):  # each app process built its own lexical index from the server's collection
            assert any((tmp_path / f"app{n}-data" / "indexes").iterdir())

        # A second ingest publishes a new generation; both running servers switch to it between requests.
        policy.write_text(POLICY_MD.replace("bilan triennal", "bilan annuel"), encoding="utf-8")
        report = subprocess.run([repere_bin(), "ingest", "--json", str(corpus)], capture_output=True, text=True,
                                env={**base, "REPERE_DATA_DIR": str(tmp_path / "ingest-data")})
        assert report.returncode == 0, report.stderr
        time.sleep(3)  # longer than the manifest check interval of a running process (2 s)
        second = [ask(c) for c in clients]
        assert "bilan annuel" in second[0]["answer"] and "triennal" not in second[0]["answer"]
        assert second[0] == second[1]
        assert all(proc.poll() is None for proc in servers)
    finally:
        for proc in servers:
            proc.terminate()
        for proc in servers:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        chroma.terminate()
        chroma.wait(timeout=30)
