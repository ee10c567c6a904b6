"""The model's curation as readable prose while it is written: the title, then one line per pick ("3. Nas – N.Y.
State of Mind: …") as each JSON entry closes, never the JSON itself. Each reason that passes the checks also goes
to on_reason, so the panel can show it under its track before the whole answer is in."""

import json
import re
from collections.abc import Callable

from assistant.llm.client import complete_items
from assistant.llm.limits import REASON_CHARS, clip
from index.catalog import Track

_TITLE = re.compile(r'"title"\s*:\s*("(?:[^"\\]|\\.)*")')
_DESCRIPTION = re.compile(r'"description"\s*:\s*("(?:[^"\\]|\\.)*")')


class ProseStream:
    """Fed the raw text of one chunk's answer at a time (begin() starts a chunk); positions run on across
    chunks."""

    def __init__(
        self,
        on_text: Callable[[str], None] | None,
        on_reason: Callable[[str, str], None] | None,
        checked: Callable[[Track, str], bool],
    ):
        self.on_text, self.on_reason, self.checked = on_text, on_reason, checked
        self.position = 0
        self.head_written: set[str] = set()
        self._numbered: dict[str, Track] = {}
        self._buffer = ""
        self._seen = 0

    def begin(self, numbered: dict[int, Track]) -> None:
        self._numbered = {str(n): t for n, t in numbered.items()} | {t.track_id: t for t in numbered.values()}
        self._buffer, self._seen = "", 0

    def _say(self, text: str) -> None:
        if self.on_text is not None:
            self.on_text(text)

    def _head(self, name: str, pattern: re.Pattern, shape: str) -> None:
        if name in self.head_written:
            return
        found = pattern.search(self._buffer)
        if found:
            self.head_written.add(name)
            text = " ".join(json.loads(found.group(1)).split())
            if text:
                self._say(shape.format(text))

    def feed(self, delta: str) -> None:
        self._buffer += delta
        self._head("title", _TITLE, "**{}**\n\n")
        self._head("description", _DESCRIPTION, "_{}_\n\n")
        items = complete_items(self._buffer, "tracks")
        for item in items[self._seen :]:
            track = self._numbered.get(str(item.get("id"))) if isinstance(item, dict) else None
            if track is None:
                continue
            self.position += 1
            reason = clip(item.get("reason"), REASON_CHARS)
            line = f"{self.position}. {track.artist} – {track.title}"
            if reason and self.checked(track, reason):
                line += f": {reason}"
                if self.on_reason is not None:
                    self.on_reason(track.track_id, reason)
            self._say(line + "\n")
        self._seen = max(self._seen, len(items))
