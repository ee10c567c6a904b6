"""One small registry per kind of pluggable part (vector stores, databases, players, catalog sources): a scheme
maps to one implementation. Each app or engine builds its own registry (the built-ins are registered through the
same `register` an extension uses), so nothing process-wide changes when a test adds one; a scheme claimed twice
is an error rather than a silent override."""

from collections.abc import Iterator
from typing import Generic, TypeVar

from index.errors import PlaylistError

T = TypeVar("T")


class RegistryError(PlaylistError):
    """A scheme claimed twice, or one nobody registered."""


def scheme_of(location: str | None) -> str:
    """The URI scheme of `location` ("milvus", "postgresql", "http"), "" for a plain file path or nothing."""
    text = (location or "").strip()
    head, sep, _ = text.partition("://")
    return head.lower() if sep and head.replace("+", "").replace("-", "").replace(".", "").isalnum() else ""


class Registry(Generic[T]):
    """Implementations of one kind by scheme."""

    def __init__(self, kind: str):
        self.kind = kind
        self._by_scheme: dict[str, T] = {}

    def register(self, entry: T, *schemes: str) -> T:
        """Claims `schemes` for `entry`; a scheme another entry holds raises RegistryError, nothing is changed."""
        taken = [s for s in schemes if s in self._by_scheme]
        if taken:
            raise RegistryError(
                f"{self.kind} scheme {taken[0]!r} is already registered "
                f"({type(self._by_scheme[taken[0]]).__name__}); a scheme names one {self.kind}"
            )
        for scheme in schemes:
            self._by_scheme[scheme] = entry
        return entry

    def get(self, scheme: str) -> T:
        try:
            return self._by_scheme[scheme]
        except KeyError:
            known = ", ".join(repr(s) for s in self._by_scheme) or "none"
            raise RegistryError(f"no {self.kind} for {scheme!r} (known: {known})") from None

    def __contains__(self, scheme: object) -> bool:
        return scheme in self._by_scheme

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_scheme)

    def schemes(self) -> list[str]:
        return list(self._by_scheme)
