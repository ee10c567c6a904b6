"""Apply a Refinement: the new request, and which current tracks stay in their slots. Only what the follow-up
asked about changes; tracks that still fit stay where they are."""

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from assistant.models import FeatureRange, PlaylistRequest, Refinement, VibeShift
from assistant.parsing import CatalogVocabulary, only_asked, without_names
from assistant.parsing import describe_years as describe
from assistant.parsing import intersect_years as intersect
from assistant.parsing import years_as_limits as as_limits
from assistant.parsing import years_from_limits as from_limits
from assistant.pipeline.vibe_fit import core, inside
from assistant.pipeline.vibe_shift import MIN_ROOM, SCALE, resolve
from index.catalog import Track
from index.store import VectorIndex
from index.text import artist_key

SIMILAR_CHANGE_SHARE = 1 / 3  # "more like track 3" replaces this share
FEWER_SHARE = 1 / 2  # "rock is overdone": this share of its tracks leaves (at least one)


@dataclass
class RefinePlan:
    request: PlaylistRequest
    kept: list[Track | None]
    removed_ids: list[str]
    fill_genres: list[str] | None
    unlocked_ids: list[str]  # locks the cap let go (see the request's notes)


def _update_request(
    request: PlaylistRequest, ref: Refinement, current: Sequence[Track], vocab: CatalogVocabulary
) -> PlaylistRequest:
    c = request.constraints
    constraint_changes: dict = {}
    if ref.count is not None:
        constraint_changes |= {"count": ref.count, "duration_min": None}
    if ref.duration_min is not None:
        constraint_changes |= {"duration_min": ref.duration_min, "count": None}
    notes = list(ref.notes)
    if ref.year_min is not None or ref.year_max is not None or ref.exclude_years or ref.years_replace:
        asked = from_limits(ref.year_min, ref.year_max, ref.exclude_years)
        years = asked
        if not ref.years_replace:
            years = intersect(from_limits(c.year_min, c.year_max, c.exclude_years), asked)
            if not years:
                years = asked
                notes.append(f"the years {describe(asked)} replace the earlier ones, which they rule out")
        year_min, year_max, gaps = as_limits(years)
        constraint_changes |= {"year_min": year_min, "year_max": year_max, "exclude_years": gaps}
    if ref.exclude_artists:
        constraint_changes["exclude_artists"] = list(dict.fromkeys(c.exclude_artists + ref.exclude_artists))
    if ref.exclude_genres:
        constraint_changes["exclude_genres"] = list(dict.fromkeys(c.exclude_genres + ref.exclude_genres))
    if ref.min_track_ms is not None:
        constraint_changes["min_track_ms"] = ref.min_track_ms
    if ref.max_track_ms is not None:
        constraint_changes["max_track_ms"] = ref.max_track_ms
    if ref.explicit_allowed is not None:
        constraint_changes["explicit_allowed"] = ref.explicit_allowed
    if ref.non_songs_allowed is not None:
        constraint_changes["non_songs_allowed"] = ref.non_songs_allowed
    if ref.max_per_artist is not None:
        constraint_changes["max_per_artist"] = ref.max_per_artist
    changes: dict = {"constraints": c.model_copy(update=constraint_changes), "notes": notes}
    if ref.arc is not None:
        changes["arc"] = ref.arc
    changed = changed_vibe(request, ref, current)
    if changed:
        kept = [] if ref.vibe_anew else [t for t in request.vibe if t.feature not in {c.feature for c in changed}]
        changes["vibe"] = sorted(kept + changed, key=lambda t: -t.weight)
    if ref.add_genres:
        changes["genres"] = ref.add_genres if only_asked(ref.text) else request.genres + ref.add_genres
    if ref.exclude_genres or ref.fewer_genres:
        changes["genres"] = [
            g for g in changes.get("genres", request.genres) if g not in ref.exclude_genres + ref.fewer_genres
        ]
    if ref.seed_artists:
        changes["seed_artists"] = list(dict.fromkeys(request.seed_artists + ref.seed_artists))
    if ref.exclude_artists:  # "Rap w Eminem" then "no Eminem at all": his name no longer steers the search
        excluded = {artist_key(a) for a in ref.exclude_artists}
        changes["seed_artists"] = [
            a for a in changes.get("seed_artists", request.seed_artists) if artist_key(a) not in excluded
        ]
        changes["query"] = without_names(request.query, ref.exclude_artists, vocab)
    if ref.more_like_positions:
        liked = [current[p - 1].track_id for p in ref.more_like_positions]
        changes["like_track_ids"] = list(dict.fromkeys(request.like_track_ids + liked))
    return request.model_copy(update=changes)


