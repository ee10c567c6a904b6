"""Lengths of each track as listeners type them: minutes and seconds ("between 2:30 and 4:00 each"), seconds ("none
longer than 200 seconds"; a number of seconds is never a count), a count beside a bound on its own tracks ("10
songs under 3 minutes each" keeps its 10), a second bound joined by "or" to a negated one negated too ("none over 6
minutes or under 90 seconds"), and a follow-up's bare number in the unit the turn before set ("and
nothing longer than 5" after "songs at least 3 min each")."""

import pytest

from assistant.parsing.follow_ups import parse_follow_up
from assistant.parsing.intent import parse_prompt


def _constraints(engine, prompt):
    return parse_prompt(prompt, engine.vocab).constraints


@pytest.mark.parametrize(
    "prompt, low, high, minutes",
    [
        ("40 min playlist, songs between 2:30 and 4:00 each", 150_000, 240_000, 40),
        ("tracks from 3:15 to 4:45, an hour of rock", 195_000, 285_000, 60),
        ("every song 2:00-3:30, half an hour", 120_000, 210_000, 30),
        ("an hour of jazz, songs between 3:00 and 5:30 long", 180_000, 330_000, 60),
    ],
)
def test_a_range_of_track_lengths_in_minutes_and_seconds(engine, prompt, low, high, minutes):
    c = _constraints(engine, prompt)
    assert (c.min_track_ms, c.max_track_ms, c.duration_min) == (low, high, minutes)


@pytest.mark.parametrize(
    "prompt, count, low, high",
    [
        ("I want 12 songs and none of them over 6 minutes or under 90 seconds", 12, 90_000, 360_000),
        ("nothing under 2 minutes or over 7 minutes, 20 songs", 20, 120_000, 420_000),
        ("no songs over 5 minutes or shorter than 2 minutes", None, 120_000, 300_000),
        ("nothing over 6 minutes, or under 2 min, 15 tracks", 15, 120_000, 360_000),
        ("songs of 3 minutes or less, 10 tracks", 10, None, 180_000),
        ("At most three tracks from any one artist, and skip anything over five minutes.", None, None, 300_000),
        ("drop any songs over 6 minutes, 12 songs", 12, None, 360_000),
        ("avoid tracks under 2 minutes", None, 120_000, None),
    ],
)
def test_a_second_bound_joined_by_or_shares_the_negation(engine, prompt, count, low, high):
    c = _constraints(engine, prompt)
    assert (c.count, c.min_track_ms, c.max_track_ms) == (count, low, high)


@pytest.mark.parametrize(
    "prompt, count, low, high",
    [
        ("24 songs, none longer than 200 seconds", 24, None, 200_000),
        ("no songs over 240 seconds, 15 tracks", 15, None, 240_000),
        ("30 songs, each at least 150 seconds", 30, 150_000, None),
        ("12 tracks under 180 secs each", 12, None, 180_000),
        ("20 songs, all at least 3 minutes long, none of those tiny 90 second tiktok songs", 20, 180_000, None),
        ("15 songs and no 30-second snippets", 15, None, None),
    ],
)
def test_seconds_bound_a_track_and_never_count(engine, prompt, count, low, high):
    c = _constraints(engine, prompt)
    assert (c.count, c.min_track_ms, c.max_track_ms, c.duration_min) == (count, low, high, None)


@pytest.mark.parametrize(
    "prompt, count, low, high",
    [
        ("10 songs under 3 minutes each", 10, None, 180_000),
        ("10 songs under 3 minutes each. wait, under 4 minutes", 10, None, 240_000),
        ("25 tracks over 4 minutes", 25, 240_000, None),
        ("12 songs between 3 and 5 minutes", 12, 180_000, 300_000),
        ("8 songs no longer than 4 min each", 8, None, 240_000),
        ("15 songs, no song is under 3 minutes or over 7 minutes", 15, 180_000, 420_000),
    ],
)
def test_a_count_keeps_its_noun_beside_a_bound_on_its_tracks(engine, prompt, count, low, high):
    c = _constraints(engine, prompt)
    assert (c.count, c.min_track_ms, c.max_track_ms) == (count, low, high)


@pytest.mark.parametrize(
    "prompt, text, low, high",
    [
        ("40 min of workout music, songs at least 3 min each", "and nothing longer than 5", 180_000, 300_000),
        ("20 songs under 4 minutes", "and none shorter than 3", 180_000, 240_000),
        ("20 songs under 4 minutes", "tracks at least 2:30 too", 150_000, 240_000),
        ("rock, songs over 3 minutes each", "but under 6", 180_000, 360_000),
    ],
)
def test_a_bare_number_keeps_the_unit_a_track_length_set(engine, prompt, text, low, high):
    current = parse_prompt(prompt, engine.vocab)
    refinement = parse_follow_up(text, engine.vocab, current, playlist_length=12)
    low = None if low == current.constraints.min_track_ms else low
    high = None if high == current.constraints.max_track_ms else high
    assert (refinement.min_track_ms, refinement.max_track_ms) == (low, high)
    assert refinement.count is None and refinement.duration_min is None


def test_a_bare_number_with_no_track_length_before_is_no_track_length(engine):
    current = parse_prompt("20 rock songs", engine.vocab)
    refinement = parse_follow_up("nothing longer than 5", engine.vocab, current, playlist_length=20)
    assert refinement.max_track_ms is None and refinement.min_track_ms is None
