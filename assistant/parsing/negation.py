"""Negation cues and their scope. A cue ("no", "without", "anything but", "leave out", "keep … out", …) scopes
over the whole coordinated list or time expression that follows it: "edm without David Guetta, Martin Garrix or
Avicii" excludes all three, "nothing before 2017" allows 2017 onwards. What a cue scopes over never reaches the
search text."""

import re
from dataclasses import dataclass, field

from assistant.parsing.continuation import continued_items
from assistant.parsing.lists import FILLER_WORDS, Item, items_at
from assistant.parsing.vibe_terms import term_at
from assistant.parsing.tokens import Span, Token, index_at
from assistant.parsing.vibe_lexicon import lexicon
from assistant.parsing.vocabulary import CatalogVocabulary
from assistant.parsing.year_sets import YearSet, complement, union
from assistant.parsing.years import time_at

_CUES = [
    r"anything\s+(?:but|except(?:\s+for)?|other\s+than|besides|apart\s+from)", r"everything\s+(?:but|except(?:\s+for)?)",
    r"all\s+but", r"nothing\s+(?:by|from|of)", r"none\s+(?:by|from|of)", r"not\s+any", r"no\s+more",
    r"no(?:\s+songs?|\s+tracks?|\s+music)?\s+(?:by|from)", r"no", r"nothing", r"none", r"not", r"without(?:\s+any)?", r"w/o",
    r"sans", r"except(?:\s+for)?", r"excluding", r"exclude", r"but\s+not", r"but\s+no", r"minus", r"leave\s+out",
    r"leave\s+off", r"avoid(?:\s+any)?", r"(?:do\s+not|don['’]?t|dont)\s+(?:play|include|add|want|need|give\s+me|put\s+in)(?:\s+any)?",
    r"not\s+(?:(?:a\s+)?(?:big\s+|huge\s+)?fan\s+of|into|feeling|keen\s+on)", r"not\s+in\s+the\s+mood\s+for",
    r"(?:i['’]?m\s+)?not\s+(?:really\s+)?up\s+for", r"no\s+mood\s+for", r"(?:do\s+not|don['’]?t|dont)\s+make\s+it", r"other\s+than", r"neither", r"nor", r"no\s+need\s+for",
    r"hold\s+off\s+on", r"lay\s+off(?:\s+of)?", r"pass\s+on", r"zero", r"no\s+(?:songs?|tracks?|music)\s+with",
    r"nothing\s+(?:with|featuring)", r"none\s+with", r"not\s+even", r"forget(?:\s+about)?",
    r"any(?:one|body)\s+(?:but|except(?:\s+for)?|other\s+than|besides)", r"omit(?:ting)?",
    r"(?:i['’]?d|i\s+would|we['’]?d)\s+rather\s+(?:not|skip|avoid)(?:\s+(?:hear|have|get|play)(?:ing)?)?",
    r"(?:(?:exclude|ban|block|skip|avoid|omit|remove|leave\s+out)\s+)?(?:the\s+)?following(?:\s+(?:artists?|bands?|"
    r"people|names|acts))?\s*:", r"(?:ban(?:ned)?|black|block|no[\s-]+go|do[\s-]+not[\s-]+play|skip)\s*[\s-]?list"
    r"(?:\s+(?:for|at|of)\s+[^:.;]{1,40})?\s*:",
    r"(?:steer|stay|keep)\s+(?:well\s+)?(?:clear\s+of|away\s+from)", r"(?:i['’]?m\s+)?allergic\s+to",
]
# Verbs that negate only when a name or time follows ("drop Coldplay"), never quoted back ("lose yourself").
_ACTION_CUES = [
    r"skip", r"ban", r"drop", r"remove", r"cut", r"lose", r"ditch", r"get\s+rid\s+of", r"take\s+out", r"delete",
    r"(?:i\s+)?hate", r"(?:(?:absolutely|really|totally|just|seriously|genuinely|truly|so)\s+)?(?:hates|hated|despises?"
    r"|despised|loathes?|loathed|detests?|detested|can['’]?t\s+stand|cannot\s+stand|could\s+not\s+stand)",
    r"(?:i\s+)?can['’]?t\s+stand", r"(?:i\s+)?can['’]?t\s+(?:handle|deal\s+with|take|do)", r"(?:i['’]?m\s+)?(?:sick|tired)\s+of", r"spare\s+me", r"hold\s+the",
    r"(?:ban(?:ned)?|black|block|no[\s-]+go|do[\s-]+not[\s-]+play|skip)\s*[\s-]?list(?:\s+(?:for|at|of)\s+[^:.;]{1,40})?\s*:",
    r"(?:has|have|had)\s+vetoed", r"vetoed", r"veto", r"sin", r"nada\s+de", r"no\s+quiero", r"ni", r"throw\s+out", r"kick\s+out", r"filter\s+out", r"weed\s+out", r"strip\s+out", r"leave\s+(?:out|off)",
    r"(?:i['’]?ve\s+|i\s+have\s+)?(?:heard|had)\s+enough(?:\s+of)?", r"spare\s+(?:me|us|my\s+ears)(?:\s+from)?",
    r"if\s+(?:i|we|you)\s+(?:hear|get|play|see)(?:\s+(?:one\s+more|another|any|a\s+single|even\s+one))?", r"(?:i['’]?m\s+|i\s+am\s+)?so\s+over", r"rule\s+out", r"cross\s+off", r"take\s+off", r"cut\s+out", r"swap\s+out",
    r"replace", r"scrap", r"toss", r"nix", r"bin", r"kill", r"stop\s+(?:adding|playing|including|giving\s+me)",
    r"enough(?:\s+(?:of|with))?", r"(?:i\s+)?(?:do\s+not|don['’]?t|dont)\s+(?:like|love|care\s+for)",
    r"quit\s+(?:adding|playing)", r"no\s+longer\s+(?:want|need)", r"(?:do\s+not|don['’]?t|dont|never)(?!\s+(?:play|include|add|want|need|give|put|make|like|love|care))",
    r"rather\s+than", r"instead\s+of", r"won['’]?t", r"will\s+not", r"wouldn['’]?t", r"doesn['’]?t", r"does\s+not",
    r"shouldn['’]?t", r"isn['’]?t", r"aren['’]?t",
    r"(?:i['’]?m|i\s+am)\s+(?:(?:so|totally|kinda)\s+)?(?:over|done\s+with|bored\s+(?:of|with))",
    r"(?:do\s+not|don['’]?t|dont|never)\s+put",
]


