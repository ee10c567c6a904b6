"""The conversation: everything between the listener's prompt and the Playlist."""

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def public_names(package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """A room's module `__getattr__` (PEP 562): each public name is imported from its home module the first time
    it is asked for. Importing a room therefore costs nothing (the CLI's parser loads without the parser's lexicon,
    litellm or matplotlib) and rooms that use each other never import in a circle. `homes` maps a public name to
    'module.attribute' inside the room ('players.subsonic.push_playlist'), or to a bare module name ('export')."""

    def __getattr__(name: str) -> Any:
        try:
            home = homes[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        module, _, attribute = home.rpartition(".")
        if not module:
            return import_module(f"{package}.{attribute}")
        return getattr(import_module(f"{package}.{module}"), attribute)

    return __getattr__
