"""Typed values passed between the pipeline's steps and out to the UI, CLI and exports."""

from typing import Literal, TypeGuard

from pydantic import BaseModel, ConfigDict, Field

from index.catalog import Track

__all__ = [
    "Constraints",
    "Feature",
    "FEATURES",
    "FeatureRange",
    "VibeShift",
    "Arc",
    "PlaylistRequest",
    "Refinement",
    "TurnOverrides",
    "PlaylistItem",
    "Playlist",
    "Changes",
    "ReasonSource",
    "Track",
]

Feature = Literal[
    "energy",
    "valence",
    "acousticness",
    "danceability",
    "instrumentalness",
    "speechiness",
    "liveness",
    "tempo",
    "loudness",
    "mode",
]
# Each feature's scale (lowest, highest value a target may name): clipped to it wherever a range comes from.
FEATURES: dict[str, tuple[float, float]] = {
    "energy": (0.0, 1.0),
    "valence": (0.0, 1.0),
    "acousticness": (0.0, 1.0),
    "danceability": (0.0, 1.0),
    "instrumentalness": (0.0, 1.0),
    "speechiness": (0.0, 1.0),
    "liveness": (0.0, 1.0),
    "tempo": (40.0, 220.0),
    "loudness": (-40.0, 0.0),
    "mode": (0.0, 1.0),
}
VibeSource = Literal["lexicon", "neighbour", "model", "follow-up"]


def is_feature(name: str) -> TypeGuard[Feature]:
    """A feature this project knows (a model may name others)."""
    return name in FEATURES


Arc = Literal["steady", "build", "wind_down", "peak"]
ReasonSource = Literal["catalog", "history", "model"]

MAX_TRACKS = 200
MAX_MINUTES = 600
DEFAULT_COUNT = 20
DURATION_TOLERANCE_MIN = 3.0


class Constraints(BaseModel):
    """Hard constraints: every playlist honours them exactly or says in `warnings` why it could not."""

    model_config = ConfigDict(extra="forbid")

    count: int | None = Field(default=None, ge=1, le=MAX_TRACKS)
    duration_min: float | None = Field(default=None, gt=0, le=MAX_MINUTES)
    year_min: int | None = Field(default=None, ge=1000, le=2100)
    year_max: int | None = Field(default=None, ge=1000, le=2100)
    exclude_artists: list[str] = []
    exclude_genres: list[str] = []
    exclude_years: list[tuple[int, int]] = []
    min_track_ms: int | None = Field(default=None, ge=0)
    max_track_ms: int | None = Field(default=None, gt=0)
    explicit_allowed: bool = True
    non_songs_allowed: bool = False  # nature sounds, noise, skits, short interludes: only when asked for
    max_per_artist: int = Field(default=2, ge=1, le=MAX_TRACKS)

    def allows_year(self, year: int | None) -> bool:
        if self.year_min is None and self.year_max is None and not self.exclude_years:
            return True
        if year is None:
            return False
        return (
            (self.year_min is None or year >= self.year_min)
            and (self.year_max is None or year <= self.year_max)
            and not any(lo <= year <= hi for lo, hi in self.exclude_years)
        )

    def allows_length(self, duration_ms: int) -> bool:
        return (self.min_track_ms is None or duration_ms >= self.min_track_ms) and (
            self.max_track_ms is None or duration_ms <= self.max_track_ms
        )

    def target_count(self) -> int | None:
        """The number of tracks to pick, or None when a duration decides the length."""
        if self.duration_min is not None:
            return None
        return self.count or DEFAULT_COUNT


class FeatureRange(BaseModel):
    """A soft target on one audio feature: tracks inside [min, max] fit, the further outside the worse. `words`
    are what the listener typed that asked for it, so a reason can quote them."""

    model_config = ConfigDict(extra="forbid")

    feature: Feature
    min: float | None = None
    max: float | None = None
    weight: float = Field(default=1.0, gt=0, le=1.0)
    words: list[str] = []
    source: VibeSource = "lexicon"


