"""Requests typed in Spanish, French, German, Italian or Portuguese: the words that carry a hard constraint
(quantities and their units, decades, year and length bounds, caps, clean, removal) rewritten as the English every
reader knows, before any reader runs ("treinta canciones de los noventa" -> "30 songs the 90s", "ohne
Schimpfwörter" -> "no explicit lyrics"). Each rule fires only beside what it governs (a number word before a unit,
a bound before a number), so an English prompt is left as typed; the words English also has ("tire", "plus",
"once") change only in a text that reads as another language. The table is foreign_words.yaml."""

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from pydantic import BaseModel

from assistant.parsing.foreign_numbers import foreign_numbers
from assistant.parsing.numbers import is_number_word
from assistant.parsing.word_tables import load_table
from index.text import fold, is_english_word

_TABLE = Path(__file__).with_name("foreign_words.yaml")
_ACCENTS = {"a": "aáàâãä", "e": "eéèêë", "i": "iíìîï", "o": "oóòôõö", "u": "uúùûü", "c": "cç", "n": "nñ"}
_SHARP_S = "(?:ss|ß)"
COMMON_ENGLISH_ZIPF = 4.0  # "once", "due": English words a number word alone is not taken from
_FOREIGN_TEXT_WORDS = 2  # function words of one of the five languages that make a text read as that language


def _loose(phrase: str) -> str:
    """A regex for the phrase typed with or without accents, hyphens or apostrophes as spaces."""
    out = []
    for part in re.split(r"(ss|[\s'’-]+)", fold(phrase.replace("'", " ").replace("-", " "))):
        if part == "ss":
            out.append(_SHARP_S)
        elif part.strip(" '’-") == "" and part:
            out.append(r"[\s'’-]*")
        else:
            out.append("".join(f"[{_ACCENTS[ch]}]" if ch in _ACCENTS else re.escape(ch) for ch in part))
    return "".join(out)


def _alternatives(phrases) -> str:
    """One group matching any of the phrases, the longest first."""
    return "(?:" + "|".join(_loose(p) for p in sorted(set(phrases), key=len, reverse=True)) + ")"


def _german(words: list[str]) -> str:
    """The -ziger decade words, which need no article ("Neunziger"); "noventa" alone is a number."""
    return _alternatives(w for w in words if w.endswith("ziger"))


def _common_english(word: str) -> bool:
    from wordfreq import zipf_frequency

    return is_number_word(word) or zipf_frequency(word, "en") >= COMMON_ENGLISH_ZIPF


def _not_english(phrase: str) -> bool:
    """A phrase English does not have: several words, an accent, or one word no English dictionary holds."""
    return " " in phrase or fold(phrase) != phrase.lower() or not is_english_word(fold(phrase))


def _word(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'’]){pattern}(?![\w'’])", re.I)


