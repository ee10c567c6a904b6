"""Where a vibe word sits decides what it asks: a band named with a function word is never that word alone, a
hyphenated sound word is no "X - out", a real word is never a misspelt degree word, the listener's own state asks
nothing, and a follow-up's typed word and comparison join at the weight of the comparison."""

import pytest
from test_vibe_parsing import within

from assistant.models import FeatureRange, PlaylistRequest, Refinement, VibeShift
from assistant.parsing.follow_ups import parse_follow_up
from assistant.parsing.intent import parse_prompt
from assistant.parsing.vocabulary import CatalogVocabulary
from assistant.pipeline.refine import changed_vibe
from index.catalog import Track


@pytest.fixture(scope="module")
def small_vocab():
    names = ["The The", "Drake", "The Killers", "Adele"]
    return CatalogVocabulary(
        [Track(track_id=str(i), title=f"Song {i}", artist=name, duration_ms=200_000) for i, name in enumerate(names)]
    )


@pytest.mark.parametrize("prompt", ["not the sad stuff", "nah, not the sad stuff please", "keep the sad stuff away"])
def test_the_alone_is_never_the_band_the_the(small_vocab, prompt):
    request = parse_prompt(prompt, small_vocab)
    assert request.constraints.exclude_artists == []
    assert {r.feature: r for r in request.vibe}["valence"].min >= 0.4


def test_a_band_typed_whole_is_still_found(small_vocab):
    assert parse_prompt("no the the please", small_vocab).constraints.exclude_artists == ["The The"]
    assert parse_prompt("no killers", small_vocab).constraints.exclude_artists == ["The Killers"]
    assert parse_prompt("drake - out. 10 songs", small_vocab).constraints.exclude_artists == ["Drake"]


@pytest.mark.parametrize("prompt", ["dreamy washed-out haze", "washed-out lo-fi, hazy and dreamy"])
def test_a_hyphenated_sound_word_is_no_exclusion(small_vocab, prompt):
    energy = {r.feature: r for r in parse_prompt(prompt, small_vocab).vibe}["energy"]
    assert energy.min is None and energy.max is not None and energy.max <= 0.6


def test_a_real_word_is_never_read_as_a_misspelt_degree(small_vocab):
    request = parse_prompt("party bangers", small_vocab)
    ref = parse_follow_up("people are leaving, wind it down a bit", small_vocab, request, 20)
    assert [s.words for s in ref.vibe_shifts] == [["wind it down a bit"]]  # "leaving" is not "leaning"
    typo = parse_prompt("extremly acoustic", small_vocab)
    assert {r.feature: r for r in typo.vibe}["acousticness"].min >= 0.6


@pytest.mark.parametrize(
    "prompt, kept, dropped",
    [
        ("less of the doom and gloom please, my week's been grim enough", "valence", "mode"),
        ("it's been so miserable lately, cheer me up", "valence", None),
    ],
)
def test_what_the_listener_went_through_asks_for_nothing(small_vocab, prompt, kept, dropped):
    vibe = {r.feature: r for r in parse_prompt(prompt, small_vocab).vibe}
    assert vibe[kept].min is not None and vibe[kept].min >= 0.4 and vibe[kept].max is None
    assert dropped is None or dropped not in vibe


def test_a_state_about_the_music_is_still_a_wish(small_vocab):
    energy = {r.feature: r for r in parse_prompt("my favourite music is chill", small_vocab).vibe}["energy"]
    assert energy.max is not None and energy.max <= 0.6


