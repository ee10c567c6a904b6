"""Credits: a track credited "A & B", "A feat. B", "A; B", "Song (feat. B)" or "Song - B Remix" is also B's, for
exclusions, caps, seeds and history; names that hold a separator stay whole. Over the fixture catalog with its
collaboration tracks (tests/fixtures/catalog_credits.csv), in process and through the CLI in a second process."""

import json
import os
import subprocess
import sys

import pytest
from phrasing import fixture_catalog

from index.catalog import Track
from index.credits import credited_names, known_artists, with_credits
from index.text import artist_key


def _track(artist: str, title: str = "Song", track_id: str = "x") -> Track:
    return Track(track_id=track_id, title=title, artist=artist, duration_ms=200_000)


SOLO = [
    _track(name, track_id=f"s{i}")
    for i, name in enumerate(
        [
            "Calvin Harris",
            "Dua Lipa",
            "The Notorious B.I.G.",
            "50 Cent",
            "Tiësto",
            "Kygo",
            "Whitney Houston",
            "Earth",
            "Fire",
            "Simon",
            "Ozuna",
            "W",
            "Post Malone",
            "Swae Lee",
        ]
    )
]


@pytest.mark.parametrize(
    "artist, title, expected",
    [
        ("Calvin Harris, Dua Lipa", "One Kiss", {"Calvin Harris", "Dua Lipa"}),
        ("The Notorious B.I.G. & 50 Cent", "Realest Ones", {"The Notorious B.I.G.", "50 Cent"}),
        ("Kygo with Whitney Houston", "Higher Love", {"Kygo", "Whitney Houston"}),
        ("Post Malone; Swae Lee", "Sunflower", {"Post Malone", "Swae Lee"}),
        ("Gucci Mane feat. Young Jeezy", "Icy", {"Gucci Mane", "Young Jeezy"}),
        ("DJ Snake", "Taki Taki (feat. Selena Gomez, Ozuna & Cardi B)", {"Selena Gomez", "Ozuna", "Cardi B"}),
        ("The Kid LAROI", "Stay (with Justin Bieber)", {"Justin Bieber"}),
        ("Martin Garrix", "Summer Days (feat. Macklemore) - Tiësto Remix", {"Macklemore", "Tiësto"}),
        ("Ellie Goulding", "Sixteen - Don Diablo Remix", set()),  # a remixer the catalog does not know: not a credit
        ("Earth, Wind & Fire", "September", set()),  # "Wind" is no artist: the name stays whole
        ("Simon & Garfunkel", "The Boxer", set()),  # "Garfunkel" is no artist
        ("W&W", "Rave Love", set()),  # no spaces: never a separator
        ("Tyler, The Creator", "EARFQUAKE", set()),
        ("Selena Gomez & The Scene", "Naturally", {"Selena Gomez"}),  # a band named after its leader is also hers
        ("Huey Lewis and the News", "The Power of Love", {"Huey Lewis"}),
        ("The Head and the Heart", "Rivers and Roads", set()),  # "The Head" is no person
        ("Florence + The Machine", "Dog Days Are Over", set()),  # one word, not a catalog artist: stays whole
    ],
)
def test_credited_names(artist, title, expected):
    track = _track(artist, title)
    assert set(credited_names(track, known_artists([*SOLO, track]))) == expected


def test_a_name_known_only_from_a_guest_list_splits_a_duo():
    """Macklemore is never an artist field, only a guest beside another ("feat. Macklemore & Patrick Stump"), yet
    "no macklemore" must leave out Macklemore & Ryan Lewis."""
    guest = _track("Martin Garrix", "Summer Days (feat. Macklemore & Patrick Stump)", "g")
    duo = _track("Macklemore & Ryan Lewis", "Thrift Shop", "d")
    assert set(credited_names(duo, known_artists([*SOLO, guest, duo]))) == {"Macklemore", "Ryan Lewis"}
    assert credited_names(duo, known_artists([*SOLO, duo])) == ()


def test_credit_keys_hold_the_artist_field_and_every_credit():
    [track] = [
        t for t in with_credits([*SOLO, _track("Calvin Harris, Dua Lipa", "One Kiss", "c")]) if t.track_id == "c"
    ]
    assert track.credit_keys == {artist_key("Calvin Harris, Dua Lipa"), "calvin harris", "dua lipa"}


@pytest.fixture(scope="module")
def credits_engine(tmp_path_factory, embedder):
    from assistant.pipeline.planner import Engine
    from index.build import build_index
    from index.store import VectorIndex

    directory = tmp_path_factory.mktemp("credits")
    build_index(fixture_catalog(directory), directory / "index", embedder)
    return Engine(VectorIndex.load(directory / "index"), embedder), directory


def _credits(engine, playlist) -> list[frozenset[str]]:
    return [engine.index.track(i.track_id).credit_keys for i in playlist.items]


@pytest.mark.parametrize(
    "prompt, banned",
    [
        ("gangster rap, no 50 Cent, 10 songs", "50 cent"),
        ("rap without eminem, 12 songs", "eminem"),
        ("latin party, no Bad Bunny, 10 songs", "bad bunny"),
        ("edm, no Tiësto, 12 tracks", "tiesto"),
        ("pop and r&b, nothing with Rihanna, 15 songs", "rihanna"),
    ],
)
def test_an_excluded_artist_is_not_played_under_any_credit(credits_engine, prompt, banned):
    from assistant.session import Session

    engine, _ = credits_engine
    playlist = Session(engine).ask(prompt)
    assert playlist.items and not any(banned in keys for keys in _credits(engine, playlist))


def test_the_artist_cap_counts_every_credit(credits_engine):
    from assistant.session import Session

    engine, _ = credits_engine
    playlist = Session(engine).ask("rap and trap, one song per artist, 15 songs")
    credited = [key for keys in _credits(engine, playlist) for key in keys]
    assert playlist.items and len(credited) == len(set(credited))


def test_a_follow_up_exclusion_drops_co_credited_tracks(credits_engine):
    from assistant.session import Session

    engine, _ = credits_engine
    session = Session(engine)
    first = session.ask("gangster rap and trap, 12 songs")
    assert any("50 cent" in keys for keys in _credits(engine, first))
    after = session.refine("lose 50 cent")
    assert after.items and not any("50 cent" in keys for keys in _credits(engine, after))


def test_a_typo_in_a_name_is_still_excluded_but_a_word_never_finds_a_band(credits_engine):
    from assistant.parsing.intent import parse_prompt

    engine, _ = credits_engine
    assert "Eminem" in parse_prompt("rap, no eminen", engine.vocab).constraints.exclude_artists
    assert "Metallica" in parse_prompt("rock but no metalica", engine.vocab).constraints.exclude_artists
    assert parse_prompt("rock, no slow songs", engine.vocab).constraints.exclude_artists == []


def test_a_build_in_one_process_and_an_ask_in_another_honours_credits(credits_engine):
    _, directory = credits_engine
    env = {
        **os.environ,
        "PLAYLIST_INDEX_DIR": str(directory / "index"),
        "PLAYLIST_DB": str(directory / "db"),
        "PLAYLIST_LLM": "none",
    }
    done = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "ask", "hip hop, no Swae Lee or Eminem, 15 songs", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    artists = " ".join(f"{i['artist']} {i['title']}" for i in json.loads(done.stdout)["items"]).lower()
    assert artists and "swae lee" not in artists and "eminem" not in artists
