"""Quantities as listeners say them: multiplied number words, hours with minutes, counts beside per-artist caps,
bounds on years said before or after the year, follow-ups that correct or move the length, and a count, length or
decade taken back and said again in the same text ("12 songs, no wait, 15")."""

import random

import pytest

from assistant.models import PlaylistRequest
from assistant.parsing.follow_ups import parse_follow_up
from assistant.parsing.intent import parse_prompt
from assistant.parsing.numbers import number_value
from assistant.parsing.year_sets import FIRST_YEAR, LAST_YEAR, from_limits, normalise


@pytest.mark.parametrize(
    "words, value",
    [
        ("a dozen", 12),
        ("half a dozen", 6),
        ("a half-dozen", 6),
        ("a baker's dozen", 13),
        ("a baker’s dozen", 13),
        ("three dozen", 36),
        ("2 dozen", 24),
        ("a couple dozen", 24),
        ("a couple of dozen", 24),
        ("a pair of", 2),
        ("a couple of", 2),
        ("a hundred and fifty", 150),
        ("two hundred", 200),
        ("twenty-five", 25),
        ("42", 42),
    ],
)
def test_number_words_multiply(words, value):
    assert number_value(words) == value


@pytest.mark.parametrize(
    "prompt, count",
    [
        ("a couple dozen songs of pop", 24),
        ("three dozen tracks of rock", 36),
        ("a baker's dozen songs", 13),
        ("half a dozen rock ballads", 6),
        ("a dozen bangers", 12),
        ("a pair of songs", 2),
        ("a couple of songs", 2),
        ("2 dozen tracks of edm", 24),
        ("give me two dozen", 24),
        ("a hundred and fifty songs", 150),
        ("a score of songs", 20),
        ("two score of tracks", 40),
    ],
)
def test_multiplied_counts(engine, prompt, count):
    request = parse_prompt(prompt, engine.vocab)
    assert request.constraints.count == count and not request.notes
    assert "dozen" not in request.query


@pytest.mark.parametrize(
    "prompt, minutes",
    [
        ("rap, about an hour and ten minutes", 70),
        ("an hour and a quarter of jazz", 75),
        ("1 hour 10 of pop", 70),
        ("one hour twenty of rock", 80),
        ("an hour ten of rap", 70),
        ("an hour and a half of rap", 90),
        ("an hour-and-a-half of rock", 90),
        ("three quarters of an hour of pop", 45),
        ("a quarter of an hour of pop", 15),
        ("quarter hour of pop", 15),
        ("half an hour of pop", 30),
        ("a couple of hours of pop", 120),
        ("a couple hours of pop", 120),
        ("two and a half hours of jazz", 150),
        ("an hour and three quarters of edm", 105),
        ("two hours and fifteen minutes of rock", 135),
        ("1h 30 of pop", 90),
        ("a full hour of rock", 60),
        ("a good 45 minutes of jazz", 45),
        ("an hour-long pop playlist", 60),
    ],
)
def test_hours_and_minutes(engine, prompt, minutes):
    request = parse_prompt(prompt, engine.vocab)
    assert request.constraints.duration_min == minutes and not request.notes
    assert not any(word in request.query.lower() for word in ("hour", "minute", "quarter", "ten", "twenty"))


def test_a_number_after_the_hour_that_counts_songs_is_a_count(engine):
    c = parse_prompt("an hour, 10 songs", engine.vocab).constraints
    assert (c.duration_min, c.count) == (60, 10)
    track = parse_prompt("rock, songs under four and a half minutes", engine.vocab).constraints
    assert track.max_track_ms == 270_000 and track.duration_min is None


@pytest.mark.parametrize(
    "prompt, count, cap",
    [
        ("15 songs, no more than one song by the same rapper", 15, 1),
        ("no more than 3 tracks by the same band, 20 songs", 20, 3),
        ("12 songs, max 3 from anyone", 12, 3),
        ("one track per band, 20 songs", 20, 1),
        ("nobody twice, 10 songs", 10, 1),
        ("no artist more than thrice, 25 tracks", 25, 3),
        ("pop, nobody more than three times", None, 3),
        ("the same singer at most three times", None, 3),
        ("each rapper only once, 18 songs", 18, 1),
        ("3 songs per act max, 30 songs", 30, 3),
        ("15 songs, at most 3 tracks from any one group", 15, 3),
        ("three times per DJ, 12 songs", 12, 3),
        ("an hour, 15 songs by different artists", 15, 1),
        ("a couple of songs by each artist, 16 tracks", 16, 2),
    ],
)
def test_count_and_cap_stand_side_by_side(engine, prompt, count, cap):
    request = parse_prompt(prompt, engine.vocab)
    assert (request.constraints.count, request.constraints.max_per_artist) == (count, cap)
    assert not request.notes


