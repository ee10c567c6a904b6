"""The listening story: a listener's own imported plays counted into the figures told back to them (plays, hours,
top artists, tracks and genres, the music's age, discovery, when they listen, replays, loyalty, how taste moved).
Computed here from the profile store; nothing leaves the machine. A figure the history is too short for is None
with the reason in `unavailable`. Ties in every ranking go to what was played first."""

import math
import statistics
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from assistant.profiles.cache import ListenerCache
from assistant.profiles.profile import ProfileStore
from assistant.profiles.story_model import (
    GenreShift,
    ListeningStory,
    LoyalArtist,
    Replay,
    StoryPeriod,
    TasteShift,
    TrackCount,
)
from index.catalog import Track
from index.store import VectorIndex
from index.text import artist_key

TOP = 10
MIN_YEAR_PLAYS = 10  # matched plays with a release year, for a median year
MIN_DAYS_BEFORE = 28  # history before the period, for telling which artists were new in it
MIN_LOYAL_MONTHS = 3
LOYAL_SHARE = 0.5  # a loyal artist is played in at least this share of the period's months
MIN_SHIFT_DAYS = 180  # two seasons: a shift from two weeks of plays would be noise
MIN_SHIFT_PLAYS = 30  # genre-counted plays in each half
MIN_SHIFT_POINTS = 2.0  # a genre's share moving less than this (percentage points) is noise, not a shift
MS_PER_HOUR = 3_600_000


class StoryPlay(NamedTuple):
    at: datetime  # in the period's zone
    track: Track | None  # the catalog track, None when the play matched none
    key: str  # which song (history.track_key)
    artist: str
    artist_key: str
    title: str
    ms: int | None
    skipped: bool

    @property
    def month(self) -> str:
        return f"{self.at.year:04d}-{self.at.month:02d}"

    @property
    def genre(self) -> str | None:
        return self.track.genres[0] if self.track is not None and self.track.genres else None


def load_plays(store: ProfileStore, listener_id: str, index: VectorIndex, zone: ZoneInfo) -> list[StoryPlay]:
    """Every play of the listener, oldest first, times in `zone`."""
    store.require(listener_id)
    with store.db.transaction() as conn:
        rows = conn.execute(
            "SELECT track_id, track_key, artist, title, played_at, ms_played, skipped FROM play WHERE listener_id = ?",
            (listener_id,),
        ).fetchall()
    keys: dict[str, str] = {}
    plays = []
    for track_id, key, artist, title, played_at, ms, skipped in rows:
        if artist not in keys:
            keys[artist] = artist_key(artist)
        track = index.track(track_id) if track_id else None
        plays.append(
            StoryPlay(
                datetime.fromisoformat(played_at).astimezone(zone),
                track,
                key,
                artist,
                keys[artist],
                title,
                ms,
                bool(skipped),
            )
        )
    plays.sort(key=lambda p: p.at)
    return plays


def story_of(
    store: ProfileStore, listener_id: str, index: VectorIndex, period: StoryPeriod | None = None
) -> ListeningStory:
    period = period or StoryPeriod()
    return tell_story(listener_id, load_plays(store, listener_id, index, period.zone), period)


class StoryTeller:
    """Stories of the listeners seen lately, each kept until their data changes (the profile cache's stamp), so
    the app's story, plots and card of one period read a years-long history once."""

    def __init__(self, store: ProfileStore, cache_size: int = 8):
        self.store = store
        self._cache: ListenerCache[tuple[StoryPeriod, ListeningStory]] = ListenerCache(cache_size)

    def story(self, listener_id: str, index: VectorIndex, period: StoryPeriod) -> ListeningStory:
        stamp = self.store.require(listener_id)
        cached = self._cache.get(listener_id, stamp, index)
        if cached is not None and cached[0] == period:
            return cached[1]
        story = tell_story(listener_id, load_plays(self.store, listener_id, index, period.zone), period)
        self._cache.put(listener_id, stamp, index, (period, story))
        return story