_SPANISH_CUES = re.compile(r"sin|nada\s+de|no\s+quiero|ni", re.I)


def _alternatives(patterns: list[str]) -> str:
    """Longest cue first, so "not a fan of" is read before "not"."""
    return "|".join(sorted(patterns, key=lambda p: -len(re.sub(r"\\s[+*]|\(\?:|[()?|\\]", "", p))))


CUE_RE = re.compile(rf"(?<![\w'’])(?:(?P<action>{_alternatives(_ACTION_CUES)})|{_alternatives(_CUES)})(?![\w'’])", re.I)
# "keep Drake out", "leave Queen and Led Zeppelin out of it", "take Queen off".
_KEEP_OUT_RE = re.compile(r"(?<![\w'’])(?:keep|leave|take|throw|kick|rule|cross|knock|toss|strike|count)\s+", re.I)
_OUT_RE = re.compile(r"\s*(?:(?:far|very|well|way)\s+)*(?:out|off|to\s+(?:yourself|urself|themselves)|away(?:\s+from\s+(?:me|us|here|it|this(?:\s+(?:one|playlist|list|mix))?))?)\b(?:\s+(?:of\s+(?:it|this|here|there|the\s+\w+)|the\s+(?:list|playlist|mix)))?", re.I)
# After a name or a time: "AC/DC-free rock", "Drake is getting old", "the 2015 stuff is the worst".
_ON_IT = (r"(?:\s+(?:on\s+(?:it|them|a\s+(?:feature|track|song))|in\s+the\s+credits|(?:shows?|turns?)\s+up\s+on"
          r"|(?:is|are)\s+(?:credited|featured)\s+on|appears?\s+on|(?:duets|features|collabs)(?:\s+or\s+solo)?"
          r"|(?:songs|tracks|stuff)))?")
