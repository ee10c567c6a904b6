"""Session: one listener's conversation. The one API the UI and the CLI call."""

from dataclasses import dataclass, field

from assistant.blend import BlendSettings
from assistant.intent import parse_follow_up, parse_prompt
from assistant.models import Playlist, PlaylistRequest, Refinement
from assistant.planner import Engine, build_playlist, changes_between
from assistant.profile import FeedbackKind, ListenerProfile, ProfileStore
from assistant.refine import plan_refinement
from index.errors import PlaylistError


@dataclass
class Turn:
    text: str
    playlist: Playlist
    refinement: Refinement | None = None


@dataclass
class Session:
    engine: Engine
    profiles: ProfileStore | None = None
    listener_id: str | None = None
    settings: BlendSettings = field(default_factory=BlendSettings)
    learn: bool = True
    turns: list[Turn] = field(default_factory=list)
    rejected_ids: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.listener_id is not None:
            if self.profiles is None:
                raise PlaylistError("a listener was given but there is no profile store")
            self.profiles.require(self.listener_id)

    @property
    def playlist(self) -> Playlist | None:
        return self.turns[-1].playlist if self.turns else None

    def _profile(self) -> ListenerProfile | None:
        if self.listener_id is None or self.profiles is None or self.settings.personalization == 0:
            return None
        return self.profiles.profile(self.listener_id, self.engine.index)

    def ask(self, prompt: str) -> Playlist:
        """A new playlist from a prompt; earlier turns stay in the history (undo goes back to them)."""
        request = parse_prompt(prompt, self.engine.vocab)
        return self._record(prompt, build_playlist(self.engine, request, self._profile(), self.settings), None)

    def refine(self, text: str) -> Playlist:
        """Changes only what the follow-up asks for; kept tracks stay in their positions."""
        current = self.playlist
        if current is None:
            return self.ask(text)
        refinement = parse_follow_up(text, self.engine.vocab, current.request, len(current.items))
        if not refinement.understood:
            unchanged = current.model_copy(update={
                "warnings": [f"could not tell what to change from “{refinement.text}”; the playlist is unchanged"],
                "changes": changes_between(current.track_ids, current.track_ids),
            })
            return self._record(text, unchanged, refinement)
        return self.apply(refinement)

    def apply(self, refinement: Refinement) -> Playlist:
        current = self.playlist
        if current is None:
            raise PlaylistError("there is no playlist to refine yet: ask for one first")
        tracks = [self.engine.index.track(t) for t in current.track_ids]
        plan = plan_refinement(current.request, refinement, [t for t in tracks if t], self.engine.index)
        self.rejected_ids = list(dict.fromkeys(self.rejected_ids + plan.removed_ids))
        playlist = build_playlist(self.engine, plan.request, self._profile(), self.settings, kept=plan.kept,
                                  exclude_ids=self.rejected_ids, fill_genres=plan.fill_genres)
        playlist.changes = changes_between(current.track_ids, playlist.track_ids)
        return self._record(refinement.text, playlist, refinement)

    def _record(self, text: str, playlist: Playlist, refinement: Refinement | None) -> Playlist:
        self.turns.append(Turn(text, playlist, refinement))
        return playlist

    def undo(self) -> Playlist | None:
        """Drops the last turn; the playlist before it is current again."""
        if self.turns:
            self.turns.pop()
        return self.playlist

    def feedback(self, position: int, kind: FeedbackKind) -> None:
        """Like / dislike / skip an item; stored only when the session may learn and has a listener."""
        current = self.playlist
        if current is None or not 1 <= position <= len(current.items):
            raise PlaylistError(f"there is no track {position} in the current playlist")
        if self.learn and self.listener_id is not None and self.profiles is not None:
            self.profiles.add_feedback(self.listener_id, current.items[position - 1].track_id, kind)

    @property
    def request(self) -> PlaylistRequest | None:
        return self.playlist.request if self.playlist else None
