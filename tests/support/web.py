"""A real Gradio server on 127.0.0.1 and Debian's Chromium (Playwright with executable_path, never a downloaded
browser), shared by the browser and reliability tests.

Usage: ``app, url = start_app(settings)`` … ``app.close()``; the ``browser`` fixture is in ``tests/conftest.py``.
"""

from __future__ import annotations

from tests.conftest import free_port

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def start_app(settings):
    """The web app over ``settings``' store, warmed up and serving on a free port: (app, url)."""
    from assistant.api import Assistant
    from ui.app import build_app, launch

    assistant = Assistant(settings)
    assistant.warm_up()
    app = build_app(assistant)
    port = free_port()
    launch(app, settings, "127.0.0.1", port, prevent_thread_lock=True, quiet=True)
    return app, f"http://127.0.0.1:{port}/"
