"""Repère's ingestion: sources → loaders → chunks → embeddings → Chroma store."""

from assistant import _env  # noqa: F401
