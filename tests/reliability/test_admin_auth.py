"""Administration is authenticated on the server: every admin handler, called straight through Gradio's queue
by ``fn_index`` (as an attacker would), refuses without a valid session token and works with one; wrong
passwords meet growing delays. The handlers are enumerated from ``/config`` so a new one cannot be left open."""

from __future__ import annotations

import time
import uuid

import httpx
import pytest

from assistant.core.config import load_settings
from ingest.pipeline import ingest_paths
from tests.conftest import REPO
from tests.support.gradio_queue import call, dependency_index
from ui.admin_gate import AdminGate, TooManyAttempts, WrongPassword, minimum_seconds_for

pytestmark = pytest.mark.slow
PASSWORD = "correct horse battery staple"
ADMIN = {"upload", "remove", "ingest_status", "rerun_eval"}
# Everything else a visitor may run. unlock is public by nature (it checks the password itself).
PUBLIC_PREFIXES = ("load_example", "respond", "new_conversation", "run_search", "lambda", "run_fit",
                   "list_commitments", "unlock", "switch_language", "load_report", "ask", "search", "fit",
                   "show_detail",  # a directory row's detail
                   "eval_finished",  # the "evaluation finished" line after rerun_eval (which checks the token)
                   "js_fn")  # browser-side only (the map): no Python function behind it


@pytest.fixture(scope="module")
def admin_server(tmp_path_factory):
    from assistant.api import Assistant
    from tests.conftest import free_port
    from ui.app import build_app

    root = tmp_path_factory.mktemp("admin")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "soutien.md").write_text("# Politique test\n\n## Types de soutien\n<!-- diapositive: 20 -->\n\n"
                                       "Location de locaux à des prix préférentiels\n", encoding="utf-8")
    settings = load_settings(chroma_path=root / "chroma", data_dir=root / "data", root=REPO,
                             admin_password=PASSWORD, max_upload_mb=1)
    ingest_paths(settings, [corpus], progress=False)
    app = build_app(Assistant(settings))
    port = free_port()
    app.queue()
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, ssr_mode=False, quiet=True)
    yield f"http://127.0.0.1:{port}/", settings
    app.close()


def handlers(url):
    found = {}
    for dep in dependency_index(url):
        found.setdefault(dep["api_name"].rstrip("_0123456789") if dep["api_name"] else "", []).append(dep)
    return found


def upload_file(url: str, name: str, content: bytes) -> dict:
    response = httpx.post(url.rstrip("/") + "/gradio_api/upload", files={"files": (name, content)}, timeout=30)
    path = response.json()[0]
    return {"path": path, "orig_name": name, "meta": {"_type": "gradio.FileData"}}


def test_every_handler_is_classified_and_admin_ones_refuse_without_a_token(admin_server):
    url, settings = admin_server
    by_name = handlers(url)
    unclassified = [n for n in by_name if n not in ADMIN and not n.startswith(PUBLIC_PREFIXES)]
    assert not unclassified, f"new handlers must be classified as admin or public: {unclassified}"
    admin_deps = [d for n in ADMIN for d in by_name[n]]
    assert len(admin_deps) == 4
    sample = upload_file(url, "intrus.md", b"# Intrus\n\n## A\n\nTexte de l'intrus.\n")
    payloads = {"upload": [[sample], None], "remove": [None, None], "ingest_status": [None], "rerun_eval": [None]}
    opened = []
    for dep in admin_deps:
        result = call(url, dep["fn_index"], payloads[dep["api_name"]])
        if result["success"]:
            opened.append(dep["api_name"])
        else:
            assert "administration" in result["output"].get("error", "").lower(), result["output"]
    assert opened == [], f"{len(opened)} of {len(admin_deps)} admin handlers open: {opened}"
    uploads = settings.resolve(settings.data_dir) / "uploads"
    assert not uploads.exists() or not any(uploads.iterdir())  # nothing was stored
    assert not (settings.resolve(settings.data_dir) / "reports").exists()  # no evaluation ran


def test_admin_handlers_work_in_an_unlocked_session_and_hide_server_paths(admin_server):
    url, settings = admin_server
    by_name = handlers(url)
    session = uuid.uuid4().hex[:11]
    unlocked = call(url, by_name["unlock"][0]["fn_index"], [PASSWORD], session_hash=session)
    assert unlocked["success"]
    token_output, panel, message, table = unlocked["output"]["data"]
    assert token_output is None  # the token stays on the server (gr.State)
    assert panel["visible"] is True
    sample = upload_file(url, "Rapport Final.md", b"# Rapport\n\n## Section\n\nLe rapport de l'administration.\n")
    done = call(url, by_name["upload"][0]["fn_index"], [[sample], None], session_hash=session)
    assert done["success"], done["output"]
    report, progress, timer = done["output"]["data"]
    assert "rapport-final.md" in report
    documents = wait_for_ingest(url, by_name["ingest_status"][0]["fn_index"], session)
    shown = [row[0] for row in documents["data"]]
    assert all(not p.startswith("/") and str(settings.root) not in p for p in shown), shown
    uploaded = [p for p in shown if p.startswith("uploads/")]
    assert len(uploaded) == 1
    removed = call(url, by_name["remove"][0]["fn_index"], [uploaded[0], None], session_hash=session)
    assert removed["success"], removed["output"]
    assert not any((settings.resolve(settings.data_dir) / "uploads").iterdir())
    documents = wait_for_ingest(url, by_name["ingest_status"][0]["fn_index"], session)
    assert not any(row[0].startswith("uploads/") for row in documents["data"])
    # Another session, same server: still locked.
    other = call(url, by_name["upload"][0]["fn_index"], [[sample], None])
    assert not other["success"]


def wait_for_ingest(url, fn_index, session, timeout=120):
    """Poll the admin tab's ingest status (as its timer does) until the background ingest ends; its list."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        polled = call(url, fn_index, [None], session_hash=session)
        assert polled["success"], polled["output"]
        status, documents, _, _ = polled["output"]["data"]
        if "terminée" in status:
            return documents
        time.sleep(0.5)
    raise AssertionError(f"the background ingest did not finish: {status}")


def test_wrong_passwords_meet_growing_delays(admin_server):
    url, _ = admin_server
    unlock = handlers(url)["unlock"][0]["fn_index"]
    messages = [call(url, unlock, ["guess"])["output"]["data"][2] for _ in range(3)]
    assert messages[:2] == ["Mot de passe incorrect."] * 2
    # The third failure starts a wait: even the right password is refused until it has passed.
    locked = call(url, unlock, [PASSWORD])["output"]["data"]
    assert locked[1]["visible"] is False and "réessayez dans" in locked[2]
    time.sleep(2.2)
    assert call(url, unlock, [PASSWORD])["output"]["data"][1]["visible"] is True


def test_gate_tokens_and_delays():
    now = [1000.0]
    gate = AdminGate("pw", ttl_s=60, clock=lambda: now[0])
    token = gate.unlock("pw", "a")
    assert gate.valid(token) and not gate.valid(token[:-1] + ("0" if token[-1] != "0" else "1"))
    assert not gate.valid(None) and not gate.valid("1.2.3") and not AdminGate("").valid(token)
    assert not AdminGate("pw").valid(token)  # another process's key
    for _ in range(2):
        with pytest.raises(WrongPassword):
            gate.unlock("nope", "b")
    with pytest.raises(WrongPassword):
        gate.unlock("nope", "b")
    with pytest.raises(TooManyAttempts):
        gate.unlock("pw", "b")
    assert gate.unlock("pw", "c")  # other clients are not affected
    assert minimum_seconds_for(100) >= 60
