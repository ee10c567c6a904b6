"""A grammar of phrasings: templates x values (artists of the fixture catalog, years, counts, durations, genres,
list shapes, follow-up shapes) -> prompts and follow-up sequences, each with the constraints it must produce.
Every case is checked twice: on the parsed request and on the final playlist.

    python tests/phrasing.py             # pass rate by category, rules alone (builds the fixture index first)
    python tests/phrasing.py --wordings  # the hand-written wordings only
    python tests/phrasing.py --file F --index ~/.cache/playlist-assistant/index  # blind cases on the full catalog
"""

import random
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.parsing.year_sets import FIRST_YEAR, LAST_YEAR, YearSet, complement, from_limits, intersect, normalise  # noqa: E402
from index.errors import PlaylistError  # noqa: E402
from index.text import artist_key, fold, song_key  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
CATALOG_YEARS = ((1950, 2029),)  # 1950 and 2030 stand for open ends in hand-written cases
SEED = 11

# Fixture artists, with names that hold "&", "and", ",", "/", "+", "or", digits and ordinary words.
ARTISTS = [
    "David Guetta",
    "Martin Garrix",
    "Avicii",
    "Calvin Harris",
    "Swedish House Mafia",
    "W&W",
    "Dimitri Vegas & Like Mike",
    "Axwell /\\ Ingrosso",
    "Kygo",
    "Daddy Yankee",
    "Don Omar",
    "Ozuna",
    "J Balvin",
    "Bad Bunny",
    "Luis Fonsi",
    "Shakira",
    "Earth, Wind & Fire",
    "Simon & Garfunkel",
    "Crosby, Stills & Nash",
    "Tyler, The Creator",
    "Of Monsters and Men",
    "Florence + The Machine",
    "Daryl Hall & John Oates",
    "Macklemore & Ryan Lewis",
    "Tones and I",
    "Maroon 5",
    "The 1975",
    "blink-182",
    "21 Savage",
    "Eminem",
    "Queen",
    "Led Zeppelin",
    "Guns N' Roses",
    "AC/DC",
    "Bon Jovi",
    "Drake",
    "Future",
    "Heart",
    "Yes",
    "Live",
    "Dead Or Alive",
    "Coldplay",
    "The Killers",
    "Beyoncé",
    "Bruno Mars",
    "Taylor Swift",
    "Dua Lipa",
    "The Weeknd",
    "Bon Iver",
    "Rihanna",
    "Kendrick Lamar",
    "Metallica",
    "Michael Jackson",
    "Nirvana",
    "Madonna",
    "Dr. Dre",
    "2Pac",
    "Snoop Dogg",
    "Travis Scott",
    "Post Malone",
    "Fleetwood Mac",
    "Eagles",
    "Def Leppard",
    "SZA",
    "Frank Ocean",
]
# Typed genre word -> the labels it must keep or exclude.
GENRES = {
    "edm": ("edm",),
    "rock": ("rock",),
    "hip hop": ("hip hop", "rap"),
    "rap": ("rap",),
    "r&b": ("r&b",),
    "latin": ("latin",),
    "pop": ("pop",),
    "reggaeton": ("reggaeton",),
    "classic rock": ("classic rock",),
    "hard rock": ("hard rock",),
    "dance pop": ("dance pop",),
    "neo soul": ("neo soul",),
    "trap": ("trap",),
    "big room": ("big room",),
    "post-teen pop": ("post-teen pop",),
    "urban contemporary": ("urban contemporary",),
}
EXCLUDABLE_GENRES = [
    "trap",
    "gangster rap",
    "reggaeton",
    "hard rock",
    "big room",
    "dance pop",
    "neo soul",
    "latin pop",
    "classic rock",
    "electropop",
    "permanent wave",
]
NUMBER_WORDS = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    11: "eleven",
    12: "twelve",
    13: "thirteen",
    14: "fourteen",
    15: "fifteen",
    16: "sixteen",
    17: "seventeen",
    18: "eighteen",
    19: "nineteen",
    20: "twenty",
    30: "thirty",
    40: "forty",
    50: "fifty",
    60: "sixty",
    70: "seventy",
    80: "eighty",
    90: "ninety",
}


def number_words(n: int) -> str:
    if n in NUMBER_WORDS:
        return NUMBER_WORDS[n]
    if n == 100:
        return "a hundred"
    return f"{NUMBER_WORDS[n // 10 * 10]}{random.choice([' ', '-'])}{NUMBER_WORDS[n % 10]}"


@dataclass
class Expect:
    """The constraints a case must end with; None / empty means 'not asked'."""

    count: int | None = None
    count_delta: int | None = None  # "add 5 more": the previous playlist's length plus this
    minutes: float | None = None
    years: YearSet | None = None
    exclude_artists: frozenset[str] = frozenset()
    exclude_genres: frozenset[str] = frozenset()
    clean: bool = False
    cap: int | None = None
    track_max_ms: int | None = None
    track_min_ms: int | None = None
    unread: tuple[str, ...] = ()  # phrases that must come back in a "could not apply" note
    seed_excluded: bool = False  # a seed artist is also excluded: a note must say so
    removed_positions: tuple[int, ...] = ()  # this step's: the previous tracks there leave (-1: the last)
    keeps_others: bool = False  # this step's: every previous track it does not rule out stays

    def then(self, change: "Expect", replace_years: bool) -> "Expect":
        """The expectation after a follow-up: exclusions add up, a new length replaces the old, a named decade
        replaces the years and a bound narrows them."""
        merged = replace(
            self,
            exclude_artists=self.exclude_artists | change.exclude_artists,
            exclude_genres=self.exclude_genres | change.exclude_genres,
            unread=change.unread,
            count_delta=change.count_delta,
            removed_positions=change.removed_positions,
            keeps_others=change.keeps_others,
        )
        if change.count is not None or change.count_delta is not None:
            merged = replace(merged, count=change.count, minutes=None)
        if change.minutes is not None:
            merged = replace(merged, minutes=change.minutes, count=None)
        if change.years is not None:
            narrowed = intersect(self.years or ((FIRST_YEAR, LAST_YEAR),), change.years)
            merged = replace(merged, years=change.years if replace_years or not narrowed else narrowed)
        for name in ("cap", "track_max_ms", "track_min_ms"):
            if getattr(change, name) is not None:
                merged = replace(merged, **{name: getattr(change, name)})
        return replace(merged, clean=self.clean or change.clean)


