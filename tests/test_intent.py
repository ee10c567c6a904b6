import pytest

from assistant.models import PlaylistRequest
from assistant.parsing.follow_ups import parse_follow_up
from assistant.parsing.intent import parse_prompt
from index.errors import PlaylistError


def test_hard_numbers_are_read_exactly(engine):
    request = parse_prompt("hard rock workout playlist, no Guns N' Roses, 25 songs", engine.vocab)
    c = request.constraints
    assert c.count == 25 and c.duration_min is None
    assert c.exclude_artists == ["Guns N' Roses"]
    assert request.genres == ["hard rock"] and {t.feature: t.min for t in request.vibe}["energy"] >= 0.7
    assert "Guns" not in request.query and "25" not in request.query


@pytest.mark.parametrize(
    "prompt, years",
    [
        ("classic rock from the 70s, 20 tracks", (1970, 1979)),
        ("trap songs from 2015 onwards, 10 tracks", (2015, None)),
        ("nineties r&b", (1990, 1999)),
        ("rock before 2000", (None, 1999)),
        ("pop between 1995 and 2005", (1995, 2005)),
    ],
)
def test_years(engine, prompt, years):
    c = parse_prompt(prompt, engine.vocab).constraints
    assert (c.year_min, c.year_max) == years


@pytest.mark.parametrize(
    "prompt, minutes",
    [
        ("an hour of reggaeton to dance to", 60),
        ("make me 2 hours of pop", 120),
        ("45 min of edm", 45),
        ("an hour and a half of rap", 90),
    ],
)
def test_durations(engine, prompt, minutes):
    c = parse_prompt(prompt, engine.vocab).constraints
    assert c.duration_min == minutes and c.target_count() is None


def test_several_exclusions_seeds_and_clean_filter(engine):
    request = parse_prompt(
        "latin hits like Despacito, nothing by J Balvin or Daddy Yankee, clean versions", engine.vocab
    )
    assert request.constraints.exclude_artists == ["J Balvin", "Daddy Yankee"]
    assert request.seed_track_ids == ["t36"]
    assert request.constraints.explicit_allowed is False
    assert request.popular and "latin" in request.genres


@pytest.mark.parametrize(
    "prompt, clean",
    [
        ("sunday deep clean of the flat, bangers to sing into the mop", False),
        ("spring clean music, 20 songs", False),
        ("big clean of the house tonight", False),
        ("music to clean the kitchen to", False),
        ("clean songs only", True),
        ("keep it clean, the kids are listening", True),
        ("i need to clean my room, clean lyrics only", True),
    ],
)
def test_cleaning_a_home_is_no_clean_filter(engine, prompt, clean):
    assert parse_prompt(prompt, engine.vocab).constraints.explicit_allowed is not clean


def test_unknown_artist_is_reported_and_moods_are_not_artists(engine):
    request = parse_prompt("mellow pop, no Nickelback, nothing too sad, no ballads", engine.vocab)
    assert request.constraints.exclude_artists == ["Nickelback"]
    assert any("Nickelback" in note for note in request.notes)
    vibe = {t.feature: t for t in request.vibe}
    assert vibe["valence"].min >= 0.4  # not sad
    assert 0.45 <= vibe["energy"].min < vibe["energy"].max <= 0.7  # mellow, but "no ballads"


def test_default_length_and_bounds(engine):
    assert parse_prompt("indie pop", engine.vocab).constraints.target_count() == 20
    big = parse_prompt("5000 songs of rap", engine.vocab)
    assert big.constraints.count == 200 and big.notes


@pytest.mark.parametrize("bad", ["", "   \n\t", "x" * 50_000])
def test_bad_prompts_are_rejected_with_one_sentence(engine, bad):
    with pytest.raises(PlaylistError):
        parse_prompt(bad, engine.vocab)


def _request(engine) -> PlaylistRequest:
    return parse_prompt("80s rock anthems, 15 songs", engine.vocab)


@pytest.mark.parametrize(
    "text, field, value",
    [
        ("no Queen please", "exclude_artists", ["Queen"]),
        ("drop Bon Jovi", "exclude_artists", ["Bon Jovi"]),
        ("remove 5 and 7", "remove_positions", [5, 7]),
        ("more like track 3", "more_like_positions", [3]),
        ("make it 2 hours", "duration_min", 120),
        ("shorter: 10 songs", "count", 10),
        ("only tracks from 2016 or later", "year_min", 2016),
        ("wind it down at the end", "arc", "wind_down"),
        ("add 5 more songs", "count", 20),
    ],
)
def test_follow_ups(engine, text, field, value):
    refinement = parse_follow_up(text, engine.vocab, _request(engine), playlist_length=15)
    assert getattr(refinement, field) == value and refinement.understood