def _breaks_hard_constraints(track: Track, request: PlaylistRequest) -> bool:
    c = request.constraints
    excluded = {artist_key(a) for a in c.exclude_artists}
    return (
        bool(track.credit_keys & excluded)
        or bool(set(c.exclude_genres) & set(track.all_genres))
        or not c.allows_year(track.year)
        or not c.allows_length(track.duration_ms)
        or (not c.explicit_allowed and track.explicit is True)
    )


def _goes_further(moved: FeatureRange, typed: FeatureRange, direction: int) -> bool:
    """The comparison's bound lies past the typed word's, in the way the comparison moves."""
    if direction > 0:
        return (moved.min or -1e9) > (typed.min or -1e9)
    return (moved.max or 1e9) < (typed.max or 1e9)


def _held_back(moved: FeatureRange, typed: FeatureRange, direction: int) -> FeatureRange | None:
    """ "a bit livelier but still calm": the comparison moves one side and the typed word holds the other, with
    room between them (the word's own bound may sit below where the move lands)."""
    room = MIN_ROOM * SCALE.get(moved.feature, 1.0)
    if direction > 0 and typed.max is not None and moved.min is not None:
        low = max(moved.min, typed.min if typed.min is not None else moved.min)
        high = max(typed.max, low + room)
    elif direction < 0 and typed.min is not None and moved.max is not None:
        high = min(moved.max, typed.max if typed.max is not None else moved.max)
        low = min(typed.min, high - room)
    else:
        return None
    return moved.model_copy(update={"min": low, "max": high, "words": moved.words + typed.words})


def changed_vibe(request: PlaylistRequest, ref: Refinement, current: Sequence[Track]) -> list[FeatureRange]:
    """The ranges this follow-up sets: words typed anew replace their features; comparisons move them from where
    the current tracks are (and ask the word's other features where the playlist had no range)."""
    old = {t.feature: t for t in request.vibe}
    shift_words = [s.words for s in ref.vibe_shifts]
    changed = {
        t.feature: t.model_copy(update={"source": "follow-up"})
        for t in ref.vibe
        if not (t.feature in old and t.words in shift_words)  # a comparison's other features only fill gaps
    }
    furthest: dict[str, tuple[VibeShift, FeatureRange]] = {}  # "too depressing, less sad": the further move
    for shift in ref.vibe_shifts:
        moved = resolve(shift, current, old.get(shift.feature))
        earlier = furthest.get(shift.feature)
        if earlier is None or _goes_further(moved, earlier[1], shift.direction):
            furthest[shift.feature] = (shift, moved)
    for shift, moved in furthest.values():
        typed = changed.get(shift.feature)  # "more acoustic, like an unplugged session": the further of the two
        if typed is not None and (joined := _held_back(moved, typed, shift.direction)) is not None:
            changed[shift.feature] = joined
        elif typed is None or _goes_further(moved, typed, shift.direction):
            changed[shift.feature] = moved
        else:  # the typed word goes further, and counts as much as the comparison it joins
            changed[shift.feature] = typed.model_copy(update={"weight": max(typed.weight, moved.weight)})
    return list(changed.values())


def _vibe_misfits(tracks: Sequence[Track], changed: Sequence[FeatureRange]) -> set[int]:
    """Positions (0-based) of the tracks that do not sound as the follow-up now asks."""
    targets = core(changed)
    return {
        i for i, t in enumerate(tracks) if any(getattr(t, r.feature) is not None and not inside(t, r) for r in targets)
    }


def _least_similar(
    tracks: Sequence[Track], anchor_ids: Sequence[str], index: VectorIndex, protect: set[int]
) -> list[int]:
    anchors = index.vectors_of_tracks(anchor_ids)
    if not len(anchors):
        return []
    anchor = anchors.mean(axis=0)
    movable = [i for i, t in enumerate(tracks) if i not in protect and t.track_id in index.row_of]
    similarity = index.vectors_of_tracks(tracks[i].track_id for i in movable) @ anchor if movable else []
    scores = dict(zip(movable, map(float, similarity)))
    return sorted(scores, key=scores.__getitem__)[: int(len(tracks) * SIMILAR_CHANGE_SHARE + 0.5)]