@pytest.mark.parametrize(
    "prompt, count", [("10 songs by a female artist", 10), ("20 songs from any era", 20), ("top 40 hits", 40)]
)
def test_counts_that_are_not_caps(engine, prompt, count):
    c = parse_prompt(prompt, engine.vocab).constraints
    assert c.count == count and c.max_per_artist == 2


def _years(lo, hi):
    return normalise([(lo or FIRST_YEAR, hi or LAST_YEAR)])


@pytest.mark.parametrize(
    "prompt, low, high",
    [
        ("pop from 2016 at the earliest", 2016, None),
        ("2016 at the earliest, rock", 2016, None),
        ("rock, 2016 at the latest", None, 2016),
        ("rock that predate 1980", None, 1979),
        ("songs predating 1980", None, 1979),
        ("pop that postdates 2005", 2006, None),
        ("pre-Y2K hip hop", None, 1999),
        ("post-Y2K pop", 2000, None),
        ("pre Y2K pop", None, 1999),
        ("pre-millennium rock", None, 1999),
        ("rock since the millennium", 2000, None),
        ("rock before the turn of the century", None, 1999),
        ("rock no older than 2012", 2012, None),
        ("pop no newer than 1999", None, 1999),
        ("pop not newer than 1999", None, 1999),
        ("rock 1980 or before", None, 1980),
        ("rock from 2015 or later", 2015, None),
        ("rock, 1990 or more recent", 1990, None),
        ("nothing pre-Y2K", 2000, None),
        ("nineteen-nineties rock", 1990, 1999),
        ("the two thousands pop", 2000, 2009),
        ("the twenty-tens rap", 2010, 2019),
        ("rap from the nineteen eighties", 1980, 1989),
        ("the late nineteen-seventies", 1977, 1979),
        ("the twenty twenties pop", 2020, 2029),
        ("pop from nineteen eighty-four", 1984, 1984),
        ("two thousand and five rock", 2005, 2005),
        ("rock from twenty fifteen onwards", 2015, None),
        ("born-before-the-millennium tunes", None, 1999),
        ("born before 1990 tunes", None, 1989),
        ("stuff from last decade — the 2010s", 2010, 2019),
        ("pop from the past decade (i.e. the 2010s)", 2010, 2019),
    ],
)
def test_year_bounds_and_decades_in_words(engine, prompt, low, high):
    request = parse_prompt(prompt, engine.vocab)
    c = request.constraints
    assert from_limits(c.year_min, c.year_max, c.exclude_years) == _years(low, high)
    assert c.count is None and not request.notes  # a year is never a count
    assert not any(w in request.query.lower() for w in ("predat", "y2k", "earliest", "latest", "nineteen", "thousand"))


@pytest.mark.parametrize(
    "prompt", ["songs for people in their thirties", "the twenties jazz", "Y2K pop", "24/7 lofi", "9 to 5 work music"]
)
def test_not_years_counts_or_durations(engine, prompt):
    c = parse_prompt(prompt, engine.vocab).constraints
    assert (c.year_min, c.year_max, c.count, c.duration_min) == (None, None, None, None)


def _request(engine, prompt="80s rock anthems, 15 songs") -> PlaylistRequest:
    return parse_prompt(prompt, engine.vocab)


@pytest.mark.parametrize(
    "text, count",
    [
        ("wait, I meant 12", 12),
        ("sorry, 12 not 10", 12),
        ("I said 12", 12),
        ("no, twelve", 12),
        ("make it 12 songs, not 10", 12),
        ("make it 12 instead of 10", 12),
        ("bump it up by five", 20),
        ("up it by 3", 18),
        ("five more", 20),
        ("add a couple dozen", 39),
        ("knock off two", 13),
        ("knock two off", 13),
        ("trim two songs", 13),
        ("two fewer", 13),
        ("2 less songs", 13),
        ("cut it down by 3", 12),
        ("shave off 3 tracks", 12),
        ("5 fewer tracks please", 10),
    ],
)
def test_follow_up_corrections_and_changes_of_count(engine, text, count):
    refinement = parse_follow_up(text, engine.vocab, _request(engine), playlist_length=15)
    assert refinement.count == count and refinement.duration_min is None and refinement.understood
    assert not refinement.notes


