"""Negation cues and their scope. A cue ("no", "without", "anything but", "leave out", "keep … out", …) scopes
over the whole coordinated list or time expression that follows it: "edm without David Guetta, Martin Garrix or
Avicii" excludes all three, "nothing before 2017" allows 2017 onwards. What a cue scopes over never reaches the
search text."""

import re
from dataclasses import dataclass, field

from assistant.parsing.continuation import conditional_removals, continued_items, name_taken_back
from assistant.parsing.lists import FILLER_WORDS, FUNCTION_WORDS, Item, items_at
from assistant.parsing.negation_cues import (
    CLAUSE_RE,
    CUE_RE,
    IDIOMS,
    KEEP_OUT_RE,
    OUT_RE,
    POSTFIX_RE,
    SPANISH_CUES,
    TIME_FILLERS,
    VIBE_POSTFIX_RE,
)
from assistant.parsing.tokens import Span, Token, index_at
from assistant.parsing.vibe_lexicon import lexicon
from assistant.parsing.vibe_terms import term_at
from assistant.parsing.vocabulary import CatalogVocabulary
from assistant.parsing.year_sets import YearSet, complement, union
from assistant.parsing.years import time_at


@dataclass
class Negation:
    """What one cue rules out: artists, genre labels, soft qualities, or years (as the set still allowed)."""

    span: Span
    items: list[Item] = field(default_factory=list)
    years: YearSet | None = None
    named_at: list[Span] = field(default_factory=list)  # names it stands for, typed before it ("X ..., skip them")


@dataclass
class NegationReading:
    negations: list[Negation]
    unread: list[Span]  # cues whose scope could not be read: quoted back to the listener


def _clause_end(text: str, start: int) -> int:
    match = re.compile(r"[,.;:!?()\n]|\s(?:and|but|please)\b").search(text, start)
    return match.start() if match else len(text)


_TIME_JOIN_RE = re.compile(r"\s*(?:,\s*)?(?:or|and|nor|,)\s+(?:(?:anything|nothing|songs?|stuff|from)\s+)*", re.I)


def _times(text: str, start: int) -> tuple[YearSet, int] | None:
    """A time expression, or several joined ("before 2000 or after 2010"): (the years they name, end)."""
    when = time_at(text, start)
    if not when:
        return None
    years, end = when.years, when.span[1]
    while (join := _TIME_JOIN_RE.match(text, end)) and (more := time_at(text, join.end())):
        years, end = union(years, more.years), more.span[1]
    return years, end


# "not a single song by …", "not one track from …": the one thing ruled out is every one of them.
_ONE_SONG_RE = re.compile(r"\s*(?:even\s+)?(?:a|one)(?:\s+single)?\s+(?=(?:songs?|tracks?|note)\b)", re.I)


def _scope(
    text: str, tokens: list[Token], start_char: int, vocab: CatalogVocabulary, stop: int | None = None
) -> tuple[list[Item], YearSet | None, int] | None:
    """Items or years from start_char: (items, allowed years, end char). A clause between the cue and what it
    negates is skipped ("nothing that makes me want to dance", "NOT trying to cry")."""
    clause = CLAUSE_RE.match(text, start_char) or _ONE_SONG_RE.match(text, start_char)
    i = index_at(tokens, clause.end() if clause else start_char)
    stop = len(tokens) if stop is None else stop
    items = items_at(tokens, i, vocab, frozenset({"artist", "unknown", "genre", "soft", "symbol"}), stop)
    for j in _heads(tokens, i, stop):
        when = _times(text, tokens[j].start) if j < stop else None
        if when and not (items and items[0].kind == "artist" and tokens[items[0].end - 1].end > tokens[j].start):
            return [], complement(when[0]), when[1]  # "The 1975" is a band, "1975" a year
    if items:
        return items, None, tokens[items[-1].end - 1].end
    return None


def _heads(tokens: list[Token], i: int, stop: int) -> list[int]:
    """Token i and each position after a leading filler word ("nothing released before", "no songs from")."""
    heads = [i]
    while i < stop and tokens[i].folded in FILLER_WORDS | TIME_FILLERS:
        i += 1
        heads.append(i)
    return heads


