"""The share card and the playlist card rendered to real PNGs (Agg, offline): their size, that they are PNGs
with something drawn, and that they hold only what was chosen — read from the strings the card drew."""

import io

import pytest
from PIL import Image
from test_story import YEAR_2024, history

from assistant.models import PlaylistItem
from assistant.outputs.card_canvas import CardCanvas
from assistant.outputs.card_choices import CARD_PARTS, CardChoices
from assistant.outputs.cards import story_card, write_story_card
from assistant.outputs.playlist_card import playlist_card, playlist_figures
from assistant.profiles.history import Play
from assistant.profiles.profile import ListenerProfile, ProfileStore
from assistant.profiles.story import story_of
from assistant.profiles.story_model import ListeningStory, StoryPeriod
from index.errors import PlaylistError


@pytest.fixture(scope="module")
def story(engine, tmp_path_factory):
    store = ProfileStore(tmp_path_factory.mktemp("cards") / "db.sqlite")
    store.import_plays("ana", history(), engine.vocab, set(engine.index.row_of), "generated")
    return story_of(store, "ana", engine.index, YEAR_2024)


def _image(card) -> Image.Image:
    image = Image.open(io.BytesIO(card.png))
    assert image.format == "PNG" and image.size == (card.width, card.height)
    return image.convert("RGB")


def test_the_default_card_is_a_4_by_5_png_with_the_chosen_parts(story, tmp_path):
    card = write_story_card(story, CardChoices(), tmp_path / "card.png")
    assert (tmp_path / "card.png").read_bytes() == card.png
    image = _image(card)
    assert image.width >= 1080 and (card.width, card.height) == (1080, 1350)
    assert len(set(image.getdata())) > 200  # a gradient, type and colour, not a blank page
    assert card.shown == ["period", "hours", "listening_age", "top_artists", "top_genres"] and card.left_out == {}
    assert {
        "MY LISTENING STORY",
        "1 Jan 2024 – 15 Dec 2024",
        "5.7",
        "10 yrs",
        "TOP ARTISTS",
        "Taylor Swift",
        "40 plays",
        "TOP GENRES",
        "pop 42%",
        "rock 16%",
    } <= set(card.texts)  # 40, 40 and 15 of 95
    assert "ana" not in card.texts  # the listener id never; a name only when given


def test_nothing_unchosen_is_on_the_card(story):
    card = story_card(story, CardChoices(show=["plays", "top_tracks"], name="Ana B."))
    assert card.shown == ["plays", "top_tracks"]
    drawn = " ".join(card.texts)
    assert "Ana B." in card.texts and "100" in card.texts and "Shake It Off" in card.texts
    for absent in ("hours", "listening age", "TOP ARTISTS", "TOP GENRES", "2024", "new to me", "ON REPEAT"):
        assert absent not in drawn


def test_every_part_together_makes_a_taller_card(story):
    card = story_card(story, CardChoices(show=list(CARD_PARTS)))
    assert card.shown == [
        "period",
        "hours",
        "plays",
        "listening_age",
        "discovery",
        "top_artists",
        "top_tracks",
        "top_genres",
        "on_repeat",
    ]
    assert (card.width, card.height) == (1080, 1920) and _image(card).width == 1080
    assert "88%" in card.texts and "Stairway to Heaven" in card.texts  # 86 of 98 plays; 3 times on 10 March


def test_a_part_the_story_cannot_tell_is_left_off_with_the_reason(story):
    short = story.model_copy(
        update={
            "discovery_share": None,
            "new_artists": None,
            "unavailable": {"discovery_share": "needs plays before the period"},
        }
    )
    card = story_card(short, CardChoices(show=["hours", "discovery"]))
    assert card.shown == ["hours"] and card.left_out == {"discovery": "needs plays before the period"}
    assert "%" not in " ".join(card.texts)
    with pytest.raises(PlaylistError, match="none of the chosen parts can be told: needs plays before"):
        story_card(short, CardChoices(show=["discovery"]))
    with pytest.raises(PlaylistError, match="no card without plays"):
        story_card(
            ListeningStory(listener_id="cleo", period=StoryPeriod(), unavailable={"plays": "no plays imported yet"}),
            CardChoices(),
        )


