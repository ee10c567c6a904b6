"""Session: one listener's conversation. The one API the UI and the CLI call."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from assistant.experiments import EventKind, Exposures, Trial
from assistant.llm import LLM, LLMError, ModelTooSlow, curate_live, understand_follow_up, understand_prompt, within
from assistant.models import Playlist, PlaylistRequest, Refinement, TurnOverrides
from assistant.parsing import parse_follow_up, parse_prompt
from assistant.pipeline import (
    BlendSettings,
    Engine,
    build_playlist,
    changes_between,
    overridden_refinement,
    overridden_request,
    plan_refinement,
)
from assistant.profiles import FeedbackKind, ListenerProfile, ProfileStore
from index.errors import PlaylistError

T = TypeVar("T")


@dataclass
class Turn:
    text: str
    playlist: Playlist
    refinement: Refinement | None = None
    overrides: TurnOverrides | None = None  # the settings this turn was made with
    exposures: Exposures = field(default_factory=dict)  # the experiments this playlist counts for


@dataclass
class Event:
    """What a streaming ask yields: the deterministic draft at once (again with each model reason as it comes),
    the model's prose as it is written, then the final playlist."""

    kind: Literal["draft", "text", "final"]
    playlist: Playlist | None = None
    text: str = ""


def _fallback_warning(exc: LLMError | ModelTooSlow) -> str:
    return f"{exc}; used the built-in rules instead"


