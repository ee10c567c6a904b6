"""Degree and comparison words, the tables term_at (vibe_terms) reads around a lexicon phrase: how far a word goes
("super", "a bit", "a hint of", "mostly", "af", "as it gets") and which way a comparison points ("more", "fewer").
Words, not grammar: a new degree word goes here."""

import re

_STRONG = (
    "extremely",
    "super",
    "very",
    "really",
    "so",
    "ultra",
    "totally",
    "completely",
    "absolutely",
    "entirely",
    "fully",
    "almost entirely",
    "wholly",
    "through and through",
    "insanely",
    "incredibly",
    "mega",
    "hella",
    "truly",
    "deeply",
    "properly",
    "seriously",
    "utterly",
    "wildly",
    "max",
    "maximum",
    "maximally",
    "pure",
    "purely",
    "full on",
    "all out",
    "way",
    "intensely",
    "thoroughly",
    "extra",
    "uber",
    "mad",
    "proper",
    "straight up",
    "100",
    "100%",
    "dead",
    "stone",
    "bone",
    "pitch",
    "crazy",
    "stupid",
    "ridiculous",
    "duper",
)
_MILD = (
    "a bit",
    "a bit of",
    "a little",
    "a little bit",
    "a lil",
    "a lil bit",
    "a tad",
    "a touch",
    "a wee bit",
    "bit",
    "little",
    "slightly",
    "somewhat",
    "kinda",
    "kind of",
    "sort of",
    "sorta",
    "mildly",
    "moderately",
    "fairly",
    "semi",
    "lightly",
    "reasonably",
    "relatively",
    "partly",
    "a bit more",
    "medium",
    "mid",
    "moderate",
    "kinda sorta",
    "just a bit",
    "just a little",
    "gently",
    "not overly",
    "quite",
)
# "mostly instrumental": the word's bound a step looser, still one-sided (not the band "a bit" makes).
_LOOSE = (
    "mostly",
    "mainly",
    "largely",
    "predominantly",
    "primarily",
    "generally",
    "for the most part",
    "broadly",
    "on the whole",
    "leaning",
)
LOOSE = -3
_TRACE = (
    "a hint of",
    "a touch of",
    "a dash of",
    "a pinch of",
    "a little bit of",
    "a tiny bit of",
    "a smidge of",
    "only a hint of",
    "just a hint of",
    "a wee bit of",
    "hint of",
)
DEGREE = (
    {phrase: 1 for phrase in _STRONG}
    | {phrase: -1 for phrase in _MILD}
    | {phrase: -2 for phrase in _TRACE}
    | {phrase: LOOSE for phrase in _LOOSE}
    | {"the most": 2, "most": 2, "as much as possible": 2}
)
# An adverb the table lacks, right before a vibe word, intensifies it ("ridiculously happy", "obscenely loud"):
# softeners are few and all listed in _MILD.
ADVERB_RE = re.compile(r"^[a-z]{3,}ly$")
NOT_DEGREE = frozenset(
    """honestly basically actually literally probably hopefully ideally preferably obviously
personally usually only finally currently recently lately early daily weekly nightly family apparently especially
simply merely barely hardly scarcely possibly certainly surely supposedly""".split()
)
AFTER_DEGREE = {
    "a bit": -1,
    "a little": -1,
    "a little bit": -1,
    "a touch": -1,
    "slightly": -1,
    "a tad": -1,
    "somewhat": -1,
    "a lot": 1,
    "af": 1,
    "as hell": 1,
    "as fuck": 1,
    "to the max": 1,
    "to death": 1,
    "a notch": -1,
    "to bits": 1,
}
DIRECTION = {
    "more": 1,
    "less": -1,
    "fewer": -1,
    "too many": -1,
    "not so many": -1,
    "not as many": -1,
    "no more": -1,
    "a lot more": 1,
    "much more": 1,
    "way more": 1,
    "lot more": 1,
    # next to none of it: in a new prompt the word is negated ("barely any singing"), in a follow-up it is less
    "barely any": -1,
    "hardly any": -1,
    "scarcely any": -1,
    "almost no": -1,
    "next to no": -1,
    "little to no": -1,
    "little or no": -1,
    "virtually no": -1,
    "very little": -1,
    "minimal": -1,
}
MAX_DEGREE = 2  # "the most", "really really", "the saddest": two steps past the word's bound
LEANING = frozenset({"ish", "leaning", "tinged", "flavoured", "flavored", "inflected", "adjacent", "esque"})
# After a dash, a lot of it: "piano-heavy", "guitar-driven", "vocal-forward", "synth-laden".
EMPHASIS = frozenset({"heavy", "forward", "driven", "led", "laden", "centric", "focused", "rich", "packed", "filled"})
AS_POSSIBLE = re.compile(
    r"^(?:as (?:it|they|you) (?:gets?|can get|come|go)|as (?:possible|can be)"
    r"|(?:you|u) (?:can )?(?:possibly )?(?:find|have|get)|possible|imaginable|ever|of all time)\b"
)
