"""Quantities as listeners say them: multiplied number words, hours with minutes, counts beside per-artist caps,
bounds on years said before or after the year, and follow-ups that correct or move the length."""

import pytest

from assistant.models import PlaylistRequest
from assistant.parsing.follow_ups import parse_follow_up
from assistant.parsing.intent import parse_prompt
from assistant.parsing.numbers import number_value
from assistant.parsing.years import FIRST_YEAR, LAST_YEAR, from_limits, normalise


@pytest.mark.parametrize("words, value", [
    ("a dozen", 12), ("half a dozen", 6), ("a half-dozen", 6), ("a baker's dozen", 13), ("a baker’s dozen", 13),
    ("three dozen", 36), ("2 dozen", 24), ("a couple dozen", 24), ("a couple of dozen", 24), ("a pair of", 2),
    ("a couple of", 2), ("a hundred and fifty", 150), ("two hundred", 200), ("twenty-five", 25), ("42", 42),
])
def test_number_words_multiply(words, value):
    assert number_value(words) == value


@pytest.mark.parametrize("prompt, count", [
    ("a couple dozen songs of pop", 24), ("three dozen tracks of rock", 36), ("a baker's dozen songs", 13),
    ("half a dozen rock ballads", 6), ("a dozen bangers", 12), ("a pair of songs", 2), ("a couple of songs", 2),
    ("2 dozen tracks of edm", 24), ("give me two dozen", 24), ("a hundred and fifty songs", 150),
])
def test_multiplied_counts(engine, prompt, count):
    request = parse_prompt(prompt, engine.vocab)
    assert request.constraints.count == count and not request.notes
    assert "dozen" not in request.query


@pytest.mark.parametrize("prompt, minutes", [
    ("rap, about an hour and ten minutes", 70), ("an hour and a quarter of jazz", 75), ("1 hour 10 of pop", 70),
    ("one hour twenty of rock", 80), ("an hour ten of rap", 70), ("an hour and a half of rap", 90),
    ("an hour-and-a-half of rock", 90), ("three quarters of an hour of pop", 45), ("a quarter of an hour of pop", 15),
    ("quarter hour of pop", 15), ("half an hour of pop", 30), ("a couple of hours of pop", 120),
    ("a couple hours of pop", 120), ("two and a half hours of jazz", 150), ("an hour and three quarters of edm", 105),
    ("two hours and fifteen minutes of rock", 135), ("1h 30 of pop", 90), ("a full hour of rock", 60),
    ("a good 45 minutes of jazz", 45), ("an hour-long pop playlist", 60),
])
def test_hours_and_minutes(engine, prompt, minutes):
    request = parse_prompt(prompt, engine.vocab)
    assert request.constraints.duration_min == minutes and not request.notes
    assert not any(word in request.query.lower() for word in ("hour", "minute", "quarter", "ten", "twenty"))


def test_a_number_after_the_hour_that_counts_songs_is_a_count(engine):
    c = parse_prompt("an hour, 10 songs", engine.vocab).constraints
    assert (c.duration_min, c.count) == (60, 10)
    track = parse_prompt("rock, songs under four and a half minutes", engine.vocab).constraints
    assert track.max_track_ms == 270_000 and track.duration_min is None


@pytest.mark.parametrize("prompt, count, cap", [
    ("15 songs, no more than one song by the same rapper", 15, 1),
    ("no more than 3 tracks by the same band, 20 songs", 20, 3), ("12 songs, max 3 from anyone", 12, 3),
    ("one track per band, 20 songs", 20, 1), ("nobody twice, 10 songs", 10, 1),
    ("no artist more than thrice, 25 tracks", 25, 3), ("pop, nobody more than three times", None, 3),
    ("the same singer at most three times", None, 3), ("each rapper only once, 18 songs", 18, 1),
    ("3 songs per act max, 30 songs", 30, 3), ("15 songs, at most 3 tracks from any one group", 15, 3),
    ("three times per DJ, 12 songs", 12, 3), ("an hour, 15 songs by different artists", 15, 1),
    ("a couple of songs by each artist, 16 tracks", 16, 2),
])
def test_count_and_cap_stand_side_by_side(engine, prompt, count, cap):
    request = parse_prompt(prompt, engine.vocab)
    assert (request.constraints.count, request.constraints.max_per_artist) == (count, cap)
    assert not request.notes


@pytest.mark.parametrize("prompt, count", [
    ("10 songs by a female artist", 10), ("20 songs from any era", 20), ("top 40 hits", 40),
])
def test_counts_that_are_not_caps(engine, prompt, count):
    c = parse_prompt(prompt, engine.vocab).constraints
    assert c.count == count and c.max_per_artist == 2


def _years(lo, hi):
    return normalise([(lo or FIRST_YEAR, hi or LAST_YEAR)])


