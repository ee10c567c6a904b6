"""Years that widen: a follow-up that names years with a word that adds ("also allow 2010 through 2012", "include
the 90s too", "throw in some 80s as well") joins them to the current ones; "only", "instead" or the years alone
name them anew, and a bound narrows. A year about the listener bound by a limit word is a limit ("from the year I
was born, 1994, onward")."""

import pytest

from assistant.parsing.follow_ups import parse_follow_up
from assistant.parsing.intent import parse_prompt
from assistant.parsing.year_sets import from_limits


def _years(engine, prompt, text):
    current = parse_prompt(prompt, engine.vocab)
    refinement = parse_follow_up(text, engine.vocab, current, playlist_length=20)
    return from_limits(refinement.year_min, refinement.year_max, refinement.exclude_years), refinement.years_replace


@pytest.mark.parametrize(
    "prompt, text, years",
    [
        ("20 songs from the 2000s", "also allow 2010 through 2012", ((2000, 2012),)),
        ("playlist of 30 songs from the 80s", "include the 90s too", ((1980, 1999),)),
        ("20 songs from the 2000s", "throw in some 80s as well", ((1980, 1989), (2000, 2009))),
        ("rock from the 70s", "add 1980 to 1982 too", ((1970, 1982),)),
        ("rock from the 70s", "you can also include the sixties", ((1960, 1979),)),
    ],
)
def test_years_said_with_a_word_that_adds_join_the_current_ones(engine, prompt, text, years):
    assert _years(engine, prompt, text) == (years, True)


@pytest.mark.parametrize(
    "text, years, replace",
    [
        ("only the 90s", ((1990, 1999),), True),
        ("the 90s instead", ((1990, 1999),), True),
        ("90s", ((1990, 1999),), True),
        ("also nothing after 2005", ((1000, 2005),), False),  # a bound narrows, with "also" or without
    ],
)
def test_years_named_anew_or_bounded_do_not_widen(engine, text, years, replace):
    assert _years(engine, "20 songs from the 2000s", text) == (years, replace)


def test_with_no_years_before_the_added_ones_are_the_years(engine):
    assert _years(engine, "rock songs", "include the 90s too") == (((1990, 1999),), True)


@pytest.mark.parametrize(
    "prompt, low",
    [
        ("from the year I was born, 1994, onward - give me 25 songs", 1994),
        ("songs from my birth year, 1988, and later", 1988),
        ("the year we met, 2009, onwards please, 20 songs", 2009),
        ("2005, or later stuff, 20 songs", 2005),
    ],
)
def test_a_year_set_apart_by_commas_is_bound_by_the_limit_word_after_it(engine, prompt, low):
    c = parse_prompt(prompt, engine.vocab).constraints
    assert (c.year_min, c.year_max) == (low, None)


def test_a_birth_year_alone_is_no_limit(engine):
    c = parse_prompt("I was born in 1994, give me 25 songs", engine.vocab).constraints
    assert (c.year_min, c.year_max, c.count) == (None, None, 25)


@pytest.mark.parametrize(
    "text, low",
    [("make it 2005 onwards instead", 2005), ("rather from 2008 on", 2008), ("switch to 2001 and later", 2001)],
)
def test_a_bound_said_as_a_replacement_names_the_years_anew(engine, text, low):
    years, replace = _years(engine, "50 min of music, songs from 2012 onwards", text)
    assert replace and years[0][0] == low
    assert _years(engine, "songs from 2012 onwards", "nothing before 2015")[1] is False  # a plain bound narrows


@pytest.mark.parametrize(
    "prompt", ["anything released from 2016 up to and including 2019", "2016 up to and including 2019, 45 minutes"]
)
def test_up_to_and_including_joins_a_range(engine, prompt):
    c = parse_prompt(prompt, engine.vocab).constraints
    assert (c.year_min, c.year_max) == (2016, 2019)


@pytest.mark.parametrize(
    "prompt, low, high",
    [
        ("The last few years of the 90s, 30 tracks", 1997, 1999),
        ("rock from the tail end of the 80s", 1987, 1989),
        ("pop from the start of the 2000s", 2000, 2003),
        ("the first half of the 70s", 1970, 1974),
        ("80s stuff please. Hmm, actually make it 90s, the 80s were more my parents' era.", 1990, 1999),
    ],
)
def test_parts_of_a_decade_in_words_and_a_decade_taken_back(engine, prompt, low, high):
    constraints = parse_prompt(prompt, engine.vocab).constraints
    assert (constraints.year_min, constraints.year_max) == (low, high)


def test_a_bound_said_with_widen_replaces_the_narrower_one(engine):
    years, replace = _years(
        engine, "classic rock released before 1985", "hmm, let's widen that to anything before 1995"
    )
    assert years == from_limits(None, 1994) and replace


def test_make_it_with_a_bound_sets_the_years(engine):
    years, replace = _years(engine, "50 songs, 2010s only", "nvm make it 2015 onwards")
    assert years == from_limits(2015, None) and replace


def test_a_plus_joins_two_parts_of_decades(engine):
    constraints = parse_prompt("throwback mix pls, late 90s + early 2010s only thx", engine.vocab).constraints
    years = from_limits(constraints.year_min, constraints.year_max, constraints.exclude_years)
    assert years == ((1997, 1999), (2010, 2013))


def test_b4_is_before_and_an_event_year_of_something_else_is_no_limit(engine):
    years, _ = _years(engine, "need a 45 min run mix pls", "also nothing b4 2015")
    assert years == from_limits(2015, None)
    prompt = "My brother insists music died in 2015. Prove him wrong: only songs released in 2016 or later."
    assert parse_prompt(prompt, engine.vocab).constraints.year_min == 2016


def test_a_decade_restated_as_years_is_no_range_ending_inside_it(engine):
    constraints = parse_prompt("from the first half of the noughties — 2000 to 2004, both ends included", engine.vocab)
    assert from_limits(constraints.constraints.year_min, constraints.constraints.year_max, []) == ((2000, 2004),)
    assert parse_prompt("the 90s - 2005", engine.vocab).constraints.year_max == 2005


def test_a_flight_or_room_number_is_no_year(engine):
    prompt = "Flight UA 2019 leaves at 7:45 from gate B12. I need 2 hours of music, only stuff from the 90s."
    constraints = parse_prompt(prompt, engine.vocab).constraints
    assert (constraints.year_min, constraints.year_max) == (1990, 1999) and constraints.duration_min == 120
