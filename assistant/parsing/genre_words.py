"""Words for genres: listener words -> catalog genre labels, and where a genre word names a thing instead
("cleaning the whole house", "my soul", "a rock")."""

from collections.abc import Sequence

from assistant.parsing.tokens import Token
from assistant.parsing.vibe_terms import MUSIC_NOUNS

# Listener words -> catalog genre labels (any of them). Labels the catalog lacks are ignored.
GENRE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "hip hop": ("rap",),
    "hiphop": ("rap",),
    "rap": ("rap",),
    "gangsta rap": ("gangster rap",),
    "rnb": ("r&b",),
    "r and b": ("r&b",),
    "r b": ("r&b",),
    "soul": ("neo soul", "r&b"),
    "electronic": ("edm",),
    "electronica": ("edm",),
    "dance music": ("edm",),
    "house": ("electro house", "progressive electro house"),
    "progressive house": ("progressive electro house",),
    "indie": ("indie poptimism",),
    "indie pop": ("indie poptimism",),
    "teen pop": ("post-teen pop",),
    "alternative": ("permanent wave",),
    "alt rock": ("permanent wave",),
    "indie rock": ("permanent wave",),
    "reggaeton": ("reggaeton",),
    "dembow": ("reggaeton",),
}

# One-word genres that are also everyday nouns: after a determiner, and with no music word after them, they name
# the thing ("sing into the broom handle while cleaning the whole house"); "the house tracks" is still house music.
_NOUN_GENRES = frozenset({"house", "rock", "soul", "trap"})
# "the" alone may point at the genre in the playlist ("the house is getting old"); "the whole house", "this house"
# and "in the house" (a place after a preposition) cannot.
_DETERMINERS = frozenset({"my", "our", "your", "his", "her", "their", "a", "an", "whole", "entire", "every", "this"})
_PLACE_PREPOSITIONS = frozenset(
    {"in", "from", "around", "at", "into", "through", "across", "inside", "outside", "round"}
)
# What a house, a rock or a trap does, and music does not ("the house keeps creaking", "the house is asleep").
_THING_VERBS = frozenset(
    """keeps creaks creaking creaked shakes shook smells smelled sleeps asleep settles groans rattles rattled echoes
needs""".split()
)
_MUSIC_AFTER = MUSIC_NOUNS | {"bangers", "classics", "artists", "bands", "anthems", "hits", "set", "ballads", "beats"}
_MUSIC_AFTER |= {"and", "or"}  # "house and techno": the genre in a list


def a_thing_not_a_genre(tokens: Sequence[Token], start: int, end: int) -> bool:
    """The genre phrase tokens[start:end] names an everyday thing, not the genre."""
    if end - start != 1 or tokens[start].folded not in _NOUN_GENRES or start == 0:
        return False
    after = tokens[end].folded if end < len(tokens) else ""
    before = tokens[start - 1].folded
    place = before == "the" and start >= 2 and tokens[start - 2].folded in _PLACE_PREPOSITIONS
    place |= before == "the" and after in _THING_VERBS  # "the house keeps creaking"
    return (before in _DETERMINERS or place) and after not in _MUSIC_AFTER
