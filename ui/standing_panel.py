"""The playlist panel's "Keep this fresh": the current playlist saved as a standing playlist (its prompt,
follow-ups, locks and settings), delivered at once and then refreshed daily or weekly; the listener's standing
playlists with their last and next refresh, a download of the latest file, and a stop. A listener's file lands
in their own folder under the app's exports; Subsonic (the app's account) and MPD targets are for curators, or
for the one person when there are no accounts, so that no listener writes to a player that is not theirs."""

import re
import uuid
from datetime import UTC, datetime
from pathlib import Path

import gradio as gr

from assistant.outputs import (
    FileTarget,
    StandingPlaylist,
    SubsonicCredentials,
    SubsonicTarget,
    export,
    local_zone_name,
    mpd_target,
    schedule_for,
)
from assistant.session import Session
from index.errors import PlaylistError
from ui.context import App, listener_for, required_listener, user_of

WHERE = {"a file to download": "file", "the app's Subsonic server": "subsonic", "an MPD queue": "mpd"}


def build_standing_panel(app: App, session_state: gr.State, listener: gr.Textbox | gr.State, demo: gr.Blocks) -> None:
    with gr.Accordion("Keep this fresh", open=False):
        with gr.Row():
            every = gr.Radio(["daily", "weekly"], value="daily", label="Refresh")
            at = gr.Textbox("07:00", label="At (HH:MM)")
            zone = gr.Textbox(local_zone_name(), label="Time zone")
        with gr.Row():
            where = gr.Radio(list(WHERE), value="a file to download", label="Deliver to")
            fmt = gr.Dropdown(list(export.FORMATS), value="m3u8", label="File format")
            mpd_address = gr.Textbox(label="MPD address (HOST:PORT)", placeholder="127.0.0.1:6600")
        keep = gr.Button("Keep this fresh", elem_id="keep-fresh")
        listing = gr.Markdown("", elem_id="standing-list")
        with gr.Row():
            chosen = gr.Number(label="Standing playlist #", precision=0, minimum=1)
            latest = gr.Button("Latest file")
            stop = gr.Button("Stop refreshing")
        latest_file = gr.File(label="Latest delivered file")
        said = gr.Markdown("")

    actions = StandingActions(app)
    keep.click(
        actions.on_keep,
        [session_state, listener, every, at, zone, where, fmt, mpd_address],
        [said, listing],
        api_name="keep_fresh",
    )
    latest.click(actions.on_latest, [listener, chosen], [latest_file, said], api_name="standing_file")
    stop.click(actions.on_stop, [listener, chosen], [said, listing], api_name="standing_stop")
    if app.accounts.enabled:  # whose list it is: the login on page load, else the id as it is typed
        demo.load(actions.on_show, [listener], [listing], api_visibility="private")
    else:
        listener.change(actions.on_show, [listener], [listing], api_visibility="private")


class StandingActions:
    """The panel's handlers: keep the current playlist fresh, the latest file, stop, the listing."""

    def __init__(self, app: App):
        self.app = app

    def on_keep(self, session: Session | None, typed, every_, at_, zone_, where_, fmt_, mpd_, request: gr.Request):
        try:
            listener_id = required_listener(self.app, request, typed)
            kind = WHERE.get(where_, "file")
            _check_may_use(self.app, kind, request)
            if session is None or session.playlist is None:
                raise PlaylistError("ask for a playlist first")
            target = _target(self.app, kind, listener_id, session.playlist.title, fmt_, mpd_)
            store = self.app.refresher.store
            follow_ups = session.follow_ups
            prompt = session.turns[-len(follow_ups) - 1].text
            standing_id = store.add(
                listener_id,
                prompt,
                follow_ups,
                sorted(session.locked_ids),
                schedule_for(every_, at_, None, zone_, datetime.now(UTC)),
                target,
                session.overrides,
            )
            outcome = self.app.refresher.deliver_now(store.get(standing_id), session.playlist, follow_ups)
            first = outcome.message if outcome else "delivered by the scheduler in a moment"
            return (
                f"{'✅' if outcome is None or outcome.ok else '⚠️'} Standing playlist #{standing_id}: {first}",
                _listing(self.app, listener_id),
            )
        except PlaylistError as exc:
            return f"⚠️ {exc}", gr.update()

    def on_latest(self, typed, number, request: gr.Request):
        try:
            standing = self.app.refresher.store.get(int(number or 0), required_listener(self.app, request, typed))
            if not isinstance(standing.target, FileTarget) or not Path(standing.target.path).is_file():
                raise PlaylistError(f"standing playlist #{standing.id} has no file yet ({standing.last_status})")
            return standing.target.path, ""
        except PlaylistError as exc:
            return None, f"⚠️ {exc}"

    def on_stop(self, typed, number, request: gr.Request):
        try:
            listener_id = required_listener(self.app, request, typed)
            self.app.refresher.store.remove(int(number or 0), listener_id)
            return f"Stopped refreshing #{int(number)}; what it delivered stays.", _listing(self.app, listener_id)
        except PlaylistError as exc:
            return f"⚠️ {exc}", gr.update()

    def on_show(self, typed, request: gr.Request):
        try:
            listener_id = listener_for(self.app, request, typed)
        except PlaylistError:
            return ""
        return _listing(self.app, listener_id) if listener_id and self.app.profiles.exists(listener_id) else ""


def _check_may_use(app: App, kind: str, request: gr.Request) -> None:
    """A player only for whoever may use the app's own accounts on it: a curator, or the one person."""
    if kind != "file" and app.accounts.enabled and app.accounts.role(user_of(request)) != "curator":
        raise PlaylistError(
            "standing playlists go to a file for you to download; Subsonic and MPD targets use "
            "the app's own accounts, which are for curators"
        )


def _target(app: App, kind: str, listener_id: str, title: str, fmt: str, mpd: str):
    """A file in the listener's own folder, or the app's Subsonic account, or an MPD queue."""
    if kind == "file":
        if fmt not in export.FORMATS:
            raise PlaylistError(f"choose a file format: {', '.join(export.FORMATS)}")
        folder = app.export_dir / "standing" / listener_id
        folder.mkdir(parents=True, exist_ok=True)
        slug = re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-")[:40] or "playlist"
        return FileTarget(path=str(folder / f"{slug}-{uuid.uuid4().hex[:6]}.{fmt}"))
    if kind == "subsonic":
        account = SubsonicCredentials.from_env()
        return SubsonicTarget(url=account.url, user=account.user, name=title)
    return mpd_target(mpd or "", None, app.settings.stores.index_dir)


def _listing(app: App, listener_id: str) -> str:
    now = datetime.now(UTC)
    rows: list[StandingPlaylist] = app.refresher.store.listed(listener_id)
    if not rows:
        return "No standing playlists yet."
    lines = ["| # | Prompt | Refresh | To | Last | Next |", "|---|---|---|---|---|---|"]
    for s in rows:
        state = "" if s.last_ok is None else ("✅ " if s.last_ok else "⚠️ ")
        cells = [
            str(s.id),
            _cell(s.prompt + (f" (+{len(s.follow_ups)} follow-ups)" if s.follow_ups else "")),
            s.schedule.describe(),
            _cell(Path(s.target.describe()).name if s.target.kind == "file" else s.target.describe()),
            _cell(f"{state}{(s.last_run_at or 'never')[:16].replace('T', ' ')} — {s.last_status}"),
            s.next_refresh(now).strftime("%Y-%m-%d %H:%M %Z"),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")[:160]
