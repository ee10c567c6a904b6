"""The share card of a listening story: a PNG to post (1080 px wide, 4:5, taller only when the chosen parts need
it) with a few big figures, the top five and the genre mix, and only the parts the listener chose. A chosen part
the story could not tell is left off and named in `Card.left_out`; the card never fills it with a guess."""

from datetime import date
from pathlib import Path

from assistant.outputs.card_blocks import (
    Block,
    Figure,
    compose,
    figure_block,
    header_block,
    list_block,
    share_block,
    text_block,
    with_other,
)
from assistant.outputs.card_canvas import ACCENT, INK, MUTED
from assistant.outputs.card_choices import Card, CardChoices
from assistant.profiles import ListeningStory
from index.atomic import write_atomic
from index.errors import PlaylistError

FOOTER = "made on my own device from my listening history · playlist-assistant"


def day_text(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 else f"{value:,.1f}".rstrip("0").rstrip(".")


def _figures(story: ListeningStory, choices: CardChoices, left_out: dict[str, str]) -> list[tuple[str, Figure]]:
    """(part, figure) for each chosen figure the story has."""
    figures: list[tuple[str, Figure]] = []
    if choices.wants("hours"):
        plays = "" if choices.wants("plays") else f"{story.plays:,} plays"
        figures.append(("hours", (_number(story.hours), "hours listened", plays)))
    if choices.wants("plays"):
        figures.append(("plays", (f"{story.plays:,}", "plays", f"{story.skipped:,} skipped")))
    if choices.wants("listening_age"):
        if story.listening_age is None:
            left_out["listening_age"] = story.unavailable.get("median_release_year", "not known")
        else:
            figures.append(
                (
                    "listening_age",
                    (
                        f"{story.listening_age} yrs",
                        "listening age",
                        f"music from {story.median_release_year}, played in {story.median_listening_year}",
                    ),
                )
            )
    if choices.wants("discovery"):
        if story.discovery_share is None:
            left_out["discovery"] = story.unavailable.get("discovery_share", "not known")
        else:
            figures.append(
                (
                    "discovery",
                    (
                        f"{story.discovery_share:.0%}",
                        "of plays: artists new to me",
                        f"{story.new_artists:,} artists first heard",
                    ),
                )
            )
    return figures


def _header(story: ListeningStory, choices: CardChoices) -> Block:
    lines = [("MY LISTENING STORY", 24, ACCENT, "bold")]
    if choices.name:
        lines.append((choices.name, 46, INK, "bold"))
    if choices.wants("period") and story.first_play and story.last_play:
        lines.append((f"{day_text(story.first_play)} – {day_text(story.last_play)}", 26, MUTED, "normal"))
    return header_block(lines)


def _lists(story: ListeningStory, choices: CardChoices, left_out: dict[str, str]) -> list[tuple[str, Block]]:
    artists, tracks = (
        choices.wants("top_artists") and story.top_artists,
        choices.wants("top_tracks") and story.top_tracks,
    )
    side_by_side = bool(artists and tracks)  # then the counts go under the names, which need the width
    columns, blocks = [], []
    if artists:
        columns.append(
            (
                "TOP ARTISTS",
                [
                    (a, f"{n:,} plays", "") if side_by_side else (a, "", f"{n:,} plays")
                    for a, n in story.top_artists[:5]
                ],
            )
        )
    if tracks:
        columns.append(
            (
                "TOP TRACKS",
                [
                    (t.title, f"{t.artist} · {t.plays:,} plays", "")
                    if side_by_side
                    else (t.title, t.artist, f"{t.plays:,} plays")
                    for t in story.top_tracks[:5]
                ],
            )
        )
    if columns:
        blocks.append(("+".join(title.lower().replace(" ", "_") for title, _ in columns), list_block(columns)))
    if choices.wants("top_genres"):
        if story.top_genres:
            shares = with_other([(genre, n / story.genre_plays) for genre, n in story.top_genres[:5]])
            blocks.append(("top_genres", share_block("TOP GENRES", shares)))
        else:
            left_out["top_genres"] = story.unavailable.get("top_genres", "no genres")
    if choices.wants("on_repeat"):
        replay = story.most_replayed
        if replay is None:
            left_out["on_repeat"] = story.unavailable.get("most_replayed", "not known")
        else:
            blocks.append(
                (
                    "on_repeat",
                    text_block(
                        "ON REPEAT", replay.title, f"{replay.artist} · {replay.plays} plays on {day_text(replay.day)}"
                    ),
                )
            )
    return blocks


def story_card(story: ListeningStory, choices: CardChoices) -> Card:
    """The card of the chosen parts; an error when the story has no plays or none of the chosen parts to show."""
    if story.empty:
        raise PlaylistError(f"no card without plays: {story.unavailable.get('plays', 'the period has none')}")
    left_out: dict[str, str] = {}
    figures = _figures(story, choices, left_out)
    parts = ([("figures", figure_block([f for _, f in figures]))] if figures else []) + _lists(story, choices, left_out)
    shown = [part for part, _ in figures] + [one for part, _ in parts if part != "figures" for one in part.split("+")]
    if not shown:
        raise PlaylistError(
            "choose something to show on the card"
            if not left_out
            else "none of the chosen parts can be told: " + "; ".join(left_out.values())
        )
    if choices.wants("period"):
        shown.insert(0, "period")
    card = compose([_header(story, choices), *(block for _, block in parts)], FOOTER)
    return card.model_copy(update={"shown": shown, "left_out": left_out})


def write_story_card(story: ListeningStory, choices: CardChoices, path: Path) -> Card:
    if not Path(path).parent.is_dir():
        raise PlaylistError(f"no folder {Path(path).parent} to write the card in")
    card = story_card(story, choices)
    write_atomic(path, card.png)
    return card