@pytest.mark.parametrize(
    "text, minutes",
    [
        ("stretch it out to a full hour", 60),
        ("make it a full hour", 60),
        ("fill an hour", 60),
        ("make it last 90 minutes", 90),
        ("shorten it to half an hour", 30),
        ("I meant an hour, not 45 minutes", 60),
    ],
)
def test_follow_up_durations(engine, text, minutes):
    refinement = parse_follow_up(text, engine.vocab, _request(engine), playlist_length=15)
    assert refinement.duration_min == minutes and refinement.count is None and refinement.understood


@pytest.mark.parametrize(
    "text, minutes",
    [
        ("ten more minutes", 70),
        ("add half an hour", 90),
        ("add another half hour", 90),
        ("cut it down by 15 minutes", 45),
        ("an hour longer", 120),
        ("make it 20 minutes shorter", 40),
        ("knock 10 minutes off", 50),
        ("shave off ten minutes", 50),
        ("add 10 minutes", 70),
    ],
)
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


# Self-corrections: the value said again wins, whatever words take the first one back.
_TAKE_BACK = [
    ", no wait, ",
    "... actually ",
    ", sorry, ",
    " — I mean ",
    ", no, ",
    ", make that ",
    " oops, ",
    ", I meant ",
    " wait no, ",
    ", or rather ",
    "... hmm, actually ",
    ", sorry typo, ",
    ", no, I said ",
]


@pytest.mark.parametrize(
    "prompt, count, minutes",
    [
        ("12 songs, no wait, 15", 15, None),
        ("pop, make it 20... actually 25", 25, None),
        ("an hour, sorry, 90 minutes of rock", None, 90),
        ("10 tracks — I mean 12", 12, None),
        ("an hour, no wait, 90 of rock", None, 90),
        ("2 hours, no, 3 of jazz", None, 180),
        ("12 upbeat songs, no, 15", 15, None),
        ("20 songs of rock, actually 25", 25, None),
        ("12 songs, sorry, an hour", None, 60),
        ("give me 10, no wait, 12 songs like Drake", 12, None),
        ("I want 18 songs, no wait, make that 22", 22, None),
        ("an hour, no sorry, make it 50 minutes", None, 50),
        ("twelve songs, no, fifteen", 15, None),
        ("45 minutes... actually an hour", None, 60),
    ],
)
def test_a_number_said_again_in_a_prompt_wins(engine, prompt, count, minutes):
    request = parse_prompt(prompt, engine.vocab)
    assert (request.constraints.count, request.constraints.duration_min) == (count, minutes)
    assert not request.notes  # the number taken back is no unread leftover
    assert not any(w in request.query.lower() for w in ("wait", "actually", "sorry", "mean", "make that"))


@pytest.mark.parametrize(
    "text, count, positions",
    [
        ("make it 20... actually 25", 25, []),
        ("12 songs, no wait, 15", 15, []),
        ("10 tracks — I mean 12", 12, []),
        ("add 5, no wait, 10", 25, []),
        ("5 more, sorry, 7 more", 22, []),
        ("drop track 3, no wait, 4", None, [4]),
        ("i want 18 songs, sorry typo, 8 songs", 8, []),
    ],
)
def test_a_number_said_again_in_a_follow_up_wins(engine, text, count, positions):
    refinement = parse_follow_up(text, engine.vocab, _request(engine), playlist_length=15)
    assert (refinement.count, refinement.remove_positions) == (count, positions) and not refinement.notes


def test_an_amount_of_time_said_again_in_a_follow_up_wins(engine):
    current = _request(engine, "an hour of rock")
    for text, minutes in [
        ("an hour, sorry, 90 minutes", 90),
        ("make it 2 hours, no wait, 3", 180),
        ("make it 2 hours, sorry, 90 minutes", 90),
        ("make it 40 minutes... actually 50", 50),
    ]:
        refinement = parse_follow_up(text, engine.vocab, current, playlist_length=15)
        assert (refinement.duration_min, refinement.count) == (minutes, None), text