def plan_refinement(
    request: PlaylistRequest,
    ref: Refinement,
    current: Sequence[Track],
    index: VectorIndex,
    vocab: CatalogVocabulary,
    locked_ids: Collection[str] = frozenset(),
) -> RefinePlan:
    """Locked tracks stay unless the follow-up removes them by number, they break a hard constraint, or one artist
    has more locks than the cap allows (a note says which lock stays)."""
    new_request = _update_request(request, ref, current, vocab)
    drop: set[int] = {p - 1 for p in ref.remove_positions}
    drop |= {i for i, t in enumerate(current) if _breaks_hard_constraints(t, new_request)}
    changed = {t.feature for t in ref.vibe} | {s.feature for s in ref.vibe_shifts}
    drop |= _vibe_misfits(current, [t for t in new_request.vibe if t.feature in changed])
    liked_positions = {p - 1 for p in ref.more_like_positions}
    if ref.more_like_positions:
        drop |= set(_least_similar(current, new_request.like_track_ids, index, liked_positions))
    if ref.seed_artists:
        seeds = {artist_key(a) for a in ref.seed_artists}
        seed_ids = [t.track_id for t in current if t.credit_keys & seeds]
        drop |= set(_least_similar(current, seed_ids or [t.track_id for t in current[:1]], index, set()))
    fill_genres = None
    if ref.add_genres:
        fill_genres = ref.add_genres
        outside = [i for i, t in enumerate(current) if not set(ref.add_genres) & set(t.all_genres)]
        drop |= set(outside if only_asked(ref.text) else outside[-int(len(current) * SIMILAR_CHANGE_SHARE + 0.5) :])
    if ref.fewer_genres:
        drop |= _fewer_of(
            current, set(ref.fewer_genres), drop | {i for i, t in enumerate(current) if t.track_id in locked_ids}
        )
        fill_genres = [g for g in fill_genres or new_request.genres if g not in ref.fewer_genres] or None
    locks = {i for i, t in enumerate(current) if t.track_id in locked_ids and i + 1 not in ref.remove_positions}
    broken = {i for i in locks if _breaks_hard_constraints(current[i], new_request)}
    locked = locks - broken
    over_cap, notes = _over_cap(current, locked, drop, new_request.constraints.max_per_artist)
    notes = [
        f"the locked “{current[i].title}” by {current[i].artist} (track {i + 1}) does not fit what you asked "
        f"now, so it is unlocked and replaced"
        for i in sorted(broken)
    ] + notes
    drop = (drop - locked) | over_cap
    if notes:
        new_request = new_request.model_copy(update={"notes": new_request.notes + notes})
    kept = [None if i in drop else t for i, t in enumerate(current)]
    return RefinePlan(
        new_request,
        kept,
        [current[i].track_id for i in sorted(drop)],
        fill_genres,
        [current[i].track_id for i in sorted((over_cap & locked) | broken)],
    )


def _fewer_of(current: Sequence[Track], genres: set[str], leaving: set[int]) -> set[int]:
    """Positions (0-based) of FEWER_SHARE of the tracks tagged with the genres (at least one): those whose own
    genre it is first, the later ones first among equals; locked and already leaving tracks are not counted."""
    tagged = [i for i, t in enumerate(current) if genres & set(t.all_genres) and i not in leaving]
    ranked = sorted(tagged, key=lambda i: (current[i].genre not in genres, -i))
    return set(ranked[: max(1, round(len(tagged) * FEWER_SHARE))]) if tagged else set()


def _over_cap(current: Sequence[Track], locked: set[int], drop: set[int], cap: int) -> tuple[set[int], list[str]]:
    """Positions (0-based) the per-artist cap empties, and a note for each lock it lets go. Locks count first, in
    playlist order, so no unlocked track pushes a lock out; a lock past the cap (two locked by one artist, then
    "one song per artist") goes, and the note names the lock that stays."""
    per_artist: Counter[str] = Counter()
    kept_locks: dict[str, int] = {}
    over: set[int] = set()
    notes = []
    for i in sorted(locked) + [i for i in range(len(current)) if i not in locked | drop]:
        track = current[i]
        if all(per_artist[key] < cap for key in track.credit_keys):
            per_artist.update(track.credit_keys)
            for key in track.credit_keys if i in locked else ():
                kept_locks.setdefault(key, i)
            continue
        over.add(i)
        if i in locked:  # only locks have counted so far, so one of them holds the artist
            stays = next(kept_locks[key] for key in track.credit_keys if key in kept_locks)
            notes.append(
                f"at most {cap} {'song' if cap == 1 else 'songs'} per artist: kept the locked "
                f"“{current[stays].title}” by {current[stays].artist} (track {stays + 1}); the locked "
                f"“{track.title}” by {track.artist} (track {i + 1}) is unlocked and replaced"
            )
    return over, notes
