"""The listening story against a history built so every figure is known by hand (counted in the comments), on
both stores, through the real import; and the `playlist profile story` command."""

import json
from datetime import UTC, date, datetime

import pytest

from assistant.profiles.history import Play
from assistant.profiles.story import story_of
from assistant.profiles.story_model import StoryPeriod
from assistant.profiles.story_text import story_lines
from index.errors import PlaylistError

YEAR_2024 = StoryPeriod(start=date(2024, 1, 1), end=date(2024, 12, 31))


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _play(track_id, artist, title, when, ms=200_000, skipped=False) -> Play:
    return Play(artist=artist, title=title, played_at=_at(when), ms_played=ms, skipped=skipped, track_id=track_id)


def history() -> list[Play]:
    """2023: Queen's Don't Stop Me Now 5 times (so Queen is known before 2024). In 2024 (100 plays):
    Queen's Bohemian Rhapsody on the 15th of every month, 20:00 (12, 5 min each); Taylor Swift's Shake It Off on
    days 1-8 of Jan-May, 08:00 (40); Drake's God's Plan on days 1-8 of Aug-Dec, 18:00 (40, 3 min); Stairway to
    Heaven 3 times on 10 March, 09:00-09:20, with no ms_played (its catalog length, 482,830 ms, counts); an
    unmatched Band Zed - Song Zed on 2 Feb and 8 Aug, 23:00 (100 s) and Song Why on 9 Sep, 23:30 with no length;
    Shake It Off skipped twice on 5 May, 07:00 (5 s). Then Queen once more at 03:00 UTC on 1 Jan 2025."""
    plays = [_play("t02", "Queen", "Don't Stop Me Now", f"2023-06-0{d} 12:00") for d in range(1, 6)]
    plays += [_play("t01", "Queen", "Bohemian Rhapsody", f"2024-{m:02d}-15 20:00", 300_000) for m in range(1, 13)]
    plays += [
        _play("t48", "Taylor Swift", "Shake It Off", f"2024-{m:02d}-0{d} 08:00")
        for m in range(1, 6)
        for d in range(1, 9)
    ]
    plays += [
        _play("t24", "Drake", "God's Plan", f"2024-{m:02d}-0{d} 18:00", 180_000)
        for m in range(8, 13)
        for d in range(1, 9)
    ]
    plays += [_play("t04", "Led Zeppelin", "Stairway to Heaven", f"2024-03-10 09:{m}0", None) for m in range(3)]
    plays += [_play(None, "Band Zed", "Song Zed", f"2024-{d} 23:00", 100_000) for d in ("02-02", "08-08")]
    plays += [_play(None, "Band Zed", "Song Why", "2024-09-09 23:30", None)]
    plays += [_play("t48", "Taylor Swift", "Shake It Off", f"2024-05-05 07:0{m}", 5_000, True) for m in (0, 5)]
    plays += [_play("t02", "Queen", "Don't Stop Me Now", "2025-01-01 03:00")]
    return plays


@pytest.fixture
def told(engine, profiles):
    report = profiles.import_plays("ana", history(), engine.vocab, set(engine.index.row_of), "generated")
    assert (report.plays, report.matched) == (106, 103)  # the three Band Zed plays match nothing
    return lambda period=YEAR_2024: story_of(profiles, "ana", engine.index, period)