def test_a_typed_word_that_goes_further_than_the_comparison_counts_as_much(small_vocab):
    tracks = [Track(track_id=str(i), title="t", artist="a", duration_ms=1, energy=0.9) for i in range(4)]
    request = PlaylistRequest(prompt="party", query="party", vibe=[FeatureRange(feature="energy", min=0.7)])
    down = VibeShift(feature="energy", direction=-1, degree=-1, toward=0.55, words=["wind it down a bit"])
    late = FeatureRange(feature="energy", max=0.62, weight=0.6, words=["it's getting late"])
    (energy,) = changed_vibe(request, Refinement(text="t", vibe=[late], vibe_shifts=[down]), tracks)
    assert energy.max == pytest.approx(0.62) and energy.min is None and energy.weight == 1.0
    up = VibeShift(feature="energy", direction=1, toward=0.78, words=["livelier"])
    dance = FeatureRange(feature="energy", min=0.6, weight=0.4, words=["get up and dance"])
    slow = [t.model_copy(update={"energy": 0.3}) for t in tracks]
    (energy,) = changed_vibe(request, Refinement(text="t", vibe=[dance], vibe_shifts=[up]), slow)
    assert energy.min == pytest.approx(0.6) and energy.weight == 1.0  # past halfway from 0.3 to lively (0.54)


@pytest.mark.parametrize(
    "prompt, feature, low, high",
    [
        ("nothing thatll keep me wired, long shift", "energy", None, 0.7),  # the clause between cue and word skipped
        ("quiet stuff please, anything loud distorts on my speakers", "energy", None, 0.45),
        ("thumping four on the floor, kick drum in your chest", "tempo", 118, 132),
        ("just a guitar and a voice, like a living room session", "acousticness", 0.6, None),
        ("dont want anything too happy clappy but dont depress me either", "valence", 0.4, 0.6),
    ],
)
def test_idioms_of_sound_and_dislike(small_vocab, prompt, feature, low, high):
    target = {r.feature: r for r in parse_prompt(prompt, small_vocab).vibe}[feature]
    assert within(target, low, high), target


def test_words_that_only_look_like_sound_ask_for_nothing(small_vocab):
    cosy = parse_prompt("snowed in, hot chocolate, the works", small_vocab).vibe
    assert not any("works" in word for r in cosy for word in r.words)  # "the works" is everything, not work
    request = parse_prompt("warmup music for my set", small_vocab)
    ref = parse_follow_up("crowds in now, turn it up", small_vocab, request, 20)
    assert "liveness" not in {r.feature for r in ref.vibe}  # the audience arrived; no live recordings asked


def test_too_in_a_follow_up_is_a_complaint(small_vocab):
    request = parse_prompt("dinner with my wife tonight", small_vocab)
    ref = parse_follow_up("too sleepy, liven it up a notch", small_vocab, request, 20)
    energy = [r for r in ref.vibe if r.feature == "energy"]
    assert all(r.max is None for r in energy) and {s.direction for s in ref.vibe_shifts} == {1}  # both move up


def test_what_the_listener_misses_is_no_activity_and_grief_is_quiet(small_vocab):
    homesick = {
        r.feature: r for r in parse_prompt("homesick, missing my mums cooking and my old bedroom", small_vocab).vibe
    }
    assert "danceability" not in homesick and homesick["valence"].max <= 0.55  # not cooking music, not a bedroom
    memory = {r.feature: r for r in parse_prompt("songs that remind me of summer road trips", small_vocab).vibe}
    assert memory["valence"].min >= 0.5  # what the music reminds them of is the sound they want
    grief = {r.feature: r for r in parse_prompt("my dad passed last month, something to sit with", small_vocab).vibe}
    assert grief["valence"].max <= 0.35 and grief["energy"].max <= 0.5


@pytest.mark.parametrize(
    "prompt, feature",
    [
        ("home from the gym, need to chill", "tempo"),  # the workout is over: no workout tempo
        ("just got off a night shift, need something to come down to", "speechiness"),  # the shift asks nothing
        ("finished a long run, cool down songs", "tempo"),
    ],
)
def test_what_the_listener_just_did_asks_for_nothing(small_vocab, prompt, feature):
    vibe = {r.feature: r for r in parse_prompt(prompt, small_vocab).vibe}
    assert feature not in vibe and vibe["energy"].max <= 0.6


