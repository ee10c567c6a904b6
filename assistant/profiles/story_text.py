"""The listening story in sentences a person reads, for the CLI and the app: each figure with what it counts,
and each figure the history cannot give said plainly with the reason."""

from assistant.profiles.story_model import ListeningStory

FIGURES = {  # the figures that can be missing, as a reader names them
    "plays": "Plays",
    "top_genres": "Top genres",
    "median_release_year": "Listening age",
    "discovery_share": "Discovery",
    "most_replayed": "On repeat",
    "loyal_artists": "Loyal artists",
    "taste_shift": "How your taste moved",
}


def period_text(story: ListeningStory) -> str:
    period = story.period
    if period.start is None and period.end is None:
        span = "your whole history"
    else:
        span = f"{period.start or 'the start'} to {period.end or 'the end'}"
    return f"{span} (times in {period.tz})"


def _listing(pairs: list[tuple[str, int]], top: int = 5) -> str:
    return ", ".join(f"{name} ({n})" for name, n in pairs[:top])


def _hour_span(by_hour: list[int]) -> str:
    hour = max(range(24), key=lambda h: (by_hour[h], -h))
    return f"{hour:02d}:00–{(hour + 1) % 24:02d}:00"


def _headline(story: ListeningStory) -> list[str]:
    lines = [
        (
            f"{story.plays:,} plays, {story.hours:,.1f} hours, from {story.first_play} to {story.last_play}; "
            f"{story.matched_plays:,} matched the catalog, {story.skipped:,} were skipped."
        )
    ]
    if story.plays_without_length:
        many = story.plays_without_length != 1
        lines.append(
            f"{story.plays_without_length:,} play{'s have' if many else ' has'} no length (none in the "
            f"export, no catalog match) and {'are' if many else 'is'} not in the hours."
        )
    lines.append(f"Top artists: {_listing(story.top_artists)}.")
    lines.append("Top tracks: " + ", ".join(f"{t.title} by {t.artist} ({t.plays})" for t in story.top_tracks[:5]) + ".")
    if story.top_genres:
        lines.append(f"Top genres: {_listing(story.top_genres)} (plays matched to the catalog).")
    return lines


def _ages(story: ListeningStory) -> list[str]:
    lines = []
    if story.listening_age is not None:
        lines.append(
            f"Listening age: the music you played was released in {story.median_release_year} (median), "
            f"{story.listening_age} years before you played it (median {story.median_listening_year})."
        )
    if story.discovery_share is not None:
        lines.append(
            f"Discovery: {story.discovery_share:.0%} of your plays were of {story.new_artists:,} artists you "
            f"first heard in this period."
        )
    return lines


def _when(story: ListeningStory) -> list[str]:
    busiest = max(story.by_month, key=lambda m: m[1])
    lines = [f"Busiest month: {busiest[0]} ({busiest[1]} plays); busiest hour {_hour_span(story.by_hour)}."]
    if story.most_replayed is not None:
        r = story.most_replayed
        lines.append(f"On repeat: {r.title} by {r.artist}, {r.plays} times on {r.day}.")
    if story.loyal_artists:
        lines.append(
            "Loyal artists: "
            + ", ".join(f"{a.artist} ({a.months} of {a.of_months} months)" for a in story.loyal_artists)
            + "."
        )
    shift = story.taste_shift
    if shift is not None:
        moved = []
        if shift.rising:
            moved.append(f"{shift.rising.genre} rose {shift.rising.before:.0%} → {shift.rising.after:.0%}")
        if shift.falling:
            moved.append(f"{shift.falling.genre} fell {shift.falling.before:.0%} → {shift.falling.after:.0%}")
        lines.append(
            f"How your taste moved ({shift.first[0]}–{shift.first[1]} against {shift.second[0]}–"
            f"{shift.second[1]}): " + ("; ".join(moved) or "the genre mix held steady (no genre moved 2 points)") + "."
        )
    return lines


def story_lines(story: ListeningStory) -> list[str]:
    """One sentence per figure, then one per figure left out and why."""
    lines = [f"{story.listener_id}'s listening story: {period_text(story)}."]
    if not story.empty:
        lines += _headline(story) + _ages(story) + _when(story)
    lines += [f"{FIGURES.get(name, name)}: not told — {why}." for name, why in story.unavailable.items()]
    return lines
