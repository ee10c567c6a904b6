"""What every model call shares: the listener's text sent as data, and the check that an answer is not the
listener's own words given back."""

import json
from typing import Any

from index.text import fold


def data_message(**data: Any) -> dict:
    """Listener text goes to the model as quoted JSON data, never as instructions."""
    return {"role": "user", "content": json.dumps(data, ensure_ascii=False)}


def echoes(text: str, prompt: str) -> bool:
    """The model gave the listener's words back (a small model's favourite title) instead of writing its own."""
    folded, asked = fold(text), fold(prompt)
    return len(folded.split()) >= 3 and (folded in asked or asked in folded)
