"""Finding passages: the active generation's indexes and the hybrid retriever."""
