"""Other forms of an artist's name that listeners type: initials run together ("acdc", "notorious big"), "and" for
a symbol ("florence and the machine", "guns and roses"), a duo by its surnames ("hall and oates"), numbers spelt
out ("maroon five"), and the nicknames of artist_nicknames.yaml ("biggie", "yeezy", "rhcp")."""

import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from assistant.parsing.numbers import spelled_forms
from assistant.parsing.word_tables import names_table
from index.text import artist_key

_NICKNAMES = Path(__file__).with_name("artist_nicknames.yaml")
_MIN_NICKNAME_CHARS = 3  # "gnr", "ccr"; two letters are too short to tell from other words
_KNOWN_OWNER_TRACKS = 5


def name_forms(key: str, name: str) -> set[str]:
    """The folded forms of the folded name `key` (of the catalog's `name`) other than itself."""
    words = key.split()
    forms = {re.sub(r"\b(\w) (?=\w\b)", r"\1", key)}  # "the notorious b i g" -> "the notorious big"
    if len(words) > 1 and all(len(w) <= 3 for w in words) and words[0] != "the":
        forms.add("".join(words))  # "ac dc" -> "acdc", "a ha" -> "aha"
    if "+" in name:
        forms.add(artist_key(name.replace("+", " and ")))  # "Florence + The Machine": "florence and the machine"
    if "$" in name:  # "$uicideBoy$" typed "suicideboys", "suicide boys"; "Travi$ Scott"
        spelled = name.replace("$", "s")
        forms |= {artist_key(spelled), artist_key(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", spelled))}
    if " x " in key:
        forms.add(key.replace(" x ", " and "))  # "Chloe x Halle" typed "chloe and halle"
    if " n " in f" {key} ":
        forms.add(re.sub(r"\bn\b", "and", key))  # "Guns N' Roses", "Salt-N-Pepa" typed with "and"
    if len(words) == 5 and words[2] == "and" and "the" not in words:
        forms.add(f"{words[1]} and {words[4]}")  # "daryl hall and john oates" -> "hall and oates"
    forms |= {form[4:] for form in forms if form.startswith("the ") and len(form) > 8}
    forms |= spelled_forms(words)  # "maroon five", "sum forty one", "the nineteen seventy five"
    return forms - {key}


@cache
def _nickname_table() -> dict[str, tuple[str, ...]]:
    data = names_table(_NICKNAMES)
    return {artist_key(name): tuple(artist_key(n) for n in nicknames) for name, nicknames in data.items()}


def nicknames(artists: dict[str, str], plain: Callable[[str], bool]) -> Iterable[tuple[str, str]]:
    """(nickname, catalog name) for the catalog's artists; a one-word nickname that is a `plain` word (a dictionary
    word several titles hold) or short stands for nobody."""
    for key, typed in _nickname_table().items():
        if key in artists:
            for nickname in typed:
                if " " in nickname or not (len(nickname) < _MIN_NICKNAME_CHARS or plain(nickname)):
                    yield nickname, artists[key]


def better_known_owner(key: str, artist_keys: Iterable[str], tracks: Callable[[str], int]) -> str | None:
    """The artist a one-word name more likely means: "travis" is the band Travis (3 tracks) but also Travis Scott
    (12), the one artist of two words it begins with twice as many tracks as the band and as any other."""
    if not key or " " in key:
        return None
    owners = sorted(
        ((tracks(k), k) for k in artist_keys if k.startswith(f"{key} ") and k.count(" ") == 1), reverse=True
    )
    if not owners:
        return None
    runner_up = owners[1][0] if len(owners) > 1 else 0
    best, owner = owners[0]
    return owner if best >= _KNOWN_OWNER_TRACKS and best >= 2 * max(tracks(key), runner_up) else None
