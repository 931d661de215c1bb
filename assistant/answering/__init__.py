"""Turning retrieved passages into answers: question analysis, composition, abstention, conversations."""
