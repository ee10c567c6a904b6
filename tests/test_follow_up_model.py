"""A model's reading of a follow-up the rules did not understand is kept only where the text says it: a position typed
outside any name (or a track the text names), a count typed, a genre typed, a sound a typed word speaks of, an arc
where the text speaks of the order. Answers come from litellm's mock_response through the real client."""

import json

import pytest
from phrasing import fixture_catalog
from scripted_models import mock_llm

from assistant.llm.understand import understand_follow_up
from assistant.models import Refinement
from assistant.parsing.follow_ups import parse_follow_up
from assistant.parsing.vibe_lexicon import lexicon

MAROON_5_ONE = "the Maroon 5 one is whatever, swap it"
VAGUE = "meh, try again"
_CHANGES = {
    "count",
    "duration_min",
    "year_min",
    "year_max",
    "exclude_artists",
    "remove_positions",
    "more_like_positions",
    "add_genres",
    "vibe",
    "arc",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory, embedder):
    from assistant.pipeline.planner import Engine
    from index.build import build_index
    from index.store import VectorIndex

    directory = tmp_path_factory.mktemp("follow_up_model")
    build_index(fixture_catalog(directory), directory / "index", embedder)
    return Engine(VectorIndex.load(directory / "index"), embedder)


@pytest.fixture(scope="module")
def current(engine):
    from assistant.session import Session

    playlist = Session(engine).ask("pop with Maroon 5 and some rock, 12 songs")
    assert any(i.artist == "Maroon 5" for i in playlist.items) and playlist.items[4].artist != "Maroon 5"
    return playlist


def _positions(current, engine, keep) -> list[int]:
    return [i.position for i in current.items if keep(engine.index.track(i.track_id))]


def _read(engine, current, text: str, answer: dict, rules: Refinement | None = None) -> Refinement:
    """The model's reading merged; `rules` stands for what the rules read (by default, the rules themselves)."""
    rules = rules or parse_follow_up(text, engine.vocab, current.request, len(current.items))
    assert not rules.understood, f"the rules read {text!r} themselves"
    llm = mock_llm(json.dumps(answer))
    return understand_follow_up(llm, engine, rules, current)


def _changed(refinement: Refinement) -> dict:
    return refinement.model_dump(include=_CHANGES, exclude_defaults=True)


@pytest.mark.parametrize("text", [MAROON_5_ONE, VAGUE])
@pytest.mark.parametrize(
    "answer",
    [
        {"remove_positions": [5]},
        {"more_like_positions": [5]},
        {"count": 5},
        {"duration_min": 50},
        {"vibe": [{"feature": "energy", "min": 0.8}]},
        {"vibe": [{"feature": "acousticness", "max": 0.2}]},
        {"arc": "build"},
        {"arc": "wind_down"},
        {"add_genres": ["rock"]},
        {"exclude_artists": ["Adele"]},
        {"year_min": 2005},
    ],
)
def test_a_change_the_follow_up_does_not_say_is_not_applied(engine, current, text, answer):
    refinement = _read(engine, current, text, answer)
    assert _changed(refinement) == {} and not refinement.understood


def test_fewer_of_something_needs_the_something_typed(engine, current):
    rock = _positions(current, engine, lambda t: "rock" in t.genres)
    assert rock and _changed(_read(engine, current, MAROON_5_ONE, {"remove_positions": rock})) == {}
    much = "the rock ones are a bit much"  # the rules read it as fewer rock now; the model's reading is checked alone
    assert parse_follow_up(much, engine.vocab, current.request, len(current.items)).fewer_genres == ["rock"]
    assert (
        _read(
            engine, current, much, {"remove_positions": rock}, Refinement(text=much, understood=False)
        ).remove_positions
        == rock
    )
    more = "more rock please, it needs to rock harder"
    assert (
        _changed(_read(engine, current, more, {"remove_positions": rock}, Refinement(text=more, understood=False)))
        == {}
    )


def test_a_track_named_by_its_artist_may_be_the_one_removed(engine, current):
    maroon = _positions(current, engine, lambda t: "maroon 5" in t.credit_keys)
    both = _read(engine, current, MAROON_5_ONE, {"remove_positions": [5, *maroon]})
    assert both.remove_positions == maroon and 5 not in maroon


@pytest.mark.parametrize(
    "text, answer, applied",
    [
        ("track five is a miss for me", {"remove_positions": [5]}, {"remove_positions": [5]}),
        ("more in the vein of the third one", {"more_like_positions": [3]}, {"more_like_positions": [3]}),
        ("a bit of rap would be nice", {"add_genres": ["rap"]}, {"add_genres": ["rap"]}),
        ("change the order so it builds", {"arc": "build"}, {"arc": "build"}),
    ],
)
def test_a_change_the_follow_up_says_is_applied(engine, current, text, answer, applied):
    refinement = _read(engine, current, text, answer)
    assert _changed(refinement) == applied and refinement.understood


def test_a_sound_or_number_the_text_says_is_applied_where_the_rules_left_it(engine, current):
    """What the rules read stands for what they missed: the model's reading fills the empty role."""
    upbeat = Refinement(text="give the Maroon 5 one some upbeat company", understood=False)
    energy = _read(engine, current, upbeat.text, {"vibe": [{"feature": "energy", "min": 0.7}], "count": 5}, upbeat)
    assert [(t.feature, t.min) for t in energy.vibe] == [("energy", 0.7)] and energy.count is None
    fifteen = Refinement(text="swap the Maroon 5 one and make it 15", understood=False)
    assert _read(engine, current, fifteen.text, {"count": 15}, fifteen).count == 15
    assert _read(engine, current, fifteen.text, {"count": 5}, fifteen).count is None


def test_the_tracks_a_mood_word_names_are_the_ones_removed(engine, current):
    happy = lexicon().phrases["happy"].group.primary
    fits = _positions(current, engine, lambda t: t.valence >= happy.min)
    others = [i.position for i in current.items if i.position not in fits]
    text = Refinement(text="the happy ones can go", understood=False)
    refinement = _read(engine, current, text.text, {"remove_positions": others[:2] + fits}, text)
    assert fits and refinement.remove_positions == fits


def test_in_a_session_the_maroon_5_one_never_drops_track_5(engine):
    from assistant.session import Session

    session = Session(engine)
    before = session.ask("pop with Maroon 5 and some rock, 12 songs")
    session.understand_llm = mock_llm(json.dumps({"remove_positions": [5], "count": 5}))
    after = session.refine(MAROON_5_ONE)
    assert after.track_ids == before.track_ids and any("could not tell" in w for w in after.warnings)