def _postfix(text: str, tokens: list[Token], vocab: CatalogVocabulary, taken: list[Span]) -> list[Negation]:
    """Names, a genre or a time with the negation after them: 'AC/DC-free hard rock', 'Drake and Future are
    overplayed', 'trap music makes my ears bleed', 'the 2015 stuff is the worst'."""
    found: list[Negation] = []
    for i in range(len(tokens)):
        if _overlaps((tokens[i].start, tokens[i].end), taken + [n.span for n in found]):
            continue
        named_at = vocab.artist_at(tokens, i) or vocab.close_artist_at(tokens, i, len(tokens))
        artists = items_at(tokens, i, vocab, frozenset({"artist"})) if named_at else []
        genre = None if artists else vocab.genre_at(tokens, i)
        genres = [Item("genre", genre[0], i, genre[1])] if genre else []
        term = None if genres else term_at(tokens, i, lexicon())
        if term and artists and term.end <= artists[-1].end:
            term = None
        artists = [] if term else artists  # "crowd noise drives me up the wall": a sound, not the band Crowd
        when = None if artists or genres or term else _times(text, tokens[i].start)
        named = artists or genres or ([Item("soft", term, i, term.end)] if term else [])
        end = tokens[named[-1].end - 1].end if named else when[1] if when else None
        after = (
            (POSTFIX_RE.match(text, end) or (VIBE_POSTFIX_RE.match(text, end) if term else None))
            if end is not None
            else None
        )
        span = (tokens[i].start, after.end()) if after else None
        if span and not _overlaps(span, taken):
            found.append(Negation(span, named, complement(when[0]) if when else None))
    return found


_PRONOUN_RE = re.compile(
    r"\s*(?:(?P<one>(?P<person>(?:anything|everything|whatever|songs?|tracks?|stuff)\s+(?:that\s+)?(?:he|she)"
    r"(?:['’]s|\s+is|\s+was)\s+(?:on|in|featured\s+on|credited\s+on)|(?:his|her)\s+(?:stuff|songs|tracks|music|records))"
    r"|him|her|(?:that|it|this)(?=\s*(?:[,.;:!?)]|$|either|too|at\s+all|any\s*more|please|thanks|"
    r"in\s+(?:here|this)|on\s+(?:here|this|there)))|that\s+(?:guy|girl|band|artist|act|one|stuff|genre)"
    r"|this\s+(?:guy|girl|band|artist|stuff))"
    r"|them|theirs|em|['’]em|(?:neither|either|none|any)\s+of\s+(?:them|those|these)|either(?:\s+one)?|both(?:\s+of\s+them)?|neither\s+of\s+them|any\s+of\s+them"
    r"|those(?:\s+(?:two|three|guys|ones|artists|bands))?)(?![\w'’])",
    re.I,
)


_NOT_NAMES = FUNCTION_WORDS | FILLER_WORDS | {"like"}  # "treat them like a parking ticket": no artist Like


def _named_before(text: str, tokens: list[Token], vocab: CatalogVocabulary, start: int, end: int) -> list[Item]:
    """The artists and genres named between two character offsets, never a word of a cue or a filler word
    ("I not like the band …": not the artists Like or The Band)."""
    cues = [m.span() for m in CUE_RE.finditer(text, start, end)]
    named, i = [], index_at(tokens, start)
    while i < len(tokens) and tokens[i].end <= end:
        found = vocab.artist_at(tokens, i)
        genre = vocab.genre_at(tokens, i)
        if not found and not (genre and not tokens[i].capitalised):  # "new jack swing" is no New Jackson typo
            found = vocab.close_artist_at(tokens, i, len(tokens))
        words = {t.folded for t in tokens[i : found[1]]} if found else set()
        if (
            found
            and not tokens[i].capitalised
            and (words <= _NOT_NAMES or any(lo <= tokens[i].start < hi for lo, hi in cues))
        ):
            found = None  # "but not today": the word, not the artist Today
        if found:
            named.append(Item("artist", found[0], i, found[1]))
        elif genre:
            named.append(Item("genre", genre[0], i, genre[1]))
        hit = found or genre
        i = hit[1] if hit else i + 1
    return named


def _referred(text: str, tokens: list[Token], vocab: CatalogVocabulary, cue: re.Match[str]) -> Negation | None:
    """ "no kendrick, I don't want him at all", "Whitney, solo or duets, don't want either", "and new jack swing,
    don't want that either": a pronoun after a cue stands for the artists or genres named just before it (the last
    one for him/her/that), in this sentence or the one before (or, where those name none, the one before that)."""
    pronoun = _PRONOUN_RE.match(text, cue.end())
    if pronoun is None:
        return None
    sentences = [0] + [m.end() for m in re.finditer(r"[.!?;]\s", text[: cue.start()])]
    named = _named_before(text, tokens, vocab, sentences[max(0, len(sentences) - 2)], cue.start())
    if not named and len(sentences) >= 3:  # "… load it up with Maroon 5. Yeah, no. Keep them far away."
        named = _named_before(text, tokens, vocab, sentences[-3], sentences[-2])
    if not named:
        return None
    if re.match(
        r"\s*(?:him|her|them|either|both|neither|any|those|that\s+(?:guy|girl|band|artist|act)|this\s+(?:guy|"
        r"girl|band|artist))",
        pronoun.group(0),
        re.I,
    ) or pronoun.group("person"):
        named = [n for n in named if n.kind == "artist"]  # a person, not a genre
    elif re.match(r"\s*it\b", pronoun.group(0), re.I):  # "anything that has Future on it - skip it": its track
        named = [n for n in named if n.kind == "genre" or tokens[n.start].capitalised]  # "the featured guy": no Guy
    if not named:
        return None
    named = named[-1:] if pronoun.group("one") else named
    return Negation(
        (cue.start(), pronoun.end()), named, named_at=[(tokens[n.start].start, tokens[n.end - 1].end) for n in named]
    )


