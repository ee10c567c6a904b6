"""The deterministic pipeline: request -> retrieve -> blend -> select -> order -> Playlist with reasons.
A follow-up passes the tracks it keeps (by slot); new tracks fill the emptied slots, then the end."""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from assistant.models import DURATION_TOLERANCE_MIN, Arc, Changes, Playlist, PlaylistItem, PlaylistRequest
from assistant.parsing import CatalogVocabulary
from assistant.pipeline.blend import BlendSettings, Candidate, score_hits, search_filter
from assistant.pipeline.echo import limit_echoes
from assistant.pipeline.reasons import playlist_description, playlist_title, reason_for
from assistant.pipeline.retrieve import Caches, QueryVectors, query_vectors, search
from assistant.pipeline.sequence import MS_PER_MIN, Selection, fits, order, select
from assistant.pipeline.vibe_fit import core, inside, usable
from assistant.profiles import ListenerProfile
from assistant.templates import TemplateStore
from index.catalog import Track
from index.embed import QueryEncoder
from index.store import VectorIndex

MIN_CANDIDATES = 300
CANDIDATES_PER_SLOT = 15
MAX_CANDIDATES = 3000
SEED_ARTIST_TRACKS = 5
GENRE_RESERVE = 3  # tracks of a named genre per slot in the overall list before a second, genre-only search
VIBE_SHARE = 0.7  # at least this share of tracks inside the targets, or a warning says why not


@dataclass
class Engine:
    """The pipeline's dependencies, created once per process and passed in."""

    index: VectorIndex
    embedder: QueryEncoder
    templates: TemplateStore = field(default_factory=TemplateStore)
    vocab: CatalogVocabulary = field(init=False)
    caches: Caches = field(init=False)

    def __post_init__(self) -> None:
        self.vocab = CatalogVocabulary(self.index.tracks)
        self.caches = Caches()


def _slots_wanted(request: PlaylistRequest) -> int:
    constraints = request.constraints
    if constraints.duration_min is not None:
        return int(constraints.duration_min / 3.5) + 1
    return constraints.target_count() or 20


def _seed_artist_tracks(engine: Engine, request: PlaylistRequest) -> list[Track]:
    tracks = []
    for artist in request.seed_artists:
        by_artist = sorted(engine.vocab.tracks_by(artist), key=lambda t: -(t.popularity or 0))
        tracks.extend(by_artist[:SEED_ARTIST_TRACKS])
    return tracks


def _candidates(
    engine: Engine,
    request: PlaylistRequest,
    query: QueryVectors,
    profile: ListenerProfile | None,
    settings: BlendSettings,
    exclude_ids: Sequence[str],
    genres: Sequence[str],
    with_years: bool = True,
) -> list[Candidate]:
    """Ranked without a genre filter: a genre named in the prompt is a strong boost, not a cut (on the dev
    playlists the cut lost 0.05 hits@10: "Chicano Rap" is not only 'rap'). Tracks of the genre from beyond the
    overall list are added after it, so a rare genre still fills the playlist."""
    k = min(MAX_CANDIDATES, max(MIN_CANDIDATES, CANDIDATES_PER_SLOT * _slots_wanted(request)))
    hits = search(engine.index, request, query, k, search_filter(request.constraints, (), exclude_ids, with_years))
    wanted = set(genres)
    if (
        wanted
        and hits
        and sum(bool(wanted & set(h.track.all_genres)) for h in hits) < (GENRE_RESERVE * _slots_wanted(request))
    ):  # else the genre has plenty in the overall list
        seen, floor = {h.row for h in hits}, hits[-1].relevance
        in_genre = search(
            engine.index, request, query, k, search_filter(request.constraints, genres, exclude_ids, with_years)
        )
        hits += [replace(h, relevance=floor * h.relevance / 2) for h in in_genre if h.row not in seen]
    return score_hits(hits, request, engine.index, profile, settings, genres, query.vibe_fit)


