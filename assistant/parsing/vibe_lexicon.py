"""The vibe lexicon (vibe_lexicon.yaml): words about sound, mood, activity, weather and time -> soft target ranges
over audio features, with the sources each group rests on. Loaded and checked once per process."""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.models import FEATURES, Feature
from assistant.parsing.tokens import Token
from index.errors import PlaylistError
from index.text import fold

LEXICON_PATH = Path(__file__).with_name("vibe_lexicon.yaml")
Kind = Literal["texture", "mood", "tempo", "activity", "state", "setting", "neutral"]
# When two words disagree on a feature, the more direct one wins: what the music is over what it is for, and
# either over how the listener is ("knackered, need a gentle nudge") or where they are.
PRIORITY: dict[str, float] = {
    "texture": 3,
    "mood": 3,
    "tempo": 3,
    "activity": 2,
    "state": 1.5,
    "setting": 1,
    "neutral": 0,
}
SECONDARY_WEIGHT = 0.5
MAX_PHRASE_WORDS = 8
# Words for the playlist's own parts and places ("the song at number 2", "swap spot 3", "the last one"): structure,
# never a sound, whatever they look like ("number" is no comparative of "numb").
STRUCTURE_WORDS = frozenset(
    """
song songs track tracks tune tunes number numbers one ones position positions spot spots slot slots place places
playlist playlists list lists order count length entry entries item items
""".split()
)


class Target(BaseModel):
    model_config = ConfigDict(frozen=True)

    feature: Feature  # checked against FEATURES first
    min: float | None
    max: float | None
    weight: float


class Group(BaseModel):
    """Words that ask for the same sound. The first target is the primary one: negation and degree act on it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Kind
    words: tuple[str, ...] = Field(min_length=1)
    comparative: tuple[str, ...] = ()
    targets: tuple[Target, ...]
    sources: tuple[str, ...] = Field(min_length=1)
    negates_all: bool = False  # "not slow" is neither low in energy nor slow in tempo: every target is negated
    opposite: str | None = None  # a group whose sound "not <this>" is ("vocals distract me" is instrumental)

    @field_validator("targets", mode="before")
    @classmethod
    def _targets(cls, value: object) -> tuple[Target, ...]:
        if not isinstance(value, dict):
            raise ValueError("targets must map features to [min, max] or [min, max, weight]")
        targets = []
        for i, (feature, bounds) in enumerate(value.items()):
            if feature not in FEATURES:
                raise ValueError(f"unknown feature {feature!r} (known: {', '.join(FEATURES)})")
            if not isinstance(bounds, list) or len(bounds) not in (2, 3):
                raise ValueError(f"{feature}: give [min, max] or [min, max, weight]")
            low, high, *weight = bounds
            scale = FEATURES[feature]
            for bound in (low, high):
                if bound is not None and not scale[0] <= bound <= scale[1]:
                    raise ValueError(f"{feature}: {bound} is outside {scale[0]}..{scale[1]}")
            if low is None and high is None or (low is not None and high is not None and low > high):
                raise ValueError(f"{feature}: [{low}, {high}] is not a range")
            targets.append(
                Target(
                    feature=feature,
                    min=low,
                    max=high,
                    weight=weight[0] if weight else (1.0 if i == 0 else SECONDARY_WEIGHT),
                )
            )
        return tuple(targets)

    @field_validator("targets")
    @classmethod
    def _only_neutral_is_empty(cls, targets: tuple[Target, ...], info) -> tuple[Target, ...]:
        if not targets and info.data.get("kind") != "neutral":
            raise ValueError("give at least one target (only a neutral group has none)")
        return targets

    @property
    def primary(self) -> Target:
        return self.targets[0]


@dataclass(frozen=True)
class Hit:
    """A lexicon phrase found in the text: its group, the words as typed, and whether it was a comparative."""

    group: Group
    phrase: str
    comparative: bool


class Lexicon:
    """Groups by phrase, matched longest first over folded tokens."""

    def __init__(self, groups: Sequence[Group], sources: dict[str, str], digest: str):
        self.groups = list(groups)
        self.sources = sources
        self.digest = digest
        self.phrases: dict[str, Hit] = {}
        self.by_first_word = {group.words[0]: group for group in groups}
        for group in groups:
            for form, comparative in [(w, False) for w in group.words] + [(w, True) for w in group.comparative]:
                phrase = _phrase_key(form)
                if phrase in self.phrases and self.phrases[phrase].group is not group:
                    raise PlaylistError(
                        f"vibe lexicon: “{form}” is in two groups "
                        f"(“{self.phrases[phrase].group.words[0]}” and “{group.words[0]}”)"
                    )
                if len(phrase.split()) > MAX_PHRASE_WORDS:
                    raise PlaylistError(f"vibe lexicon: “{form}” is longer than {MAX_PHRASE_WORDS} words")
                self.phrases.setdefault(phrase, Hit(group, form, comparative))  # spellings that fold alike

    def at(self, tokens: Sequence[Token], start: int, stop: int | None = None) -> tuple[Hit, int] | None:
        """The longest phrase starting at token `start` (hyphens and apostrophes inside a phrase are skipped):
        (hit, index after it)."""
        stop = len(tokens) if stop is None else stop
        words, ends = [], []
        for i in range(start, stop):
            if tokens[i].folded:
                words.append(tokens[i].folded)
                ends.append(i + 1)
            elif tokens[i].raw not in "-'’/" or not words:
                break
            if len(words) == MAX_PHRASE_WORDS:
                break
        for size in range(len(words), 0, -1):
            hit = self.phrases.get(" ".join(words[:size]))
            if hit:
                return hit, ends[size - 1]
        return None


def _phrase_key(text: str) -> str:
    """A phrase as the tokens fold it: hyphens, apostrophes and slashes are not words."""
    return " ".join(fold(text.replace("-", " ").replace("/", " ").replace("'", "").replace("’", "")).split())


@cache
def lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """The lexicon file, checked: known features and sources, real ranges, no phrase twice."""
    try:
        raw = path.read_bytes()
        data = yaml.safe_load(raw)
        sources = dict(data["sources"])
        groups = [Group.model_validate(group) for group in data["groups"]]
        translated = {str(k): tuple(map(str, v)) for k, v in (data.get("translations") or {}).items()}
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise PlaylistError(f"vibe lexicon {path.name} is broken: {exc}") from exc
    first_words = {group.words[0] for group in groups}
    if unknown_groups := set(translated) - first_words:
        raise PlaylistError(f"vibe lexicon: translations for unknown groups {sorted(unknown_groups)}")
    groups = [g.model_copy(update={"words": (*g.words, *translated.get(g.words[0], ()))}) for g in groups]
    for group in groups:
        unknown = set(group.sources) - set(sources)
        if unknown:
            raise PlaylistError(f"vibe lexicon: group “{group.words[0]}” cites unknown sources {sorted(unknown)}")
        if group.opposite is not None and group.opposite not in first_words:
            raise PlaylistError(f"vibe lexicon: group “{group.words[0]}” names an unknown opposite “{group.opposite}”")
    return Lexicon(groups, sources, hashlib.sha256(raw).hexdigest()[:16])
