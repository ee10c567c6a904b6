"""The vibe model's reading: lexicon, degree, negation, comparison, combination, neighbours, BPM; and the model's
ranges merged under the rules' own."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scripted_models import mock_llm

from assistant.llm.understand import understand_prompt
from assistant.models import FEATURES, FeatureRange, VibeShift
from assistant.parsing.follow_ups import parse_follow_up
from assistant.parsing.intent import parse_prompt
from assistant.parsing.vibe_lexicon import lexicon
from assistant.parsing.vibe_neighbours import NEIGHBOURS_PATH, neighbours
from assistant.pipeline.vibe_shift import resolve
from index.catalog import Track
from index.errors import PlaylistError


def within(target: FeatureRange, low: float | None, high: float | None) -> bool:
    """The range is at least as tight as [low, high] on each side that is given."""
    return (low is None or (target.min is not None and target.min >= low)) and (
        high is None or (target.max is not None and target.max <= high)
    )


def _vibe(engine, prompt: str) -> dict[str, FeatureRange]:
    return {t.feature: t for t in parse_prompt(prompt, engine.vocab).vibe}


def _plain_groups():
    """Groups whose first word is a one-sided, one-word phrase that no genre label contains."""
    lex = lexicon()
    return [
        g
        for g in lex.groups
        if " " not in g.words[0]
        and (g.primary.min is None) != (g.primary.max is None)
        and g.words[0] not in {"dance", "soul", "house", "funk", "jazz", "folk", "punk", "metal", "ambient"}
    ]


def test_lexicon_is_sourced_and_large():
    lex = lexicon()
    assert len(lex.phrases) >= 2000 and len(lex.groups) >= 80
    assert all(set(g.sources) <= set(lex.sources) for g in lex.groups)


@pytest.mark.parametrize(
    "body, message",
    [
        ("- kind: mood\n    words: [calm]\n    targets: {calmness: [null, 0.4]}\n    sources: [x]", "unknown feature"),
        ("- kind: mood\n    words: [calm]\n    targets: {energy: [0.6, 0.4]}\n    sources: [x]", "not a range"),
        (
            "- kind: mood\n    words: [calm]\n    targets: {energy: [null, 0.4]}\n    sources: [nobody]",
            "unknown sources",
        ),
        (
            "- kind: mood\n    words: [calm]\n    targets: {energy: [null, 0.4]}\n    sources: [x]\n"
            "  - kind: mood\n    words: [calm, quiet]\n    targets: {energy: [null, 0.3]}\n    sources: [x]",
            "two groups",
        ),
    ],
)
def test_a_broken_lexicon_says_what_is_wrong(tmp_path, body, message):
    path = tmp_path / "lexicon.yaml"
    path.write_text(f"sources: {{x: a source}}\ngroups:\n  {body}\n", encoding="utf-8")
    with pytest.raises(PlaylistError, match=message):
        lexicon.__wrapped__(path)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_plain_groups()))
def test_every_plain_word_degree_and_negation_move_the_primary_bound_the_right_way(engine, group):
    """For any one-sided word X: 'X' has its bound, 'super X' is stricter, 'a bit X' is a band around the bound,
    and 'nothing X' lies on the other side of it."""
    word, primary = group.words[0], group.primary
    plain = _vibe(engine, f"{word} songs")[primary.feature]
    strong = _vibe(engine, f"super {word} songs")[primary.feature]
    mild = _vibe(engine, f"a bit {word} songs")[primary.feature]
    negated = _vibe(engine, f"something, but nothing {word}").get(primary.feature)
    if primary.max is not None:
        assert plain.max <= primary.max and strong.max < plain.max
        assert mild.max > plain.max and (mild.min is None or mild.min < primary.max)
        assert negated is None or (negated.min is not None and negated.min > primary.max)
    else:
        assert plain.min >= primary.min and strong.min > plain.min
        assert mild.min < plain.min and (mild.max is None or mild.max > primary.min)
        assert negated is None or (negated.max is not None and negated.max < primary.min)


def test_words_combine_and_the_direct_word_wins(engine):
    vibe = _vibe(engine, "rainy sunday morning, acoustic, nothing too sad, about an hour")
    assert vibe["acousticness"].min >= 0.5 and vibe["energy"].max <= 0.6
    assert vibe["valence"].min >= 0.4  # "nothing too sad" keeps sad songs out
    acoustic_party = _vibe(engine, "an acoustic house party")  # a sound and a setting: both, where they agree
    assert acoustic_party["acousticness"].min >= 0.5 and acoustic_party["danceability"].min >= 0.6


def test_mixed_feelings_are_the_band_between(engine):
    valence = _vibe(engine, "sad but hopeful")["valence"]
    assert 0.25 <= valence.min < valence.max <= 0.7


@pytest.mark.parametrize(
    "prompt, feature, low, high",
    [
        ("music to fall asleep to", "energy", None, 0.4),
        ("no slow songs", "energy", 0.55, None),
        ("nothing that makes me want to dance, i'm trying to read", "danceability", None, 0.6),
        ("keep the depressing stuff away from me", "valence", 0.4, None),
        ("studying, vocals really distract me", "instrumentalness", 0.5, None),
        ("i am NOT trying to cry today", "valence", 0.4, None),
        ("soooo chill", "energy", None, 0.5),
        ("extremly acoustic", "acousticness", 0.6, None),
        ("only a hint of energy", "energy", 0.3, 0.7),
        ("the saddest songs you have", "valence", None, 0.3),
        ("a 128 bpm workout", "tempo", 120, 136),
        ("very slow, under 80 bpm", "tempo", None, 80),
        ("really really acoustic", "acousticness", 0.75, None),  # two intensifiers, two steps
        ("as quiet as it gets", "energy", None, 0.25),
        ("knackered, need a gentle nudge to get going", "energy", 0.3, None),  # the state shades, the wish decides
        ("barely any singing, mostly instrumental", "instrumentalness", 0.5, None),  # next to none of it
        ("hardly any vocals please", "instrumentalness", 0.5, None),
        ("little to no acoustic guitar", "acousticness", None, 0.5),
        ("no live recordings, hate hearing the crowd", "liveness", None, 0.5),  # the dislike's clause is skipped
    ],
)
def test_idioms_of_degree_and_negation(engine, prompt, feature, low, high):
    target = _vibe(engine, prompt)[feature]
    assert within(target, low, high), target


def test_a_phrase_that_only_holds_a_vibe_word_asks_for_nothing(engine):
    assert "liveness" not in _vibe(engine, "goofy mood, sliding round the living room")
    assert "liveness" in _vibe(engine, "live recordings please")


def test_names_are_not_vibes_and_vibes_are_not_names(engine):
    called = parse_prompt("songs called Rain", engine.vocab)
    assert called.names == ["Rain"] and not called.vibe
    sleepy = parse_prompt("music to fall asleep to", engine.vocab)
    assert sleepy.names == [] and "fall asleep" in sleepy.vibe_words


def test_a_word_the_lexicon_lacks_reaches_it_through_its_neighbour(engine):
    table = neighbours()
    assert table.lexicon_digest == lexicon().digest, "the lexicon changed: python -m assistant.parsing.vibe_neighbours"
    assert table.words["sobbed"].phrase == "crying"
    vibe = _vibe(engine, "songs for when i sobbed")
    assert vibe["valence"].source == "neighbour" and vibe["valence"].max <= 0.4 and vibe["valence"].weight < 1
    assert not _vibe(engine, "songs about a banana")  # no neighbour close enough: no target from noise


def test_neighbour_table_rejects_words_that_only_share_a_context():
    data = json.loads(Path(NEIGHBOURS_PATH).read_text(encoding="utf-8"))["words"]
    assert "weekday" not in data and "unsafe" not in data and "vibe" not in data


def test_follow_up_comparisons_move_the_playlist_relative_to_itself(engine):
    request = parse_prompt("party playlist, 20 songs", engine.vocab)
    ref = parse_follow_up("a bit calmer", engine.vocab, request, 20)
    assert [(s.feature, s.direction, s.degree) for s in ref.vibe_shifts] == [("energy", -1, -1)]
    tracks = [
        Track(track_id=str(i), title="t", artist="a", duration_ms=1, energy=e) for i, e in enumerate((0.8, 0.85, 0.9))
    ]
    plain = resolve(VibeShift(feature="energy", direction=-1, toward=0.42), tracks, None)
    assert plain.max == pytest.approx(0.635)  # halfway from the median 0.85 to what "calm" means
    mild = resolve(VibeShift(feature="energy", direction=-1, degree=-1, toward=0.42), tracks, None)
    assert mild.max == pytest.approx(0.8) and mild.min == pytest.approx(0.6)
    acoustic = resolve(
        VibeShift(feature="acousticness", direction=1, toward=0.55),
        [Track(track_id="x", title="t", artist="a", duration_ms=1, acousticness=0.05)],
        None,
    )
    assert acoustic.min == pytest.approx(0.3)


def test_model_ranges_fill_in_only_where_no_typed_word_spoke(engine):
    rules = parse_prompt("something for a heartbreak, 15 songs", engine.vocab)
    answer = json.dumps(
        {
            "query": "",
            "genres": [],
            "vibe": [
                {"feature": "valence", "min": 0.8, "max": None},  # against "heartbreak": the lexicon's reading stands
                {"feature": "acousticness", "min": 0.4, "max": 3.0},  # clipped to the scale
                {"feature": "tempo", "min": 140, "max": 90},  # not a range: dropped
                {"feature": "loudness", "min": None, "max": None},  # says nothing: dropped
            ],
        }
    )
    merged = {t.feature: t for t in understand_prompt(mock_llm(answer), engine, rules).vibe}
    assert merged["valence"].max <= 0.4 and merged["valence"].source == "lexicon"
    assert merged["acousticness"].source == "model" and merged["acousticness"].max is None
    assert merged["acousticness"].weight < 1 and "tempo" not in merged and "loudness" not in merged
    assert all(FEATURES[t.feature][0] <= (t.min or FEATURES[t.feature][0]) for t in merged.values())


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(_plain_groups()), st.sampled_from(["ridiculously", "obscenely", "unreasonably", "stupidly"]))
def test_an_adverb_before_a_word_intensifies_it_and_mostly_loosens_it(engine, group, adverb):
    """'ridiculously X' is at least as strict as 'X' (an -ly adverb the degree table lacks intensifies; a typo
    reading keeps the word's start, so 'unreasonably' is never 'reasonably'); 'mostly X' is a step looser and
    still one-sided."""
    word, primary = group.words[0], group.primary
    plain = _vibe(engine, f"{word} songs")[primary.feature]
    strong = _vibe(engine, f"{adverb} {word} songs")[primary.feature]
    loose = _vibe(engine, f"mostly {word} songs")[primary.feature]
    if primary.min is not None:
        assert strong.min >= plain.min and loose.min < plain.min and loose.max is None
    else:
        assert strong.max <= plain.max and loose.max > plain.max and loose.min is None


@pytest.mark.parametrize(
    "prompt, feature, low, high",
    [
        ("crunchy distorted guitars", "acousticness", None, 0.1),  # the word before the noun says how it sounds
        ("a mellow party", "energy", None, 0.55),
        ("mostly instrumental, a vocal here and there is fine", "instrumentalness", 0.4, None),  # allowed, not asked
        ("gloomier than gloomy", "valence", None, 0.15),  # as far as it goes
        ("dead quiet", "energy", None, 0.3),  # a vibe word before another is a degree
        ("ridiculously, stupidly, unreasonably happy songs", "valence", 0.82, None),
        ("wordless stuff with a pulse, not sleepy ambient", "energy", 0.55, None),  # ruled out as one thing
        ("I'm in a rotten mood, please drag me out of it", "valence", 0.62, None),  # the mood sought, not the mood in
        ("sitting in a waiting room trying to get my heart rate down", "energy", 0.35, 0.45),
    ],
)
def test_how_words_around_a_vibe_word_change_it(engine, prompt, feature, low, high):
    got = _vibe(engine, prompt)[feature]
    assert got.min == (None if low is None else pytest.approx(low))
    assert got.max == (None if high is None else pytest.approx(high))


def test_the_features_a_model_may_name_are_the_columns_the_index_holds():
    """`Feature` (the type the parser and the model's schema use) and index.filters.AUDIO_FEATURES (the columns
    loaded) are written twice, for the type checker and for the index that must not import assistant/: they agree."""
    from typing import get_args

    from assistant.models import Feature
    from index.filters import AUDIO_FEATURES

    assert get_args(Feature) == AUDIO_FEATURES and set(FEATURES) == set(AUDIO_FEATURES)


@pytest.mark.parametrize(
    "prompt, feature, low, high",
    [
        ("nothing too chill or i'll fall asleep at the wheel", "energy", 0.45, None),  # the feared consequence
        ("upbeat stuff, otherwise I will literally nod off", "energy", 0.45, None),
        ("something to keep me from falling asleep on the drive", "energy", 0.4, None),
        ("this is putting me to sleep", "energy", 0.4, None),  # what the playlist does to them: away from it
        ("music to fall asleep to", "energy", None, 0.4),  # the same words as the wish stay the wish
        ("so bored i could cry, wake me up", "valence", 0.4, None),  # a state said big asks for nothing
    ],
)
def test_a_clause_says_whether_the_word_is_wanted_or_fled(engine, prompt, feature, low, high):
    target = _vibe(engine, prompt)[feature]
    assert within(target, low, high), target


def test_two_soft_words_never_squeeze_the_range_to_a_sliver(engine):
    """'dance all night': the night's low energy would leave 0.57-0.65 beside dancing's; the less direct word
    gives way. A negation still meets a plain word in the middle ('calm but not boring')."""
    energy = _vibe(engine, "i could dance all night")["energy"]
    assert energy.max is None and energy.min is not None
    calm = _vibe(engine, "calm but not boring")["energy"]
    assert calm.min is not None and calm.max is not None and calm.min < calm.max
    polished = _vibe(engine, "glossy pop polished to death")["acousticness"]  # "to death" intensifies, short of 0
    assert polished.min is None and 0 < polished.max < 0.1


def test_more_of_a_word_stops_at_its_strongest_and_asks_its_other_features(engine):
    party = [Track(track_id=str(i), title="t", artist="a", duration_ms=1, energy=e) for i, e in enumerate((0.8, 0.9))]
    more = resolve(VibeShift(feature="energy", direction=1, toward=0.65), party, None)
    assert more.min == pytest.approx(0.85)  # not 0.95: already past what "upbeat" means at its strongest
    request = parse_prompt("party playlist, 20 songs", engine.vocab)
    ref = parse_follow_up("more upbeat pls", engine.vocab, request, 20)
    assert [s.feature for s in ref.vibe_shifts] == ["energy"]
    assert any(r.feature == "valence" and r.min is not None for r in ref.vibe)


@pytest.mark.parametrize(
    "prompt, feature, low, high",
    [
        ("quiet and heavy-hearted", "valence", None, 0.4),
        ("something lugubrious pls", "valence", None, 0.4),
        ("slam-the-bedroom-door music. i want it ANGRY", "energy", 0.75, None),
        ("medium energy, nothing wild", "energy", 0.4, 0.75),
        ("a tiny bit more upbeat than my usual sad girl stuff", "valence", 0.4, None),
    ],
)
def test_compounds_rare_words_and_yardsticks(engine, prompt, feature, low, high):
    assert within(_vibe(engine, prompt)[feature], low, high)


@pytest.mark.parametrize(
    "prompt, feature",
    [
        ("JUST GOT THE KEYS TO MY FIRST FLAT!!! absolutely buzzing", "acousticness"),  # keys to a flat: no piano
        ("crunchy leaves, jumper weather", "danceability"),  # a jumper is worn, not jumped
    ],
)
def test_everyday_phrases_that_hold_a_sound_word_ask_nothing_of_it(engine, prompt, feature):
    assert feature not in _vibe(engine, prompt)


def test_the_house_that_creaks_is_no_house_music(engine):
    request = parse_prompt("witching hour. 3am, the house keeps creaking", engine.vocab)
    assert not request.genres and within({t.feature: t for t in request.vibe}["valence"], None, 0.4)


def test_a_strong_form_ruled_out_keeps_the_word_itself(engine):
    """ "slightly danceable, not full on dancing": only what lies past full-on dancing goes, so the two meet in a
    band; "not very sad" cuts only the saddest."""
    vibe = _vibe(engine, "slightly danceable?? like head-nodding at my desk, not full on dancing")
    assert within(vibe["danceability"], 0.55, 0.8) and vibe["danceability"].min is not None
    assert within(_vibe(engine, "not very sad")["valence"], 0.2, None)