class _Rules:
    """The compiled rewrites, in the order they run."""

    def __init__(self, table: "ForeignTable"):
        units = table.units
        self.unit = {u: english for english, words in units.items() for u in map(fold, words)}
        unit = _alternatives(self.unit)
        numbers = foreign_numbers()
        self.number = numbers
        number_words = _alternatives(w for w in numbers if not _common_english(w))  # "six", "cent", "once" stay
        more_words = table.after_number["more"]
        more = _alternatives(more_words)
        plain_more = _alternatives(w for w in more_words if _not_english(w))
        self.phrases = [(_word(_loose(k)), v) for k, v in sorted(table.phrases.items(), key=lambda kv: -len(kv[0]))]
        openers = _alternatives(table.decade_openers)
        self.decades = [
            (_word(rf"(?:{openers}\s+{_alternatives(words)}|{_german(words)})(?:n|jahre|jahren|s)?"), f"the {decade}")
            for decade, words in table.decades.items()
        ]
        # "de los 2000", "des années 80", "die 90er", "80er Jahre": the 2000s, the 80s, the 90s
        self.decade_digits = _word(
            rf"(?:{openers}\s+((?:19|20)?\d0)(?:er)?|(\d0)er(?:\s*jahre)?)(?!\s*(?:[%:.,]\d|{unit}|songs|minutes))"
        )
        english_unit = r"(?:songs?|tracks?|minutes?|mins?|hours?)"  # "quarante-cinq minutes"
        self.counted = _word(rf"({number_words})(\s+(?:de\s+|di\s+)?(?:{unit}|{english_unit}|{more}))")
        self.loose_number = _word(f"({number_words})")
        self.unit_after = _word(rf"(\d+|[a-z]+)\s+(?:de\s+|di\s+)?({unit})")
        self.joined_time = _word(r"(hours?|an\s+hour)\s+(?:y|e|et|und)\s+(\d+|a\s+half|a\s+quarter)")
        self.before_number = [
            (_word(rf"(?:{_alternatives(words)})(?=\s+\d)"), english) for english, words in table.before_number.items()
        ]
        self.more = _word(rf"(\d+)\s+{more}")  # "30 plus", "20 mas": only in a foreign text
        self.plain_more = _word(rf"(\d+)\s+{plain_more}")  # "diez más", "zehn dazu"
        self.noch = _word(rf"(?:{'|'.join(_MORE_OPENERS)})\s+(\d+)(?:\s+{more})?")
        self.before_year = [
            (_word(rf"(?:{_alternatives(words)})(?=\s+(?:19|20)\d\d)"), english)
            for english, words in table.before_year.items()
        ]
        self.after_year = [
            (_word(rf"(?<=\d\d\d\d\s)(?:{_alternatives(words)})"), english)
            for english, words in table.after_year.items()
        ]
        negations, removals = table.negations, table.removals
        self.negation = _word(rf"{_alternatives(negations)}(?=\s+\w)")
        self.removal = _word(rf"{_alternatives(removals)}(?=\s+\w)")
        self.plain_removal = _word(rf"{_alternatives(w for w in removals if _not_english(w))}(?=\s+\w)")
        self.compound = _word(r"([a-zäöü]{3,})(songs|lieder|musik)")  # "Rocksongs": rock songs
        self.no_unit = _word(rf"no\s+{unit}")  # "ninguna canción de más de 3 minutos": no songs over 3 minutes


class ForeignTable(BaseModel):
    """foreign_words.yaml, checked."""

    units: dict[str, list[str]]
    phrases: dict[str, str]
    before_number: dict[str, list[str]]
    after_number: dict[str, list[str]]
    before_year: dict[str, list[str]]
    after_year: dict[str, list[str]]
    decades: dict[str, list[str]]
    decade_openers: list[str]
    negations: list[str]
    removals: list[str]


@cache
def _table() -> ForeignTable:
    return load_table(_TABLE, ForeignTable)


@cache
def _rules() -> _Rules:
    return _Rules(_table())


_LANGUAGES = {"SPANISH": "es", "FRENCH": "fr", "GERMAN": "de", "ITALIAN": "it", "PORTUGUESE": "pt"}
_MORE_FREQUENT = 1.0  # a function word ten times as frequent in its language as in English ("para", not "me")


@cache
def _function_words() -> frozenset[str]:
    """The five languages' stopwords (bm25s's lists) that are far rarer in English (wordfreq): two of them and a
    text reads as foreign."""
    from bm25s import stopwords as lists
    from wordfreq import zipf_frequency

    english = set(lists.STOPWORDS_EN)
    return frozenset(
        word
        for name, language in _LANGUAGES.items()
        for word in {fold(w) for w in getattr(lists, f"STOPWORDS_{name}")} - english
        if len(word) > 1 and zipf_frequency(word, language) - zipf_frequency(word, "en") >= _MORE_FREQUENT
    )