_OUT_PREDICATE = (
    rf"{_ON_IT}(?:(?:\s+[^\W\d]+[\w'’]*){{0,8}}?\s*[:,–—-]\s*|\s+(?:(?:is|are|r|['’]s|['’]re)\s+)?(?:(?:both|all|also|too|totally|completely|"
    r"strictly|definitely|absolutely)\s+)*)"
    r"(?:out|gone|banned|off[\s-]limits|off\s+the\s+(?:table|list)|a\s+(?:hard\s+|big\s+)?(?:no|pass|no-go)|no-go"
    r"|not\s+(?:allowed|welcome|invited|wanted|needed|an\s+option)|dead\s+to\s+me|cancel+ed|excluded|forbidden"
    r"|(?:gotta|got\s+to|has\s+to|have\s+to|must|needs?\s+to|should|can)\s+(?:go|sit\s+(?:this|that)(?:\s+one)?\s+out"
    r"|stay\s+(?:home|away|out)|take\s+a\s+(?:break|seat|hike)|be\s+(?:skipped|left\s+out|excluded)))(?![\w'’])"
    r"|\s*[?:]\s*(?:(?:also|absolutely|definitely|hell|oh|god|a|hard|big|just|please|thanks|thank\s+you)[\s,]+)*"
    r"(?:no|not|nope|nah|pass|never|no\s+way|no\s+thanks|out|gone)(?![\w'’])")
_POSTFIX_RE = re.compile(
    rf"{_OUT_PREDICATE}|\s*-?\s*free\b|(?:\s+(?:stuff|songs|tracks|ones|music|era))?\s*(?:\s(?:is|are|was|were|gets?|feels?)|['’]s)\s+"
    r"(?:(?:so|too|really|kinda|kind\s+of|a\s+bit|getting|way|pretty|just|the|totally|honestly)\s+)*"
    r"(?:worst|terrible|awful|overplayed|overrated|boring|annoying|cringe|cringey|stale|played\s+out|dated|old"
    r"|not\s+(?:for\s+me|my\s+thing|my\s+vibe|my\s+taste|it|good))\b"
    r"|(?:\s+(?:stuff|songs|tracks|ones|music))?\s+(?:(?:really|just|honestly|always|literally|seriously)\s+)?"
    r"(?:(?:makes?|made)\s+(?:me|us|my\s+ears|our\s+ears)\s+(?:bleed|cringe|sick|(?:want\s+to\s+)?(?:scream|puke|leave))"
    r"|(?:gives?|gave)\s+(?:me|us)\s+(?:a\s+)?(?:headaches?|migraines?|the\s+ick)"
    r"|(?:drives?|drove)\s+(?:me|us)\s+(?:crazy|nuts|insane|mad|up\s+the\s+wall))\b", re.I)
# After a vibe word: "vocals really distract me", "sad songs get on my nerves".
_VIBE_POSTFIX_RE = re.compile(
    r"\s+(?:(?:really|just|kinda|always|totally|honestly)\s+)?(?:distract(?:s|ing)?|bother(?:s|ing)?|annoy(?:s|ing)?"
    r"|irritate(?:s)?|get(?:s)?\s+on\s+my\s+nerves|(?:is|are)\s+(?:too\s+much|distracting|not\s+(?:for\s+me|my\s+thing)))"
    r"(?:\s+me)?\b", re.I)
# Words after "no"/"not" that start a phrase, not a constraint ("no matter what", "not sure").
_IDIOMS = frozenset({"matter", "sure", "idea", "problem", "pressure", "doubt", "clue", "way", "worries", "rush", "need",
                     "longer", "shorter", "more", "less", "too", "only", "just", "one", "but", "big", "end"})