@pytest.mark.parametrize(
    "text, feature, direction",
    [
        ("fewer ballads", "energy", 1),
        ("more upbeat", "energy", 1),
        ("a bit calmer", "energy", -1),
        ("less acoustic", "acousticness", -1),
        ("darker", "valence", -1),
        ("more danceable", "danceability", 1),
    ],
)
def test_follow_up_comparisons_are_moves(engine, text, feature, direction):
    refinement = parse_follow_up(text, engine.vocab, _request(engine), playlist_length=15)
    assert [(s.feature, s.direction) for s in refinement.vibe_shifts] == [(feature, direction)]
    assert refinement.understood


def test_follow_up_positions_must_exist(engine):
    with pytest.raises(PlaylistError, match="no track 40"):
        parse_follow_up("remove 40", engine.vocab, _request(engine), playlist_length=15)
    assert not parse_follow_up("hmm, interesting", engine.vocab, _request(engine), 15).understood


@pytest.mark.parametrize(
    "text, names, features",
    [
        ("3 high energy tracks", [], {"energy"}),
        ("upbeat 90s hip hop for a long drive", [], {"energy", "valence"}),
        ("slow sad songs by Bon Iver", ["Bon Iver"], {"energy", "valence", "tempo"}),
        ("Summer by Calvin Harris", ["Summer by Calvin Harris"], set()),  # a title, not a season
        ("songs like Holocene, but fast", [], {"tempo", "energy"}),  # the seed is read as a seed
    ],
)
def test_names_and_vibes_are_read_apart(engine, text, names, features):
    request = parse_prompt(text, engine.vocab)
    assert request.names == names and {t.feature for t in request.vibe if t.weight >= 0.4} == features


@pytest.mark.parametrize(
    "prompt, cap",
    [
        ("20 songs, every song a diff artist", 1),
        ("each tune a new artist, 12 songs", 1),
        ("i dont want any artist more than 3 times, 40 songs, rock", 3),
        ("I don't want any rapper twice", 1),
    ],
)
def test_caps_said_as_people_say_them(engine, prompt, cap):
    assert parse_prompt(prompt, engine.vocab).constraints.max_per_artist == cap


@pytest.mark.parametrize(
    "prompt, artists, genres",
    [
        ("classic rock, but he absolutely hates the Eagles", ["Eagles"], []),
        ("my mom can't stand Drake, 10 songs", ["Drake"], []),
        ("trap music makes my ears bleed. 30 minutes of hip hop", [], ["trap"]),
        ("reggaeton drives me nuts, 12 pop songs", [], ["reggaeton"]),
        ("rock is overrated, give me 10 edm songs", [], ["rock"]),
    ],
)
def test_a_dislike_said_about_a_name_or_a_genre_excludes_it(engine, prompt, artists, genres):
    c = parse_prompt(prompt, engine.vocab).constraints
    assert (c.exclude_artists, c.exclude_genres) == (artists, genres)


@pytest.mark.parametrize(
    "prompt, years",
    [
        ("born in 1994 and I want only stuff from before I was born, 25 songs", (None, 1993)),
        ("I'm a 1990 baby, songs older than me, 10 songs", (None, 1989)),
        ("20 songs since I was born in 2000", (2000, None)),
        ("classic rock for dad (long story involving a 1979 concert), 10 songs", (None, None)),
        ("my 2005 civic needs road trip music, 10 songs", (None, None)),
        ("a 1980s party, 10 songs", (1980, 1989)),
        ("my 1995 favourites, 10 songs", (1995, 1995)),
    ],
)
def test_a_year_about_the_listener_or_a_thing_is_no_limit_but_a_birth_year_anchors_one(engine, prompt, years):
    c = parse_prompt(prompt, engine.vocab).constraints
    assert (c.year_min, c.year_max) == years


def test_a_sound_phrase_is_no_wish_for_the_band_it_names(engine):
    """ "wake me up" read as a sound is not the band Wake Me taken as a wish (nor any name inside a vibe phrase)."""
    request = parse_prompt("it's 6am, need 12 songs to wake me up", engine.vocab)
    assert request.vibe_words and not any("as a wish" in note for note in request.notes)
