"""Numbers as listeners type them: digits, number words up to the hundreds ("twenty five", "forty-two", "a hundred
and fifty"), and quantities that multiply a number ("a dozen", "half a dozen", "a baker's dozen", "three dozen",
"2 dozen", "a couple dozen") or name a small one ("a couple of", "a pair of"). One regex fragment and one reader,
shared by every finder."""

import re

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
}
# The number words as regex alternatives, for readers of other quantities (years in words).
UNIT_WORDS, TEEN_WORDS, TEN_WORDS = ("|".join(table) for table in (_UNITS, _TEENS, _TENS))
# Quantity words of their own; "a few" is vague (a count finder skips it) but still a quantity to read past.
_SMALL = {"a couple of": 2, "a couple": 2, "couple of": 2, "a pair of": 2, "a few": 3}
# What multiplies the number before it ("three dozen"), and the fixed multiples ("half a dozen").
_MULTIPLIERS = {"dozen": 12, "hundred": 100}
_SCORE = {"score": 20}  # only before "of" (see _alternatives), so never a number word on its own
_FIXED_DOZENS = {
    "half a": 6,
    "a half": 6,
    "half": 6,
    "a baker's": 13,
    "baker's": 13,
    "a bakers": 13,
    "bakers": 13,
    "a": 12,
    "": 12,
}


def is_number_word(word: str) -> bool:
    """A folded word some reader may take as a number: digits ("5", "182", "5th") or a number or ordinal word."""
    return (
        any(ch.isdigit() for ch in word)
        or word in _UNITS
        or word in _TEENS
        or word in _TENS
        or word in ORDINALS
        or word in _MULTIPLIERS
    )


def _words(table: dict) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(table, key=len, reverse=True))


def _alternatives() -> str:
    simple = rf"(?:{_words(_TENS)})(?:[\s-]+(?:{_words(_UNITS)})\b)?|{_words(_TEENS)}|{_words(_UNITS)}"
    digits = r"(?<![\w.])\d{1,3}(?![\d.,])"
    dozen = (
        rf"(?:(?:half[\s-]+a|a[\s-]+half|half|a\s+baker['’]?s|baker['’]?s|(?:a\s+)?couple(?:\s+of)?|an?"
        rf"|{digits}|{simple})[\s-]+dozen|dozen)(?:\s+and\s+a\s+half)?"
    )
    hundred = rf"(?:an?|{_words(_UNITS)}|{digits})[\s-]+hundred(?:\s+(?:and\s+)?(?:{simple})\b)?|hundred"
    score = rf"(?:an?|{_words(_UNITS)}|{digits})[\s-]+score(?=\s+of\b)"  # "a score of songs"; a film's score is none
    return rf"{dozen}|{hundred}|{score}|{_words(_SMALL)}|{simple}"


WORD_NUMBER = _alternatives()
# A whole number as digits or words; never part of a longer word or number ("2pac", "1.5"), never a year.
NUMBER = (
    rf"(?:(?<![\w.])(?!\d{{1,3}}[\s-]+dozen)(?!(?:19|20)\d\d(?!\d))\d{{1,5}}(?![\d\w])(?![.,]\d)"
    rf"|\b(?:{WORD_NUMBER})\b)"
)
# Also decimals, for durations ("1.5 hours", "2,5 h").
DECIMAL = rf"(?:\b(?:{WORD_NUMBER})\b|(?<![\w.])\d{{1,3}}(?:[.,]\d+)?(?!\d)(?![.,]\d))"


def _simple_value(parts: list[str]) -> int | None:
    """'twenty five', 'twelve', '7': a number with nothing multiplying it."""
    if len(parts) == 1 and parts[0].isdigit():
        return int(parts[0])
    if not parts or not all(p in _UNITS or p in _TEENS or p in _TENS for p in parts):
        return None
    return sum(_UNITS.get(p) or _TEENS.get(p) or _TENS.get(p, 0) for p in parts)


def _whole_value(parts: list[str]) -> int | None:
    phrase = " ".join(parts)
    if phrase in _SMALL:
        return _SMALL[phrase]
    for word, factor in (_MULTIPLIERS | _SCORE).items():
        if word in parts:
            at = parts.index(word)
            head, tail = " ".join(parts[:at]), [p for p in parts[at + 1 :] if p != "and"]
            base: int | None
            if factor == 12 and head in _FIXED_DOZENS:
                base = _FIXED_DOZENS[head]
            else:
                times = 1 if head in ("", "a", "an") else _whole_value(parts[:at])
                base = None if times is None else times * factor
            if factor == 12 and tail == ["a", "half"]:
                tail = ["6"]  # "a dozen and a half"
            rest = _simple_value(tail) if tail else 0
            return None if base is None or rest is None else base + rest
    return _simple_value(parts)


_ENDS_IN_NUMBER = re.compile(rf"{NUMBER}\s*$", re.I)


def counted_before(text: str, start: int) -> bool:
    """A number ends right before `start`: the noun there is the count's ("10 songs like Drake", "10 clean songs")."""
    return _ENDS_IN_NUMBER.search(text, 0, start) is not None


def number_value(text: str) -> float | None:
    """The value of a NUMBER or DECIMAL match; None for anything else."""
    words = " ".join(text.lower().replace("’", "'").replace("-", " ").split())
    value = _whole_value(words.split())
    if value is not None:
        return float(value)
    try:
        return float(words.replace(",", "."))
    except ValueError:
        return None


_WORDS_OF = {v: k for table in (_UNITS, _TEENS, _TENS) for k, v in table.items() if k != "fourty"}


def _under_100(n: int) -> str:
    if n in _WORDS_OF:
        return _WORDS_OF[n]
    return f"{_WORDS_OF[n - n % 10]} {_WORDS_OF[n % 10]}"


def spoken(n: int) -> set[str]:
    """The ways a number in a name is said in words: 5 "five", 41 "forty one", 182 "one eighty two" or "one
    hundred (and) eighty two", 1975 "nineteen seventy five", 2002 "two thousand (and) two"; none for 0 or from
    10,000."""
    if not 0 < n < 10_000:
        return set()
    if n < 100:
        return {_under_100(n)}
    high, low = divmod(n, 100)
    forms = {f"{_under_100(high)} {_under_100(low)}"} if low >= 10 else set()  # "one eighty two", "nineteen ten"
    if n < 1000:
        head = f"{_WORDS_OF[high]} hundred"
    elif n % 1000 < 100:
        head, low = f"{_WORDS_OF[n // 1000]} thousand", n % 1000
    else:
        return forms
    return forms | ({f"{head} {_under_100(low)}", f"{head} and {_under_100(low)}"} if low else {head})


def spelled_forms(words: list[str]) -> set[str]:
    """A folded name's forms with its numbers in words ("maroon 5" -> "maroon five", "blink 182" -> "blink one
    eighty two", "the 1975" -> "the nineteen seventy five"); none for a name without digits."""
    forms = [""]
    for word in words:
        said = spoken(int(word)) if word.isdigit() and not word.startswith("0") else set()
        forms = [f"{form} {w}".strip() for form in forms for w in ({word} | said)]
    return set(forms) - {" ".join(words)}
