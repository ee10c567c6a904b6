"""Curator prompt templates: the store (versions, validation, rollback) and the `playlist templates` commands."""
