"""Nature sounds, noise, skits and short interludes are left out unless the listener asks for them."""

import pytest

from index.catalog import Track
from index.nonsong import asks_for_non_songs, is_non_song

NATURE = (
    "n1,Relaxing Rain And Crickets For Rainy Days,Natural Sound Makers,60,aln1,Rain,2018-01-01,X,pl-x,r&b,"
    "neo soul,0.2,0.05,1,-30,1,0.06,0.99,0.97,0.1,0.1,70,264154,False"
)
SKIT = (
    "n2,Mama Calls - Skit,Erykah Badu,40,aln2,Skits,1997-01-01,X,pl-x,r&b,neo soul,"
    "0.5,0.3,1,-12,1,0.5,0.5,0.0,0.1,0.4,90,64000,False"
)


def _track(title: str, artist: str, duration_ms: int = 200_000) -> Track:
    return Track(track_id="x", title=title, artist=artist, duration_ms=duration_ms)


@pytest.mark.parametrize(
    "title, artist, duration_ms",
    [
        ("Relaxing Crickets And Waterfall", "Natural Sound Makers", 264154),
        ("Caribbean Thunderstorm", "Mother Nature Sound FX", 222469),
        ("Waterfall Jungle", "The Sleep Specialist", 316491),
        ("Pure White Noise 10 Hours", "Baby Sleep", 600000),
        ("No Words - Skit", "Hopsin", 96000),
        ("Helpless - Interlude", "MALIA", 74160),
    ],
)
def test_non_songs_are_recognised(title, artist, duration_ms):
    assert is_non_song(_track(title, artist, duration_ms))


@pytest.mark.parametrize(
    "title, artist, duration_ms",
    [
        ("Go To Sleep", "Eminem", 282027),
        ("Sing Me to Sleep", "Alan Walker", 189333),
        ("The Offering", "Sleep Token", 349653),
        ("Hip Hop Hooray", "Naughty By Nature", 264000),
        ("LoveStoned / I Think She Knows Interlude", "Justin Timberlake", 444373),
        ("Save It For A Rainy Day", "Stephen Bishop", 192000),
        ("Sounds Of The Skeng", "Stormzy", 214130),
    ],
)
def test_songs_with_such_words_stay_songs(title, artist, duration_ms):
    assert not is_non_song(_track(title, artist, duration_ms))


def test_only_sound_words_ask_for_them():
    for text in ["rain sounds to sleep to", "white noise for the baby", "nature sounds, 1 hour", "keep the skits"]:
        assert asks_for_non_songs(text)
    for text in ["songs to sleep to", "calm acoustic songs for a rainy afternoon", "music for deep sleep"]:
        assert not asks_for_non_songs(text)


@pytest.fixture(scope="module")
def engine_with_sounds(tmp_path_factory, embedder):
    from assistant.pipeline.planner import Engine
    from index.build import build_index
    from index.store import VectorIndex
    from tests.conftest import CATALOG

    directory = tmp_path_factory.mktemp("sounds")
    catalog = directory / "catalog.csv"
    catalog.write_text(CATALOG.read_text(encoding="utf-8").rstrip("\n") + f"\n{NATURE}\n{SKIT}\n", encoding="utf-8")
    build_index(catalog, directory / "index", embedder)
    return Engine(VectorIndex.load(directory / "index"), embedder)


def test_non_songs_are_offered_only_when_asked(engine_with_sounds):
    from assistant.session import Session

    calm = Session(engine_with_sounds).ask("calm neo soul for a rainy day, 7 songs")
    assert len(calm.items) == 7 and not {"n1", "n2"} & set(calm.track_ids)
    asked = Session(engine_with_sounds).ask("rain sounds and crickets, 3 tracks")
    assert "n1" in asked.track_ids
    session = Session(engine_with_sounds)
    session.ask("neo soul, 7 songs")
    assert session.refine("put the skits back in").request.constraints.non_songs_allowed