class VibeShift(BaseModel):
    """A follow-up's move relative to the playlist ("calmer", "a bit less acoustic"): resolved against the
    current tracks' values when it is applied. `toward` is the bound the word itself stands for."""

    model_config = ConfigDict(extra="forbid")

    feature: Feature
    direction: Literal[-1, 1]
    degree: Literal[-1, 0, 1] = 0  # a bit / plain / much
    toward: float
    words: list[str] = []


class PlaylistRequest(BaseModel):
    """What the listener asked for: a query for the embedding search plus constraints and soft preferences."""

    model_config = ConfigDict(extra="forbid")

    prompt: str
    query: str
    constraints: Constraints = Constraints()
    genres: list[str] = []
    seed_artists: list[str] = []
    seed_track_ids: list[str] = []
    names: list[str] = []  # titles and artists the listener typed outside a seed or a negation: matched by name
    vibe_words: list[str] = []  # what was read as sound ("chill", "rainy"): searched among sounds, never titles
    vibe: list[FeatureRange] = []  # one per feature
    arc: Arc = "steady"
    popular: bool = False
    like_track_ids: list[str] = []
    notes: list[str] = []


class Refinement(BaseModel):
    """A follow-up, as a change to the current request and playlist; fields left None change nothing."""

    model_config = ConfigDict(extra="forbid")

    text: str
    count: int | None = Field(default=None, ge=1, le=MAX_TRACKS)
    duration_min: float | None = Field(default=None, gt=0, le=MAX_MINUTES)
    year_min: int | None = None
    year_max: int | None = None
    exclude_years: list[tuple[int, int]] = []
    years_replace: bool = False  # a decade or year named anew replaces the years; a bound narrows them
    exclude_artists: list[str] = []
    exclude_genres: list[str] = []
    fewer_genres: list[str] = []  # "rock is overdone": some of their tracks leave; the refill leans elsewhere
    min_track_ms: int | None = None
    max_track_ms: int | None = None
    remove_positions: list[int] = []
    more_like_positions: list[int] = []
    add_genres: list[str] = []
    vibe: list[FeatureRange] = []  # replace the request's range on these features
    vibe_anew: bool = False  # "change it up", "a totally different vibe": the new ranges replace all the old ones
    vibe_shifts: list[VibeShift] = []
    arc: Arc | None = None
    explicit_allowed: bool | None = None
    non_songs_allowed: bool | None = None
    max_per_artist: int | None = Field(default=None, ge=1, le=MAX_TRACKS)
    seed_artists: list[str] = []
    notes: list[str] = []
    understood: bool = True


class TurnOverrides(BaseModel):
    """Settings sent with every turn (the UI's "Tracks" and "Clean only"), hard constraints over what the words say:
    a count replaces the one read; clean=True makes the playlist clean, False or None leaves what was typed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    count: int | None = Field(default=None, ge=1, le=MAX_TRACKS)
    clean: bool | None = None


class PlaylistItem(BaseModel):
    position: int
    track_id: str
    title: str
    artist: str
    album: str
    year: int | None
    genre: str
    genres: list[str]
    duration_ms: int
    reason: str
    reason_source: ReasonSource
    location: str = ""  # where a player finds it: the audio file of a folder catalog, else a web page, else ''


class Changes(BaseModel):
    """What a follow-up did to the playlist, by track id."""

    added: list[str] = []
    removed: list[str] = []
    kept: list[str] = []


class Playlist(BaseModel):
    title: str
    description: str
    request: PlaylistRequest
    items: list[PlaylistItem]
    total_duration_ms: int
    warnings: list[str] = []
    changes: Changes | None = None
    template_versions: dict[str, str] = {}
    model_changes: str = ""  # what a curating model changed from the rules' draft, in one line

    @property
    def track_ids(self) -> list[str]:
        return [item.track_id for item in self.items]

    def contract_json(self) -> dict:
        """The object `playlist ask --json` prints (DESIGN.md): outside checks rely on these keys."""
        return self.model_dump(mode="json")