_CLAUSE_RE = re.compile(
    r"\s*(?:(?:that|which|what)\s+)?(?:(?:would|will|might|could|can)\s+)?(?:makes?|gets?|puts?|sends?)\s+"
    r"(?:me|us|you|people|everyone)\s+(?:want\s+to\s+|wanna\s+|feel\s+|go\s+)?"
    r"|\s*(?:trying|going|looking|wanting|about|here)\s+to\s+|\s*(?:gonna|wanna)\s+"
    r"|\s*(?:that|which)\s*(?:['’]ll|will|would|might|could|can)\s+(?:(?:make|get|stress|wind|bring)\s+)?"
    r"|\s*(?:that['’]?s|that\s+is|that\s+(?:sounds?|feels?))\s+(?:too\s+|very\s+|so\s+|overly\s+)?"
    r"|\s*(?:to\s+)?(?:hear|listen\s+to|see|get)(?:\s+(?:a\s+single|any|one|even\s+one|a)\s+"
    r"(?:note|song|track|second|minute|bar|verse)\s+(?:of|from|by))?\s+"
    r"|\s*(?:actually|literally|even|really|ever|anything\s+(?:that\s+)?(?:has|have|with))\s+", re.I)
_TIME_FILLERS = frozenset({"released", "recorded", "made", "out", "came", "come", "coming", "stuff", "is", "are", "was",
                           "were", "which", "thats", "ones", "dating", "dated", "anything", "everything", "songs"})


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


def _scope(text: str, tokens: list[Token], start_char: int, vocab: CatalogVocabulary,
           stop: int | None = None) -> tuple[list[Item], YearSet | None, int] | None:
    """Items or years from start_char: (items, allowed years, end char). A clause between the cue and what it
    negates is skipped ("nothing that makes me want to dance", "NOT trying to cry")."""
    clause = _CLAUSE_RE.match(text, start_char)
    i = index_at(tokens, clause.end() if clause else start_char)
    stop = len(tokens) if stop is None else stop
    items = items_at(tokens, i, vocab, frozenset({"artist", "unknown", "genre", "soft"}), stop)
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
    while i < stop and tokens[i].folded in FILLER_WORDS | _TIME_FILLERS:
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
        term = None if artists or genres else term_at(tokens, i, lexicon())
        when = None if artists or genres or term else _times(text, tokens[i].start)
        named = artists or genres or ([Item("soft", term, i, term.end)] if term else [])
        end = tokens[named[-1].end - 1].end if named else when[1] if when else None
        after = (_POSTFIX_RE.match(text, end) or (_VIBE_POSTFIX_RE.match(text, end) if term else None)) \
            if end is not None else None
        span = (tokens[i].start, after.end()) if after else None
        if span and not _overlaps(span, taken):
            found.append(Negation(span, named, complement(when[0]) if when else None))
    return found


_PRONOUN_RE = re.compile(
    r"\s*(?:(?P<one>him|her|(?:that|it|this)(?=\s*(?:[,.;:!?)]|$|either|too|at\s+all|any\s*more|please|thanks|"
    r"in\s+(?:here|this)|on\s+(?:here|this|there)))|that\s+(?:guy|girl|band|artist|act|one|stuff|genre)"
    r"|this\s+(?:guy|girl|band|artist|stuff))"
    r"|them|em|['’]em|(?:neither|either|none|any)\s+of\s+(?:them|those|these)|either(?:\s+one)?|both(?:\s+of\s+them)?|neither\s+of\s+them|any\s+of\s+them"
    r"|those(?:\s+(?:two|three|guys|ones|artists|bands))?)(?![\w'’])", re.I)


