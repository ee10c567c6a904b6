"""Curator prompt templates: the store (prompts/*.j2 versions in the database, validation, publish, rollback)
and the `playlist templates` commands."""

from typing import TYPE_CHECKING

from assistant import public_names

if TYPE_CHECKING:
    from assistant.templates.commands import add_parser as add_templates_parser
    from assistant.templates.commands import run as run_templates
    from assistant.templates.specs import SPECS, spec_for, validate
    from assistant.templates.store import MAX_PUBLISH_TRIES, PUBLISH_BACKOFF_S, TemplateStore, TemplateVersion
    from assistant.templates.store import _unique_violations as unique_violations

__all__ = [
    "MAX_PUBLISH_TRIES",
    "PUBLISH_BACKOFF_S",
    "SPECS",
    "TemplateStore",
    "TemplateVersion",
    "add_templates_parser",
    "run_templates",
    "spec_for",
    "unique_violations",
    "validate",
]

_HOMES = {
    "MAX_PUBLISH_TRIES": "store.MAX_PUBLISH_TRIES",
    "PUBLISH_BACKOFF_S": "store.PUBLISH_BACKOFF_S",
    "SPECS": "specs.SPECS",
    "TemplateStore": "store.TemplateStore",
    "TemplateVersion": "store.TemplateVersion",
    "add_templates_parser": "commands.add_parser",
    "run_templates": "commands.run",
    "spec_for": "specs.spec_for",
    "unique_violations": "store._unique_violations",
    "validate": "specs.validate",
}

__getattr__ = public_names(__name__, _HOMES)
