"""Repère's assistant: reads the store and answers (retrieval, answers, directory, support fit)."""

from assistant.core import env  # noqa: F401  (sets offline/OpenMP variables before any model import)
