"""Repère's evaluation: the expected-answers set, the runner, reports and the CI gate."""

from assistant import _env  # noqa: F401
