"""Repère's interfaces: the command line (``ui.cli``) and the Gradio app (``ui.app``)."""

from assistant import _env  # noqa: F401