def tell_story(listener_id: str, history: list[StoryPlay], period: StoryPeriod) -> ListeningStory:
    """The story of the plays of `history` (all of the listener's, oldest first) that fall in `period`."""
    story = ListeningStory(listener_id=listener_id, period=period)
    plays = [p for p in history if period.holds(p.at)]
    if not plays:
        story.unavailable["plays"] = (
            "no plays imported yet: import a listening history first" if not history else "no plays in this period"
        )
        return story
    start = max(period.start or date.min, history[0].at.date())  # the period as far as the history reaches
    end = min(period.end or date.max, history[-1].at.date())
    listened = [p for p in plays if not p.skipped]
    story.first_play, story.last_play = plays[0].at.date(), plays[-1].at.date()
    _count(story, plays, listened)
    _ages(story, listened)
    _discovery(story, history, listened, start)
    story.by_month = _by_month(plays, start, end)
    for play in plays:
        story.by_hour[play.at.hour] += 1
    _replay(story, listened)
    _loyal(story, listened, [month for month, _ in story.by_month])
    _shift(story, listened, start, end)
    return story


def _count(story: ListeningStory, plays: list[StoryPlay], listened: list[StoryPlay]) -> None:
    story.plays, story.skipped = len(plays), len(plays) - len(listened)
    story.matched_plays = sum(p.track is not None for p in plays)
    for play in plays:
        ms = play.ms if play.ms is not None else (play.track.duration_ms if play.track is not None else None)
        if ms is None:
            story.plays_without_length += 1
        else:
            story.listened_ms += ms
    story.hours = round(story.listened_ms / MS_PER_HOUR, 1)
    names: dict[str, str] = {}
    artists: Counter = Counter()
    tracks: Counter = Counter()
    shown: dict[str, tuple[str, str, str | None]] = {}
    for play in listened:
        names.setdefault(play.artist_key, play.artist)
        artists[play.artist_key] += 1
        tracks[play.key] += 1
        if play.key not in shown:
            track = play.track
            shown[play.key] = (track.title, track.artist, track.track_id) if track else (play.title, play.artist, None)
    story.top_artists = [(names[key], n) for key, n in artists.most_common(TOP)]
    story.top_tracks = [
        TrackCount(title=shown[key][0], artist=shown[key][1], track_id=shown[key][2], plays=n)
        for key, n in tracks.most_common(TOP)
    ]
    genres = Counter(p.genre for p in listened if p.genre)
    story.top_genres, story.genre_plays = genres.most_common(TOP), sum(genres.values())
    if not story.top_genres:
        story.unavailable["top_genres"] = "none of the listened plays matched a catalog track with a genre"


def _median_year(plays: list[StoryPlay]) -> int | None:
    years = [p.track.year for p in plays if p.track is not None and p.track.year]
    return int(statistics.median_low(years)) if len(years) >= MIN_YEAR_PLAYS else None


def _ages(story: ListeningStory, listened: list[StoryPlay]) -> None:
    dated = [p for p in listened if p.track is not None and p.track.year]
    if len(dated) < MIN_YEAR_PLAYS:
        story.unavailable["median_release_year"] = (
            f"{len(dated)} listened plays matched a catalog track with a "
            f"release year; the median needs at least {MIN_YEAR_PLAYS}"
        )
        return
    story.median_release_year = _median_year(dated)
    story.median_listening_year = int(statistics.median_low(p.at.year for p in dated))
    if story.median_release_year is not None:  # it is: every dated play has a year
        story.listening_age = story.median_listening_year - story.median_release_year


def _discovery(story: ListeningStory, history: list[StoryPlay], listened: list[StoryPlay], start: date) -> None:
    """Plays of artists whose first play ever (skipped or not) falls in the period, which needs history before."""
    known_since = history[0].at.date()
    if (start - known_since).days < MIN_DAYS_BEFORE:
        story.unavailable["discovery_share"] = (
            f"telling new artists from known ones needs at least {MIN_DAYS_BEFORE} days of plays before the "
            f"period; your history starts {known_since}: choose a period from "
            f"{known_since + timedelta(days=MIN_DAYS_BEFORE)} on"
        )
        return
    first_heard: dict[str, date] = {}
    for play in history:
        first_heard.setdefault(play.artist_key, play.at.date())
    new = {p.artist_key for p in listened if first_heard[p.artist_key] >= start}
    story.new_artists = len(new)
    if not listened:
        story.unavailable["discovery_share"] = "every play in the period was skipped"
        return
    story.discovery_share = sum(p.artist_key in new for p in listened) / len(listened)


