"""A count said again: "make it N" after a vague relative ("add a few more, make it 24") sets the count, as "drop /
bring / cut it to N" does; a relative change of a stated number stays relative ("add five more, no wait, six");
a time taken back for "just" another one ("60s and 70s, hmm no, just the 70s") replaces it; and a number said again
after a per-artist cap is the cap's ("no more than 3 per artist, hmm, make that 2"), as a follow-up's number after
"no sorry" or a complaint about the size is the count ("no sorry, 15 not 50", "too many, 60")."""

import pytest

from assistant.parsing.follow_ups import parse_follow_up
from assistant.parsing.intent import parse_prompt


def _count(engine, text, length=18):
    current = parse_prompt(f"{length} clean songs for the kids", engine.vocab)
    refinement = parse_follow_up(text, engine.vocab, current, playlist_length=length)
    assert refinement.duration_min is None and refinement.understood
    return refinement.count


@pytest.mark.parametrize(
    "text, count",
    [
        ("add a few more, make it 24", 24),
        ("add a couple more, make it 30", 30),
        ("a few more, let's say 22", 22),
        ("throw in a few more, make that 25 songs", 25),
    ],
)
def test_make_it_n_after_a_vague_relative_sets_the_count(engine, text, count):
    assert _count(engine, text) == count


@pytest.mark.parametrize("text, count", [("add five more, no wait, six", 24), ("add 2 more", 20), ("a few more", 21)])
def test_a_stated_relative_change_stays_relative(engine, text, count):
    assert _count(engine, text) == count


@pytest.mark.parametrize(
    "text, count",
    [
        ("On second thought, drop it to ten, dear.", 10),
        ("bring it down to 8", 8),
        ("cut it to 9 please", 9),
        ("lower it to seven", 7),
        ("take it down to 6", 6),
        ("push it up to 30", 30),
        ("bump the playlist up to 15 songs", 15),
    ],
)
def test_a_verb_with_to_sets_the_count(engine, text, count):
    assert _count(engine, text, length=12) == count


@pytest.mark.parametrize(
    "prompt, years",
    [
        ("60s and 70s, hmm no, just the 70s. 24 songs", (1970, 1979)),
        ("the 80s, no, only the 90s, 20 songs", (1990, 1999)),
        ("rock from the 2000s, sorry, just 2005 to 2008", (2005, 2008)),
    ],
)
def test_a_time_taken_back_for_just_another(engine, prompt, years):
    c = parse_prompt(prompt, engine.vocab).constraints
    assert (c.year_min, c.year_max) == years


@pytest.mark.parametrize(
    "prompt, cap, count",
    [
        ("no more than 3 per artist, hmm, make that 2. 24 tracks total", 2, 24),
        ("max 2 songs per artist, actually make it 10, 30 songs", 10, 30),
        ("20 songs, 2 per band, no, 1", 1, 20),
        ("one song per artist, wait, make that 3 and 25 songs", 3, 25),
        ("Max 2 songs per artist. On second thought, just 1 each.", 1, None),
        ("15 songs, at most 3 per artist; no, only 2 each", 2, 15),
    ],
)
def test_a_number_said_again_after_a_cap_corrects_the_cap(engine, prompt, cap, count):
    request = parse_prompt(prompt, engine.vocab)
    c = request.constraints
    assert (c.max_per_artist, c.count) == (cap, count)
    assert not any("could not apply" in note for note in request.notes)  # the cap said first is read, not left


def test_each_alone_is_no_cap_without_one():
    from assistant.parsing.caps import find_cap

    assert find_cap("20 songs, 3 each from rock and pop") is None
    assert find_cap("one per artist, 2 each of rock and pop") is not None


@pytest.mark.parametrize(
    "prompt, text, cap",
    [
        ("hip hop, 30 tracks, max 3 per artist", "make it max 2", 2),
        ("EDM, max 3 songs per artist, 1 hour", "lower the per-artist max to 2", 2),
        ("30 tracks, no more than 2 per artist", "at most 1 now", 1),
        ("30 tracks", "set the artist limit to 1", 1),
    ],
)
def test_a_bare_bound_after_a_typed_cap_changes_the_cap(engine, prompt, text, cap):
    current = parse_prompt(prompt, engine.vocab)
    refinement = parse_follow_up(text, engine.vocab, current, playlist_length=30)
    assert (refinement.max_per_artist, refinement.count) == (cap, None)


@pytest.mark.parametrize("prompt, text", [("30 songs, max 3 per artist", "max 25"), ("30 songs", "make it max 2")])
def test_a_bare_bound_far_from_a_cap_or_with_none_typed_is_not_the_cap(engine, prompt, text):
    current = parse_prompt(prompt, engine.vocab)
    assert parse_follow_up(text, engine.vocab, current, playlist_length=30).max_per_artist is None


@pytest.mark.parametrize(
    "text, count",
    [
        ("no sorry, 15 not 50", 15),
        ("nah wait, 12", 12),
        ("too many, 10", 10),
        ("way too few, 30", 30),
        ("that's too many songs: 12", 12),
    ],
)
def test_a_number_after_a_take_back_or_a_complaint_about_size_sets_the_count(engine, text, count):
    assert _count(engine, text) == count
