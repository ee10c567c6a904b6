"""Reading JSON out of a model's text: the object inside prose or a code fence, and the finished items of an
array in an answer that stops anywhere (cut off by max_tokens, stopped at the deadline, or still streaming), so a
caller keeps what came and asks only for the rest."""

import json
import re

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"\s*")


def json_text(text: str) -> str:
    """The JSON object inside an answer that may wrap it in prose or a code fence."""
    fenced = re.search(r"```(?:json)?\s*(\{.*\})\s*```", text, re.S)
    if fenced:
        return fenced.group(1)
    start, end = text.find("{"), text.rfind("}")
    return text[start : end + 1] if start != -1 and end > start else text


def _skip(text: str, pos: int) -> int:
    match = _SPACE.match(text, pos)  # \s* matches everywhere, even at the end
    return match.end() if match else pos


def _objects(text: str, pos: int) -> list[dict]:
    """The closed objects of the array whose first item starts at or after pos, up to the first unfinished one."""
    items: list[dict] = []
    while True:
        pos = _skip(text, pos)
        try:
            item, pos = _DECODER.raw_decode(text, pos)
        except ValueError:
            return items
        if isinstance(item, dict):
            items.append(item)
        pos = _skip(text, pos)
        if text[pos : pos + 1] != ",":
            return items
        pos += 1


def complete_items(text: str, key: str = "tracks") -> list[dict]:
    """The fully closed objects of the `key` array of the answer's top-level object, in order; [] when the text
    stops before the array starts. Keys are read in order, so a "tracks" inside a string is never taken for one."""
    pos = text.find("{")
    if pos == -1:
        return []
    pos = _skip(text, pos + 1)
    while text.startswith('"', pos):
        try:
            name, pos = _DECODER.raw_decode(text, pos)
        except ValueError:
            return []
        pos = _skip(text, pos)
        if not text.startswith(":", pos):
            return []
        pos = _skip(text, pos + 1)
        if name == key and text.startswith("[", pos):
            return _objects(text, pos + 1)
        try:
            pos = _skip(text, _DECODER.raw_decode(text, pos)[1])  # another key's value, passed over whole
        except ValueError:
            return []
        if text.startswith(",", pos):
            pos = _skip(text, pos + 1)
    return []