def _months(start: date, end: date) -> list[str]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _by_month(plays: list[StoryPlay], start: date, end: date) -> list[tuple[str, int]]:
    counts = Counter(p.month for p in plays)
    return [(month, counts[month]) for month in _months(start, end)]


def _replay(story: ListeningStory, listened: list[StoryPlay]) -> None:
    days = Counter((p.key, p.at.date()) for p in listened)
    best = days.most_common(1)
    if not best or best[0][1] < 2:
        story.unavailable["most_replayed"] = "no track was played more than once in a day"
        return
    (key, day), count = best[0]
    play = next(p for p in listened if p.key == key)
    title, artist = (play.track.title, play.track.artist) if play.track else (play.title, play.artist)
    story.most_replayed = Replay(
        title=title, artist=artist, day=day, plays=count, track_id=play.track.track_id if play.track else None
    )


def _loyal(story: ListeningStory, listened: list[StoryPlay], months: list[str]) -> None:
    if len(months) < MIN_LOYAL_MONTHS:
        story.unavailable["loyal_artists"] = (
            f"the period spans {len(months)} month(s); loyalty needs at least {MIN_LOYAL_MONTHS}"
        )
        return
    seen: dict[str, set[str]] = defaultdict(set)
    plays: Counter = Counter()
    names: dict[str, str] = {}
    for play in listened:
        seen[play.artist_key].add(play.month)
        plays[play.artist_key] += 1
        names.setdefault(play.artist_key, play.artist)
    need = max(2, math.ceil(LOYAL_SHARE * len(months)))
    loyal = sorted((key for key in names if len(seen[key]) >= need), key=lambda k: (-len(seen[k]), -plays[k]))
    story.loyal_artists = [
        LoyalArtist(artist=names[k], months=len(seen[k]), of_months=len(months), plays=plays[k]) for k in loyal[:5]
    ]
    if not loyal:
        story.unavailable["loyal_artists"] = f"no artist was played in at least {need} of the {len(months)} months"


def _genre_shares(plays: list[StoryPlay]) -> Counter:
    return Counter(p.genre for p in plays if p.genre)


def _shift(story: ListeningStory, listened: list[StoryPlay], start: date, end: date) -> None:
    """The first half of the period against the second, by days."""
    days = (end - start).days + 1
    if days < MIN_SHIFT_DAYS:
        story.unavailable["taste_shift"] = (
            f"the period covers {days} days of history; how taste moved needs at least {MIN_SHIFT_DAYS}"
        )
        return
    middle = start + timedelta(days=days // 2)
    halves = ([p for p in listened if p.at.date() < middle], [p for p in listened if p.at.date() >= middle])
    before, after = (_genre_shares(half) for half in halves)
    if min(sum(before.values()), sum(after.values())) < MIN_SHIFT_PLAYS:
        story.unavailable["taste_shift"] = (
            f"each half of the period needs at least {MIN_SHIFT_PLAYS} plays with a "
            f"genre; they have {sum(before.values())} and {sum(after.values())}"
        )
        return
    total_before, total_after = sum(before.values()), sum(after.values())
    moves = [
        GenreShift(genre=g, before=before[g] / total_before, after=after[g] / total_after)
        for g, _ in (before + after).most_common()
    ]
    rising = max(moves, key=lambda m: m.after - m.before)
    falling = min(moves, key=lambda m: m.after - m.before)
    story.taste_shift = TasteShift(
        first=(start, middle - timedelta(days=1)),
        second=(middle, end),
        first_top=before.most_common(3),
        second_top=after.most_common(3),
        moves=moves,
        rising=rising if rising.points >= MIN_SHIFT_POINTS else None,
        falling=falling if -falling.points >= MIN_SHIFT_POINTS else None,
        first_median_year=_median_year(halves[0]),
        second_median_year=_median_year(halves[1]),
    )