@dataclass
class Session:
    engine: Engine
    profiles: ProfileStore | None = None
    listener_id: str | None = None
    settings: BlendSettings = field(default_factory=BlendSettings)
    learn: bool = True
    llm: LLM | None = None  # curation, and understanding unless understand_llm is given
    understand_llm: LLM | None = None
    understand_timeout_s: float | None = None  # the rules' reading waits no longer; None: the model's own timeout
    curate_timeout_s: float | None = None  # the curation's wall-clock deadline; None: each call's own timeout
    turns: list[Turn] = field(default_factory=list)
    rejected_ids: list[str] = field(default_factory=list)
    locked_ids: set[str] = field(default_factory=set)
    trial: Trial = field(init=False, repr=False)  # this session's arms of the running template experiments

    def __post_init__(self) -> None:
        if self.listener_id is not None:
            if self.profiles is None:
                raise PlaylistError("a listener was given but there is no profile store")
            self.profiles.require(self.listener_id)
        self.trial = Trial(self.engine.templates, self.listener_id)
        self.engine = self.trial.engine(self.engine)

    @property
    def playlist(self) -> Playlist | None:
        return self.turns[-1].playlist if self.turns else None

    @property
    def request(self) -> PlaylistRequest | None:
        return self.playlist.request if self.playlist else None

    def _profile(self) -> ListenerProfile | None:
        if self.listener_id is None or self.profiles is None or self.settings.personalization == 0:
            return None
        return self.profiles.profile(self.listener_id, self.engine.index)

    def _understood(self, llm: LLM, step: Callable[..., T], *args: object) -> T:
        """step(llm, engine, *args) within the deadline; past it, ModelTooSlow and the rules' reading stands."""
        return within(self.understand_timeout_s, lambda: step(llm, self.engine, *args), f"the model {llm.model}")

    def ask(self, prompt: str, overrides: TurnOverrides | None = None) -> Playlist:
        return _last_playlist(self.ask_stream(prompt, overrides))

    def refine(self, text: str, overrides: TurnOverrides | None = None) -> Playlist:
        return _last_playlist(self.refine_stream(text, overrides))

    @property
    def overrides(self) -> TurnOverrides | None:
        """The settings the current playlist was made with."""
        return self.turns[-1].overrides if self.turns else None

    def ask_stream(self, prompt: str, overrides: TurnOverrides | None = None) -> Iterator[Event]:
        """A new playlist: the rule-based draft first, then (with a model) its curated version. `overrides` are
        the settings sent with every turn, hard constraints over what the words say."""
        request = parse_prompt(prompt, self.engine.vocab)
        warnings = []
        curator = self.llm
        understander = self.understand_llm or self.llm
        if understander is not None:
            try:
                request = self._understood(understander, understand_prompt, request)
            except (LLMError, ModelTooSlow) as exc:
                warnings.append(_fallback_warning(exc))
                curator = None  # one failure per turn is enough to wait for
        request = overridden_request(request, overrides)
        profile = self._profile()
        draft = build_playlist(self.engine, request, profile, self.settings)
        draft.playlist.warnings = warnings + draft.playlist.warnings
        final = draft.playlist
        if curator is not None:
            yield Event("draft", draft.playlist)
            try:
                for step in curate_live(curator, self.engine, draft, profile, self.curate_timeout_s):
                    if step[0] == "final":
                        final = step[1]
                    elif step[0] == "text":
                        yield Event("text", text=step[1])
                    else:
                        yield Event("draft", step[1])
            except (LLMError, ModelTooSlow) as exc:
                final.warnings.append(_fallback_warning(exc))
        self._record(prompt, final, None, overrides)
        yield Event("final", final)

    def refine_stream(self, text: str, overrides: TurnOverrides | None = None) -> Iterator[Event]:
        """Changes only what the follow-up (and a changed setting in `overrides`) asks for; kept tracks stay in
        their positions."""
        current = self.playlist
        if current is None:
            yield from self.ask_stream(text, overrides)
            return
        previous = self.turns[-1].refinement if self.turns else None
        refinement = parse_follow_up(text, self.engine.vocab, current.request, len(current.items), previous)
        warnings = []
        understander = self.understand_llm or self.llm
        if not refinement.understood and understander is not None:
            try:
                refinement = self._understood(understander, understand_follow_up, refinement, current)
            except (LLMError, ModelTooSlow) as exc:
                warnings.append(_fallback_warning(exc))
        if not refinement.understood and self._reads_as_new_request(text):
            yield from self.ask_stream(text, overrides)
            return
        refinement = overridden_refinement(refinement, current.request, overrides, self.overrides)
        if not refinement.understood:
            unchanged = current.model_copy(
                update={
                    "warnings": warnings
                    + [f"could not tell what to change from “{refinement.text}”; the playlist is unchanged"],
                    "changes": changes_between(current.track_ids, current.track_ids),
                }
            )
            yield Event("final", self._record(text, unchanged, refinement, overrides))
            return
        playlist = self.apply(refinement, overrides)
        playlist.warnings = warnings + playlist.warnings
        yield Event("final", playlist)

    def _reads_as_new_request(self, text: str) -> bool:
        """'90s hip hop' typed mid-conversation is a new playlist, not a change nobody understood."""
        request = parse_prompt(text, self.engine.vocab)
        return bool(request.genres or request.seed_artists or request.seed_track_ids)

    def apply(
        self, refinement: Refinement, overrides: TurnOverrides | None = None, event: EventKind | None = "follow_up"
    ) -> Playlist:
        """The refinement made; `overrides` are recorded as the settings of the turn, `event` counted on the
        playlist it changed."""
        current = self.playlist
        if current is None:
            raise PlaylistError("there is no playlist to refine yet: ask for one first")
        tracks = [self.engine.index.track(t) for t in current.track_ids]
        plan = plan_refinement(
            current.request, refinement, [t for t in tracks if t], self.engine.index, self.engine.vocab, self.locked_ids
        )
        self.rejected_ids = list(dict.fromkeys(self.rejected_ids + plan.removed_ids))
        self.locked_ids -= set(plan.unlocked_ids)
        playlist = build_playlist(
            self.engine,
            plan.request,
            self._profile(),
            self.settings,
            kept=plan.kept,
            exclude_ids=self.rejected_ids,
            fill_genres=plan.fill_genres,
        ).playlist
        playlist.changes = changes_between(current.track_ids, playlist.track_ids)
        return self._record(refinement.text, playlist, refinement, overrides, event)

    def _record(
        self,
        text: str,
        playlist: Playlist,
        refinement: Refinement | None,
        overrides: TurnOverrides | None = None,
        event: EventKind | None = "follow_up",
    ) -> Playlist:
        """A refinement continues the playlist it changed (and its experiments' exposures); a new prompt or an
        opened playlist starts afresh."""
        follows = refinement is not None and bool(self.turns)
        exposures = self.trial.turn(
            playlist, self._exposures, event if follows else None, follows, self.learn, self.locked_ids
        )
        self.turns.append(Turn(text, playlist, refinement, overrides, exposures))
        return playlist

    @property
    def _exposures(self) -> Exposures:
        return self.turns[-1].exposures if self.turns else {}

    def note(self, kind: EventKind) -> None:
        """An action on the whole playlist (export, save, send), counted for the experiments that made it."""
        self.trial.event(self._exposures, kind, None, self.learn)

    def open(self, playlist: Playlist, text: str = "") -> Playlist:
        """Makes a saved (or draft) playlist the current one, as a new turn."""
        return self._record(text or playlist.request.prompt, playlist, None)

    def undo(self) -> Playlist | None:
        """Drops the last turn; the playlist before it is current again."""
        if self.turns:
            self.turns.pop()
        return self.playlist

    def _item_id(self, position: int) -> str:
        current = self.playlist
        if current is None or not 1 <= position <= len(current.items):
            raise PlaylistError(f"there is no track {position} in the current playlist")
        return current.items[position - 1].track_id

    def feedback(self, position: int, kind: FeedbackKind) -> None:
        """Like / dislike / skip an item; stored only when the session may learn and has a listener."""
        track_id = self._item_id(position)
        if self.learn and self.listener_id is not None and self.profiles is not None:
            self.profiles.add_feedback(self.listener_id, track_id, kind)
        self.trial.event(self._exposures, kind, position, self.learn)

    def toggle_lock(self, position: int) -> bool:
        """Locks (or unlocks) a track so follow-ups keep it; returns whether it is locked now."""
        track_id = self._item_id(position)
        self.locked_ids ^= {track_id}
        if track_id in self.locked_ids:
            self.trial.event(self._exposures, "lock", position, self.learn)
        return track_id in self.locked_ids

    def remove(self, position: int) -> Playlist:
        self._item_id(position)
        self.trial.event(self._exposures, "remove", position, self.learn)
        return self.apply(
            Refinement(text=f"remove track {position}", remove_positions=[position]), self.overrides, event=None
        )

    @property
    def follow_ups(self) -> list[str]:
        """The texts of the turns since the last new prompt, for exports."""
        texts = []
        for turn in reversed(self.turns):
            if turn.refinement is None:
                break
            texts.append(turn.text)
        return texts[::-1]


def _last_playlist(events: Iterator[Event]) -> Playlist:
    final = None
    for event in events:
        if event.kind == "final":
            final = event.playlist
    if final is None:
        raise RuntimeError("a session stream ended without a playlist")
    return final