@pytest.mark.parametrize(
    "prompt, feature, low, high",
    [
        ("studying for the bar. I can't have anybody rapping at me", "speechiness", None, 0.15),
        ("im so bored of being sad, gimme a fresh start", "valence", 0.4, None),
        ("sick of hearing sad songs", "valence", 0.4, None),
        ("writing code late at night, minimal vocals pls", "instrumentalness", 0.3, None),
        ("no live recordings please", "liveness", None, 0.35),  # not live is studio, not merely "not very live"
        ("zero acoustic guitar vibes, i want it all electronic", "acousticness", None, 0.15),
        ("thunderstorm rolling in at the cottage, fire going", "energy", None, 0.6),  # a storm outside, cosy inside
        ("thunderstorm rolling in and i want something dramatic", "energy", 0.65, None),
        ("nostalgic for summer camp and campfires", "valence", 0.3, 0.8),  # nostalgia is warm, not sad
        ("make me a playlist that tastes like strawberry lemonade", "valence", 0.55, None),
        ("spacious, lots of room between the notes", "loudness", None, -7),
        ("thick, sludgy, slow and heavy", "energy", 0.6, None),
        ("I don't want anything happy right now. don't try to cheer me up", "valence", None, 0.55),
        ("in love and a little bit stupid about it", "valence", 0.55, None),
        ("the wordiest, most rapid-fire rap verses possible", "speechiness", 0.25, None),
    ],
)
def test_dislikes_degrees_and_figurative_words(small_vocab, prompt, feature, low, high):
    target = {r.feature: r for r in parse_prompt(prompt, small_vocab).vibe}[feature]
    assert within(target, low, high), target


def test_a_sound_that_drives_the_listener_up_the_wall_is_avoided_even_when_it_starts_like_a_band():
    vocab = CatalogVocabulary([Track(track_id="c", title="Song", artist="Crowd", duration_ms=200_000)])
    request = parse_prompt("crowd noise drives me up the wall", vocab)
    liveness = {r.feature: r for r in request.vibe}["liveness"]
    assert request.constraints.exclude_artists == [] and liveness.min is None and liveness.max <= 0.5
    assert "energy" not in {r.feature for r in request.vibe}  # "drives me" is no drive


def test_an_activity_said_to_be_over_asks_nothing_in_a_follow_up(small_vocab):
    request = parse_prompt("angry gym music", small_vocab)
    ref = parse_follow_up("ok calmer now, workout's done, I'm stretching", small_vocab, request, 20)
    energy = [r for r in ref.vibe if r.feature == "energy"]
    assert energy and all(r.max is not None and r.max <= 0.5 and r.min is None for r in energy)


def test_change_it_up_replaces_the_whole_vibe(small_vocab):
    from assistant.pipeline.refine import _update_request

    request = parse_prompt("dinner party background music, something soft", small_vocab)
    assert "loudness" in {r.feature for r in request.vibe}
    for text, kept in [("people are dancing in the kitchen now!! change it up", False), ("more danceable", True)]:
        ref = parse_follow_up(text, small_vocab, request, 20)
        features = {r.feature for r in _update_request(request, ref, [], small_vocab).vibe}
        assert "danceability" in features and ("loudness" in features) == kept


def test_too_softens_a_negation_that_would_flip_to_the_opposite(small_vocab):
    soft = {r.feature: r for r in parse_prompt("nothing too acoustic", small_vocab).vibe}["acousticness"]
    hard = {r.feature: r for r in parse_prompt("no acoustic stuff", small_vocab).vibe}["acousticness"]
    assert hard.max is not None and soft.max is not None and hard.max <= 0.15 < 0.3 <= soft.max


def test_the_listeners_habit_is_no_want(small_vocab):
    """ "i'm normally full sad girl hours" says what they usually play, the yardstick of "more upbeat"."""
    vibe = {
        r.feature: r
        for r in parse_prompt("a little more upbeat than usual, i'm normally full sad girl hours", small_vocab).vibe
    }
    assert not (vibe.get("valence") and vibe["valence"].max is not None and vibe["valence"].max < 0.4)


def test_an_instrument_heavy_is_much_of_the_instrument(small_vocab):
    """ "piano-heavy": more piano, not a heavy sound."""
    vibe = {r.feature: r for r in parse_prompt("piano-heavy, like rain on a window at night", small_vocab).vibe}
    assert vibe["acousticness"].min >= 0.6
    assert "loudness" not in vibe or vibe["loudness"].min is None