def _trim(kept: list[Track | None], request: PlaylistRequest, query: np.ndarray, index: VectorIndex) -> None:
    """Empties the slots of the weakest kept tracks until they fit the (shorter) length asked for."""
    constraints = request.constraints
    present = {i: t for i, t in enumerate(kept) if t is not None}
    known = [i for i, t in present.items() if t.track_id in index.row_of]  # a track gone from a rebuilt index: weakest
    score = dict.fromkeys(present, -1.0) | dict(
        zip(known, map(float, index.vectors_of_tracks(present[i].track_id for i in known) @ query))
    )
    weakest_first = sorted(present, key=lambda i: score[i])
    if constraints.duration_min is not None:
        limit_ms = (constraints.duration_min + DURATION_TOLERANCE_MIN) * MS_PER_MIN
        total = sum(t.duration_ms for t in present.values())
        for i in weakest_first:
            if total <= limit_ms:
                break
            total -= present[i].duration_ms
            kept[i] = None
    elif (count := constraints.target_count()) is not None:  # always, without a duration
        for i in weakest_first[: max(0, len(present) - count)]:
            kept[i] = None
    while kept and kept[-1] is None:
        kept.pop()


def _place(kept: list[Track | None], new: list[Track]) -> list[Track]:
    """New tracks go into the emptied slots in order, the rest at the end; kept tracks do not move."""
    queue = list(new)
    placed = [t if t is not None else (queue.pop(0) if queue else None) for t in kept]
    return [t for t in placed if t is not None] + queue


@dataclass
class Draft:
    """The deterministic playlist and the ranked candidates it came from (the LLM may choose among them)."""

    playlist: Playlist
    candidates: list[Candidate]


def build_playlist(
    engine: Engine,
    request: PlaylistRequest,
    profile: ListenerProfile | None = None,
    settings: BlendSettings | None = None,
    kept: list[Track | None] | None = None,
    exclude_ids: Sequence[str] = (),
    fill_genres: Sequence[str] | None = None,
) -> Draft:
    """A playlist that honours every hard constraint, or says in warnings which one it could not meet."""
    settings = settings or BlendSettings()
    vibe, missing = usable(request.vibe, engine.index.columns)
    request = request.model_copy(update={"vibe": vibe})
    constraints = request.constraints
    warnings = list(request.notes) + missing
    seeds = [
        *request.seed_track_ids,
        *request.like_track_ids,
        *(t.track_id for t in _seed_artist_tracks(engine, request)),
    ]
    query = query_vectors(engine.embedder, engine.index, request, seeds, engine.caches)
    slots = list(kept) if kept is not None else []
    if slots:
        _trim(slots, request, query.full, engine.index)
    kept_tracks = [t for t in slots if t is not None]
    taken = list(exclude_ids) + [t.track_id for t in kept_tracks]
    genres = list(fill_genres if fill_genres is not None else request.genres)
    familiar = settings.familiar_share if profile is not None and settings.personalization > 0 else None

    selection = Selection(constraints, kept_tracks)
    candidates = _candidates(engine, request, query, profile, settings, taken, genres)
    if (
        not candidates
        and not kept_tracks
        and (constraints.year_min or constraints.year_max or constraints.exclude_years)
    ):
        candidates = _candidates(engine, request, query, profile, settings, taken, genres, with_years=False)
        span = f"{constraints.year_min or '…'}–{constraints.year_max or '…'}"
        warnings.append(
            f"no tracks in the catalog match the years {span}; these are the closest matches from other years"
        )
    select(limit_echoes(candidates, request, _slots_wanted(request)), selection, familiar)
    new_tracks = selection.tracks[len(kept_tracks) :]
    warnings += _selection_warnings(selection, new_tracks, request, genres)
    tracks = _arrange(slots, new_tracks, request.arc)
    by_id = {c.track.track_id: c for c in candidates}
    return Draft(assemble(tracks, request, profile, warnings, by_id, engine), candidates)


def _selection_warnings(
    selection: Selection, new_tracks: list[Track], request: PlaylistRequest, genres: list[str]
) -> list[str]:
    """What the selection could not honour, said to the listener rather than hidden: new tracks from outside the
    named genres, a length off target, too few tracks of the vibe, a clean filter the catalog cannot check."""
    warnings = []
    outside = sum(not set(genres) & set(t.all_genres) for t in new_tracks)
    if genres and outside:
        warnings.append(
            f"{outside} of the tracks {'comes' if outside == 1 else 'come'} from styles near "
            f"{', '.join(genres)}: not enough tracks tagged {', '.join(genres)} fit every constraint"
        )
    if not fits(selection):
        warnings.append(_length_warning(selection, request))
    warnings += _vibe_warning(selection.tracks, request)
    if not request.constraints.explicit_allowed and any(t.explicit is None for t in selection.tracks):
        warnings.append("this catalog has no explicit-content flag, so the clean filter could not be checked")
    return warnings


