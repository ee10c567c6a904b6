"""Numbers as listeners type them: digits, number words up to a hundred ("twenty five", "forty-two"),
"a dozen", "half a dozen", "a couple". One regex fragment and one reader, shared by every finder."""

import re

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_PHRASES = {
    "a dozen": 12, "dozen": 12, "half a dozen": 6, "two dozen": 24, "a couple of": 2, "a couple": 2,
    "couple of": 2, "a few": 3, "a hundred": 100, "one hundred": 100, "hundred": 100,
}


def _alternatives() -> str:
    tens = "|".join(sorted(_TENS, key=len, reverse=True))
    units = "|".join(sorted(_UNITS, key=len, reverse=True))
    teens = "|".join(sorted(_TEENS, key=len, reverse=True))
    phrases = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(_PHRASES, key=len, reverse=True))
    return rf"{phrases}|(?:{tens})(?:[\s-]+(?:{units})\b)?|{teens}|{units}"


WORD_NUMBER = _alternatives()
# A whole number as digits or words; never part of a longer word or number ("2pac", "1.5").
NUMBER = rf"(?:(?<![\w.])(?!(?:19|20)\d\d(?!\d))\d{{1,5}}(?![\d\w])(?![.,]\d)|\b(?:{WORD_NUMBER})\b)"
# Also decimals, for durations ("1.5 hours", "2,5 h").
DECIMAL = rf"(?:(?<![\w.])\d{{1,3}}(?:[.,]\d+)?(?!\d)(?![.,]\d)|\b(?:{WORD_NUMBER})\b)"


def number_value(text: str) -> float | None:
    """The value of a NUMBER or DECIMAL match; None for anything else."""
    words = " ".join(text.lower().replace("-", " ").split())
    if words in _PHRASES:
        return float(_PHRASES[words])
    parts = words.split()
    if parts and all(p in _UNITS or p in _TEENS or p in _TENS for p in parts):
        total = 0
        for part in parts:
            total += _UNITS.get(part) or _TEENS.get(part) or _TENS.get(part, 0)
        return float(total)
    try:
        return float(words.replace(",", "."))
    except ValueError:
        return None