@dataclass
class Case:
    category: str
    prompt: str
    expect: Expect
    follow_ups: list[tuple[str, Expect, bool]] = field(default_factory=list)  # (text, change, replaces years)
    part: str = ""  # of a written batch: "tuning" or "kept-out"; unset, every fourth case is kept out

    @property
    def final(self) -> Expect:
        expect = self.expect
        for _, change, replace_years in self.follow_ups:
            expect = expect.then(change, replace_years)
        return expect


# ---- value phrasings --------------------------------------------------------------------------------------------
def typed_name(name: str) -> str:
    """How a listener might type a catalog name: as spelled, lower-cased, or without its accents."""
    roll = random.random()
    common_word = artist_key(name) in {"yes", "live", "heart", "future"}  # typed lower-case, only a word
    if roll < 0.25 and not common_word:
        return name.lower()
    if roll < 0.35 and not common_word:
        return fold(name) if "&" not in name and "," not in name and "/" not in name else name
    return name


def list_shape(names: list[str]) -> str:
    typed = [typed_name(n) for n in names]
    if len(typed) == 1:
        return typed[0]
    if len(typed) == 2:
        return random.choice(
            ["{} or {}", "{} and {}", "{}, {}", "{} / {}", "{} nor {}", "{}, or {}", "{} & {}", "either {} or {}"]
        ).format(*typed)
    head = ", ".join(typed[:-1])
    return random.choice(
        [
            f"{head} or {typed[-1]}",
            f"{head} and {typed[-1]}",
            f"{head}, or {typed[-1]}",
            f"{head}, and {typed[-1]}",
            f"{head}, {typed[-1]}",
            f"{head} & {typed[-1]}",
        ]
    )


EXCLUDE_CUES = [
    "{g} without {x}",
    "{g}, no {x}",
    "{g} but no {x}",
    "{g}, anything but {x}",
    "{g} except {x}",
    "{g} excluding {x}",
    "{g}, skip {x}",
    "{g}, leave out {x}",
    "{g}, exclude {x}",
    "{g}, nothing by {x}",
    "{g}, nothing from {x}",
    "{g} minus {x}",
    "{g}, avoid {x}",
    "{g}, none of {x}",
    "{g}, keep {x} out",
    "{g} but not {x}",
    "{g}, no songs by {x}",
    "{g}, don't play {x}",
    "{g} w/o {x}",
    "{g}, please no {x}",
    "{g}, except for {x}",
    "{g} - no tracks from {x}",
    "{g}; do not include {x}",
    "{g}, drop {x}",
    "{g}, I don't want {x}",
    "{g} with no {x}",
    "{g}, but without {x}",
    "{g}, {x} are so overplayed",
    "{g} but {x} is not for me",
    "{g}, I'm done with {x}",
    "{g}; {x} is getting old",
]


def count_phrase(n: int) -> str:
    word = number_words(n) if random.random() < 0.4 else str(n)
    return random.choice(
        [
            f"{word} songs",
            f"{word} tracks",
            f"{n}-track",
            f"{word} song playlist",
            f"give me {word}",
            f"{word} tunes",
            f"exactly {word} songs",
            f"just {word} tracks",
            f"top {n}",
            f"a playlist of {n}",
            f"{word} upbeat songs",
            f"{word} of the best songs",
            f"{n} songs total",
            f"{word} bangers",
        ]
    )


DURATIONS = [
    ("half an hour", 30),
    ("an hour", 60),
    ("90 minute", 90),
    ("1.5 hours", 90),
    ("2h", 120),
    ("an hour and a half", 90),
    ("45-minute", 45),
    ("2 hours", 120),
    ("two hours", 120),
    ("3 hrs", 180),
    ("40 min", 40),
    ("1 hour 15 minutes", 75),
    ("two and a half hours", 150),
    ("a 2-hour", 120),
    ("hour-long", 60),
    ("75 mins", 75),
    ("one hour", 60),
    ("20 minutes", 20),
    ("a half hour", 30),
    ("1h30", 90),
    ("2.5 hours", 150),
    ("thirty minutes", 30),
    ("sixty minutes", 60),
    ("an hour long", 60),
    ("25-minute", 25),
    ("3 hours", 180),
    ("an hour and ten minutes", 70),
    ("an hour and a quarter", 75),
    ("1 hour 10", 70),
    ("one hour twenty", 80),
    ("an hour ten", 70),
    ("three quarters of an hour", 45),
    ("a couple of hours", 120),
    ("a couple hours", 120),
    ("an hour and three quarters", 105),
    ("a full hour", 60),
    ("two hours and fifteen minutes", 135),
]
CAPS = [
    ("one song per artist", 1),
    ("max 1 track per artist", 1),
    ("no more than one track from any artist", 1),
    ("at most two songs by any artist", 2),
    ("each artist only once", 1),
    ("no repeat artists", 1),
    ("no artist twice", 1),
    ("no more than 2 per artist", 2),
    ("2 songs max per artist", 2),
    ("only one song from each artist", 1),
    ("all different artists", 1),
    ("no artist more than once", 1),
    ("1 per artist", 1),
    ("max three tracks per artist", 3),
    ("no repeated artists", 1),
    ("up to 2 songs from the same artist", 2),
    ("every song by a different artist", 1),
    ("no more than one song by the same rapper", 1),
    ("max 3 from anyone", 3),
    ("one track per band", 1),
    ("nobody twice", 1),
    ("no artist more than twice", 2),
    ("each singer only once", 1),
    ("no more than 3 tracks by the same band", 3),
    ("the same act at most twice", 2),
    ("nobody more than three times", 3),
]
CLEAN = [
    "no explicit lyrics",
    "clean versions only",
    "family friendly",
    "nothing explicit",
    "no swearing",
    "kid-friendly",
    "radio edits",
    "for the kids",
    "no explicit songs",
    "clean",
    "without explicit content",
    "no profanity",
    "no cursing",
    "non-explicit",
]
TRACK_LIMITS = [
    ("songs under 4 minutes", 240_000, None),
    ("no songs over 5 minutes", 300_000, None),
    ("nothing longer than 6 min", 360_000, None),
    ("tracks shorter than 4 minutes", 240_000, None),
    ("each under 5 min", 300_000, None),
    ("no tracks longer than 4 minutes", 240_000, None),
    ("songs of at least 3 minutes", None, 180_000),
    ("nothing under 3 minutes", None, 180_000),
    ("no songs shorter than 3 minutes", None, 180_000),
]


