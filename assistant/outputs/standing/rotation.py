"""A refresh's rotation. The prompt and its follow-ups are replayed with the listener's current profile; then, as
a follow-up would, the replay is changed so that at least a third of its tracks are new since the last delivered
refresh: locked tracks are put in, tracks held out (disliked, or rotated out in the last few refreshes) leave,
and carried-over tracks the listener cares least about leave until enough slots are free. The refill avoids
every track of the last refresh, so each freed slot holds a new one, and every hard constraint of the replayed
request still holds (locks that now break one are let go, with a note)."""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.models import Playlist, Refinement
from assistant.pipeline.blend import BlendSettings
from assistant.pipeline.planner import Engine, build_playlist, changes_between
from assistant.pipeline.refine import plan_refinement
from assistant.profiles.profile import ListenerProfile
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


def _leaving(tracks: list[Track], previous: set[str], held_out: set[str], locked: set[str],
             profile: ListenerProfile | None) -> list[int]:
    """1-based positions to free: held-out tracks, then enough carried-over ones (least played or liked first,
    later ones first among equals) that the new tracks reach NEW_SHARE."""
    leave = [i for i, t in enumerate(tracks) if t.track_id in held_out and t.track_id not in locked]
    fresh = sum(t.track_id not in previous for i, t in enumerate(tracks) if i not in leave)
    wanted = math.ceil(len(tracks) * NEW_SHARE) if previous else 0
    weight = profile.track_weight if profile is not None else {}
    carried = [i for i, t in enumerate(tracks) if t.track_id in previous and t.track_id not in locked
               and i not in leave]
    carried.sort(key=lambda i: (weight.get(tracks[i].track_id, 0.0), -i))
    leave += carried[:max(0, wanted - fresh - len(leave))]
    return sorted(i + 1 for i in leave)


def rotate(engine: Engine, replay: Playlist, previous: Sequence[str], held_out: set[str], locked_ids: set[str],
           profile: ListenerProfile | None, settings: BlendSettings) -> Rotation:
    index = engine.index
    before = set(previous)
    tracks = [t for t in (index.track(i) for i in replay.track_ids) if t is not None]
    locked = [t for t in (index.track(i) for i in sorted(locked_ids)) if t is not None]
    tracks = _with_locks(tracks, locked)
    leaving = _leaving(tracks, before, held_out, locked_ids, profile)
    playlist = replay
    if leaving or [t.track_id for t in tracks] != replay.track_ids:
        plan = plan_refinement(replay.request, Refinement(text="refresh", remove_positions=leaving), tracks, index,
                               engine.vocab, locked_ids)
        playlist = build_playlist(engine, plan.request, profile, settings, kept=plan.kept,
                                  exclude_ids=sorted(before | held_out | set(plan.removed_ids))).playlist
    new_ids = [i for i in playlist.track_ids if i not in before]
    wanted = math.ceil(len(playlist.items) * NEW_SHARE) if previous else 0
    if len(new_ids) < wanted:
        playlist.warnings.append(f"only {len(new_ids)} of the {len(playlist.items)} tracks are new since the last "
                                 "refresh: the catalog has no more tracks that fit this prompt")
    playlist.changes = changes_between(list(previous), playlist.track_ids)
    return Rotation(playlist, new_ids, [i for i in previous if i not in set(playlist.track_ids)])