def test_the_figures_of_2024_equal_the_hand_count(told):
    story = told()
    assert (story.plays, story.skipped, story.matched_plays) == (100, 2, 97)
    # 12 x 300,000 + 40 x 200,000 + 40 x 180,000 + 3 x 482,830 + 2 x 100,000 + 2 x 5,000; Song Why has no length
    assert story.listened_ms == 20_458_490 and story.hours == 5.7 and story.plays_without_length == 1
    assert story.top_artists == [
        ("Taylor Swift", 40),
        ("Drake", 40),
        ("Queen", 12),
        ("Band Zed", 3),
        ("Led Zeppelin", 3),
    ]  # ties: the one played first
    assert [(t.title, t.plays, t.track_id) for t in story.top_tracks] == [
        ("Shake It Off", 40, "t48"),
        ("God's Plan", 40, "t24"),
        ("Bohemian Rhapsody", 12, "t01"),
        ("Stairway to Heaven", 3, "t04"),
        ("Song Zed", 2, None),
        ("Song Why", 1, None),
    ]
    assert story.top_genres == [("pop", 40), ("rap", 40), ("rock", 15)]  # Band Zed, unmatched, is in no genre
    assert story.genre_plays == 95
    # 95 dated plays: 1971 x3, 1975 x12, 2014 x40, 2018 x40; the 48th is 2014; all were played in 2024
    assert (story.median_release_year, story.median_listening_year, story.listening_age) == (2014, 2024, 10)
    # Queen was first heard in 2023: 98 listened plays, 12 of them Queen's; four artists are new
    assert story.discovery_share == 86 / 98 and story.new_artists == 4
    assert story.by_month == [
        ("2024-01", 9),
        ("2024-02", 10),
        ("2024-03", 12),
        ("2024-04", 9),
        ("2024-05", 11),
        ("2024-06", 1),
        ("2024-07", 1),
        ("2024-08", 10),
        ("2024-09", 10),
        ("2024-10", 9),
        ("2024-11", 9),
        ("2024-12", 9),
    ]
    hours = {20: 12, 8: 40, 18: 40, 9: 3, 23: 3, 7: 2}
    assert story.by_hour == [hours.get(h, 0) for h in range(24)]
    replay = story.most_replayed
    assert (replay.title, replay.artist, replay.day, replay.plays) == (
        "Stairway to Heaven",
        "Led Zeppelin",
        date(2024, 3, 10),
        3,
    )
    assert [(a.artist, a.months, a.of_months, a.plays) for a in story.loyal_artists] == [("Queen", 12, 12, 12)]
    assert story.unavailable == {}


def test_how_taste_moved_between_the_halves_of_the_year(told):
    shift = told().taste_shift
    assert shift.first == (date(2024, 1, 1), date(2024, 7, 1)) and shift.second == (
        date(2024, 7, 2),
        date(2024, 12, 31),
    )
    # first half: Taylor 40 pop, Queen Jan-Jun 6 + Stairway 3 rock; second: Drake 40 rap, Queen Jul-Dec 6 rock
    assert shift.first_top == [("pop", 40), ("rock", 9)] and shift.second_top == [("rap", 40), ("rock", 6)]
    assert (shift.rising.genre, shift.rising.before, shift.rising.after) == ("rap", 0.0, 40 / 46)
    assert (shift.falling.genre, shift.falling.before, shift.falling.after) == ("pop", 40 / 49, 0.0)
    assert (shift.first_median_year, shift.second_median_year) == (2014, 2018)  # 25th of 49, 23rd of 46


def test_the_time_zone_decides_the_day_and_hour(told):
    story = told(StoryPeriod(start=date(2024, 1, 1), end=date(2024, 12, 31), tz="America/New_York"))
    assert story.plays == 101  # 03:00 UTC on 1 Jan 2025 is 22:00 on 31 Dec in New York
    assert story.by_month[-1] == ("2024-12", 10) and story.last_play == date(2024, 12, 31)
    # 08:00 UTC is 03:00 in New York until daylight saving starts on 10 March, 04:00 after: Taylor Swift's Jan,
    # Feb and 1-8 Mar plays (24) and the two skips of 5 May at 07:00 UTC are at 3; her April and May plays at 4
    assert (story.by_hour[3], story.by_hour[4]) == (26, 16)


def test_the_whole_history_cannot_tell_what_was_new(told):
    story = told(StoryPeriod())
    assert story.plays == 106 and story.first_play == date(2023, 6, 1)
    assert story.discovery_share is None and story.new_artists is None
    assert "28 days of plays before the period" in story.unavailable["discovery_share"]
    assert story.by_month[0] == ("2023-06", 5) and len(story.by_month) == 20  # June 2023 to January 2025
    assert "Discovery: not told — telling new artists" in "\n".join(story_lines(story))