@pytest.mark.parametrize("prompt, low, high", [
    ("pop from 2016 at the earliest", 2016, None), ("2016 at the earliest, rock", 2016, None),
    ("rock, 2016 at the latest", None, 2016), ("rock that predate 1980", None, 1979),
    ("songs predating 1980", None, 1979), ("pop that postdates 2005", 2006, None), ("pre-Y2K hip hop", None, 1999),
    ("post-Y2K pop", 2000, None), ("pre Y2K pop", None, 1999), ("pre-millennium rock", None, 1999),
    ("rock since the millennium", 2000, None), ("rock before the turn of the century", None, 1999),
    ("rock no older than 2012", 2012, None), ("pop no newer than 1999", None, 1999),
    ("pop not newer than 1999", None, 1999), ("rock 1980 or before", None, 1980), ("rock from 2015 or later", 2015, None),
    ("rock, 1990 or more recent", 1990, None), ("nothing pre-Y2K", 2000, None),
    ("nineteen-nineties rock", 1990, 1999), ("the two thousands pop", 2000, 2009), ("the twenty-tens rap", 2010, 2019),
    ("rap from the nineteen eighties", 1980, 1989), ("the late nineteen-seventies", 1977, 1979),
    ("the twenty twenties pop", 2020, 2029), ("pop from nineteen eighty-four", 1984, 1984),
    ("two thousand and five rock", 2005, 2005), ("rock from twenty fifteen onwards", 2015, None),
])
def test_year_bounds_and_decades_in_words(engine, prompt, low, high):
    request = parse_prompt(prompt, engine.vocab)
    c = request.constraints
    assert from_limits(c.year_min, c.year_max, c.exclude_years) == _years(low, high)
    assert c.count is None and not request.notes  # a year is never a count
    assert not any(w in request.query.lower() for w in ("predat", "y2k", "earliest", "latest", "nineteen", "thousand"))


@pytest.mark.parametrize("prompt", ["songs for people in their thirties", "the twenties jazz", "Y2K pop",
                                    "24/7 lofi", "9 to 5 work music"])
def test_not_years_counts_or_durations(engine, prompt):
    c = parse_prompt(prompt, engine.vocab).constraints
    assert (c.year_min, c.year_max, c.count, c.duration_min) == (None, None, None, None)


def _request(engine, prompt="80s rock anthems, 15 songs") -> PlaylistRequest:
    return parse_prompt(prompt, engine.vocab)


@pytest.mark.parametrize("text, count", [
    ("wait, I meant 12", 12), ("sorry, 12 not 10", 12), ("I said 12", 12), ("no, twelve", 12),
    ("make it 12 songs, not 10", 12), ("make it 12 instead of 10", 12),
    ("bump it up by five", 20), ("up it by 3", 18), ("five more", 20), ("add a couple dozen", 39),
    ("knock off two", 13), ("knock two off", 13), ("trim two songs", 13), ("two fewer", 13), ("2 less songs", 13),
    ("cut it down by 3", 12), ("shave off 3 tracks", 12), ("5 fewer tracks please", 10),
])
def test_follow_up_corrections_and_changes_of_count(engine, text, count):
    refinement = parse_follow_up(text, engine.vocab, _request(engine), playlist_length=15)
    assert refinement.count == count and refinement.duration_min is None and refinement.understood
    assert not refinement.notes


@pytest.mark.parametrize("text, minutes", [
    ("stretch it out to a full hour", 60), ("make it a full hour", 60), ("fill an hour", 60),
    ("make it last 90 minutes", 90), ("shorten it to half an hour", 30), ("I meant an hour, not 45 minutes", 60),
])
def test_follow_up_durations(engine, text, minutes):
    refinement = parse_follow_up(text, engine.vocab, _request(engine), playlist_length=15)
    assert refinement.duration_min == minutes and refinement.count is None and refinement.understood


@pytest.mark.parametrize("text, minutes", [
    ("ten more minutes", 70), ("add half an hour", 90), ("add another half hour", 90),
    ("cut it down by 15 minutes", 45), ("an hour longer", 120), ("make it 20 minutes shorter", 40),
    ("knock 10 minutes off", 50), ("shave off ten minutes", 50), ("add 10 minutes", 70),
])
def test_follow_up_moves_a_duration(engine, text, minutes):
    refinement = parse_follow_up(text, engine.vocab, _request(engine, "an hour of rock"), playlist_length=15)
    assert refinement.duration_min == minutes and refinement.count is None and refinement.understood


def test_a_change_in_minutes_needs_a_length_in_minutes(engine):
    refinement = parse_follow_up("add 10 minutes", engine.vocab, _request(engine), playlist_length=15)
    assert refinement.duration_min is None and refinement.count is None and not refinement.understood
    assert any("add 10 minutes" in note for note in refinement.notes)


def test_a_year_in_a_follow_up_is_not_a_count(engine):
    refinement = parse_follow_up("make it 2016 at the earliest", engine.vocab, _request(engine), playlist_length=15)
    assert refinement.count is None and (refinement.year_min, refinement.year_max) == (2016, None)
