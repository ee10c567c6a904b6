"""What the catalog knows by name: artists, songs and genre labels, so the rule parser can tell
'no Queen' (an artist) from 'no ballads' (a mood)."""

import re
from collections import Counter
from collections.abc import Sequence

from assistant.parsing.artist_aliases import better_known_owner, name_forms, nicknames
from assistant.parsing.genre_words import GENRE_SYNONYMS, a_thing_not_a_genre
from assistant.parsing.numbers import ORDINALS, is_number_word, number_value
from assistant.parsing.phrase_trie import PhraseTrie
from assistant.parsing.symbols import symbol_names
from assistant.parsing.tokens import Token
from assistant.parsing.typos import (
    MIN_FUZZY_CHARS,
    CloseNames,
    in_name_place,
    keys_starting,
    plain_word,
    shortened_owners,
    yielding,
)
from index.catalog import Track
from index.text import artist_key, base_title, fold, is_english_word, is_language_word, is_proper_name

# A one-word artist whose name is in this many song titles is also an ordinary word ("Live", "Heart",
# "Future"): typed in lower case it is read as a name only where nothing else can be meant.
WORDLIKE_TITLES = 3
MAX_TITLE_WORDS = 10
# A name's short form of two characters ("1d") stands for it only where the catalog has this many of its tracks.
KNOWN_TRACKS = 5


# What a number reader takes for a quantity or an ordinal ("2h", "90min", "5x", "3rd"): never an initialism.
_QUANTITY_RE = re.compile(r"\d+(?:h|hr|hrs|m|min|mins|s|k|x|st|nd|rd|th|am|pm|bpm)")


def initialism(words: Sequence[str]) -> str | None:
    """A folded name of several words holding a number, as its initials with the number in digits: "5 seconds of
    summer" -> "5sos", "one direction" -> "1d", "thirty seconds to mars" -> "30stm", "3 doors down" -> "3dd";
    None for a name without a number, of one word past "the", or whose short form reads as a quantity. With a
    digit in it, the short form is no ordinary word."""
    words = list(words[1:] if words[:1] == ["the"] else words)
    parts: list[str] = []
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and words[j].isalpha() and is_number_word(words[j]) and words[j] not in ORDINALS:
            j += 1  # a run of number words: "twenty one"
        value = number_value(" ".join(words[i:j])) if j > i else None
        if value is not None:
            parts.append(str(int(value)))
            i = j
        elif words[i].isdigit() or words[i] in ORDINALS:
            parts.append(words[i] if words[i].isdigit() else str(ORDINALS[words[i]]))
            i += 1
        else:
            parts.append(words[i][0])
            i += 1
    short = "".join(parts)
    has_digit, has_letter = any(c.isdigit() for c in short), any(c.isalpha() for c in short)
    if len(words) < 2 or not (has_digit and has_letter) or _QUANTITY_RE.fullmatch(short):
        return None
    return short


_TIME_TOKEN = re.compile(r"(?:19|20)?\d0s|(?:19|20)\d\d")