def test_two_weeks_of_plays_tell_no_season_shift_and_no_made_up_numbers(engine, profiles):
    plays = [_play("t48", "Taylor Swift", "Shake It Off", f"2024-03-{d:02d} 10:00") for d in range(1, 9)]
    plays += [_play(None, "Band Zed", "Song Zed", f"2024-03-{d:02d} 11:00") for d in range(9, 15)]
    profiles.import_plays("bob", plays, engine.vocab, set(engine.index.row_of), "generated")
    story = story_of(profiles, "bob", engine.index)
    assert (story.plays, story.matched_plays, story.hours) == (14, 8, round(14 * 200_000 / 3_600_000, 1))
    assert story.top_genres == [("pop", 8)]  # the six unmatched plays count in plays and hours only
    for figure in ("median_release_year", "discovery_share", "most_replayed", "loyal_artists", "taste_shift"):
        assert figure in story.unavailable
    assert story.median_release_year is None and story.listening_age is None and story.taste_shift is None
    assert (
        story.unavailable["taste_shift"] == "the period covers 14 days of history; how taste moved needs at least 180"
    )
    assert story.unavailable["median_release_year"].startswith("8 listened plays matched")
    text = "\n".join(story_lines(story))
    assert "Listening age: not told" in text and "How your taste moved: not told" in text


def test_a_listener_without_plays_is_told_so(engine, profiles):
    profiles.ensure_listener("cleo")
    story = story_of(profiles, "cleo", engine.index)
    assert story.empty and story.unavailable == {"plays": "no plays imported yet: import a listening history first"}
    assert story_lines(story)[-1] == "Plays: not told — no plays imported yet: import a listening history first."
    with pytest.raises(PlaylistError, match="unknown listener"):
        story_of(profiles, "nobody", engine.index)


@pytest.mark.parametrize(
    "start, end, tz, message",
    [
        ("2024-02-30", "", "", "not a date"),
        ("2024-03-01", "2024-02-01", "", "after it ends"),
        ("", "", "Mars/Olympus", "unknown time zone"),
    ],
)
def test_a_bad_period_is_one_sentence(start, end, tz, message):
    with pytest.raises(PlaylistError, match=message):
        StoryPeriod.from_text(start, end, tz)


@pytest.fixture
def cli_env(monkeypatch, index_dir, tmp_path):
    monkeypatch.setenv("PLAYLIST_INDEX_DIR", str(index_dir))
    monkeypatch.setenv("PLAYLIST_DB", str(tmp_path / "db.sqlite"))
    return tmp_path


def test_the_story_command_prints_json_and_writes_the_card(cli_env, engine, capsys):
    from PIL import Image

    from assistant.cli import main
    from assistant.profiles.profile import ProfileStore

    ProfileStore(str(cli_env / "db.sqlite")).import_plays(
        "ana", history(), engine.vocab, set(engine.index.row_of), "generated"
    )
    card = cli_env / "card.png"
    assert (
        main(
            [
                "profile",
                "story",
                "--user",
                "ana",
                "--from",
                "2024-01-01",
                "--to",
                "2024-12-31",
                "--json",
                "--card",
                str(card),
                "--show",
                "hours,discovery,top_artists",
                "--name",
                "Ana",
            ]
        )
        == 0
    )
    out, err = capsys.readouterr()
    figures = json.loads(out)
    assert {
        "plays",
        "top_artists",
        "top_genres",
        "median_release_year",
        "discovery_share",
        "by_month",
        "by_hour",
    } <= set(figures)
    assert figures["plays"] == 100 and figures["top_artists"][0] == ["Taylor Swift", 40]
    assert figures["top_genres"][2] == ["rock", 15] and figures["by_hour"][8] == 40
    with Image.open(card) as image:
        assert image.format == "PNG" and image.size == (1080, 1350)
    assert "wrote" in err and "hours, discovery, top_artists" in err
    assert main(["profile", "story", "--user", "ana"]) == 0
    assert "ana's listening story: your whole history (times in UTC)." in capsys.readouterr().out
    assert main(["profile", "story", "--user", "ana", "--card", str(card), "--show", "age"]) == 2
    assert "the card cannot show age" in capsys.readouterr().err