def _arrange(slots: list[Track | None], new_tracks: list[Track], arc: Arc) -> list[Track]:
    """A follow-up keeps its kept tracks in their slots (reordered only for a non-steady arc); a first playlist is
    ordered along the arc."""
    if not slots:
        return order(new_tracks, arc)
    tracks = _place(slots, new_tracks)
    return order(tracks, arc) if arc != "steady" else tracks


def _vibe_warning(tracks: Sequence[Track], request: PlaylistRequest) -> list[str]:
    """When fewer than VIBE_SHARE of the tracks sound as asked, the listener is told, with the closest tracks."""
    targets = core(request.vibe)
    if not targets or not tracks:
        return []
    fitting = sum(all(inside(t, target) for target in targets) for t in tracks)
    if fitting >= VIBE_SHARE * len(tracks):
        return []
    asked = "; ".join(f"{t.feature} {_bounds_text(t)} for “{'”, “'.join(t.words[:2])}”" for t in targets)
    within = ", ".join(request.genres) if request.genres else "the catalog"
    years = request.constraints
    span = f" {years.year_min or '…'}–{years.year_max or '…'}" if years.year_min or years.year_max else ""
    return [
        f"only {fitting} of the {len(tracks)} tracks sound as asked ({asked}): {within}{span} has too few such "
        "tracks that meet every constraint, so the rest are the closest it has"
    ]


def _bounds_text(target) -> str:
    if target.min is not None and target.max is not None:
        return f"{target.min:g}–{target.max:g}"
    return f"≥ {target.min:g}" if target.min is not None else f"≤ {target.max:g}"


def _length_warning(selection: Selection, request: PlaylistRequest) -> str:
    constraints = request.constraints
    if constraints.duration_min is not None and constraints.count is not None:
        return (
            f"{len(selection.tracks)} tracks in {selection.duration_ms / MS_PER_MIN:.0f} minutes: the tracks that meet "
            f"every constraint could not make {constraints.count} tracks in {constraints.duration_min:.0f} minutes"
        )
    if constraints.duration_min is not None:
        return (
            f"only {selection.duration_ms / MS_PER_MIN:.0f} of the {constraints.duration_min:.0f} minutes asked "
            "for could be filled with tracks that meet every constraint"
        )
    return f"only {len(selection.tracks)} of the {constraints.target_count()} tracks asked for meet every constraint"


def assemble(
    tracks: Sequence[Track],
    request: PlaylistRequest,
    profile: ListenerProfile | None,
    warnings: list[str],
    candidates: dict[str, Candidate],
    engine: Engine,
) -> Playlist:
    index = engine.index
    seeds = {t: track for t in request.seed_track_ids + request.like_track_ids if (track := index.track(t))}
    seed_names = {t: f"{track.title} by {track.artist}" for t, track in seeds.items()}
    seed_names.update({a: a for a in request.seed_artists})
    items = []
    for position, track in enumerate(tracks, start=1):
        reason, source = reason_for(
            candidates.get(track.track_id), track, request, profile, seed_names, engine.templates, position, len(tracks)
        )
        items.append(
            PlaylistItem(
                position=position,
                track_id=track.track_id,
                title=track.title,
                artist=track.artist,
                album=track.album,
                year=track.year,
                genre=track.genre,
                genres=list(track.all_genres),
                duration_ms=track.duration_ms,
                reason=reason,
                reason_source=source,
                location=track.location,
            )
        )
    return Playlist(
        title=playlist_title(request, list(tracks), engine.templates),
        description=playlist_description(list(tracks), request),
        request=request,
        items=items,
        total_duration_ms=sum(t.duration_ms for t in tracks),
        warnings=list(dict.fromkeys(warnings)),
        template_versions=engine.templates.live_versions(),
    )


def changes_between(before: Sequence[str], after: Sequence[str]) -> Changes:
    old, new = set(before), set(after)
    return Changes(
        added=[t for t in after if t not in old],
        removed=[t for t in before if t not in new],
        kept=[t for t in after if t in old],
    )
