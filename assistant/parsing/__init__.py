"""The rule parser: prompt -> PlaylistRequest, follow-up -> Refinement, with no model (intent is the entry)."""

from typing import TYPE_CHECKING

from assistant import public_names

if TYPE_CHECKING:
    from assistant.parsing.arcs import speaks_of_order
    from assistant.parsing.follow_ups import only_asked, parse_follow_up
    from assistant.parsing.intent import clean_text, parse_prompt
    from assistant.parsing.mentions import mentions as name_mentions
    from assistant.parsing.mentions import without_names
    from assistant.parsing.number_names import hide_names, number_spans
    from assistant.parsing.numbers import NUMBER, number_value
    from assistant.parsing.positions import typed_positions
    from assistant.parsing.reading import negated_nearby
    from assistant.parsing.sound_words import read_sound
    from assistant.parsing.speaker import speaks_in_person
    from assistant.parsing.tokens import Span, tokenize
    from assistant.parsing.vibe import Want
    from assistant.parsing.vibe import clip as clip_feature
    from assistant.parsing.vibe import merge as merge_wants
    from assistant.parsing.vibe_lexicon import Target as VibeTarget
    from assistant.parsing.vibe_lexicon import lexicon
    from assistant.parsing.vibe_neighbours import GENERIC as GENERIC_WORDS
    from assistant.parsing.vibe_terms import term_at
    from assistant.parsing.vocabulary import CatalogVocabulary
    from assistant.parsing.year_sets import as_limits as years_as_limits
    from assistant.parsing.year_sets import describe as describe_years
    from assistant.parsing.year_sets import from_limits as years_from_limits
    from assistant.parsing.year_sets import intersect as intersect_years

__all__ = [
    "CatalogVocabulary",
    "GENERIC_WORDS",
    "NUMBER",
    "Span",
    "VibeTarget",
    "Want",
    "clean_text",
    "clip_feature",
    "describe_years",
    "hide_names",
    "intersect_years",
    "lexicon",
    "merge_wants",
    "name_mentions",
    "negated_nearby",
    "number_spans",
    "number_value",
    "only_asked",
    "parse_follow_up",
    "parse_prompt",
    "read_sound",
    "speaks_in_person",
    "speaks_of_order",
    "term_at",
    "tokenize",
    "typed_positions",
    "without_names",
    "years_as_limits",
    "years_from_limits",
]

_HOMES = {
    "CatalogVocabulary": "vocabulary.CatalogVocabulary",
    "GENERIC_WORDS": "vibe_neighbours.GENERIC",
    "NUMBER": "numbers.NUMBER",
    "Span": "tokens.Span",
    "VibeTarget": "vibe_lexicon.Target",
    "Want": "vibe.Want",
    "clean_text": "intent.clean_text",
    "clip_feature": "vibe.clip",
    "describe_years": "year_sets.describe",
    "hide_names": "number_names.hide_names",
    "intersect_years": "year_sets.intersect",
    "lexicon": "vibe_lexicon.lexicon",
    "merge_wants": "vibe.merge",
    "name_mentions": "mentions.mentions",
    "negated_nearby": "reading.negated_nearby",
    "number_spans": "number_names.number_spans",
    "number_value": "numbers.number_value",
    "only_asked": "follow_ups.only_asked",
    "parse_follow_up": "follow_ups.parse_follow_up",
    "parse_prompt": "intent.parse_prompt",
    "read_sound": "sound_words.read_sound",
    "speaks_in_person": "speaker.speaks_in_person",
    "speaks_of_order": "arcs.speaks_of_order",
    "term_at": "vibe_terms.term_at",
    "tokenize": "tokens.tokenize",
    "typed_positions": "positions.typed_positions",
    "without_names": "mentions.without_names",
    "years_as_limits": "year_sets.as_limits",
    "years_from_limits": "year_sets.from_limits",
}

__getattr__ = public_names(__name__, _HOMES)