def test_a_period_without_plays_says_so(told):
    assert told(StoryPeriod(start=date(2030, 1, 1))).unavailable == {"plays": "no plays in this period"}
    assert told(StoryPeriod(end=date(2023, 12, 31))).plays == 5


@pytest.fixture(scope="module")
def app_with_ana(index_dir, engine, tmp_path_factory):
    """The app with logins (ana and ben are listeners), ana's generated history imported; her url and home."""
    from test_app import write_accounts

    import app as app_module
    from assistant.config import Settings
    from assistant.profiles.profile import ProfileStore

    home = tmp_path_factory.mktemp("story-app")
    monkey = pytest.MonkeyPatch()
    monkey.setenv("PLAYLIST_ACCOUNTS", str(write_accounts(home / "accounts.json")))
    settings = Settings.from_env(home=home, index_dir=index_dir, db=str(home / "db.sqlite"), llm="none")
    ProfileStore(settings.stores.db).import_plays("ana", history(), engine.vocab, set(engine.index.row_of), "generated")
    demo, _ = app_module.create_app(settings, show_progress=False)
    demo.queue().launch(
        server_name="127.0.0.1", prevent_thread_lock=True, quiet=True, auth=app_module.Accounts.from_env().check
    )
    yield demo.local_url
    demo.close()
    monkey.undo()


def _as(url, user):
    from gradio_client import Client

    return Client(url, auth=(user, f"{user}-pw"), verbose=False)


def test_the_app_tells_each_listener_only_their_own_story_and_makes_the_cards(app_with_ana):
    from PIL import Image

    ana = _as(app_with_ana, "ana")
    text, months, hours, genres = ana.predict("2024-01-01", "2024-12-31", "UTC", api_name="/listening_story")
    assert "100 plays, 5.7 hours, from 2024-01-01 to 2024-12-15" in text and "Taylor Swift" in text
    assert months is not None and hours is not None and genres is not None
    note, image, _ = ana.predict(
        "2024-01-01", "2024-12-31", "UTC", ["hours", "top_artists"], "Ana", api_name="/share_card"
    )
    assert "it shows hours listened, top 5 artists" in note
    with Image.open(image) as card:
        assert card.format == "PNG" and card.width == 1080
    note, image, _ = ana.predict("2023-06-01", "2023-06-30", "UTC", ["discovery"], "", api_name="/share_card")
    assert note.startswith("⚠️ none of the chosen parts can be told") and image is None
    ben = _as(app_with_ana, "ben")
    text, *plots = ben.predict("", "", "UTC", api_name="/listening_story")
    assert text.startswith("⚠️ unknown listener 'ben'") and plots == [None, None, None]
    ben.predict("rock, 4 songs", [], 0, 0.5, 0.3, False, False, api_name="/send")
    image, note = ben.predict(api_name="/playlist_card")
    with Image.open(image) as card:
        assert card.format == "PNG" and card.size == (1080, 1350) and note.startswith("Card made here")
    assert _as(app_with_ana, "ana").predict(api_name="/playlist_card")[1] == "⚠️ ask for a playlist first"


def test_the_story_page_shows_the_counts_it_was_given(told):
    from ui import story_view

    story = told()
    text = story_view.story_markdown(story)
    assert "| 1 | Taylor Swift | 40 | Shake It Off — Taylor Swift | 40 |" in text and "Top artists:" not in text
    assert "1 play has no length" in text
    bars = [patch.get_height() for patch in story_view.month_figure(story).axes[0].patches]
    assert bars == [n for _, n in story.by_month]
    assert [p.get_height() for p in story_view.hour_figure(story).axes[0].patches] == story.by_hour
    genres = story_view.genre_figure(story).axes[0]  # the halves side by side: rock, rap, pop from the bottom
    assert [round(p.get_width(), 1) for p in genres.patches] == [18.4, 0.0, 81.6, 13.0, 87.0, 0.0]