def test_long_names_are_cut_to_fit_with_an_ellipsis(story):
    long = "The Extraordinarily Long-Named Orchestra of Everything That Was Ever Played Anywhere"
    card = story_card(story.model_copy(update={"top_artists": [(long, 50)]}), CardChoices(show=["top_artists"]))
    cut = next(text for text in card.texts if text.startswith("The Extraordinarily"))
    assert cut.endswith("…") and len(cut) < len(long)
    canvas = CardCanvas()
    assert canvas.text(80, 80, long, 34, weight="bold", max_width=600) <= 600


def test_card_choices_are_checked():
    assert CardChoices.from_text("hours, top_artists", "  Ana  ").model_dump() == {
        "show": ["hours", "top_artists"],
        "name": "Ana",
    }
    with pytest.raises(PlaylistError, match="cannot show age"):
        CardChoices.from_text("age")
    with pytest.raises(PlaylistError, match="at most 40"):
        CardChoices(name="x" * 41)


def _playlist(engine):
    from assistant.session import Session

    base = Session(engine).ask("rock, 5 songs")
    items = []
    for position, track_id in enumerate(("t01", "t04", "t15", "t24", "t48"), 1):
        track = engine.index.track(track_id)
        items.append(
            PlaylistItem(
                position=position,
                track_id=track_id,
                title=track.title,
                artist=track.artist,
                album=track.album,
                year=track.year,
                genre=track.genre,
                genres=list(track.genres),
                duration_ms=track.duration_ms,
                reason="r",
                reason_source="catalog",
            )
        )
    return base.model_copy(
        update={"title": "Sunday Drive", "items": items, "total_duration_ms": sum(i.duration_ms for i in items)}
    )


def test_the_playlist_card_counts_its_arc_eras_genres_and_what_is_familiar(engine, tmp_path):
    playlist = _playlist(engine)  # 1975 rock, 1971 rock, 1999 rap, 2018 rap, 2014 pop
    plain = playlist_figures(playlist, engine.index)
    assert plain.eras == [("1970s", 0.4), ("2010s", 0.4), ("1990s", 0.2)]
    assert plain.genres == [("rock", 0.4), ("rap", 0.4), ("pop", 0.2)]
    assert plain.energy == [0.629, 0.624, 0.623, 0.674, 0.805] and plain.familiar is None
    store = ProfileStore(tmp_path / "db.sqlite")  # Queen three times (any Queen track is known), Shake It Off once
    plays = [
        Play(artist="Queen", title="Don't Stop Me Now", played_at=f"2024-01-0{d}T10:00:00Z", track_id="t02")
        for d in (1, 2, 3)
    ] + [Play(artist="Taylor Swift", title="Shake It Off", played_at="2024-01-04T10:00:00Z", track_id="t48")]
    store.import_plays("ana", plays, engine.vocab, set(engine.index.row_of), "generated")
    figures = playlist_figures(playlist, engine.index, store.profile("ana", engine.index))
    assert (figures.familiar, figures.familiar_share) == (2, 0.4)
    card = playlist_card(figures)
    image = _image(card)
    assert (image.width, image.height) == (1080, 1350) and len(set(image.getdata())) > 200
    assert card.shown == ["title", "familiar_share", "arc", "eras", "genres"]
    assert {
        "PLAYLIST",
        "Sunday Drive",
        "5 tracks · 25 min",
        "40%",
        "familiar to me",
        "1970s",
        "ENERGY ARC",
        "1970s 40%",
        "rap 40%",
    } <= set(card.texts)
    assert "familiar to me" not in playlist_card(plain).texts  # no profile, no familiar share
    assert playlist_figures(playlist, engine.index, ListenerProfile("new")).familiar is None  # nor for no history


def test_cards_render_without_a_display_and_with_letters_the_font_lacks(story):
    card = story_card(story.model_copy(update={"top_artists": [("坂本龍一 🎹", 9)]}), CardChoices(show=["top_artists"]))
    assert _image(card).width == 1080 and "坂本龍一 🎹" in card.texts  # drawn as boxes, never an error
