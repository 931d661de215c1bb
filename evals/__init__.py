"""Repère's evaluation: the expected-answers set, the runner, reports and the CI gate."""

from assistant.core import env  # noqa: F401