def test_every_count_and_length_said_again_wins(engine):
    """Property: over every way of taking a value back, numbers in digits or words, counts, minutes and hours, in
    first prompts and follow-ups, the later value is read and the earlier one is not."""
    from phrasing import number_words

    rng = random.Random(7)
    current = _request(engine, "an hour of rock")
    failures = []
    for marker in _TAKE_BACK:
        for _ in range(4):
            a, b = rng.sample(range(2, 60), 2)
            h, h2 = rng.sample(range(1, 5), 2)
            said = {n: (number_words(n) if rng.random() < 0.4 else str(n)) for n in (a, b, h, h2)}
            cases = [
                (f"{said[a]} songs{marker}{said[b]}", b, None),
                (f"make it {said[a]}{marker}{said[b]}", b, None),
                (f"{said[a]} songs{marker}{said[b]} songs", b, None),
                (f"{said[a]} minutes{marker}{said[b]}", None, b),
                (f"{said[a]} songs{marker}{said[b]} minutes", None, b),
                (f"{said[h]} hours{marker}{said[h2]}", None, 60 * h2),
            ]
            for text, count, minutes in cases:
                c = parse_prompt(f"rock, {text}", engine.vocab).constraints
                if (c.count, c.duration_min) != (count, minutes):
                    failures.append(f"prompt {text!r}: {(c.count, c.duration_min)}")
                ref = parse_follow_up(text, engine.vocab, current, playlist_length=15)
                if (ref.count, ref.duration_min) != (count, minutes):
                    failures.append(f"follow-up {text!r}: {(ref.count, ref.duration_min)}")
    assert not failures, f"{len(failures)} misread:\n" + "\n".join(failures[:20])


def test_every_decade_said_again_wins(engine):
    """Property: a decade taken back and said again leaves only the later one, in prompts and follow-ups; "no" with
    no stop after it still excludes ("20 songs, no 80s")."""
    decades = [1960, 1970, 1980, 1990, 2000, 2010]

    def short(decade: int) -> str:
        return f"{decade % 100:02d}s" if decade < 2000 else f"{decade}s"

    failures = []
    for marker in _TAKE_BACK:
        for first, later in zip(decades, decades[2:] + decades[:2]):
            text = f"rock from the {short(first)}{marker}the {short(later)}"
            c = parse_prompt(text, engine.vocab).constraints
            if (c.year_min, c.year_max) != (later, later + 9):
                failures.append(f"prompt {text!r}: {(c.year_min, c.year_max)}")
            ref = parse_follow_up(
                f"make it the {short(first)}{marker}the {short(later)}",
                engine.vocab,
                _request(engine),
                playlist_length=15,
            )
            if (ref.year_min, ref.year_max) != (later, later + 9):
                failures.append(f"follow-up {text!r}: {(ref.year_min, ref.year_max)}")
    assert not failures, f"{len(failures)} misread:\n" + "\n".join(failures[:20])
    c = parse_prompt("80s, no, 90s rock", engine.vocab).constraints
    assert (c.year_min, c.year_max) == (1990, 1999)
    ref = parse_follow_up("no 80s", engine.vocab, _request(engine, "rock, 15 songs"), playlist_length=15)
    assert ref.exclude_years == [(1980, 1989)]


@pytest.mark.parametrize(
    "prompt, field, value",
    [
        ("40 tracks for the gala, no piece exceeding five minutes", "max_track_ms", 300_000),
        ("45 minutes of jazz, nothing beyond 6 minutes", "max_track_ms", 360_000),
        (
            "each song at least three minutes long, and don't let any artist show up more than 3 times",
            "max_per_artist",
            3,
        ),
    ],
)
def test_track_bounds_and_caps_in_other_words(engine, prompt, field, value):
    assert getattr(parse_prompt(prompt, engine.vocab).constraints, field) == value


def test_from_one_decade_and_another_lists_them(engine):
    """ "from the 80s and the 2000s" is two decades, "between 2000 and 2010" one range."""
    listed = parse_prompt("hits from the 80s and the 2000s, skip the 90s entirely", engine.vocab).constraints
    assert (listed.year_min, listed.year_max, listed.exclude_years) == (1980, 2009, [(1990, 1999)])
    ranged = parse_prompt("songs between 2000 and 2010", engine.vocab).constraints
    assert (ranged.year_min, ranged.year_max, ranged.exclude_years) == (2000, 2010, [])


