"""Repère's ingestion: sources → loaders → chunks → embeddings → Chroma store."""

from assistant.core import env  # noqa: F401