def _years(lo: int | None, hi: int | None) -> YearSet:
    return normalise([(lo or FIRST_YEAR, hi or LAST_YEAR)])


def _decade_words(start: int) -> list[str]:
    short = str(start)[2:]
    words = {1960: "sixties", 1970: "seventies", 1980: "eighties", 1990: "nineties", 2000: "noughties"}
    forms = [f"{short}s", f"the {short}s", f"{start}s", f"the {start}s", f"'{short}s", f"{short}'s"]
    if start in words:
        forms.append(words[start])
    return forms if start < 2000 else [f"{start}s", f"the {start}s"] + ([words[start]] if start in words else [])


def time_phrases() -> list[tuple[str, YearSet, bool]]:
    """(phrase, allowed years, names a period that replaces earlier years)."""
    out: list[tuple[str, YearSet, bool]] = []
    for start in (1960, 1970, 1980, 1990, 2000, 2010):
        for form in _decade_words(start):
            out.append((form, _years(start, start + 9), True))
        for part, (a, b) in (("early", (0, 3)), ("mid", (4, 6)), ("late", (7, 9)), ("mid-", (4, 6))):
            sep = "" if part.endswith("-") else " "
            out.append(
                (
                    f"{part}{sep}{random.choice(_decade_words(start))}".replace("the ", ""),
                    _years(start + a, start + b),
                    True,
                )
            )
    for a, b in ((1980, 1990), (1990, 2000), (1970, 1980)):
        sa, sb = str(a)[2:], str(b)[2:]
        out.append((f"the {sa}s and {sb}s", _years(a, b + 9), True))
        out.append((f"{sa}s-{sb}s", _years(a, b + 9), True))
        out.append((f"{sa}s or {sb}s", _years(a, b + 9), True))
    out.append(("the 60s and 90s", normalise([(1960, 1969), (1990, 1999)]), True))
    for a, b in ((1995, 2005), (2000, 2010), (1985, 1995), (2010, 2018)):
        out += [
            (f"{a}-{b}", _years(a, b), True),
            (f"{a} to {b}", _years(a, b), True),
            (f"between {a} and {b}", _years(a, b), True),
            (f"from {a} through {b}", _years(a, b), True),
            (f"{a}–{b}", _years(a, b), True),
            (f"from {a} to {b}", _years(a, b), True),
        ]
    for year in (1990, 2000, 2005, 2010, 2015, 2017):
        out += [
            (f"before {year}", _years(None, year - 1), False),
            (f"after {year}", _years(year + 1, None), False),
            (f"since {year}", _years(year, None), False),
            (f"from {year} onwards", _years(year, None), False),
            (f"{year} onward", _years(year, None), False),
            (f"{year} and later", _years(year, None), False),
            (f"{year} or newer", _years(year, None), False),
            (f"{year}+", _years(year, None), False),
            (f"post-{year}", _years(year + 1, None), False),
            (f"pre-{year}", _years(None, year - 1), False),
            (f"older than {year}", _years(None, year - 1), False),
            (f"newer than {year}", _years(year + 1, None), False),
            (f"until {year}", _years(None, year), False),
            (f"up to {year}", _years(None, year), False),
            (f"no later than {year}", _years(None, year), False),
            (f"{year} or earlier", _years(None, year), False),
            (f"released in {year}", _years(year, year), True),
            (f"nothing before {year}", _years(year, None), False),
            (f"not before {year}", _years(year, None), False),
            (f"no songs after {year}", _years(None, year), False),
            (f"nothing after {year}", _years(None, year), False),
            (f"nothing older than {year}", _years(year, None), False),
            (f"nothing newer than {year}", _years(None, year), False),
            (f"no tracks released before {year}", _years(year, None), False),
            (f"nothing released after {year}", _years(None, year), False),
            (f"prior to {year}", _years(None, year - 1), False),
            (f"from {year} on", _years(year, None), False),
            (f"{year} at the earliest", _years(year, None), False),
            (f"{year} at the latest", _years(None, year), False),
            (f"predating {year}", _years(None, year - 1), False),
            (f"postdating {year}", _years(year + 1, None), False),
            (f"no older than {year}", _years(year, None), False),
            (f"not newer than {year}", _years(None, year), False),
            (f"{year} or before", _years(None, year), False),
            (f"from {year} or later", _years(year, None), False),
        ]
    for start in (1980, 1990, 2000):
        for form in _decade_words(start)[:3]:
            out += [
                (f"nothing from {form}", complement(_years(start, start + 9)), False),
                (f"no {form}", complement(_years(start, start + 9)), False),
                (f"not from {form}", complement(_years(start, start + 9)), False),
            ]
        out += [
            (f"before the {str(start)[2:]}s", _years(None, start - 1), False),
            (f"after the {str(start)[2:]}s", _years(start + 10, None), False),
            (f"since the {str(start)[2:]}s", _years(start, None), False),
        ]
    out.append(("nothing from the noughties", complement(_years(2000, 2009)), False))
    out += [
        ("pre-Y2K", _years(None, 1999), False),
        ("post-Y2K", _years(2000, None), False),
        ("pre-millennium", _years(None, 1999), False),
        ("since the millennium", _years(2000, None), False),
        ("the nineteen-nineties", _years(1990, 1999), True),
        ("the nineteen eighties", _years(1980, 1989), True),
        ("the two thousands", _years(2000, 2009), True),
        ("the twenty-tens", _years(2010, 2019), True),
    ]
    return out