class CatalogVocabulary:
    """Names in the catalog, folded for matching; built once per index."""

    def __init__(self, tracks: Sequence[Track]):
        self.artists: dict[str, str] = {}
        self.songs: dict[str, list[Track]] = {}
        self.by_artist: dict[str, list[Track]] = {}
        labels: set[str] = set()
        for track in tracks:
            self.artists.setdefault(artist_key(track.artist), track.artist)
            self.songs.setdefault(base_title(track.title), []).append(track)
            self.by_artist.setdefault(artist_key(track.artist), []).append(track)
            for name in track.credits:  # "no 50 Cent" finds him where he is only a guest or a co-credit
                self.artists.setdefault(artist_key(name), name)
                self.by_artist.setdefault(artist_key(name), []).append(track)
            labels.update(track.all_genres)
        self.labels = labels
        self.label_words = {word for label in labels for word in fold(label).split()}
        self._artist_keys = list(self.artists)
        self._sorted_keys = sorted(self._artist_keys)
        self.genre_phrases = self._genre_phrases(labels)
        title_words = Counter(word for title in self.songs for word in set(title.split()))
        self._artist_trie: PhraseTrie[str] = PhraseTrie()
        for key, name in self.artists.items():
            self._artist_trie.add(key, name)
            if key.startswith("the ") and key[4:] not in self.artists and not self._ordinary(key[4:], title_words):
                self._artist_trie.add(key[4:], name)
        self.aliases = self._aliases(title_words)
        symbols = symbol_names(self.artists, lambda words: all(plain_word(w) for w in words.split()))
        self.twins = symbols.twins
        for nickname, name in nicknames(
            self.artists, lambda word: is_english_word(word) and self._ordinary(word, title_words)
        ):
            if nickname in self.artists:  # "Tupac", credited on one track, is 2Pac too
                self.twins.setdefault(nickname, []).append(name)
            self.aliases.setdefault(nickname, name)
        self.aliases |= {alias: name for alias, name in symbols.aliases.items() if alias not in self.aliases}
        self._symbol_words: PhraseTrie[str] = PhraseTrie()
        for word, name in symbols.words.items():
            self._symbol_words.add(word, name)
        self._fuzzy_keys = self._artist_keys + list(self.aliases)
        self._close = CloseNames(self._fuzzy_keys, self._artist_keys, self._tracks_of)
        for alias, name in self.aliases.items():
            self._artist_trie.add(alias, name)
        self._genre_trie: PhraseTrie[tuple[str, ...]] = PhraseTrie()
        for phrase, targets in self.genre_phrases.items():
            self._genre_trie.add(phrase, targets)
        self.wordlike = {key for key in self.artists if " " not in key and title_words[key] >= WORDLIKE_TITLES}
        self._title_words = title_words

    def is_ordinary(self, word: str) -> bool:
        """A folded word of ordinary text (a stopword, or in several titles), not only of some name."""
        return self._ordinary(word, self._title_words)

    def _aliases(self, title_words: Counter[str]) -> dict[str, str]:
        """Names as people type them: the forms of artist_aliases, a name with a number by its initials and the
        number ("5sos", "1d", "30stm"), and a person by the one word of their name no other artist has ("bieber",
        "whitney", "jeezy") when that word is not an ordinary one."""
        aliases: dict[str, str] = {}
        owners: dict[str, set[str]] = {}
        initialisms: dict[str, set[str]] = {}
        for key, name in self.artists.items():
            words = key.split()
            forms = name_forms(key, name)
            for form in forms:
                if not self._ordinary(form, title_words) and not (" " not in form and is_english_word(form)):
                    aliases.setdefault(form, name)  # "H.E.R." is never "her", a-ha never "aha"
            short = initialism(words)
            if short and short not in self.artists and (len(short) > 2 or len(self.by_artist[key]) >= KNOWN_TRACKS):
                initialisms.setdefault(short, set()).add(key)  # "1d" is One Direction's; "3g" stays 3G
            if len(words) == 2:
                for word in words:
                    owners.setdefault(word, set()).add(key)
        for short, keys in initialisms.items():  # one artist's only: two bands typed "3dd" are neither
            if len(keys) == 1:
                aliases.setdefault(short, self.artists[next(iter(keys))])
        singles = {
            word: next(iter(keys))
            for word, keys in owners.items()
            if len(keys) == 1
            and len(word) >= MIN_FUZZY_CHARS
            and not self._ordinary(word, title_words)
            and word not in self.label_words
            and (not is_english_word(word) or self._first_name(word, next(iter(keys)), title_words))
        }
        typos = yielding(singles, {key: len(self.by_artist[key]) for key in singles.values()}, KNOWN_TRACKS)
        for word, key in singles.items():
            if word not in typos:
                aliases.setdefault(word, self.artists[key])
        return {alias: name for alias, name in aliases.items() if alias not in self.artists}

    def _first_name(self, word: str, key: str, title_words: Counter[str]) -> bool:
        """ "ariana": the first name of a well-known artist that no title holds, a dictionary having it as a name."""
        first = key.split()[0] == word and not title_words[word] and is_proper_name(word)
        return first and len(self.by_artist[key]) >= KNOWN_TRACKS

    @staticmethod
    def _ordinary(word: str, title_words: Counter[str]) -> bool:
        """A word too common to stand for "The <word>" ("The The", "The Heavy", "The Who" are typed with "the")."""
        from bm25s.stopwords import STOPWORDS_EN

        return " " not in word and (word in STOPWORDS_EN or title_words[word] >= WORDLIKE_TITLES)

    @staticmethod
    def _genre_phrases(labels: set[str]) -> dict[str, tuple[str, ...]]:
        """Folded phrase -> labels, longest phrase first so 'latin hip hop' wins over 'hip hop'."""
        phrases: dict[str, tuple[str, ...]] = {fold(label): (label,) for label in labels}
        for phrase, targets in GENRE_SYNONYMS.items():
            known = tuple(t for t in targets if t in labels)
            if known:
                phrases[fold(phrase)] = tuple(dict.fromkeys(phrases.get(fold(phrase), ()) + known))
        return dict(sorted(phrases.items(), key=lambda item: -len(item[0])))

    def find_artist(self, name: str) -> str | None:
        """The catalog's spelling of an artist, allowing for case, accents, punctuation and a leading 'the'."""
        key = artist_key(name)
        if not key:
            return None
        bare = key.removeprefix("the ")
        the_forms = [] if self._ordinary(bare, Counter()) else [bare, f"the {bare}"]  # "the" alone is not The The
        for candidate in dict.fromkeys([key, *the_forms]):
            if candidate in self.artists:
                return self.artists[candidate]
            if candidate in self.aliases:
                return self.aliases[candidate]
        close = self._close.find(key, name[:1].isupper())  # "metalica", or by its sound: "leonard skinnerd"
        return self._named(close) if close else None

    def _tracks_of(self, key: str) -> int:
        return len(self.by_artist.get(artist_key(self._named(key)), ()))

    def _named(self, key: str) -> str:
        return self.artists[key] if key in self.artists else self.aliases[key]

    def find_song(self, title: str, artist: str | None = None) -> Track | None:
        """The most popular catalog track with this title (by this artist when one is named)."""
        matches = self.songs.get(base_title(title), [])
        if artist:
            wanted = artist_key(artist)
            matches = [t for t in matches if wanted in t.credit_keys]
        return max(matches, key=lambda t: t.popularity or 0, default=None)

    def artist_at(self, tokens: Sequence[Token], start: int) -> tuple[str, int] | None:
        """The longest catalog artist named from token `start`: (catalog spelling, index after it)."""
        found = self._artist_trie.longest_at(tokens, start)
        if not found:
            return None
        name, end = str(found[0]), found[1]
        nxt = tokens[end] if end < len(tokens) else None
        if nxt is not None and nxt.folded and not nxt.boundary and len(nxt.folded) >= MIN_FUZZY_CHARS:
            typed = " ".join(t.folded for t in tokens[start : end + 1])
            if typed not in self.artists and self.find_artist(typed) == name:
                return name, end + 1  # "ariana grand": the one-word alias and a typo of the rest, one name
        return name, end

    def symbol_name_at(self, tokens: Sequence[Token], start: int) -> tuple[str, int] | None:
        """A name written with symbols, typed as the ordinary words it reads as ("pink": P!nk)."""
        found = self._symbol_words.longest_at(tokens, start)
        return (str(found[0]), found[1]) if found else None

    def same_artist(self, name: str) -> list[str]:
        """The artist's other spellings in the catalog ("Kesha" for "Ke$ha")."""
        return self.twins.get(artist_key(name), [])

    def better_known(self, name: str) -> str | None:
        """Another artist a one-word name may mean ("Travis" for Travis Scott), see artist_aliases."""
        key = artist_key(name)
        owner = better_known_owner(key, keys_starting(f"{key} ", self._sorted_keys), self._tracks_of)
        return self.artists[owner] if owner else None

    def close_artist_at(self, tokens: Sequence[Token], start: int, stop: int) -> tuple[str, int] | None:
        """A catalog artist typed with a small typo from token `start` (the longest run of up to four words that
        is close enough, see typos.py): (catalog spelling, index after it)."""
        named = in_name_place(tokens, start)
        for end in range(min(stop, start + 4), start, -1):
            run = tokens[start:end]
            if any(t.boundary or not t.folded or _TIME_TOKEN.fullmatch(t.folded) for t in run):
                continue  # a decade or a year is no typo: "the 90s" is not The C90s
            typed = " ".join(t.folded for t in run)
            if typed in self.artists:
                continue
            plain = not named and all(
                plain_word(w) or self.is_ordinary(w) or is_language_word(w) for w in typed.split()
            )  # a word, not a typo of a name: "pasta" is no Basta, "salir" no Salif Keita
            found = (None if plain else self.find_artist(typed)) or self._shortened(typed)
            if found is None and plain and end - start >= 2:  # "billy eyelash": words, said like a name
                found = self._named(sound) if (sound := self._close.sounding(artist_key(typed))) else None
            if found is None and named and tokens[start - 1].folded == "the":
                found = self.find_artist(f"the {typed}")  # "by the weekend": The Weeknd
            if found:
                return found, end
        return None

    def _shortened(self, typed: str) -> str | None:
        """ "def lep": every word of one artist's name, the last one cut short (three letters at least); only where
        one artist's name starts so."""
        words = typed.split()
        owners = shortened_owners(typed, self._sorted_keys) if len(words) >= 2 and len(words[-1]) >= 3 else []
        return self.artists[owners[0]] if len(owners) == 1 else None

    def genre_at(self, tokens: Sequence[Token], start: int) -> tuple[tuple[str, ...], int] | None:
        """The longest genre phrase (label or synonym) from token `start`: (labels, index after it)."""
        found = self._genre_trie.longest_at(tokens, start)
        return (tuple(found[0]), found[1]) if found and not a_thing_not_a_genre(tokens, start, found[1]) else None

    def song_at(self, tokens: Sequence[Token], start: int) -> tuple[str, int] | None:
        """The longest song title from token `start`: (its base title, index after it)."""
        words: list[str] = []
        best = None
        for i in range(start, min(len(tokens), start + MAX_TITLE_WORDS * 2)):
            if tokens[i].boundary and not (tokens[i].raw == "." and words):
                break
            if not tokens[i].folded:
                continue
            words.append(tokens[i].folded)
            if " ".join(words) in self.songs:
                best = (" ".join(words), i + 1)
        return best

    def is_wordlike(self, artist: str) -> bool:
        return artist_key(artist) in self.wordlike

    def tracks_by(self, artist: str) -> list[Track]:
        return self.by_artist.get(artist_key(artist), [])
