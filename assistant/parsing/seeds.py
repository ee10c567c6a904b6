"""Seeds: the songs and artists a listener names as examples ("like Holocene by Bon Iver", "similar to Drake and
Future"). They steer the search; whether their own tracks may be played is for the exclusions to say."""

import re
from dataclasses import dataclass, field

from assistant.parsing.lists import items_at
from assistant.parsing.numbers import counted_before
from assistant.parsing.tokens import Span, Token, index_at, overlaps
from assistant.parsing.vibe_lexicon import lexicon
from assistant.parsing.vocabulary import CatalogVocabulary

SEED_CUE_RE = re.compile(
    r"(?<![\w'’])(?:(?:songs?|tracks?|music|stuff|something|anything|artists?|bands?|more)\s+)?"
    r"(?P<cue>like|similar\s+to|in\s+the\s+(?:style|vein|spirit)\s+of|sounds?\s+like|sounding\s+like|reminiscent\s+of"
    r"|inspired\s+by|influenced\s+by|along\s+the\s+lines\s+of|(?:for\s+)?fans\s+of|the\s+likes\s+of|vibes?\s+(?:like|of)"
    r"|(?:a|à)\s+la)(?![\w'’])",
    re.I,
)


# "Fleetwood Mac-esque", "Earth, Wind & Fire style", "Drake vibes"
_STYLE_SUFFIX_RE = re.compile(r"\s*-?\s*(?:esque|ish|style|like|inspired|influenced|type|vibes?|sounding)\b", re.I)


@dataclass
class Seeds:
    artists: list[str] = field(default_factory=list)
    track_ids: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)


def find_seeds(text: str, tokens: list[Token], vocab: CatalogVocabulary, taken: list[Span]) -> Seeds:
    """Every seed cue outside the taken spans followed by catalog songs or artists."""
    seeds = Seeds()
    for cue in SEED_CUE_RE.finditer(text):
        if overlaps(cue.span(), taken + seeds.spans):
            continue
        start = index_at(tokens, cue.end())
        if start < len(tokens) and not tokens[start].capitalised and lexicon().at(tokens, start):
            continue  # "sounds like velvet": a sound, not the band Velvet
        items = items_at(tokens, start, vocab, frozenset({"artist", "song"}))
        for item in items:
            if item.kind == "artist":
                seeds.artists.append(str(item.value))
                continue
            if isinstance(item.value, tuple):  # a song: (title, artist)
                title, by = item.value
                song = vocab.find_song(title, by or None)
                if song:
                    seeds.track_ids.append(song.track_id)
        if items:
            start_char = cue.start("cue") if counted_before(text, cue.start()) else cue.start()  # "10 songs like"
            seeds.spans.append((start_char, tokens[items[-1].end - 1].end))
    for i, token in enumerate(tokens):
        artist = vocab.artist_at(tokens, i) if token.capitalised else None
        suffix = _STYLE_SUFFIX_RE.match(text, tokens[artist[1] - 1].end) if artist else None
        if artist and suffix and not overlaps((token.start, suffix.end()), taken + seeds.spans):
            seeds.artists.append(artist[0])
            seeds.spans.append((token.start, suffix.end()))
    return seeds
