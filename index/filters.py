"""Hard metadata constraints (SearchFilter) and the track columns that evaluate them in this process; a remote
vector engine gets the same filter as its own expression (index/stores/milvus_store.py)."""

from collections.abc import Sequence
from functools import cached_property

import numpy as np
from pydantic import BaseModel, ConfigDict

from index.catalog import Track
from index.nonsong import is_non_song
from index.text import artist_key, fold


class SearchFilter(BaseModel):
    """Hard metadata constraints, applied before ranking. Artist names are compared by artist_key."""

    model_config = ConfigDict(frozen=True)

    year_min: int | None = None
    year_max: int | None = None
    exclude_years: tuple[tuple[int, int], ...] = ()
    genres: tuple[str, ...] = ()
    exclude_genres: tuple[str, ...] = ()
    artists: tuple[str, ...] = ()
    exclude_artists: tuple[str, ...] = ()
    min_duration_ms: int | None = None
    max_duration_ms: int | None = None
    exclude_track_ids: tuple[str, ...] = ()
    exclude_explicit: bool = False
    exclude_non_songs: bool = False


AUDIO_FEATURES = (
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
)


class TrackColumns:
    """Track metadata as arrays, so a filter is a few vectorised comparisons, not a loop over tracks."""

    def __init__(self, tracks: Sequence[Track]):
        self._tracks = tracks
        self.years = np.array([t.year or -1 for t in tracks], dtype=np.int32)
        self.durations = np.array([t.duration_ms for t in tracks], dtype=np.int64)
        # Artists and ids as integer codes: np.isin over ints is ~20x faster than over Python strings.
        self.artist_code = {key: code for code, key in enumerate(dict.fromkeys(artist_key(t.artist) for t in tracks))}
        self.artists = np.array([self.artist_code[artist_key(t.artist)] for t in tracks], dtype=np.int32)
        self.credited_rows: dict[str, list[int]] = {}  # artist_key -> rows that credit it beside their artist field
        for row, track in enumerate(tracks):
            for key in track.credit_keys - {artist_key(track.artist)}:
                self.credited_rows.setdefault(key, []).append(row)
        self.row_of = {t.track_id: row for row, t in enumerate(tracks)}
        self.explicit = np.array([-1 if t.explicit is None else int(t.explicit) for t in tracks], dtype=np.int8)
        self.non_songs = np.array([is_non_song(t) for t in tracks], dtype=bool)
        labels = sorted({label for t in tracks for label in t.all_genres})
        self.label_index = {label: i for i, label in enumerate(labels)}
        self.labels = np.zeros((len(tracks), max(1, len(labels))), dtype=bool)
        for row, track in enumerate(tracks):
            self.labels[row, [self.label_index[label] for label in track.all_genres]] = True

    @cached_property
    def features(self) -> dict[str, np.ndarray]:
        """Each audio feature as a float column, NaN where a track lacks it (a folder import without analysis)."""
        return {
            name: np.array([np.nan if (v := getattr(t, name)) is None else v for t in self._tracks], dtype=np.float32)
            for name in AUDIO_FEATURES
        }

    @cached_property
    def label_words(self) -> frozenset[str]:
        """Every word of every genre label ("southern", "hip", "hop", "wave"): words that name a style."""
        return frozenset(word for label in self.label_index for word in fold(label).split())

    @cached_property
    def popularity(self) -> np.ndarray:
        """0..1 (the catalog's 0-100), 0 where unknown."""
        return np.array([(t.popularity or 0) / 100 for t in self._tracks], dtype=np.float32)

    @cached_property
    def feature_coverage(self) -> dict[str, float]:
        """The share of tracks that have each feature: a catalog without one cannot be matched on it."""
        return {
            name: float(np.mean(~np.isnan(column))) if len(column) else 0.0 for name, column in self.features.items()
        }

    def mask(self, flt: SearchFilter) -> np.ndarray:
        keep = np.ones(len(self.years), dtype=bool)
        if flt.year_min is not None:
            keep &= self.years >= flt.year_min
        if flt.year_max is not None:
            keep &= (self.years <= flt.year_max) & (self.years >= 0)
        for low, high in flt.exclude_years:
            keep &= (self.years < low) | (self.years > high)
        if flt.min_duration_ms is not None:
            keep &= self.durations >= flt.min_duration_ms
        if flt.max_duration_ms is not None:
            keep &= self.durations <= flt.max_duration_ms
        if flt.genres:
            columns = [self.label_index[g] for g in (g.lower() for g in flt.genres) if g in self.label_index]
            keep &= self.labels[:, columns].any(axis=1) if columns else False
        if flt.exclude_genres:
            columns = [self.label_index[g] for g in (g.lower() for g in flt.exclude_genres) if g in self.label_index]
            if columns:
                keep &= ~self.labels[:, columns].any(axis=1)
        if flt.artists:
            keep &= self._credits(flt.artists)
        if flt.exclude_artists:
            keep &= ~self._credits(flt.exclude_artists)
        if flt.exclude_track_ids:
            keep[[self.row_of[t] for t in flt.exclude_track_ids if t in self.row_of]] = False
        if flt.exclude_explicit:
            keep &= self.explicit != 1
        if flt.exclude_non_songs:
            keep &= ~self.non_songs
        return keep

    def co_credited_ids(self, names: Sequence[str]) -> tuple[str, ...]:
        """Ids of the tracks that credit a name only beside their artist field: what a remote engine, which
        filters on the artist field alone, must also leave out."""
        rows = sorted({row for key in map(artist_key, names) for row in self.credited_rows.get(key, ())})
        return tuple(self._tracks[row].track_id for row in rows)

    def _credits(self, names: Sequence[str]) -> np.ndarray:
        """Rows that credit any of the names: as their artist field, a co-credit, a featured guest or a remixer."""
        keys = [artist_key(name) for name in names]
        rows = np.isin(self.artists, [self.artist_code[key] for key in keys if key in self.artist_code])
        rows[[row for key in keys for row in self.credited_rows.get(key, ())]] = True
        return rows
