"""Repère's assistant: reads the store and answers (retrieval, answers, directory, support fit)."""

from assistant import _env  # noqa: F401  (sets offline/OpenMP variables before any model import)