def test_a_bare_number_resizes_a_playlist_measured_in_minutes(engine):
    """ "trim it to 60" after 90 minutes is 60 minutes; "make it 20" after an hour stays 20 songs."""
    ninety = parse_prompt("opening set, 90 minutes of house", engine.vocab)
    trimmed = parse_follow_up("trim it to 60", engine.vocab, ninety, playlist_length=25)
    assert (trimmed.count, trimmed.duration_min) == (None, 60)
    hour = parse_prompt("an hour of rock", engine.vocab)
    assert parse_follow_up("make it 20", engine.vocab, hour, playlist_length=16).count == 20


def test_a_bound_past_the_current_one_moves_it(engine):
    before = parse_prompt("album rock deep cuts, released before 1985", engine.vocab)
    moved = parse_follow_up("actually let it run through 1989", engine.vocab, before, playlist_length=20)
    assert moved.year_max == 1989 and moved.years_replace
    narrowed = parse_follow_up("nothing after 1980", engine.vocab, before, playlist_length=20)
    assert narrowed.year_max == 1980 and not narrowed.years_replace


def test_a_number_asked_for_last_on_its_own_is_the_count(engine):
    assert parse_prompt("songs for teh car ride 20 pls", engine.vocab).constraints.count == 20


@pytest.mark.parametrize("text, count", [("cut ten of them", 20), ("take away two songs", 28), ("drop 5 songs", 25)])
def test_taking_some_away_is_fewer_tracks(engine, text, count):
    current = parse_prompt("rock, 30 songs", engine.vocab)
    assert parse_follow_up(text, engine.vocab, current, playlist_length=30).count == count


def test_a_time_of_day_is_no_length(engine):
    request = parse_prompt(
        "Give me 30 songs for the drive to my 9:15 appointment - actually, make that 25", engine.vocab
    )
    assert request.constraints.count == 25 and request.constraints.duration_min is None


def test_a_number_of_things_that_are_not_tracks_is_no_count(engine):
    request = parse_prompt("wedding playlist, 45 minutes. The bride has exactly one rule: no Drake", engine.vocab)
    assert request.constraints.count is None and request.constraints.duration_min == 45


@pytest.mark.parametrize(
    "text, minutes",
    [
        ("bump it up to four and a half hours", 270),
        ("push it up to 5 hours", 300),
        ("make it four and a half hours", 270),
    ],
)
def test_a_verb_with_up_to_sets_the_length_it_does_not_cap_it(engine, text, minutes):
    current = parse_prompt("reception playlist, 4 hours", engine.vocab)
    assert parse_follow_up(text, engine.vocab, current, playlist_length=60).duration_min == minutes


def test_a_track_bound_with_and_a_half_in_a_follow_up(engine):
    current = parse_prompt("crossfit, 20 songs, max 4 minutes a track", engine.vocab)
    refinement = parse_follow_up("make it max 3 and a half minutes a track", engine.vocab, current, playlist_length=20)
    assert refinement.max_track_ms == 210_000


@pytest.mark.parametrize(
    "prompt, cap", [("party mix pls, max 1 song/artist thx", 1), ("no more than three from the same mob", 3)]
)
def test_a_cap_said_with_a_slash_or_a_word_for_a_band(engine, prompt, cap):
    constraints = parse_prompt(prompt, engine.vocab).constraints
    assert constraints.max_per_artist == cap and constraints.count is None


def test_a_track_length_taken_back_keeps_its_role(engine):
    constraints = parse_prompt(
        "nothing over 4 min per song... ugh, make that 5 min, 4 is too strict", engine.vocab
    ).constraints
    assert constraints.max_track_ms == 300_000 and constraints.duration_min is None


def test_pull_before_a_name_in_a_follow_up_removes_it(engine):
    current = parse_prompt("hip hop history, 1988 through 1996", engine.vocab)
    refinement = parse_follow_up(
        "Pull Dr. Dre, we did a Dre special last week.", engine.vocab, current, playlist_length=18
    )
    assert refinement.exclude_artists == ["Dr. Dre"]


def test_shorter_songs_in_a_follow_up_is_about_each_song_not_the_length(engine):
    current = parse_prompt("Spin class, 45 min, every song under 5 minutes.", engine.vocab)
    refinement = parse_follow_up(
        "shorter songs actually, under 4 minutes each", engine.vocab, current, playlist_length=10
    )
    assert refinement.max_track_ms == 240_000 and refinement.duration_min in (None, 45)


def test_a_film_score_is_no_twenty(engine):
    assert parse_prompt("the score from interstellar, 10 songs like it", engine.vocab).constraints.count == 10
    assert parse_prompt("songs with a big orchestral score", engine.vocab).constraints.count is None
