"""Scenes and follow-ups read as a listener means them: a complaint in a follow-up moves the playlist from where it
is, "but still X" holds the other side, a word after "after" only says when, a state of mind gives way to the
activity it is for, and festive or gentle scenes ask their own sound."""

import pytest
from test_vibe_parsing import within

from assistant.models import FeatureRange, PlaylistRequest
from assistant.parsing.follow_ups import parse_follow_up
from assistant.parsing.intent import parse_prompt
from assistant.parsing.vocabulary import CatalogVocabulary
from assistant.pipeline.refine import changed_vibe
from index.catalog import Track


@pytest.fixture(scope="module")
def vocab():
    return CatalogVocabulary([Track(track_id="1", title="Song", artist="Adele", duration_ms=200_000)])


def _tracks(**features) -> list[Track]:
    return [Track(track_id=str(i), title="t", artist=f"a{i}", duration_ms=1, **features) for i in range(6)]


def _vibe(prompt: str, vocab) -> dict[str, FeatureRange]:
    return {r.feature: r for r in parse_prompt(prompt, vocab).vibe}


def test_a_complaint_in_a_follow_up_moves_from_the_current_tracks(vocab):
    request = parse_prompt("something to fall asleep to", vocab)
    ref = parse_follow_up("too sleepy now lol", vocab, request, 20)
    assert [(s.feature, s.direction) for s in ref.vibe_shifts] == [("energy", 1)]
    (energy,) = [r for r in changed_vibe(request, ref, _tracks(energy=0.2)) if r.feature == "energy"]
    assert energy.min is not None and 0.25 <= energy.min <= 0.45  # livelier than now, not a party


def test_still_holds_the_other_side_of_a_move(vocab):
    request = parse_prompt("something to fall asleep to", vocab)
    ref = parse_follow_up("too sleepy now, bit more life but still calm", vocab, request, 20)
    (energy,) = [r for r in changed_vibe(request, ref, _tracks(energy=0.2)) if r.feature == "energy"]
    assert energy.min is not None and energy.max is not None and energy.min > 0.25 and energy.max <= 0.65

    sad = parse_prompt("sad songs", vocab)
    ref = parse_follow_up("ok too depressing, less sad but still in my feels", vocab, sad, 20)
    (valence,) = [r for r in changed_vibe(sad, ref, _tracks(valence=0.2)) if r.feature == "valence"]
    assert valence.min is not None and valence.max is not None and valence.max <= 0.6


def test_a_state_in_a_follow_up_says_why_not_where(vocab):
    request = PlaylistRequest(prompt="road trip", query="road trip", vibe=[FeatureRange(feature="energy", min=0.62)])
    ref = parse_follow_up("bit too intense, we're all getting drowsy in the back", vocab, request, 20)
    (energy,) = [r for r in changed_vibe(request, ref, _tracks(energy=0.85)) if r.feature == "energy"]
    assert energy.max is not None and energy.max >= 0.55  # down from 0.85, not to drowsy (0.45)


@pytest.mark.parametrize(
    "prompt, dropped",
    [
        ("i need music for the dance after the dinner", "dinner"),
        ("chill songs for after the party", "party"),
        ("a run before work", "work"),
    ],
)
def test_a_word_after_after_only_says_when(vocab, prompt, dropped):
    words = {word for r in parse_prompt(prompt, vocab).vibe for word in r.words}
    assert words and dropped not in words


def test_an_after_party_is_still_a_party_and_before_the_gym_a_warm_up(vocab):
    assert "danceability" in _vibe("wedding after-party, 30 bangers", vocab)
    assert _vibe("songs for before the gym", vocab)["energy"].min >= 0.6


@pytest.mark.parametrize(
    "prompt, feature, low, high",
    [
        ("ranked grind w the boys tonight, need something to lock in", "energy", 0.7, None),  # the game sets it
        ("christmas eve, wrapping presents by the tree with tea", "valence", 0.45, None),
        ("hanging laundry in the sun on a sunday", "energy", 0.3, 0.72),
        ("sunday morning pancakes", "valence", 0.5, None),
        ("upbeat but not annoying", "energy", 0.6, 0.85),
        ("super duper mellow", "energy", None, 0.4),
    ],
)
def test_scenes_and_degrees(vocab, prompt, feature, low, high):
    target = _vibe(prompt, vocab)[feature]
    assert within(target, low, high), target
