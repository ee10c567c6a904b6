"""Turns at one shared resource (the in-process model), served in arrival order. A waiter leaves at its own
deadline, and the one behind it moves up at once: first come, first served, and nobody waits past their time."""

import threading
import time
from collections import deque

from assistant.llm.errors import LLMError


class Turns:
    """A fair FIFO lock: take() queues a ticket and returns when it is first in line and the holder has left."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._line: deque[object] = deque()
        self._held = False

    @property
    def waiting(self) -> int:
        """How many requests wait for their turn (the one being served not counted)."""
        return len(self._line)

    @property
    def held(self) -> bool:
        return self._held

    def take(self, deadline: float) -> None:
        """Waits for this request's turn until `deadline` (time.monotonic()); then LLMError saying how many
        requests were ahead of it."""
        ticket = object()
        with self._changed:
            self._line.append(ticket)
            try:
                while self._held or self._line[0] is not ticket:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        ahead = self._line.index(ticket) + self._held
                        raise LLMError(f"the local model was busy: {ahead} request{'s' * (ahead != 1)} ahead")
                    self._changed.wait(left)
                self._held = True
            finally:
                self._line.remove(ticket)
                self._changed.notify_all()  # whoever is first in line now may go (or, if held, wait on)

    def leave(self) -> None:
        """The holder is done: the first in line goes next."""
        with self._changed:
            self._held = False
            self._changed.notify_all()
