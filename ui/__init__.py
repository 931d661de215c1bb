"""Repère's interfaces: the command line (``ui.cli``) and the Gradio app (``ui.app``)."""

from assistant.core import env  # noqa: F401
