"""Every catalog artist a text names, with where and whether the words just before ask for it: what a model's
exclusion must point at, and which names the reply should say it placed as wishes."""

import re
from dataclasses import dataclass

from assistant.parsing.tokens import Span, tokenize
from assistant.parsing.vocabulary import CatalogVocabulary
from index.text import artist_key

# A word just before a name that asks for the artist: the model may not read that name as an exclusion.
_WANTS_BEFORE = re.compile(
    r"\b(?:more|with|like|love|loves|plus|featuring|including|add|some|lots\s+of|by|from)\s*$", re.I
)


# A noun right after a name that asks for the artist's music: "queen songs", "drake's stuff".
_WANTED_AFTER = re.compile(
    r"\s*(?:['’]s\s+)?(?:songs?|tracks?|stuff|music|hits|tunes|vibes?|type|style|era|ones?|"
    r"albums?|records?|classics|bangers|deep\s+cuts)\b",
    re.I,
)
_LIST_JOIN = re.compile(r"\s*(?:,|&|/|\+)?\s*(?:and|or|plus|n)?\s*", re.I)


@dataclass(frozen=True)
class Mention:
    artist: str  # the catalog's spelling
    span: Span
    wanted: bool  # typed right after a word that asks for it ("more Drake", "with Future")


def mentions(text: str, vocab: CatalogVocabulary) -> dict[str, Mention]:
    """Every catalog artist typed in the text (as spelled, by alias or with a small typo), by artist key."""
    tokens = tokenize(text)
    found: dict[str, Mention] = {}
    i = 0
    while i < len(tokens):
        hit = vocab.artist_at(tokens, i) or vocab.close_artist_at(tokens, i, len(tokens))
        if hit is None:
            i += 1
            continue
        span = (tokens[i].start, tokens[hit[1] - 1].end)
        previous = list(found.values())[-1] if found else None
        listed = previous is not None and _LIST_JOIN.fullmatch(text[previous.span[1] : span[0]]) is not None
        wanted = bool(_WANTS_BEFORE.search(text[: span[0]]) or _WANTED_AFTER.match(text, span[1])) or (
            listed and previous is not None and previous.wanted
        )  # "with A and B"
        found.setdefault(artist_key(hit[0]), Mention(hit[0], span, wanted))
        i = hit[1]
    return found


def without_names(text: str, artists: list[str], vocab: CatalogVocabulary) -> str:
    """The search text with these artists taken out as they were typed (spelled, by alias or with a typo)."""
    wanted = {artist_key(a) for a in artists}
    spans = [m.span for key, m in mentions(text, vocab).items() if key in wanted]
    for lo, hi in sorted(spans, reverse=True):
        text = text[:lo] + text[hi:]
    return " ".join(text.split()) or "music"
