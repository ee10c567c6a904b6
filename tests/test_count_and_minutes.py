"""A count and a duration in one prompt ("8 songs in 30 minutes") are both honoured: the selection keeps room for the
slots still to fill; where the catalog cannot make both, the count is met (the minutes decide only where the count
would need tracks under 1.5 minutes) and the playlist says so."""

from assistant.pipeline.sequence import MS_PER_MIN
from assistant.session import Session


def _minutes(playlist, engine) -> float:
    return sum(engine.index.track(item.track_id).duration_ms for item in playlist.items) / MS_PER_MIN


def test_a_count_and_minutes_are_both_met(engine):
    playlist = Session(engine).ask("8 songs in 30 minutes")
    assert len(playlist.items) == 8
    assert abs(_minutes(playlist, engine) - 30) <= 5
    assert not any("could not make" in w for w in playlist.warnings)


def test_a_count_that_cannot_fit_the_minutes_is_said(engine):
    playlist = Session(engine).ask("12 songs in 10 minutes")
    assert len(playlist.items) < 12
    assert any("could not make 12 tracks in 10 minutes" in w for w in playlist.warnings)


def test_a_count_with_minutes_to_spare_is_met_and_the_minutes_said_short(engine):
    """ "Driving 2 hours but just give me 3 songs": the count is met; the reply says the minutes were not."""
    playlist = Session(engine).ask("3 songs, an hour of music")
    assert len(playlist.items) == 3
    assert any("could not make 3 tracks in 60 minutes" in w for w in playlist.warnings)


def test_that_one_song_is_no_count(engine):
    from assistant.parsing.intent import parse_prompt

    request = parse_prompt("2 hours of pop, no Drake (she's scared of that one song lol)", engine.vocab)
    assert request.constraints.count is None and request.constraints.duration_min == 120
