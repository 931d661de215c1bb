"""What ingestion and the assistant share: settings, the store and its manifest, the embedder, text analysis,
the taxonomy and the records both sides exchange. Depends on no feature package."""