# ---- cases ------------------------------------------------------------------------------------------------------
def _genre() -> tuple[str, tuple[str, ...]]:
    word = random.choice(list(GENRES))
    return word, GENRES[word]


def exclusion_cases(n: int) -> list[Case]:
    cases = []
    for _ in range(n):
        genre, _ = _genre()
        names = random.sample(ARTISTS, random.choice([1, 2, 2, 3, 3, 4]))
        if random.random() < 0.1:
            cue = "{g}, neither {x}"
            excluded = random.sample(ARTISTS, 2)
            names = excluded
            text = cue.format(g=genre, x=f"{typed_name(excluded[0])} nor {typed_name(excluded[1])}")
        else:
            text = random.choice(EXCLUDE_CUES).format(g=genre, x=list_shape(names))
        count = random.choice([None, 8, 10, 12, 25])
        if count:
            text = random.choice(
                [f"{text}, {count} songs", f"{count} songs of {text}", f"{text}. {count} tracks please"]
            )
        cases.append(Case("negation lists", text, Expect(count=count, exclude_artists=frozenset(names))))
    return cases


def genre_exclusion_cases(n: int) -> list[Case]:
    cases = []
    for _ in range(n):
        genre, labels = _genre()
        out = [g for g in random.sample(EXCLUDABLE_GENRES, random.choice([1, 2])) if g not in labels][:2]
        if not out:
            continue
        cue = random.choice(
            [
                "{g} but no {x}",
                "{g} without {x}",
                "{g}, no {x}",
                "{g}, anything but {x}",
                "{g}, skip the {x}",
                "{g} minus {x}",
                "{g}, not {x}",
            ]
        )
        shape = out[0] if len(out) == 1 else random.choice(["{} or {}", "{} and {}", "{}, {}", "{}/{}"]).format(*out)
        cases.append(Case("negation lists", cue.format(g=genre, x=shape), Expect(exclude_genres=frozenset(out))))
    return cases


def time_cases(n: int) -> list[Case]:
    phrases = time_phrases()
    cases = []
    for phrase, years, _ in random.sample(phrases, min(n, len(phrases))) + random.choices(
        phrases, k=max(0, n - len(phrases))
    ):
        genre, _ = _genre()
        text = random.choice(["{g} {t}", "{g} from {t}", "{g}, {t}", "{t} {g}", "{g} songs {t}", "{g}, {t} please"])
        if text.startswith("{g} from") and (
            phrase.split()[0]
            in {
                "from",
                "before",
                "after",
                "since",
                "nothing",
                "not",
                "no",
                "released",
                "between",
                "pre-",
                "predating",
                "postdating",
            }
            or "-" in phrase.split()[0]
            or phrase[0].isdigit()
            and "+" in phrase
        ):
            text = "{g}, {t}"
        cases.append(Case("time polarity", text.format(g=genre, t=phrase), Expect(years=years)))
    for phrase, years in (
        ("the 90s", _years(1990, 1999)),
        ("2015", _years(2015, 2015)),
        ("the early 2000s", _years(2000, 2003)),
        ("80s", _years(1980, 1989)),
    ):
        text = random.choice(
            ["{g}, but the {t} stuff is overplayed", "{g}; {t} songs are getting old", "{g} - {t} is not my thing"]
        ).replace("the the", "the")
        cases.append(Case("time polarity", text.format(g=_genre()[0], t=phrase), Expect(years=complement(years))))
    return cases


def count_cases(n: int) -> list[Case]:
    cases = []
    for _ in range(n):
        genre, _ = _genre()
        size = random.choice([1, 3, 5, 7, 8, 10, 12, 15, 18, 20, 25, 30, 40, 42, 50, 64, 75, 99, 100])
        phrase = count_phrase(size)
        text = random.choice(["{c} of {g}", "{g}, {c}", "{c}, {g}", "a {c} {g} playlist", "{g} please, {c}"])
        if phrase.startswith(("give me", "top", "a playlist", "exactly", "just")):
            text = random.choice(["{g}, {c}", "{c} {g}"])
        if phrase.endswith("-track"):
            text = "a {c} {g} playlist"
        cases.append(Case("counts", text.format(c=phrase, g=genre), Expect(count=size)))
    for phrase, size in (
        ("a dozen songs", 12),
        ("half a dozen tracks", 6),
        ("a couple of songs", 2),
        ("two dozen tracks", 24),
        ("a hundred songs", 100),
        ("a couple dozen songs", 24),
        ("three dozen tracks", 36),
        ("a baker's dozen songs", 13),
        ("2 dozen tracks", 24),
        ("a pair of songs", 2),
        ("half a dozen bangers", 6),
    ):
        genre, _ = _genre()
        cases.append(Case("counts", f"{genre}, {phrase}", Expect(count=size)))
    return cases


def duration_cases(n: int) -> list[Case]:
    cases = []
    for _ in range(n):
        genre, _ = _genre()
        phrase, minutes = random.choice(DURATIONS)
        if phrase.endswith(("minute", "-hour", "hour-long", "-minute")) and not phrase.endswith("minutes"):
            text = random.choice(
                [
                    f"a {phrase} {genre} playlist".replace("a a ", "a "),
                    f"{genre} for a {phrase} drive".replace("a a ", "a "),
                ]
            )
        else:
            text = random.choice(
                [
                    f"{phrase} of {genre}",
                    f"{genre}, {phrase}",
                    f"{genre} for {phrase}",
                    f"{phrase} of {genre} to study to",
                ]
            )
        cases.append(Case("durations", text, Expect(minutes=minutes)))
    return cases


