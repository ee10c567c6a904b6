"""Every artist a track credits: "A & B", "A feat. B", "A; B" (multi-value tags), "Song (feat. B)", "Song (with B)"
and "Song - B Remix" are also B's, and "A & The Band" is also A's where A is a person's full name ("Selena Gomez
& The Scene", "Huey Lewis & The News"; not "The Head and the Heart"), for exclusions, caps, seeds and history. A
name that holds a separator (W&W, Earth, Wind & Fire; Tyler, The Creator) stays whole: an ambiguous separator
splits only where the parts are artists the catalog knows on their own, or one is and the others are full names."""

import re
from collections.abc import Iterable, Sequence

from index.catalog import Track
from index.text import artist_key, is_english_word

# Separators that always join two credits.
_CERTAIN = re.compile(r"\s+(?:feat\.?|ft\.?|featuring|starring)\s+|\s*;\s*|\x00", re.I)
# Separators that may be part of one name ("Simon & Garfunkel" is one act, "Calvin Harris, Dua Lipa" two).
_AMBIGUOUS = re.compile(r"(\s*,\s+|\s+(?:&|and|x|X|\+|with|vs\.?|×)\s+)")
_TITLE_GUESTS = re.compile(
    r"[(\[]\s*(?:feat\.?|ft\.?|featuring|with)\s+([^)\]]+)[)\]]"
    r"|\s(?:feat\.?|ft\.?|featuring)\s+(.+?)(?=\s+-\s+|\s*[()\[\]]|$)",
    re.I,
)
# "Selena Gomez & The Scene", "Bob Marley and the Wailers": a band named after its leader.
_LEADER = re.compile(r"^(?P<leader>.+?)\s+(?:&|and|\+)\s+the\s+\S+$", re.I)
_REMIXER = re.compile(r"(?:\s-\s|[(\[])\s*([^()\[\]-]+?)\s+(?:remix|rework|edit|bootleg|vip mix)\b", re.I)


def _parts(text: str) -> tuple[list[str], list[str]]:
    """A segment cut at every ambiguous separator: the names and the separators between them."""
    pieces = _AMBIGUOUS.split(text)
    return [p.strip() for p in pieces[::2]], pieces[1::2]


def _join(names: Sequence[str], separators: Sequence[str], start: int, end: int) -> str:
    text = names[start]
    for i in range(start + 1, end):
        text += separators[i - 1] + names[i]
    return text


def _known_runs(text: str, known: set[str]) -> list[tuple[str, bool]]:
    """The segment as runs of parts, longest known name first: [(name, known?)]."""
    names, separators = _parts(text)
    runs, i = [], 0
    while i < len(names):
        end = next((j for j in range(len(names), i, -1) if artist_key(_join(names, separators, i, j)) in known), None)
        runs.append((_join(names, separators, i, end or i + 1), end is not None))
        i = end or i + 1
    return [(name, ok) for name, ok in runs if name]


def _split_main(segment: str, known: set[str]) -> list[str]:
    """The artist field's own names: split when the parts are catalog artists by themselves, or when one is and
    every other part reads as a full name (two words or more: "Major Lazer x DJ Snake", "Macklemore & Ryan Lewis");
    a lone unknown word keeps the name whole ("Simon & Garfunkel", "Earth, Wind & Fire", "Tyler, The Creator"), and
    a known part that is a dictionary word proves nothing ("Hillsong Young & Free")."""
    if not _AMBIGUOUS.search(segment):
        return [segment]
    runs = _known_runs(segment, known - {artist_key(segment)})
    if len(runs) < 2 or all(ok for _, ok in runs):
        return [name for name, _ in runs]
    sure = any(ok and (len(name.split()) >= 2 or not is_english_word(artist_key(name))) for name, ok in runs)
    full_names = all(ok or len(name.split()) >= 2 for name, ok in runs)
    return [name for name, _ in runs] if sure and full_names else [segment]


def _split_guests(segment: str, known: set[str]) -> list[str]:
    """A list of guests ("Macklemore & Patrick Stump"): its separators are list separators, except inside a name
    the catalog knows."""
    if artist_key(segment) in known:
        return [segment]
    return [name for name, _ in _known_runs(segment, known)]


def _certain_credits(track: Track) -> tuple[list[str], list[str]]:
    """(the artist field's leading segments, guests named after a certain separator or in the title)."""
    segments = [s.strip() for s in _CERTAIN.split(track.artist) if s.strip()]
    guests = [
        s.strip()
        for m in _TITLE_GUESTS.finditer(track.title)
        for g in m.groups()
        if g
        for s in _CERTAIN.split(g)
        if s.strip()
    ]
    return segments[:1], segments[1:] + guests


def known_artists(tracks: Iterable[Track]) -> set[str]:
    """Keys of every name the catalog holds as an artist field or as a certain credit, a guest list's names
    included ("feat. Macklemore & Patrick Stump" makes Macklemore known, so "Macklemore & Ryan Lewis" is his too)."""
    known: set[str] = set()
    lists: list[str] = []
    for track in tracks:
        main, guests = _certain_credits(track)
        single = [g for g in guests if not _AMBIGUOUS.search(g)]  # a guest list is not one name
        lists += [g for g in guests if _AMBIGUOUS.search(g)]
        known.update(artist_key(name) for name in [track.artist, *main, *single])
    return known | {artist_key(name) for guests in lists for name in _split_guests(guests, known)}


def credited_names(track: Track, known: set[str]) -> tuple[str, ...]:
    """The names the track credits besides its artist field as written."""
    main, guests = _certain_credits(track)
    names = [n for segment in main for n in _split_main(segment, known)]
    names += [
        m["leader"]
        for m in map(_LEADER.match, main)  # a person's full name: "Huey Lewis", not "The Head"
        if m and len(m["leader"].split()) >= 2 and not m["leader"].lower().startswith("the ")
    ]
    names += [n for segment in guests for n in _split_guests(segment, known)]
    names += [
        n
        for m in _REMIXER.finditer(track.title)
        for n in _split_guests(m.group(1).strip(), known)
        if artist_key(n) in known
    ]  # "- Tiësto & MOTi Remix": only remixers the catalog knows
    own = artist_key(track.artist)
    return tuple(dict.fromkeys(n for n in names if artist_key(n) and artist_key(n) != own))


def with_credits(tracks: Sequence[Track]) -> list[Track]:
    """The tracks with their `credits` filled in (a catalog-wide pass: a split needs to know every artist)."""
    known = known_artists(tracks)
    out = []
    for track in tracks:
        credits = credited_names(track, known)
        out.append(track if credits == track.credits else track.model_copy(update={"credits": credits}))
    return out
