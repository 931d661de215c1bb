"""A bare Gradio queue client, as an attacker would write it: any event handler by ``fn_index``, raw HTTP.

Used by the security tests, so they do not depend on gradio_client's own rules about which endpoints it
exposes.

Usage: ``result = call(url, fn_index=21, data=[None, None]); result["success"]``
"""

from __future__ import annotations

import json
import time
import uuid

import httpx


def config(url: str) -> dict:
    return httpx.get(url.rstrip("/") + "/config", timeout=30).json()


def dependency_index(url: str) -> list[dict]:
    """Every event handler of the app, with its api_name and input component types."""
    cfg = config(url)
    types = {c["id"]: c["type"] for c in cfg["components"]}
    return [{"fn_index": d["id"], "api_name": d.get("api_name"), "backend": d.get("backend_fn", True),
             "inputs": [types.get(i, "?") for i in d["inputs"]], "targets": d["targets"]}
            for d in cfg["dependencies"]]


def call(url: str, fn_index: int, data: list, session_hash: str | None = None, timeout: float = 120,
         trigger_id: int | None = None) -> dict:
    """Join the queue and wait for the result: {"success": bool, "output": {...}, "msg": ...}."""
    base = url.rstrip("/") + "/gradio_api"
    session_hash = session_hash or uuid.uuid4().hex[:11]
    with httpx.Client(timeout=timeout) as client:
        # ASCII JSON, so that a test can send what a hostile client would, lone surrogates included ("\ud800").
        body = json.dumps({"data": data, "event_data": None, "fn_index": fn_index, "trigger_id": trigger_id,
                           "session_hash": session_hash})
        joined = client.post(f"{base}/queue/join", content=body, headers={"content-type": "application/json"})
        if joined.status_code != 200:
            return {"success": False, "status": joined.status_code, "output": {"error": joined.text}}
        # Heartbeats keep the stream alive, so the read timeout alone never ends the wait for a hung handler.
        deadline = time.monotonic() + timeout
        with client.stream("GET", f"{base}/queue/data", params={"session_hash": session_hash}) as stream:
            for line in stream.iter_lines():
                if time.monotonic() > deadline:
                    return {"success": False, "output": {"error": f"no result within {timeout:.0f} s"}}
                if not line.startswith("data:"):
                    continue
                message = json.loads(line[5:])
                if message.get("msg") == "process_completed":
                    return {"success": bool(message.get("success")), "output": message.get("output") or {},
                            "msg": message}
    return {"success": False, "output": {"error": "stream ended"}}