def cap_cases(n: int) -> list[Case]:
    cases = []
    for _ in range(n):
        genre, _ = _genre()
        phrase, cap = random.choice(CAPS)
        count = random.choice([None, 10])
        text = random.choice([f"{genre}, {phrase}", f"{genre} with {phrase}", f"{phrase}, {genre}"])
        if count:
            text += f", {count} songs"
        cases.append(Case("caps, clean, track lengths", text, Expect(cap=cap, count=count)))
    for _ in range(n // 2):
        genre, _ = _genre()
        phrase = random.choice(CLEAN)
        cases.append(
            Case(
                "caps, clean, track lengths",
                random.choice([f"{genre}, {phrase}", f"{phrase} {genre}"]),
                Expect(clean=True),
            )
        )
    for _ in range(n // 2):
        genre, _ = _genre()
        phrase, longest, shortest = random.choice(TRACK_LIMITS)
        cases.append(
            Case(
                "caps, clean, track lengths", f"{genre}, {phrase}", Expect(track_max_ms=longest, track_min_ms=shortest)
            )
        )
    return cases


SEED_SONGS = [
    ("Lose Yourself", "Eminem"),
    ("Mask Off", "Future"),
    ("Hotline Bling", "Drake"),
    ("Viva La Vida", "Coldplay"),
    ("Uptown Funk", "Bruno Mars"),
    ("September", "Earth, Wind & Fire"),
    ("Danza Kuduro", "Don Omar"),
    ("Despacito", "Luis Fonsi"),
    ("Mr. Brightside", "The Killers"),
]


def seed_cases(n: int) -> list[Case]:
    cases = []
    for _ in range(n):
        title, artist = random.choice(SEED_SONGS)
        other = random.choice([a for a in ARTISTS if a != artist])
        count = random.choice([None, 10])
        text = random.choice(
            [
                f"songs like {title} by {artist} but no {typed_name(artist)}",
                f"something similar to {artist}, nothing by {typed_name(artist)}",
                f"like {artist} and {other}, but not {typed_name(artist)}",
                f"in the style of {title} by {artist}, without {typed_name(artist)}",
                f"tracks like {artist} minus {typed_name(artist)}",
                f"no {typed_name(artist)}, but songs like {title} by {artist}",
            ]
        )
        if count:
            text += f", {count} songs"
        cases.append(
            Case(
                "exclusions beat seeds",
                text,
                Expect(count=count, exclude_artists=frozenset({artist}), seed_excluded=True),
            )
        )
    return cases


def combined_cases(n: int) -> list[Case]:
    phrases = time_phrases()
    cases = []
    for _ in range(n):
        genre, _ = _genre()
        names = random.sample(ARTISTS, random.choice([1, 2, 3]))
        size = random.choice([6, 10, 15, 20])
        time_phrase, years, _ = random.choice(phrases)
        parts = [
            genre,
            time_phrase,
            random.choice(EXCLUDE_CUES).split("}", 1)[1].format(x=list_shape(names)).strip(" ,"),
            count_phrase(size),
        ]
        expect = Expect(count=size, years=years, exclude_artists=frozenset(names))
        if random.random() < 0.5:
            phrase, cap = random.choice(CAPS)
            parts.append(phrase)
            expect = replace(expect, cap=cap)
        if random.random() < 0.3:
            parts.append(random.choice(CLEAN))
            expect = replace(expect, clean=True)
        head, rest = parts[0], parts[1:]
        random.shuffle(rest)
        if rest[0] == time_phrase and time_phrase[0].isdigit():
            rest.append(rest.pop(0))
        text = (
            f"{head} {rest[0]}, " + ", ".join(rest[1:])
            if not rest[0].startswith(("no ", "nothing", "not "))
            else f"{head}, " + ", ".join(rest)
        )
        cases.append(Case("combined", text, expect))
    return cases


def unread_cases() -> list[Case]:
    """Things that look like constraints but cannot be applied: quoted back, never in the search text."""
    return [
        Case("could not apply", text, Expect(unread=(phrase,)))
        for text, phrase in [
            ("rock, no country", "no country"),
            ("pop but without remixes", "without remixes"),
            ("hip hop, no nickelback", "no nickelback"),
            ("edm for 5 people", "5 people"),
            ("latin, avoid anything with an accordion", "avoid anything with an accordion"),
            ("r&b, nothing sung in french", "nothing sung in french"),
            ("rock, about 7 or so", "about 7"),
        ]
    ]


# ---- follow-ups ---------------------------------------------------------------------------------------------------
def follow_up_step(size: int) -> tuple[str, Expect, bool]:
    kind = random.choice(["exclude", "exclude", "count", "duration", "years", "years", "clean", "cap", "more"])
    if kind == "exclude":
        names = random.sample(ARTISTS, random.choice([1, 2, 3]))
        text = random.choice(
            [
                "also drop {x}",
                "no {x} please",
                "without {x}",
                "skip {x}",
                "lose {x}",
                "get rid of {x}",
                "and no {x}",
                "remove {x}",
                "please leave out {x}",
                "no more {x}",
                "exclude {x} too",
                "no {x}, thanks",
                "take out {x}",
                "I don't want {x}",
                "ditch {x}",
            ]
        ).format(x=list_shape(names))
        return text, Expect(exclude_artists=frozenset(names)), False
    if kind == "count":
        n = random.choice([5, 8, 10, 12, 20, 25])
        word = number_words(n) if random.random() < 0.3 else str(n)
        text = random.choice(
            [
                "actually make it {n}",
                "only {n} songs",
                "make it {n} songs",
                "give me {n}",
                "cut it to {n}",
                "just {n} tracks please",
                "{n} songs instead",
                "let's do {n}",
                "change it to {n} tracks",
                "trim it down to {n}",
                "make that {n}",
                "{n}",
                "wait, I meant {n}",
                "I said {n}",
                "sorry, {n} not 30",
                "{n} songs, not 30",
                "no, {n}",
            ]
        ).format(n=word)
        return text, Expect(count=n), False
    if kind == "more":
        n = random.choice([2, 3, 5])
        word = number_words(n) if random.random() < 0.3 else str(n)
        text, sign = random.choice(
            [
                ("add {n} more", 1),
                ("{n} more songs please", 1),
                ("add another {n}", 1),
                ("throw in {n} more tracks", 1),
                ("bump it up by {n}", 1),
                ("up it by {n}", 1),
                ("{n} more", 1),
                ("knock off {n}", -1),
                ("trim {n} songs", -1),
                ("{n} fewer", -1),
                ("cut it down by {n}", -1),
                ("shave off {n} tracks", -1),
            ]
        )
        return text.format(n=word), Expect(count_delta=sign * n), False
    if kind == "duration":
        phrase, minutes = random.choice(
            [
                ("an hour", 60),
                ("45 minutes", 45),
                ("half an hour", 30),
                ("90 minutes", 90),
                ("2 hours", 120),
                ("an hour and a half", 90),
                ("1.5 hours", 90),
                ("a full hour", 60),
                ("an hour and ten minutes", 70),
            ]
        )
        text = random.choice(
            [
                "make it {d} long",
                "make it {d}",
                "{d} instead",
                "can you make it {d}",
                "stretch it to {d}",
                "make it last {d}",
                "stretch it out to {d}",
            ]
        ).format(d=phrase)
        return text, Expect(minutes=minutes), False
    if kind == "years":
        phrase, years, named = random.choice(
            [
                ("nothing before 2010", _years(2010, None), False),
                ("remove anything older than 2010", _years(2010, None), False),
                ("only 2010s", _years(2010, 2019), True),
                ("no songs after 1995", _years(None, 1995), False),
                ("just 90s", _years(1990, 1999), True),
                ("drop everything before 2005", _years(2005, None), False),
                ("nothing after 2000", _years(None, 2000), False),
                ("make it 80s only", _years(1980, 1989), True),
                ("only stuff from the 2000s", _years(2000, 2009), True),
                ("no 90s", complement(_years(1990, 1999)), False),
                ("nothing older than 2015", _years(2015, None), False),
                ("only songs from 1995-2005", _years(1995, 2005), True),
                ("just the early 2000s", _years(2000, 2003), True),
                ("not before 2012", _years(2012, None), False),
            ]
        )
        return phrase, Expect(years=years), named
    if kind == "clean":
        return (
            random.choice(
                ["clean versions only", "no explicit lyrics please", "make it family friendly", "nothing explicit"]
            ),
            Expect(clean=True),
            False,
        )
    phrase, cap = random.choice(CAPS)
    return random.choice([phrase, f"and {phrase}", f"{phrase} please"]), Expect(cap=cap), False


def follow_up_cases(n: int) -> list[Case]:
    cases = []
    for _ in range(n):
        genre, _ = _genre()
        size = random.choice([8, 10, 12, 15])
        case = Case("follow-ups", f"{genre}, {size} songs", Expect(count=size))
        for _ in range(random.choice([1, 2, 3])):
            case.follow_ups.append(follow_up_step(size))
        cases.append(case)
    return cases


def continuation_cases(n: int) -> list[Case]:
    """An exclusion, then "and X too": the second names only artists and repeats the first change for them."""
    cases = []
    for _ in range(n):
        first, then = random.sample(ARTISTS, 2), random.sample(ARTISTS, random.choice([1, 2]))
        case = Case("follow-ups", "pop, 12 songs", Expect(count=12))
        case.follow_ups.append((f"drop {list_shape(first)}", Expect(exclude_artists=frozenset(first)), False))
        text = random.choice(
            [
                "and {x} too",
                "also {x}",
                "{x} as well",
                "same for {x}",
                "and {x} as well please",
                "oh and {x} too",
                "ditto {x}",
                "plus {x}",
            ]
        ).format(x=random.choice([" and ", ", ", " & "]).join(typed_name(n) for n in then))
        case.follow_ups.append((text, Expect(exclude_artists=frozenset(then)), False))
        cases.append(case)
    return cases


def _expect(data: dict) -> Expect:
    values = {key: value for key, value in data.items() if key in Expect.__dataclass_fields__}
    if "years" in values:
        values["years"] = normalise([tuple(r) for r in values["years"]])
    for name in ("exclude_artists", "exclude_genres"):
        values[name] = frozenset(values.get(name, ()))
    values["unread"] = tuple(values.get("unread", ()))
    values["removed_positions"] = tuple(values.get("removed_positions", ()))
    return Expect(**values)


def cases_from(path: Path) -> list[Case]:
    """Cases written as JSON lines: {"category", "prompt", "expect", "follow_ups": [[text, change, replaces]]}."""
    import json

    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            data = json.loads(line)
            cases.append(
                Case(
                    data["category"],
                    data["prompt"],
                    _expect(data["expect"]),
                    [(text, _expect(change), named) for text, change, named in data.get("follow_ups", [])],
                    data.get("part", ""),
                )
            )
    return cases


def wording_cases() -> list[Case]:
    """Hand-written wordings, made apart from the grammar above: how well the rules carry over."""
    return [case for name in ("wordings.jsonl", "wordings_holdout.jsonl") for case in cases_from(FIXTURES / name)]


def all_cases() -> list[Case]:
    random.seed(SEED)
    return (
        exclusion_cases(260)
        + genre_exclusion_cases(60)
        + time_cases(300)
        + count_cases(160)
        + duration_cases(90)
        + cap_cases(80)
        + seed_cases(60)
        + combined_cases(120)
        + unread_cases()
        + follow_up_cases(320)
        + continuation_cases(40)
    )


# ---- checks -------------------------------------------------------------------------------------------------------
def _credited_away(name: str, excluded: set[str], index) -> bool:
    """Every track of `name` credits an excluded artist ("no selena gomez" leaves out Selena Gomez & The Scene,
    whose tracks credit her), so the exclusion asked for holds although the name differs."""
    tracks = [t for t in index.tracks if artist_key(t.artist) == artist_key(name)] if index is not None else []
    return bool(tracks) and all(t.credit_keys & excluded for t in tracks)


def check_request(request, expect: Expect, previous_length: int | None = None, index=None) -> list[str]:
    """What the parsed (or refined) request got wrong."""
    c = request.constraints
    problems = []
    count = expect.count if expect.count_delta is None else (previous_length or 0) + expect.count_delta
    if count is not None and c.count != min(count, 200):
        problems.append(f"count {c.count} != {count}")
    if expect.minutes is not None and c.duration_min != expect.minutes:
        problems.append(f"duration {c.duration_min} != {expect.minutes}")
    if expect.years is not None:  # compared over the years a catalog holds
        got = from_limits(c.year_min, c.year_max, c.exclude_years)
        if intersect(got, CATALOG_YEARS) != intersect(expect.years, CATALOG_YEARS):
            problems.append(f"years {got} != {expect.years}")
    excluded = {artist_key(a) for a in c.exclude_artists}
    missing = {
        a for a in expect.exclude_artists if artist_key(a) not in excluded and not _credited_away(a, excluded, index)
    }
    if missing:
        problems.append(f"not excluded: {sorted(missing)}")
    query, prompt = f" {fold(request.query)} ", f" {fold(request.prompt)} "
    leaked = [
        a
        for a in expect.exclude_artists
        if not expect.seed_excluded  # named once, after a cue
        and query.count(f" {artist_key(a)} ") >= prompt.count(f" {artist_key(a)} ") > 0
    ]
    if leaked:
        problems.append(f"excluded names in the query: {leaked}")
    if not set(expect.exclude_genres) <= set(c.exclude_genres):
        problems.append(f"genres not excluded: {sorted(set(expect.exclude_genres) - set(c.exclude_genres))}")
    if expect.clean and c.explicit_allowed:
        problems.append("explicit still allowed")
    if expect.cap is not None and c.max_per_artist != expect.cap:
        problems.append(f"cap {c.max_per_artist} != {expect.cap}")
    if expect.track_max_ms is not None and c.max_track_ms != expect.track_max_ms:
        problems.append(f"track max {c.max_track_ms} != {expect.track_max_ms}")
    if expect.track_min_ms is not None and c.min_track_ms != expect.track_min_ms:
        problems.append(f"track min {c.min_track_ms} != {expect.track_min_ms}")
    for phrase in expect.unread:
        if not any("could not apply" in n and phrase in n for n in request.notes):
            problems.append(f"no 'could not apply' note for {phrase!r}")
        if fold(phrase) in fold(request.query):
            problems.append(f"unread phrase {phrase!r} is in the query")
    return problems


def check_playlist(playlist, expect: Expect, index, previous_length: int | None = None) -> list[str]:
    """What the final playlist breaks; a shortfall counts only when no warning says so."""
    items = playlist.items
    problems = []
    said = " ".join(playlist.warnings)
    count = expect.count if expect.count_delta is None else (previous_length or 0) + expect.count_delta
    if count is not None and len(items) != min(count, 200) and not (len(items) < count and "tracks asked for" in said):
        problems.append(f"{len(items)} tracks for {count} asked, no warning")
    if expect.minutes is not None:
        minutes = playlist.total_duration_ms / 60000
        if abs(minutes - expect.minutes) > 3 and "minutes asked" not in said:
            problems.append(f"{minutes:.1f} min for {expect.minutes}, no warning")
    if expect.years is not None and "no tracks in the catalog match the years" not in said:
        bad = [i.year for i in items if i.year is None or not any(lo <= i.year <= hi for lo, hi in expect.years)]
        if bad:
            problems.append(f"years outside {expect.years}: {bad}")
    excluded = {artist_key(a) for a in expect.exclude_artists}
    credits = {i.track_id: index.track(i.track_id).credit_keys for i in items}
    played = [i.artist for i in items if credits[i.track_id] & excluded]  # under any credit: "A feat. B" is B's
    if played:
        problems.append(f"excluded artists played: {played}")
    genres = [i.title for i in items if set(expect.exclude_genres) & set(i.genres)]
    if genres:
        problems.append(f"excluded genres played: {genres}")
    if expect.clean and any(index.track(i.track_id).explicit for i in items):
        problems.append("explicit track played")
    cap = expect.cap or 2
    per_artist = Counter(key for i in items for key in credits[i.track_id])
    if per_artist and max(per_artist.values()) > cap:
        problems.append(f"artist cap {cap} broken: {per_artist.most_common(1)}")
    if expect.track_max_ms and any(i.duration_ms > expect.track_max_ms for i in items):
        problems.append("a track is longer than allowed")
    if expect.track_min_ms and any(i.duration_ms < expect.track_min_ms for i in items):
        problems.append("a track is shorter than allowed")
    songs = [song_key(i.artist, i.title) for i in items]
    if len(songs) != len(set(songs)):
        problems.append("two versions of one song")
    if expect.seed_excluded and not any("excluded" in w for w in playlist.warnings):
        problems.append("no warning that the excluded seed only steers the style")
    return problems


def check_kept(before, after, expect: Expect, index) -> list[str]:
    """A follow-up that changes one thing: the tracks at the named positions leave, and every other track stays
    unless an excluded artist's."""
    if not expect.removed_positions and not expect.keeps_others:
        return []
    size = len(before.items)
    named = {p if p > 0 else size + 1 + p for p in expect.removed_positions}
    excluded = {artist_key(a) for a in expect.exclude_artists}
    now = set(after.track_ids)
    problems = [f"track {p} is still there" for p in sorted(named) if p <= size and before.items[p - 1].track_id in now]
    lost = [
        i.position
        for i in before.items
        if i.position not in named and i.track_id not in now and not index.track(i.track_id).credit_keys & excluded
    ]
    return problems + ([f"tracks {lost} were replaced too"] if lost else [])


def run_case(case: Case, new_session, index) -> list[str]:
    """Runs a case through a fresh session; problems with the request and the playlist at each step."""
    session = new_session()
    playlist = session.ask(case.prompt)
    problems = [f"prompt: {p}" for p in check_request(playlist.request, case.expect, index=index)]
    problems += [f"playlist: {p}" for p in check_playlist(playlist, case.expect, index)]
    expect = case.expect
    for text, change, replace_years in case.follow_ups:
        before, previous = playlist, len(playlist.items)
        expect = expect.then(change, replace_years)
        try:
            playlist = session.refine(text)
        except PlaylistError as exc:  # a clear message, but the listener's change was not made
            return problems + [f"after {text!r}: refused ({exc})"]
        problems += [f"after {text!r}: {p}" for p in check_kept(before, playlist, expect, index)]
        problems += [f"after {text!r}: {p}" for p in check_request(playlist.request, expect, previous, index)]
        problems += [f"after {text!r}, playlist: {p}" for p in check_playlist(playlist, expect, index, previous)]
    return problems


def adversarial_answer(case: Case) -> str:
    """A model answer that tries to turn the listener's words against them: it seeds and searches for the excluded
    artists, asks for the excluded genres, excludes everyone else typed, inverts the typed years and counts."""
    import json
    import re

    expect = case.expect
    typed_artists = [a for a in ARTISTS if f" {artist_key(a)} " in f" {fold(case.prompt)} "]
    years = [int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", case.prompt)]
    inverted: dict[str, int | None] = {}
    if years and expect.years is not None:
        upper_open = max(end for _, end in expect.years) == LAST_YEAR
        inverted = {"year_max": min(years)} if upper_open else {"year_min": max(years)}
    return json.dumps(
        {
            "query": " ".join(sorted(expect.exclude_artists) + sorted(expect.exclude_genres)),
            "genres": sorted(expect.exclude_genres),
            "seed_artists": sorted(expect.exclude_artists)[:5],
            "exclude_artists": [a for a in typed_artists if a not in expect.exclude_artists][:10],
            "count": (expect.count or 0) + 7 if expect.count else None,
            **inverted,
        }
    )


def fixture_catalog(directory: Path) -> Path:
    """The base fixture catalog plus the artists whose names hold '&', 'and', ',' and digits, and tracks that
    credit several artists ("A & B", "A feat. B", "Song (with B)", "Song - B Remix")."""
    combined = directory / "catalog_phrasing.csv"
    base = (FIXTURES / "catalog.csv").read_text(encoding="utf-8")
    more = [
        (FIXTURES / name).read_text(encoding="utf-8").split("\n", 1)[1].rstrip("\n")
        for name in ("catalog_more.csv", "catalog_credits.csv")
    ]
    combined.write_text(base.rstrip("\n") + "\n" + "\n".join(more) + "\n", encoding="utf-8")
    return combined


def main() -> None:
    import tempfile

    from index.offline import go_offline

    go_offline()
    import argparse

    from assistant.pipeline.planner import Engine
    from assistant.session import Session
    from index.build import build_index
    from index.embed import Embedder
    from index.store import VectorIndex

    parser = argparse.ArgumentParser(description="pass rate by category, rules alone")
    parser.add_argument("--wordings", action="store_true", help="the hand-written wordings only")
    parser.add_argument("--file", type=Path, help="a JSON-lines file of cases written apart from the parser")
    parser.add_argument(
        "--part",
        choices=["all", "tuning", "kept-out"],
        default="all",
        help="of --file: the cases of that part (by their 'part', else every fourth is kept out)",
    )
    parser.add_argument(
        "--index", type=Path, help="a built index (the full catalog's) instead of the fixture catalog built anew"
    )
    args = parser.parse_args()
    if args.file:
        cases = [
            c
            for i, c in enumerate(cases_from(args.file), 1)
            if args.part in ("all", c.part or ("kept-out" if i % 4 == 0 else "tuning"))
        ]
    else:
        cases = wording_cases() if args.wordings else all_cases() + wording_cases()
    with tempfile.TemporaryDirectory() as tmp:
        embedder = Embedder()
        index_dir = args.index
        if index_dir is None:
            index_dir = Path(tmp) / "index"
            build_index(fixture_catalog(Path(tmp)), index_dir, embedder)
        engine = Engine(VectorIndex.load(index_dir), embedder)
        passed: dict[str, list[bool]] = defaultdict(list)
        failures = []
        for case in cases:
            problems = run_case(case, lambda: Session(engine), engine.index)
            passed[case.category].append(not problems)
            if problems:
                failures.append((case, problems))
    print(f"{'category':28s} {'cases':>6s} {'passed':>7s}")
    for category, results in passed.items():
        print(f"{category:28s} {len(results):6d} {sum(results) / len(results):7.1%}")
    total = [ok for results in passed.values() for ok in results]
    sequences = sum(1 for c in cases if c.follow_ups)
    print(
        f"{'all':28s} {len(total):6d} {sum(total) / len(total):7.1%}   ({len(cases) - sequences} prompts, "
        f"{sequences} follow-up sequences)"
    )
    for case, problems in failures[:40]:
        print(f"FAIL [{case.category}] {case.prompt!r} {[t for t, _, _ in case.follow_ups]}: {problems[:3]}")


if __name__ == "__main__":
    main()
