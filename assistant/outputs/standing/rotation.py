"""A refresh's rotation. The prompt and its follow-ups are replayed with the listener's current profile, which
gives the request (every hard constraint as understood now) and, the first time, the playlist. Later refreshes
change the last delivered playlist as a follow-up would, so that at least a third of its tracks are new: locked
tracks are put in; tracks that break the replayed request, or are held out (disliked, or rotated out in the last
few refreshes), leave; then carried-over tracks leave until enough slots are free: those the listener played or
liked least first, and among those the ones on the longest run of refreshes, so the list turns over in a few
refreshes and the newest tracks stay a while. The refill avoids every track of the last refresh, so each freed
slot holds a new one, and leans on the listener's profile; locks that now break a constraint are let go, with a
note."""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.models import Playlist, Refinement
from assistant.pipeline import BlendSettings, Engine, build_playlist, changes_between, plan_refinement
from assistant.profiles import ListenerProfile
from index.catalog import Track

NEW_SHARE = 1 / 3  # of each refresh's tracks, at least, are new since the last one
COOLDOWN_REFRESHES = 3  # a track rotated out stays out this many refreshes


@dataclass
class Rotation:
    playlist: Playlist
    new_ids: list[str]  # not in the last delivered refresh
    dropped_ids: list[str]  # in the last delivered refresh, not in this one


def _with_locks(tracks: list[Track], locked: Sequence[Track]) -> list[Track]:
    """Locked tracks the replay did not choose take the places of its last unlocked tracks."""
    tracks = list(tracks)
    locked_ids = {t.track_id for t in locked}
    for track in (t for t in locked if t.track_id not in {x.track_id for x in tracks}):
        free = [i for i, t in enumerate(tracks) if t.track_id not in locked_ids]
        if free:
            tracks[free[-1]] = track
        else:
            tracks.append(track)
    return tracks


def _ages(history: Sequence[Sequence[str]]) -> dict[str, int]:
    """For each track of the last refresh, how many refreshes in a row (newest back) it has been on."""
    ages: dict[str, int] = {}
    for track_id in history[0] if history else ():
        ages[track_id] = next((n for n, ids in enumerate(history) if track_id not in ids), len(history))
    return ages


def _leaving(
    tracks: list[Track],
    history: Sequence[Sequence[str]],
    held_out: set[str],
    locked: set[str],
    profile: ListenerProfile | None,
) -> list[int]:
    """1-based positions to free: held-out tracks, then enough carried-over ones that the new tracks reach
    NEW_SHARE."""
    previous = set(history[0]) if history else set()
    ages = _ages(history)
    leave = [i for i, t in enumerate(tracks) if t.track_id in held_out and t.track_id not in locked]
    fresh = sum(t.track_id not in previous for i, t in enumerate(tracks) if i not in leave)
    wanted = math.ceil(len(tracks) * NEW_SHARE) if previous else 0
    weight = profile.track_weight if profile is not None else {}
    carried = [
        i for i, t in enumerate(tracks) if t.track_id in previous and t.track_id not in locked and i not in leave
    ]
    carried.sort(key=lambda i: (weight.get(tracks[i].track_id, 0.0), -ages[tracks[i].track_id], -i))
    leave += carried[: max(0, wanted - fresh - len(leave))]
    return sorted(i + 1 for i in leave)


def _with_versions(index, track_ids: set[str]) -> set[str]:
    """The ids and every other version of the same songs (a live or remastered take is not new to a listener)."""
    songs = {t.song_key for t in (index.track(i) for i in track_ids) if t is not None}
    return track_ids | {t.track_id for t in index.tracks if t.song_key in songs}


def rotate(
    engine: Engine,
    replay: Playlist,
    history: Sequence[Sequence[str]],
    cooldown: set[str],
    disliked: set[str],
    locked_ids: set[str],
    profile: ListenerProfile | None,
    settings: BlendSettings,
) -> Rotation:
    """`history`: the track ids of the delivered refreshes, newest first. When the catalog has too few other
    tracks to refill the freed slots, the length asked for wins over the rotation: the refill may then take back
    tracks of the last refresh (never a disliked one), and a warning says how many are new."""
    index = engine.index
    previous = list(history[0]) if history else []
    before = set(previous)
    tracks = [t for t in (index.track(i) for i in previous or replay.track_ids) if t is not None]
    locked = [t for t in (index.track(i) for i in sorted(locked_ids)) if t is not None]
    tracks = _with_locks(tracks, locked)
    playlist = replay
    ids = [t.track_id for t in tracks]
    if previous or ids != replay.track_ids or disliked & set(ids):
        leaving = _leaving(tracks, history, cooldown | disliked, locked_ids, profile)
        plan = plan_refinement(
            replay.request,
            Refinement(text="refresh", remove_positions=leaving),
            tracks,
            index,
            engine.vocab,
            locked_ids,
        )
        strict = _with_versions(index, before | cooldown | disliked | set(plan.removed_ids))
        playlist = build_playlist(
            engine, plan.request, profile, settings, kept=plan.kept, exclude_ids=sorted(strict)
        ).playlist
        if len(playlist.items) < len(replay.items):  # too few new tracks: the rest may be old ones again
            kept = [index.track(i) for i in playlist.track_ids]
            playlist = build_playlist(
                engine, plan.request, profile, settings, kept=kept, exclude_ids=sorted(_with_versions(index, disliked))
            ).playlist
    new_ids = [i for i in playlist.track_ids if i not in before]
    wanted = math.ceil(len(playlist.items) * NEW_SHARE) if previous else 0
    if len(new_ids) < wanted:
        playlist.warnings.append(
            f"only {len(new_ids)} of the {len(playlist.items)} tracks are new since the last "
            "refresh: the catalog has no more tracks that fit this prompt"
        )
    playlist.changes = changes_between(previous, playlist.track_ids)
    return Rotation(playlist, new_ids, [i for i in previous if i not in set(playlist.track_ids)])
