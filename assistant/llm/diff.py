"""What the model changed from the rules' draft, said in one line for the chat ("the model reordered 6 and swapped
2: out …; in …"), and the draft with the model's reasons so far, for the panel while it writes."""

from collections.abc import Mapping

from assistant.models import Playlist

NAMED = 3  # tracks named per side of a swap; the rest are counted


def _names(playlist: Playlist, ids: list[str]) -> str:
    by_id = {item.track_id: item for item in playlist.items}
    names = [f"{by_id[i].artist} – {by_id[i].title}" for i in ids[:NAMED]]
    return ", ".join(names) + (f" and {len(ids) - NAMED} more" if len(ids) > NAMED else "")


def model_changes(draft: Playlist, final: Playlist) -> str:
    before, after = draft.track_ids, final.track_ids
    out = [t for t in before if t not in set(after)]
    came = [t for t in after if t not in set(before)]
    kept_before = [t for t in before if t in set(after)]
    kept_after = [t for t in after if t in set(before)]
    moved = sum(a != b for a, b in zip(kept_before, kept_after))
    if not out and not came and not moved:
        return "the model kept the rules' tracks and order and wrote the reasons"
    parts = []
    if moved:
        parts.append(f"reordered {moved}")
    if came:
        parts.append(f"swapped {len(came)}")
    text = "the model " + " and ".join(parts)
    if came:
        text += f": out {_names(draft, out) or '—'}; in {_names(final, came)}"
    return text


def with_reasons(draft: Playlist, reasons: Mapping[str, str]) -> Playlist:
    """The draft, each track the model has explained so far showing the model's reason."""
    items = [
        item.model_copy(update={"reason": reasons[item.track_id], "reason_source": "model"})
        if item.track_id in reasons
        else item
        for item in draft.items
    ]
    return draft.model_copy(update={"items": items})
