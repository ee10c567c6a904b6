"""Pure functions from a listening story to what the Profile tab shows: Markdown, and matplotlib figures (Agg,
no pyplot) of plays by month, by hour of day and the genre mix; tested without launching anything."""

import matplotlib

matplotlib.use("Agg")  # before anything imports pyplot (Gradio does, to close a figure it has drawn)

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from assistant.outputs import SERIES  # noqa: E402
from assistant.profiles import ListeningStory, story_lines  # noqa: E402

INK, GRID = "#2d2a3e", "#e4e1ee"


def _escape(text: str) -> str:
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in text)


def story_markdown(story: ListeningStory) -> str:
    """The sentences of the story, and the top five artists and tracks as a table."""
    lines = story_lines(story)
    tabled = ("Top artists:", "Top tracks:") if story.top_artists else ()  # the table below shows them
    parts = [f"### {_escape(lines[0])}", *(f"- {_escape(line)}" for line in lines[1:] if not line.startswith(tabled))]
    if story.top_artists:
        rows = ["| # | artist | plays | track | plays |", "|---|---|---:|---|---:|"]
        for i in range(min(5, max(len(story.top_artists), len(story.top_tracks)))):
            artist, plays = story.top_artists[i] if i < len(story.top_artists) else ("", "")
            track = story.top_tracks[i] if i < len(story.top_tracks) else None
            shown = f"{_escape(track.title)} — {_escape(track.artist)}" if track else ""
            rows.append(f"| {i + 1} | {_escape(artist)} | {plays} | {shown} | {track.plays if track else ''} |")
        parts.append("\n".join(rows))
    return "\n\n".join(parts)


def _axes(title: str, width: float = 6.4, height: float = 3.0):
    figure = Figure(figsize=(width, height), dpi=110, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.set_title(title, loc="left", fontsize=12, color=INK, fontweight="bold")
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis="y", color=GRID)
    axes.set_axisbelow(True)
    axes.tick_params(colors=INK, labelsize=9)
    return figure, axes


def month_figure(story: ListeningStory) -> Figure | None:
    if not story.by_month:
        return None
    figure, axes = _axes("Plays by month")
    labels = [month for month, _ in story.by_month]
    axes.bar(range(len(labels)), [n for _, n in story.by_month], color=SERIES[0], width=0.8)
    step = max(1, len(labels) // 12)  # at most about a dozen labels, whatever the span
    axes.set_xticks(range(0, len(labels), step), labels[::step], rotation=45, ha="right")
    axes.set_ylabel("plays", color=INK)
    return figure


def hour_figure(story: ListeningStory) -> Figure | None:
    if story.empty:
        return None
    figure, axes = _axes(f"Plays by hour of day ({story.period.tz})")
    axes.bar(range(24), story.by_hour, color=SERIES[3], width=0.8)
    axes.set_xticks(range(0, 24, 3), [f"{h:02d}:00" for h in range(0, 24, 3)])
    axes.set_ylabel("plays", color=INK)
    return figure


def genre_figure(story: ListeningStory) -> Figure | None:
    """Genre shares, and how they moved between the halves of the period when the story can tell."""
    if not story.top_genres:
        return None
    genres = [genre for genre, _ in story.top_genres[:8]][::-1]
    figure, axes = _axes("Genres (plays matched to the catalog)", height=3.4)
    axes.grid(axis="x", color=GRID)
    axes.grid(axis="y", visible=False)
    shift = story.taste_shift
    if shift is None:
        shares = dict(story.top_genres)
        axes.barh(genres, [shares[g] / story.genre_plays * 100 for g in genres], color=SERIES[1])
    else:
        moves = {m.genre: m for m in shift.moves}
        rows = range(len(genres))
        for offset, side, colour, (start, end) in (
            (0.2, "before", SERIES[2], shift.first),
            (-0.2, "after", SERIES[0], shift.second),
        ):
            axes.barh(
                [r + offset for r in rows],
                [getattr(moves[g], side) * 100 if g in moves else 0 for g in genres],
                0.4,
                color=colour,
                label=f"{start} – {end}",
            )
        axes.set_yticks(list(rows), genres)
        axes.legend(fontsize=8, frameon=False, loc="lower right")
    axes.set_xlabel("% of plays", color=INK)
    return figure
