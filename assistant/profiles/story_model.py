"""The listening story as data: the period asked for and every figure told back, each either a number counted
from the listener's own plays or None with the reason in `unavailable` (never a made-up number)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, Field, field_validator, model_validator

from index.errors import PlaylistError


class StoryPeriod(BaseModel):
    """Which plays the story tells: from `start` to `end`, both days included, as days and hours run in `tz`
    (exports stamp plays in UTC; a listener's evening is in their own zone)."""

    start: date | None = None
    end: date | None = None
    tz: str = "UTC"

    @field_validator("tz")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise PlaylistError(f"unknown time zone {value!r}: use a name such as Europe/Lisbon or UTC") from exc
        return value

    @model_validator(mode="after")
    def _ordered(self) -> "StoryPeriod":
        if self.start and self.end and self.start > self.end:
            raise PlaylistError(f"the period starts ({self.start}) after it ends ({self.end})")
        return self

    @classmethod
    def from_text(cls, start: str = "", end: str = "", tz: str = "") -> "StoryPeriod":
        """From what a person types (YYYY-MM-DD, or empty for open-ended), with one sentence when it is wrong."""
        days = []
        for name, text in (("from", start), ("to", end)):
            text = (text or "").strip()
            try:
                days.append(date.fromisoformat(text) if text else None)
            except ValueError as exc:
                raise PlaylistError(f"the '{name}' date {text!r} is not a date like 2024-01-31") from exc
        return cls(start=days[0], end=days[1], tz=(tz or "").strip() or "UTC")

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tz)

    def holds(self, moment: datetime) -> bool:
        """moment is already in the period's zone."""
        day = moment.date()
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


class TrackCount(BaseModel):
    title: str
    artist: str
    plays: int
    track_id: str | None = None  # None: the play matched no catalog track


class Replay(BaseModel):
    """The track played most times in one day."""

    title: str
    artist: str
    day: date
    plays: int
    track_id: str | None = None


class LoyalArtist(BaseModel):
    """An artist the listener came back to in most months of the period."""

    artist: str
    months: int  # months of the period with a play of the artist
    of_months: int  # months in the period
    plays: int


class GenreShift(BaseModel):
    genre: str
    before: float  # share of the first half's genre-counted plays, 0..1
    after: float  # the same in the second half

    @property
    def points(self) -> float:
        return (self.after - self.before) * 100


class TasteShift(BaseModel):
    """The first half of the period against the second: which genres rose and fell, and the music's age."""

    first: tuple[date, date]
    second: tuple[date, date]
    first_top: list[tuple[str, int]]
    second_top: list[tuple[str, int]]
    moves: list[GenreShift]  # every genre of either half, most played first
    rising: GenreShift | None
    falling: GenreShift | None
    first_median_year: int | None
    second_median_year: int | None


class ListeningStory(BaseModel):
    """Plays and hours count every play (matched to the catalog or not, skipped or not); the top lists, replays,
    loyalty and discovery count listened plays (not skipped); genres and release years only matched ones."""

    listener_id: str
    period: StoryPeriod
    first_play: date | None = None  # of the plays in the period
    last_play: date | None = None
    plays: int = 0
    skipped: int = 0
    matched_plays: int = 0  # plays that matched a catalog track
    listened_ms: int = 0
    plays_without_length: int = 0  # no ms_played and no catalog track to take a length from: not in the hours
    hours: float = 0.0
    top_artists: list[tuple[str, int]] = []
    top_tracks: list[TrackCount] = []
    top_genres: list[tuple[str, int]] = []
    genre_plays: int = 0  # listened plays matched to a catalog track with a genre: what genre shares divide by
    median_release_year: int | None = None
    median_listening_year: int | None = None
    listening_age: int | None = None  # years between the music's median release and when it was played
    discovery_share: float | None = None  # listened plays of artists first heard in the period, 0..1
    new_artists: int | None = None  # artists first heard in the period
    by_month: list[tuple[str, int]] = []  # ("2024-03", plays), every month of the period, empty ones too
    by_hour: list[int] = Field(default_factory=lambda: [0] * 24)  # plays by hour of day in the period's zone
    most_replayed: Replay | None = None
    loyal_artists: list[LoyalArtist] = []
    taste_shift: TasteShift | None = None
    unavailable: dict[str, str] = {}  # figure -> why it is not told (too little history, nothing to count)

    @property
    def empty(self) -> bool:
        return self.plays == 0
