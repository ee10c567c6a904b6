"""What a share card shows (the listener picks; nothing else of theirs goes on it) and what rendering gave back."""

from typing import Literal, get_args

from pydantic import BaseModel, Field, field_validator

from index.errors import PlaylistError

CardPart = Literal[
    "period", "hours", "plays", "listening_age", "discovery", "top_artists", "top_tracks", "top_genres", "on_repeat"
]
CARD_PARTS: tuple[CardPart, ...] = get_args(CardPart)
CARD_DEFAULT: tuple[CardPart, ...] = ("period", "hours", "listening_age", "top_artists", "top_genres")
CARD_LABELS = {  # as the app's checkboxes name them
    "period": "the period",
    "hours": "hours listened",
    "plays": "plays",
    "listening_age": "listening age",
    "discovery": "discovery share",
    "top_artists": "top 5 artists",
    "top_tracks": "top 5 tracks",
    "top_genres": "top genres",
    "on_repeat": "the track on repeat",
}
MAX_NAME = 40


class CardChoices(BaseModel):
    show: list[CardPart] = Field(default_factory=lambda: list(CARD_DEFAULT))
    name: str = ""  # printed on the card only when given

    @field_validator("name")
    @classmethod
    def _short(cls, value: str) -> str:
        value = " ".join(value.split())
        if len(value) > MAX_NAME:
            raise PlaylistError(f"the name on the card is at most {MAX_NAME} characters")
        return value

    @classmethod
    def from_text(cls, show: str, name: str = "") -> "CardChoices":
        parts = [p.strip() for p in show.split(",") if p.strip()]
        unknown = [p for p in parts if p not in CARD_PARTS]
        if unknown:
            raise PlaylistError(f"the card cannot show {', '.join(unknown)}: choose from {', '.join(CARD_PARTS)}")
        return cls.model_validate({"show": parts, "name": name})  # the parts are checked above

    def wants(self, part: str) -> bool:
        return part in self.show


class Card(BaseModel):
    """A rendered card: the PNG bytes, its size, and which chosen parts are on it or left off (and why)."""

    png: bytes = Field(repr=False)
    width: int
    height: int
    shown: list[str] = []
    left_out: dict[str, str] = {}
    texts: list[str] = []  # every string on the card, as drawn
