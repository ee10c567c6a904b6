"""Names written with symbols for letters ("Ke$ha", "P!nk", "A$AP Rocky"): "$" reads as "s" and "!" as "i", so a
listener may type them plain. Where the catalog holds both spellings ("Ke$ha" and "Kesha") they are one artist;
a plain reading that is no ordinary word ("asap rocky") is an alias; one that is an ordinary word ("pink") stands
for the name only where a negation scopes (negation.py), so a pink vibe or Pink Floyd is never P!nk."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from index.text import artist_key

_LETTERS = {"$": "s", "!": "i"}
# Inside a word; "$" also at its edges ("$uicideboy$"), "!" never there ("Wham!" is punctuation).
_SYMBOL_RE = re.compile(r"(?<=[^\W\d_])[$!](?=[^\W\d_])|\$(?=[^\W\d_])|(?<=[^\W\d_])\$")


def plain_reading(name: str) -> str | None:
    """The folded name with its symbols read as letters ("P!nk" -> "pink"); None for a name without them."""
    if not _SYMBOL_RE.search(name):
        return None
    return artist_key(_SYMBOL_RE.sub(lambda m: _LETTERS[m.group(0)], name))


@dataclass
class SymbolNames:
    twins: dict[str, list[str]] = field(default_factory=dict)  # artist key -> the same artist's other spellings
    aliases: dict[str, str] = field(default_factory=dict)  # plain reading -> name, read anywhere
    words: dict[str, str] = field(default_factory=dict)  # plain reading that is an ordinary word -> name


def symbol_names(artists: dict[str, str], ordinary: Callable[[str], bool]) -> SymbolNames:
    """The plain readings of the catalog's names (artist key -> name); `ordinary(word)` tells a word of ordinary
    text."""
    found = SymbolNames()
    for key, name in artists.items():
        plain = plain_reading(name)
        if not plain or plain == key:
            continue
        if plain in artists:
            found.twins.setdefault(key, []).append(artists[plain])
            found.twins.setdefault(plain, []).append(name)
        elif ordinary(plain):
            found.words.setdefault(plain, name)
        else:
            found.aliases.setdefault(plain, name)
    return found
