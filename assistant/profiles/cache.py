"""Built profiles of the listeners seen lately, so a turn need not re-read a years-long history. An entry holds
while its listener's row is unchanged (the stamp: created_at and the change counter every write bumps, in
whichever replica) and the index it was built on is still the one asked with."""

import threading
import weakref
from collections import OrderedDict
from typing import Generic, NamedTuple, TypeVar

T = TypeVar("T")
Stamp = tuple[str, int]  # (listener.created_at, listener.version): a deleted and re-created listener differs too


class _Entry(NamedTuple, Generic[T]):
    stamp: Stamp
    index_ref: (
        weakref.ref
    )  # not a strong reference: an index replaced by a new build may go: an index replaced by a new build may go
    value: T


class ListenerCache(Generic[T]):
    """A least-recently-used map of listener id to a value built from that listener's data; size 0 keeps none."""

    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict[str, _Entry[T]] = OrderedDict()
        self._lock = threading.Lock()  # Gradio serves turns from several threads

    def get(self, listener_id: str, stamp: Stamp, index: object) -> T | None:
        with self._lock:
            entry = self._entries.get(listener_id)
            if entry is None or entry.stamp != stamp or entry.index_ref() is not index:
                return None
            self._entries.move_to_end(listener_id)
            return entry.value

    def put(self, listener_id: str, stamp: Stamp, index: object, value: T) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._entries[listener_id] = _Entry(stamp, weakref.ref(index), value)
            self._entries.move_to_end(listener_id)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def drop(self, listener_id: str) -> None:
        with self._lock:
            self._entries.pop(listener_id, None)
