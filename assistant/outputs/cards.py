"""The share card of a listening story: a PNG to post (1080 px wide, 4:5, taller only when the chosen parts need
it) with a few big figures, the top five and the genre mix, and only the parts the listener chose. A chosen part
the story could not tell is left off and named in `Card.left_out`; the card never fills it with a guess."""

import warnings
from collections.abc import Callable
from datetime import date
from pathlib import Path

from assistant.outputs.card_canvas import ACCENT, HEIGHT, MARGIN, MUTED, SERIES, WIDTH, CardCanvas, colour_of
from assistant.outputs.card_choices import Card, CardChoices
from assistant.profiles.story_model import ListeningStory
from index.atomic import write_atomic
from index.errors import PlaylistError

TALL = 1920  # 9:16, when the chosen parts do not fit 4:5
FOOTER = "made on my own device from my listening history · playlist-assistant"
FIGURE_ROW = 210
MAX_GAP = 90
TOP_Y, FOOTER_SPACE = 70, 110  # extra space between blocks on a card with room to spare
Block = tuple[float, Callable[[CardCanvas, float], None]]  # (height in px, draw at top y)
Figure = tuple[str, str, str, str]


def day_text(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 else f"{value:,.1f}".rstrip("0").rstrip(".")


def _figures(story: ListeningStory, choices: CardChoices, left_out: dict[str, str]) -> list[Figure]:
    """(part, big figure, caption, smaller line) for each chosen figure the story has."""
    figures = []
    if choices.wants("hours"):
        figures.append(("hours", _number(story.hours), "hours listened", f"{story.plays:,} plays"
                        if not choices.wants("plays") else ""))
    if choices.wants("plays"):
        figures.append(("plays", f"{story.plays:,}", "plays", f"{story.skipped:,} skipped"))
    if choices.wants("listening_age"):
        if story.listening_age is None:
            left_out["listening_age"] = story.unavailable.get("median_release_year", "not known")
        else:
            figures.append(("listening_age", f"{story.listening_age} yrs", "listening age",
                            f"music from {story.median_release_year}, played in {story.median_listening_year}"))
    if choices.wants("discovery"):
        if story.discovery_share is None:
            left_out["discovery"] = story.unavailable.get("discovery_share", "not known")
        else:
            figures.append(("discovery", f"{story.discovery_share:.0%}", "of plays: artists new to me",
                            f"{story.new_artists:,} artists first heard"))
    return figures


def _figure_block(figures: list[Figure]) -> Block:
    column = (WIDTH - 2 * MARGIN) / 2

    def draw(canvas: CardCanvas, top: float) -> None:
        for i, (_, big, caption, small) in enumerate(figures):
            x, y = MARGIN + (i % 2) * column, top + (i // 2) * FIGURE_ROW
            canvas.text(x, y, big, 76, weight="bold", color=SERIES[i % len(SERIES)], max_width=column - 30)
            canvas.text(x, y + 120, caption, 22, max_width=column - 30)
            if small:
                canvas.text(x, y + 156, small, 18, color=MUTED, max_width=column - 30)
    return FIGURE_ROW * ((len(figures) + 1) // 2), draw


def _header_block(story: ListeningStory, choices: CardChoices) -> Block:
    lines = [("MY LISTENING STORY", 24, ACCENT, "bold")]
    if choices.name:
        lines.append((choices.name, 46, "#ffffff", "bold"))
    if choices.wants("period") and story.first_play and story.last_play:
        lines.append((f"{day_text(story.first_play)} – {day_text(story.last_play)}", 26, MUTED, "normal"))

    def draw(canvas: CardCanvas, top: float) -> None:
        y = top
        for text, size, color, weight in lines:
            canvas.text(MARGIN, y, text, size, color=color, weight=weight, max_width=WIDTH - 2 * MARGIN)
            y += size * 1.39 + 22
        canvas.rule(y + 6)
    return sum(size * 1.39 + 22 for _, size, _, _ in lines) + 50, draw


def _list_block(title: str, rows: list[tuple[str, str, int]]) -> Block:
    """A numbered top five: (name, second line or '', plays)."""
    row_height = 96 if any(sub for _, sub, _ in rows) else 70

    def draw(canvas: CardCanvas, top: float) -> None:
        canvas.text(MARGIN, top, title, 22, color=ACCENT, weight="bold")
        for i, (name, sub, plays) in enumerate(rows):
            y = top + 56 + i * row_height
            canvas.text(MARGIN, y, f"{i + 1}", 34, color=SERIES[i % len(SERIES)], weight="bold")
            count = canvas.text(WIDTH - MARGIN, y + 8, f"{plays:,} plays", 21, color=MUTED, ha="right")
            canvas.text(MARGIN + 64, y, name, 34, weight="bold", max_width=WIDTH - 2 * MARGIN - 64 - count - 24)
            if sub:
                canvas.text(MARGIN + 66, y + 50, sub, 20, color=MUTED, max_width=WIDTH - 2 * MARGIN - 66 - count)
    return 56 + row_height * len(rows) + 30, draw


def _genre_block(story: ListeningStory) -> Block:
    shares = [(genre, n / story.genre_plays) for genre, n in story.top_genres[:5]]
    rest = 1 - sum(share for _, share in shares)
    if rest > 0.005:
        shares.append(("other", rest))

    def draw(canvas: CardCanvas, top: float) -> None:
        canvas.text(MARGIN, top, "TOP GENRES", 22, color=ACCENT, weight="bold")
        canvas.share_bar(top + 54, shares)
        column = (WIDTH - 2 * MARGIN) / 3
        for i, (genre, share) in enumerate(shares):
            x, y = MARGIN + (i % 3) * column, top + 116 + (i // 3) * 48
            canvas.chip(x, y + 4, colour_of(genre, i))
            canvas.text(x + 34, y, f"{genre} {share:.0%}", 23, max_width=column - 44)
    return 116 + 48 * ((len(shares) + 2) // 3) + 30, draw


def _repeat_block(story: ListeningStory) -> Block:
    replay = story.most_replayed

    def draw(canvas: CardCanvas, top: float) -> None:
        canvas.text(MARGIN, top, "ON REPEAT", 22, color=ACCENT, weight="bold")
        canvas.text(MARGIN, top + 50, replay.title, 34, weight="bold", max_width=WIDTH - 2 * MARGIN)
        canvas.text(MARGIN, top + 104, f"{replay.artist} · {replay.plays} plays on {day_text(replay.day)}", 21,
                    color=MUTED, max_width=WIDTH - 2 * MARGIN)
    return 170, draw


def _lists(story: ListeningStory, choices: CardChoices, left_out: dict[str, str]) -> list[tuple[str, Block]]:
    blocks = []
    if choices.wants("top_artists") and story.top_artists:
        blocks.append(("top_artists", _list_block("TOP ARTISTS", [(a, "", n) for a, n in story.top_artists[:5]])))
    if choices.wants("top_tracks") and story.top_tracks:
        rows = [(t.title, t.artist, t.plays) for t in story.top_tracks[:5]]
        blocks.append(("top_tracks", _list_block("TOP TRACKS", rows)))
    if choices.wants("top_genres"):
        if story.top_genres:
            blocks.append(("top_genres", _genre_block(story)))
        else:
            left_out["top_genres"] = story.unavailable.get("top_genres", "no genres")
    if choices.wants("on_repeat"):
        if story.most_replayed is None:
            left_out["on_repeat"] = story.unavailable.get("most_replayed", "not known")
        else:
            blocks.append(("on_repeat", _repeat_block(story)))
    return blocks


def story_card(story: ListeningStory, choices: CardChoices) -> Card:
    """The card of the chosen parts; an error when the story has no plays or none of the chosen parts to show."""
    if story.empty:
        raise PlaylistError(f"no card without plays: {story.unavailable.get('plays', 'the period has none')}")
    left_out: dict[str, str] = {}
    figures = _figures(story, choices, left_out)
    parts = ([("figures", _figure_block(figures))] if figures else []) + _lists(story, choices, left_out)
    shown = [part for part, *_ in figures] + [part for part, _ in parts if part != "figures"]
    if not shown:
        raise PlaylistError("choose something to show on the card" if not left_out else
                            "none of the chosen parts can be told: " + "; ".join(left_out.values()))
    if choices.wants("period"):
        shown.insert(0, "period")
    blocks = [_header_block(story, choices), *(block for _, block in parts)]
    needed = TOP_Y + sum(height for height, _ in blocks) + FOOTER_SPACE
    canvas = CardCanvas(HEIGHT if needed <= HEIGHT else max(TALL, int(needed)))
    gap = min(MAX_GAP, (canvas.height - needed) / max(1, len(blocks) - 1))
    with warnings.catch_warnings():  # a glyph the font lacks (CJK, emoji) shows as a box, not a warning
        warnings.simplefilter("ignore")
        y = float(TOP_Y)
        for height, draw in blocks:
            draw(canvas, y)
            y += height + gap
        canvas.rule(canvas.height - 86)
        canvas.text(MARGIN, canvas.height - 66, FOOTER, 17, color=MUTED, max_width=WIDTH - 2 * MARGIN)
        png = canvas.png()
    return Card(png=png, width=canvas.width, height=canvas.height, shown=shown, left_out=left_out)


def write_story_card(story: ListeningStory, choices: CardChoices, path: Path) -> Card:
    if not Path(path).parent.is_dir():
        raise PlaylistError(f"no folder {Path(path).parent} to write the card in")
    card = story_card(story, choices)
    write_atomic(path, card.png)
    return card
