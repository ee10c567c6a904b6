"""Hard constraints as blind batch 10 worded them: other languages' hours, decades, "also" and negation cues ("une
heure", "los 90", "y también", "pas d'EDM"), a chat fix ("*fifty"), a name with its alias and a typo ("ariana
grand"), an exclusion taken back ("No Drake... actually Drake's fine, it's Future I can't stand"), predicates after
a name ("… stays off it"), a list after "names off the list:", and follow-ups that bump a cap or swap a decade."""

import pytest

from assistant.parsing.follow_ups import parse_follow_up
from assistant.parsing.intent import parse_prompt
from assistant.parsing.vocabulary import CatalogVocabulary
from index.catalog import Track


def _c(engine, prompt):
    return parse_prompt(prompt, engine.vocab).constraints


@pytest.mark.parametrize(
    "prompt, minutes",
    [("I need une heure of music for a dîner", 60), ("una hora de reggaeton", 60), ("2 Stunden Rock bitte", 120)],
)
def test_hours_in_other_languages(engine, prompt, minutes):
    assert _c(engine, prompt).duration_min == minutes


@pytest.mark.parametrize(
    "prompt, years",
    [("rock de los 90", (1990, 1999)), ("Rock der 80er Jahre", (1980, 1989)), ("les années 80, pop", (1980, 1989))],
)
def test_decades_in_other_languages(engine, prompt, years):
    c = _c(engine, prompt)
    assert (c.year_min, c.year_max) == years
    assert _c(engine, "los 90 minutos de rock").duration_min == 90  # a number with its unit is no decade


def test_also_in_another_language_widens_the_years(engine):
    current = parse_prompt("pop latino de los 2000s, 20 songs", engine.vocab)
    refinement = parse_follow_up("y también los 90", engine.vocab, current, 20)
    assert (refinement.year_min, refinement.year_max) == (1990, 2009)


def test_french_negation_with_elision(engine):
    assert set(_c(engine, "chill pop, pas de rap, pas d'EDM").exclude_genres) >= {"rap", "edm"}


def test_a_chat_fix_with_an_asterisk_corrects_the_count(engine):
    assert _c(engine, "Give me fifteen EDM tracks for the pre-game. *fifty, typo, I meant fifty.").count == 50
    assert _c(engine, "20 rock songs. *25").count == 25


def test_an_alias_and_a_typo_of_the_rest_are_one_name():
    tracks = [Track(track_id=f"a{i}", title=f"Song {i}", artist="Ariana Grande", duration_ms=1) for i in range(6)]
    vocab = CatalogVocabulary(tracks)
    request = parse_prompt("ariana grand is banned in this house rn, 15 pop songs pls", vocab)
    assert request.constraints.exclude_artists == ["Ariana Grande"] and request.constraints.count == 15


def test_an_exclusion_taken_back_is_lifted_and_a_cleft_excludes(engine):
    request = parse_prompt(
        "No Drake... actually Drake's fine, it's AC/DC I can't stand. Rock for the gym.", engine.vocab
    )
    assert request.constraints.exclude_artists == ["AC/DC"]
    assert any("Drake is not left out" in note for note in request.notes)


@pytest.mark.parametrize(
    "prompt",
    [
        "soft rock, though anything credited to Drake stays off it",
        "rock night, two names off the list: Drake and AC/DC",
    ],
)
def test_predicates_and_lists_that_rule_out(engine, prompt):
    assert "Drake" in _c(engine, prompt).exclude_artists


@pytest.mark.parametrize(
    "prompt, clean",
    [("rock or pop, no parental-advisory tracks", False), ("Feel-good clean pop for my 5th graders", False)],
)
def test_clean_said_as_a_label_or_an_adjective(engine, prompt, clean):
    assert _c(engine, prompt).explicit_allowed is clean


@pytest.mark.parametrize(
    "prompt, text, field, value",
    [
        ("Party mix, pop + rap: 50 songs, 2 max per artist.", "bump the cap to 3", "max_per_artist", 3),
        ("30 rock songs", "and make sure nothing's over 6 minutes", "max_track_ms", 360_000),
        ("EDM from the 2010s: 30 tracks", "swap the 2010s for the 2000s", "year_max", 2009),
        ("90s rock playlist please", "actually switch it to the 2000s", "year_min", 2000),  # "switch it": no cue
        ("15 late-90s R&B songs", "actually swap that for the early 2000s", "year_max", 2003),
    ],
)
def test_follow_ups_of_batch_10(engine, prompt, text, field, value):
    current = parse_prompt(prompt, engine.vocab)
    assert getattr(parse_follow_up(text, engine.vocab, current, 30), field) == value
