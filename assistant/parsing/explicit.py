"""The clean filter: "no explicit lyrics", "nothing with swear words in it", "explicit tracks are a no", "family
friendly", "radio edits" ask for clean tracks; "explicit is fine", "uncensored" allow them; cleaning a home ("a
deep clean of the flat", "clean the kitchen") is no filter. The span read leaves the search text, less a counted
track noun ("10 clean songs")."""

import re

from assistant.parsing.negation_cues import OUT_PREDICATE
from assistant.parsing.numbers import counted_before
from assistant.parsing.tokens import Span

# What a clean filter rules out, and the nouns it may come with ("explicit content", "swear words").
_UNCLEAN = (
    r"(?:explicit|dirty|nsfw|swearing|swear\s+words|swears|cursing|cuss(?:ing|\s+words)|curse\s+words|profanity"
    r"|profanities|bad\s+(?:words|language)|foul\s+language|strong\s+language|obscenities|parental[\s-]+advisory"
    r"(?:\s+(?:stickers?|labels?|warnings?))?|bleep(?:ed|ing|s)?|effing(?:\s+and\s+blinding)?|f[\s-]?bombs?"
    r"|four[\s-]letter\s+words|potty[\s-]mouth(?:ed)?|naughty\s+words|vulgar(?:ity)?|obscene|(?:rude|crude)"
    r"(?:\s+(?:words|lyrics|bits|language|stuff))?)"
    r"(?:\s+(?:lyrics|songs|content|tracks|versions|stuff|words|language|ones))?"
)
# Up to five words of the same clause between a negation and what it rules out ("nothing with swear words",
# "none of them contain explicit content"); never past a word that turns it round ("no problem with explicit").
_GAP = (
    r"(?:[ \t]+(?!(?:but|except|only|just|and|or|if|care|cares|mind|minds|matter|matters|problem|issue|worried"
    r"|bothered|fussed|sure|fine|ok|okay)\b)[\w'’]+){0,5}?"
)
_CLEAN_RE = re.compile(
    rf"\b(?:no|without|nothing|none|zero|not|non|never|skip|avoid|exclude|ban)\b{_GAP}[\s-]+(?:any\s+)?{_UNCLEAN}"
    rf"|\b{_UNCLEAN}(?:{OUT_PREDICATE})"  # "explicit tracks are a no", "swearing is off limits"
    r"|(?<!deep\s)(?<!spring\s)(?<!big\s)(?<!house\s)(?<!quick\s)(?<!full\s)(?<!weekly\s)(?<!\sgood\s)"
    r"\bclean(?:\s+(?:versions?|lyrics|only|songs|tracks|edits?))?\b"
    r"(?!\s+(?:the|my|our|up|out|of|a|this|that|your|his|her|their|house|flat|room|kitchen|bathroom|car)\b)|\b(?:family|kid|kids|child|children)[\s-]+(?:friendly|safe)"
    r"|\bfor\s+(?:the\s+|my\s+|little\s+)?(?:kids|children)|\b(?:radio|air(?:play)?|broadcast)[\s-]+(?:edits?|friendly|safe|clean)"
    r"|\bsafe\s+for\s+(?:work|radio|broadcast|air(?:play)?)"
    rf"|\bpg(?:-13)?\b|\bexplicit[\s-]+free\b|\bfree\s+(?:of|from)\s+(?:any\s+|all\s+)?{_UNCLEAN}",
    re.I,
)
_EXPLICIT_OK_RE = re.compile(
    r"\bexplicit\s+(?:lyrics\s+|songs\s+|content\s+)?(?:is\s+|are\s+)?(?:ok|okay|fine|allowed|welcome)\b"
    r"|\ballow\s+explicit\b|\b(?:don['’]?t|do\s+not)\s+care\s+about\s+explicit|\buncensored\b|\bexplicit\s+versions?\b",
    re.I,
)

_TRACK_NOUN_RE = re.compile(r"\s+(?:songs?|tracks?)$", re.I)


def find_explicit(masked: str, text: str) -> tuple[bool, list[Span]] | None:
    """(explicit allowed, the spans read), or None when the text says nothing about explicit lyrics; `masked` is
    the text with what was read before masked, `text` as typed. Every clean phrase is read ("broadcast-safe, no
    explicit versions, nothing to bleep"), so none is left to be taken for a name."""
    explicit_ok = _EXPLICIT_OK_RE.search(masked)
    cleans = list(_CLEAN_RE.finditer(masked))
    if explicit_ok and not any(c.start() <= explicit_ok.start() < c.end() for c in cleans):
        return True, [explicit_ok.span()]  # "no explicit versions" rules them out; "explicit versions" asks for them
    if not cleans:
        return None
    spans = []
    for clean in cleans:
        noun = _TRACK_NOUN_RE.search(clean.group(0)) if counted_before(text, clean.start()) else None
        spans.append((clean.start(), clean.start() + noun.start() if noun else clean.end()))
    return False, spans