def reads_foreign(text: str) -> bool:
    words = set(re.findall(r"[a-z]+", fold(text)))
    return len(words & _function_words()) >= _FOREIGN_TEXT_WORDS


_MORE_OPENERS = ("noch", "otras", "otros", "encore", "altre", "altri", "outras", "outros")
_GERMAN_DECADE = re.compile(r"\d0er")


@cache
def _trigger_words() -> frozenset[str]:
    """The folded foreign words some rewrite starts from or needs, less everyday English ones ("songs", "plus",
    "minutes") but with every decade opener ("los", "die"): a text with none of them is left alone at once."""
    table = _table()
    phrases = [*table.phrases, *table.decade_openers, *table.negations, *table.removals, *_MORE_OPENERS]
    for grouped in (table.units, table.before_number, table.after_number, table.before_year, table.after_year):
        phrases += [w for group in grouped.values() for w in group]
    phrases += [w for group in table.decades.values() for w in group] + list(foreign_numbers())
    words = {word for phrase in phrases for word in fold(phrase).split()} | _function_words()
    openers = {word for phrase in table.decade_openers for word in fold(phrase).split()}  # "los 90", "de los 2000"
    return frozenset(w for w in words if not _common_english(w)) | openers


def has_foreign_words(text: str) -> bool:
    """Whether any rewrite could apply: one set lookup per word, no regex (most prompts are English)."""
    return bool(_GERMAN_DECADE.search(text)) or not _trigger_words().isdisjoint(fold(text).split())


def to_english(text: str, keep: Sequence[tuple[int, int]] = ()) -> str:
    """The text with its foreign structure words in English, outside the `keep` spans (catalog names that hold a
    number: "24 Stunden" by SAM is a title, not a day); an English text comes back as it was (most prompts: one set
    lookup per word)."""
    if not has_foreign_words(text):
        return text
    foreign, out, at = reads_foreign(text), [], 0
    for start, end in sorted(keep):
        out += [_rewritten(text[at:start], foreign), text[start:end]]
        at = end
    return "".join([*out, _rewritten(text[at:], foreign)])


def _rewritten(text: str, foreign: bool) -> str:
    rules = _rules()
    for pattern, english in rules.phrases + rules.decades:
        text = pattern.sub(english, text)
    text = rules.decade_digits.sub(lambda m: f"the {m.group(1) or m.group(2)}s", text)
    if foreign:
        text = rules.compound.sub(r"\1 \2", text)
    counted = rules.counted.sub(lambda m: f"{rules.number[fold(m.group(1))]}{m.group(2)}", text)
    foreign, text = foreign or counted != text, counted
    if foreign:  # "veinticinco canciones, perdón, treinta": a number word alone, where it is no English word
        text = rules.loose_number.sub(lambda m: _number_unless_english(m, rules), text)
    text = rules.unit_after.sub(lambda m: _unit_in_english(m, rules), text)
    text = rules.joined_time.sub(r"\1 and \2", text)
    for pattern, english in rules.before_number + rules.before_year + rules.after_year:
        text = pattern.sub(english, text)
    text = rules.noch.sub(r"\1 more", text)
    text = (rules.more if foreign else rules.plain_more).sub(r"\1 more", text)
    text = rules.negation.sub("no", text)
    text = rules.no_unit.sub("no songs", text)
    return (rules.removal if foreign else rules.plain_removal).sub("remove", text)


def _unit_in_english(match: re.Match[str], rules: _Rules) -> str:
    """ "30 canzoni" -> "30 songs", "six chansons" -> "six songs"; a unit after a word that is no number stays."""
    number, unit = match.group(1), match.group(2)
    return f"{number} {rules.unit[fold(unit)]}" if is_number_word(fold(number)) else match.group(0)


def _number_unless_english(match: re.Match[str], rules: _Rules) -> str:
    typed = match.group(1)
    if _common_english(fold(typed)):
        return typed  # "once", "due", "tire" alone are English words
    return str(rules.number[fold(typed)])