def _starts_vibe_phrase(tokens: list[Token], cue: re.Match[str]) -> bool:
    """The cue is the first word of a lexicon phrase ("no vocals", "without lyrics", "no drama"): the vibe model
    reads it whole."""
    i = index_at(tokens, cue.start())
    found = lexicon().at(tokens, i) if i < len(tokens) else None
    return found is not None and tokens[found[1] - 1].end > cue.end()


def _overlaps(span: Span, taken: list[Span]) -> bool:
    return any(lo < span[1] and span[0] < hi for lo, hi in taken)


def find_negations(text: str, tokens: list[Token], vocab: CatalogVocabulary, taken: list[Span]) -> NegationReading:
    """Every negation cue outside the taken spans, left to right, with what it scopes over."""
    negations: list[Negation] = []
    unread: list[Span] = []
    position = 0
    while True:
        cue = CUE_RE.search(text, position)
        keep = KEEP_OUT_RE.search(text, position)
        if keep and (cue is None or keep.start() < cue.start()):
            position = keep.end()
            scope = _scope(text, tokens, keep.end(), vocab)
            referred = None if scope else _referred(text, tokens, vocab, keep)
            if referred is not None:
                scope = (referred.items, None, referred.span[1])
            out = OUT_RE.match(text, scope[2]) if scope else None
            if out and scope and not _overlaps((keep.start(), out.end()), taken):
                negations.append(
                    Negation((keep.start(), out.end()), scope[0], scope[1], referred.named_at if referred else [])
                )
                position = out.end()
            continue
        if cue is None:
            break
        position = cue.end()
        if _overlaps(cue.span(), taken) or _starts_vibe_phrase(tokens, cue):
            continue
        scope = _scope(text, tokens, cue.end(), vocab)
        if scope and cue.group("action"):
            spanish = SPANISH_CUES.fullmatch(cue.group(0)) is not None  # "sin reggaeton", never "sin city vibes"
            known = [item for item in scope[0] if item.kind not in ({"unknown", "soft"} if spanish else {"unknown"})]
            scope = (
                (known, scope[1], tokens[known[-1].end - 1].end) if known else (scope if scope[1] is not None else None)
            )
        if scope:
            items, years, end = scope
            items, end = name_taken_back(text, tokens, vocab, items, end) or (items, end)
            negations.append(Negation((cue.start(), end), items, years))
            position = end
            continue
        referred = _referred(text, tokens, vocab, cue)
        if referred is not None:
            negations.append(referred)
            position = referred.span[1]
            continue
        following = text[cue.end() :].split()
        word = re.sub(r"\W", "", following[0].lower()) if following and following[0][:1].isalnum() else ""
        if (
            word
            and word not in IDIOMS
            and not cue.group("action")
            and not _overlaps((cue.start(), _clause_end(text, cue.end())), taken)
        ):
            unread.append((cue.start(), _clause_end(text, cue.end())))
    for items, span in conditional_removals(text, tokens, vocab):
        if not _overlaps(span, taken + [n.span for n in negations]):
            negations.append(Negation(span, items))
    negations += _postfix(text, tokens, vocab, taken + [n.span for n in negations])
    negations += _continued(text, tokens, vocab, negations, taken)
    return NegationReading(negations, unread)


def _continued(
    text: str, tokens: list[Token], vocab: CatalogVocabulary, negations: list[Negation], taken: list[Span]
) -> list[Negation]:
    """A sentence of names and repeating words after a negative one ("Fleetwood Mac too.", "same goes for the kid
    laroi"): it rules out those names as well."""
    found: list[Negation] = []
    ends = [
        m.start()
        for m in re.finditer(
            r"[.!?;]+(?:\s|$)|\s[—–-]+\s|,\s+(?=(?:same|ditto|and|also|plus|or|nor)\b)"
            r"|\s+(?=(?:and\s+)?so\s+(?:does|do|is|are|should|must)\b)",
            text,
        )
    ]
    bounds = list(zip([0] + [e + 1 for e in ends], ends + [len(text)]))
    for lo, hi in bounds:
        if not any(n.span[1] <= lo for n in negations + found) or _overlaps(
            (lo, hi), taken + [n.span for n in negations]
        ):
            continue
        inside = [t for t in tokens if lo <= t.start and t.end <= hi]
        items = continued_items(inside, vocab)
        if items and inside:
            found.append(Negation((inside[0].start, inside[-1].end), items))
    return found