def _referred(text: str, tokens: list[Token], vocab: CatalogVocabulary, cue: re.Match[str]) -> Negation | None:
    """"no kendrick, I don't want him at all", "Whitney, solo or duets, don't want either", "and new jack swing,
    don't want that either": a pronoun after a cue stands for the artists or genres named just before it (the last
    one for him/her/that), in this sentence or the one before."""
    pronoun = _PRONOUN_RE.match(text, cue.end())
    if pronoun is None:
        return None
    sentences = [m.end() for m in re.finditer(r"[.!?;]\s", text[:cue.start()])]
    start = sentences[-2] if len(sentences) >= 2 else 0
    named, i = [], index_at(tokens, start)
    while i < len(tokens) and tokens[i].end <= cue.start():
        found = vocab.artist_at(tokens, i) or vocab.close_artist_at(tokens, i, len(tokens))
        genre = None if found else vocab.genre_at(tokens, i)
        if found:
            named.append(Item("artist", found[0], i, found[1]))
        elif genre:
            named.append(Item("genre", genre[0], i, genre[1]))
        hit = found or genre
        i = hit[1] if hit else i + 1
    if not named:
        return None
    if re.match(r"\s*(?:him|her|them|either|both|neither|any|those|that\s+(?:guy|girl|band|artist|act)|this\s+(?:guy|"
                r"girl|band|artist))", pronoun.group(0), re.I):
        named = [n for n in named if n.kind == "artist"]  # a person, not a genre
    if not named:
        return None
    named = named[-1:] if pronoun.group("one") else named
    return Negation((cue.start(), pronoun.end()), named,
                    named_at=[(tokens[n.start].start, tokens[n.end - 1].end) for n in named])


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
        keep = _KEEP_OUT_RE.search(text, position)
        if keep and (cue is None or keep.start() < cue.start()):
            position = keep.end()
            scope = _scope(text, tokens, keep.end(), vocab)
            referred = None if scope else _referred(text, tokens, vocab, keep)
            if referred is not None:
                scope = (referred.items, None, referred.span[1])
            out = _OUT_RE.match(text, scope[2]) if scope else None
            if out and scope and not _overlaps((keep.start(), out.end()), taken):
                negations.append(Negation((keep.start(), out.end()), scope[0], scope[1],
                                          referred.named_at if referred else []))
                position = out.end()
            continue
        if cue is None:
            break
        position = cue.end()
        if _overlaps(cue.span(), taken) or _starts_vibe_phrase(tokens, cue):
            continue
        scope = _scope(text, tokens, cue.end(), vocab)
        if scope and cue.group("action"):
            spanish = _SPANISH_CUES.fullmatch(cue.group(0)) is not None  # "sin reggaeton", never "sin city vibes"
            known = [item for item in scope[0] if item.kind not in ({"unknown", "soft"} if spanish else {"unknown"})]
            scope = (known, scope[1], tokens[known[-1].end - 1].end) if known else (
                scope if scope[1] is not None else None)
        if scope:
            items, years, end = scope
            negations.append(Negation((cue.start(), end), items, years))
            position = end
            continue
        referred = _referred(text, tokens, vocab, cue)
        if referred is not None:
            negations.append(referred)
            position = referred.span[1]
            continue
        following = text[cue.end():].split()
        word = re.sub(r"\W", "", following[0].lower()) if following and following[0][:1].isalnum() else ""
        if word and word not in _IDIOMS and not cue.group("action") and \
                not _overlaps((cue.start(), _clause_end(text, cue.end())), taken):
            unread.append((cue.start(), _clause_end(text, cue.end())))
    negations += _postfix(text, tokens, vocab, taken + [n.span for n in negations])
    negations += _continued(text, tokens, vocab, negations, taken)
    return NegationReading(negations, unread)


def _continued(text: str, tokens: list[Token], vocab: CatalogVocabulary, negations: list[Negation],
               taken: list[Span]) -> list[Negation]:
    """A sentence of names and repeating words after a negative one ("Fleetwood Mac too.", "same goes for the kid
    laroi"): it rules out those names as well."""
    found: list[Negation] = []
    ends = [m.start() for m in re.finditer(r"[.!?;]+(?:\s|$)|,\s+(?=(?:same|ditto|and|also|plus|or|nor)\b)"
                                           r"|\s+(?=(?:and\s+)?so\s+(?:does|do|is|are|should|must)\b)", text)]
    bounds = list(zip([0] + [e + 1 for e in ends], ends + [len(text)]))
    for lo, hi in bounds:
        if not any(n.span[1] <= lo for n in negations + found) or _overlaps((lo, hi), taken + [n.span for n in negations]):
            continue
        inside = [t for t in tokens if lo <= t.start and t.end <= hi]
        items = continued_items(inside, vocab)
        if items and inside:
            found.append(Negation((inside[0].start, inside[-1].end), items))
    return found
