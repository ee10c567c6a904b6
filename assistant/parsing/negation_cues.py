"""The words that open a negation: prefix cues ("no", "without", "anything but", Spanish "sin"), actions ("leave
out", "skip"), what follows a name to negate it ("… is a no", "… can stay out"), and the clause and time fillers
its scope runs over. negation.py reads the scope."""

import re

CUES = [
    r"anything\s+(?:but|except(?:\s+for)?|other\s+than|besides|apart\s+from)",
    r"everything\s+(?:but|except(?:\s+for)?)",
    r"all\s+but",
    r"nothing\s+(?:by|from|of)",
    r"none\s+(?:by|from|of)",
    r"not\s+any",
    r"no\s+more",
    r"no(?:\s+songs?|\s+tracks?|\s+music)?\s+(?:by|from)",
    r"no",
    r"nothing",
    r"none",
    r"not",
    r"without(?:\s+any)?",
    r"w/o",
    r"sans",
    r"except(?:\s+for)?",
    r"excluding",
    r"exclude",
    r"but\s+not",
    r"but\s+no",
    r"minus",
    r"leave\s+out",
    r"leave\s+off",
    r"avoid(?:\s+any)?",
    r"(?:do\s+not|don['’]?t|dont)\s+(?:play|include|add|want|need|give\s+me|put\s+in)(?:\s+any)?",
    r"not\s+(?:(?:a\s+)?(?:big\s+|huge\s+)?fan\s+of|into|feeling|keen\s+on)",
    r"not\s+in\s+the\s+mood\s+for",
    r"(?:i['’]?m\s+)?not\s+(?:really\s+)?up\s+for",
    r"no\s+mood\s+for",
    r"(?:do\s+not|don['’]?t|dont)\s+make\s+it",
    r"other\s+than",
    r"neither",
    r"nor",
    r"no\s+need\s+for",
    r"hold\s+off\s+on",
    r"lay\s+off(?:\s+of)?",
    r"pass\s+on",
    r"zero",
    r"no\s+(?:songs?|tracks?|music)\s+with",
    r"nothing\s+(?:with|featuring)",
    r"none\s+with",
    r"not\s+even",
    r"not\s+(?:a\s+single|one\s+single|even\s+one|one)(?:\s+(?:song|track|tune))?(?:\s+(?:by|from|of))?",
    r"forget(?:\s+about)?",
    r"any(?:one|body)\s+(?:but|except(?:\s+for)?|other\s+than|besides)",
    r"omit(?:ting)?",
    r"(?:i['’]?d|i\s+would|we['’]?d)\s+rather\s+(?:not|skip|avoid)(?:\s+(?:hear|have|get|play)(?:ing)?)?",
    r"(?:(?:exclude|ban|block|skip|avoid|omit|remove|leave\s+out)\s+)?(?:the\s+)?following(?:\s+(?:artists?|bands?|"
    r"people|names|acts))?\s*:",
    r"(?:ban(?:ned)?|black|block|no[\s-]+go|do[\s-]+not[\s-]+play|skip)\s*[\s-]?list"
    r"(?:\s+(?:for|at|of)\s+[^:.;]{1,40})?\s*:",
    r"(?:\w+\s+)?(?:names?|artists?|acts?|bands?|people)\s+off\s+(?:the|my|this)\s+(?:list|playlist)\s*:",
    r"(?:steer|stay|keep)\s+(?:well\s+)?(?:clear\s+of|away\s+from)",
    r"(?:i['’]?m\s+)?allergic\s+to",
    r"sans",
    r"ohne",
    r"pas\s+d(?:e|['’])",
    r"keine?",
    r"sem",
]
# Verbs that negate only when a name or time follows ("drop Coldplay"), never quoted back ("lose yourself").
ACTION_CUES = [
    r"skip",
    r"ban",
    r"drop",
    r"remove",
    r"cut",
    r"lose",
    r"ditch",
    r"get\s+rid\s+of",
    r"take\s+out",
    r"delete",
    r"(?:i\s+)?hate",
    r"(?:(?:absolutely|really|totally|just|seriously|genuinely|truly|so)\s+)?(?:hates|hated|despises?"
    r"|despised|loathes?|loathed|detests?|detested|can['’]?t\s+stand|cannot\s+stand|could\s+not\s+stand)",
    r"(?:i\s+)?can['’]?t\s+stand",
    r"(?:i\s+)?can['’]?t\s+(?:handle|deal\s+with|take|do)",
    r"(?:i['’]?m\s+)?(?:sick|tired)\s+of",
    r"spare\s+me",
    r"hold\s+the",
    r"(?:swap|switch|trade|exchange)(?!\s+(?:it|that|this|them|those|these|to|over|up|out|back|things)\b)",
    r"(?:ban(?:ned)?|black|block|no[\s-]+go|do[\s-]+not[\s-]+play|skip)\s*[\s-]?list(?:\s+(?:for|at|of)\s+[^:.;]{1,40})?\s*:",
    r"(?:has|have|had)\s+vetoed",
    r"vetoed",
    r"veto",
    r"sin",
    r"nada\s+de",
    r"no\s+quiero",
    r"ni",
    r"throw\s+out",
    r"kick\s+out",
    r"filter\s+out",
    r"weed\s+out",
    r"strip\s+out",
    r"leave\s+(?:out|off)",
    r"(?:i['’]?ve\s+|i\s+have\s+)?(?:heard|had)\s+enough(?:\s+of)?",
    r"spare\s+(?:me|us|my\s+ears)(?:\s+from)?",
    r"if\s+(?:i|we|you)\s+(?:hear|get|play|see)(?:\s+(?:one\s+more|another|any|a\s+single|even\s+one))?",
    r"(?:i['’]?m\s+|i\s+am\s+)?so\s+over",
    r"rule\s+out",
    r"cross\s+off",
    r"take\s+off",
    r"cut\s+out",
    r"swap\s+out",
    r"replace",
    r"scrap",
    r"toss",
    r"nix",
    r"bin",
    r"kill",
    r"stop\s+(?:adding|playing|including|giving\s+me)",
    r"enough(?:\s+(?:of|with))?",
    r"(?:i\s+)?(?:do\s+not|don['’]?t|dont)\s+(?:like|love|care\s+for)",
    r"quit\s+(?:adding|playing)",
    r"no\s+longer\s+(?:want|need)",
    r"(?:do\s+not|don['’]?t|dont|never)(?!\s+(?:play|include|add|want|need|give|put|make|like|love|care))",
    r"rather\s+than",
    r"instead\s+of",
    r"won['’]?t",
    r"will\s+not",
    r"wouldn['’]?t",
    r"doesn['’]?t",
    r"does\s+not",
    r"shouldn['’]?t",
    r"isn['’]?t",
    r"aren['’]?t",
    r"(?:i['’]?m|i\s+am)\s+(?:(?:so|totally|kinda)\s+)?(?:over|done\s+with|bored\s+(?:of|with))",
    r"(?:do\s+not|don['’]?t|dont|never)\s+put",
    r"(?:i|we)\s+(?:not|no)\s+(?:like|want|love|enjoy)",
    r"(?:i\s+)?(?:would\s*n['’]?t|wouldnt|would\s+not|won['’]?t)\s+touch",  # "wouldn't touch X with a ten-foot pole"
    r"pull",  # "I not like the singer Ed Sheeran"
    r"(?:please\s+)?not\s+put",
    # "I would sooner eat my own hat than listen to that Eminem fellow", "I'd rather die than hear Drake"
    r"(?:would|['’]d)\s+(?:sooner|rather)\b[^.;!?]{0,60}?\bthan\s+(?:listen(?:ing)?\s+to|hear(?:ing)?"
    r"|sit(?:ting)?\s+through|put(?:ting)?\s+up\s+with|endure|play(?:ing)?)(?:\s+(?:any\s+more|more|that))?",
]


SPANISH_CUES = re.compile(r"sin|nada\s+de|no\s+quiero|ni", re.I)


def alternatives(patterns: list[str]) -> str:
    """Longest cue first, so "not a fan of" is read before "not"."""
    return "|".join(sorted(patterns, key=lambda p: -len(re.sub(r"\\s[+*]|\(\?:|[()?|\\]", "", p))))


CUE_RE = re.compile(rf"(?<![\w'’])(?:(?P<action>{alternatives(ACTION_CUES)})|{alternatives(CUES)})(?![\w'’])", re.I)
# "keep Drake out", "leave Queen and Led Zeppelin out of it", "take Queen off".
KEEP_OUT_RE = re.compile(r"(?<![\w'’])(?:keep|leave|take|throw|kick|rule|cross|knock|toss|strike|count|give)\s+", re.I)
_AWAY = (
    r"in\s+the\s+(?:parking\s+lot|car\s+park|garage|basement|bin)\b|"  # "keep them in the parking lot"
    r"(?:(?:far|very|well|way)[\s,]+)*(?:out|off|to\s+(?:yourself|urself|themselves)"
    r"|away(?:\s+from\s+(?:me|us|here|it|this(?:\s+(?:one|playlist|list|mix))?))?)\b"
    r"(?:\s+(?:of\s+(?:it|this|here|there|the\s+\w+)|the\s+(?:list|playlist|mix)))?"
)
# "give Ed Sheeran a wide berth", "give that band a rest", "give them the boot".
_A_MISS = (
    r"(?:a\s+(?:(?:very\s+)?wide\s+berth|miss|rest|break|swerve)"
    r"|the\s+(?:boot|flick|chop|swerve|(?:old\s+)?heave[\s-]?ho|cold\s+shoulder))\b"
)
OUT_RE = re.compile(rf"\s*(?:{_A_MISS}|{_AWAY})", re.I)
# After a name or a time: "AC/DC-free rock", "Drake is getting old", "the 2015 stuff is the worst".
ON_IT = (
    r"(?:\s+(?:on\s+(?:it|them|a\s+(?:feature|track|song))|in\s+the\s+credits|(?:shows?|turns?)\s+up\s+on"
    r"|(?:is|are)\s+(?:credited|featured)\s+on|appears?\s+on|(?:duets|features|collabs)(?:\s+or\s+solo)?"
    r"|(?:songs|tracks|stuff|music)))?"
)
OUT_PREDICATE = (
    rf"{ON_IT}(?:(?:\s+[^\W\d]+[\w'’]*){{0,8}}?(?:\s*[:,–—=]\s*|\s+-\s*|\s*-\s+)"
    r"(?:(?:so|then|and)\s+)?(?:(?:it|that|they|he|she|then\s+it)(?:['’]s|['’]re|\s+is|\s+are|\s+goes|\s+go)\s+)?"
    r"|\s+(?:(?:is|are|r|['’]s|['’]re)\s+)?(?:(?:both|all|also|too|totally|completely|"
    r"strictly|definitely|absolutely)\s+)*)"
    r"(?:out|gone|banned|off[\s-]limits|off\s+the\s+(?:table|list)|a\s+(?:hard\s+|big\s+)?(?:no|pass|no-go)|no-go"
    r"|not\s+(?:allowed|welcome|invited|wanted|needed|an\s+option)|cancel+ed|excluded|forbidden|persona\s+non\s+grata"
    r"|dead\s+to\s+(?:me|her|him|us|them|everyone|everybody|all\s+of\s+us)"  # "edm is dead to her"
    r"|(?:(?:has|have)\s+been\s+|was\s+|were\s+|got\s+|gets\s+|been\s+)?(?:banished|banned|exiled|barred"
    r"|blacklisted|vetoed|outlawed|benched|uninvited|disinvited|kicked\s+out)"  # "X has been banished"
    r"|(?:be\s+|been\s+|get\s+|gets\s+|stays?\s+)?kept\s+(?:[a-z]+ly\s+)?(?:off|out|away)"  # "rap be kept off"
    r"|(?:can(?:no|['’])?t|can\s+not|must\s*n(?:o|['’])?t|should\s*n(?:o|['’])?t|may\s+not|is\s+not\s+to|are\s+not\s+to"
    r"|did\s*n(?:o|['’])?t|would\s*n(?:o|['’])?t|won['’]?t|does\s*n(?:o|['’])?t)"
    r"\s+(?:(?:be\s+allowed\s+to|ever|even)\s+)?(?:appear|show\s+up|turn\s+up|feature|be\s+(?:on|in|played|included"
    r"|featured|heard|there|anywhere))"  # "Drake cannot appear anywhere", "Future shouldn't be on it"
    r"|(?:gotta|got\s+to|has\s+to|have\s+to|must|needs?\s+to|should|can)\s+(?:go|sit\s+(?:this|that)(?:\s+one)?\s+out"
    r"|stay\s+(?:home|away|out)|take\s+a\s+(?:break|seat|hike|walk|long\s+walk)|be\s+(?:skipped|left\s+out|excluded)"
    r"|(?:go\s+)?kick\s+rocks|get\s+lost|do\s+one|jog\s+on|rack\s+off|get\s+stuffed|beat\s+it|get\s+in\s+the\s+bin"
    r"|wait\s+(?:outside|in\s+the\s+car))"  # "the chainsmokers can kick rocks"
    # "Nicki is out, and Cardi B gets the same treatment", "trap gets left on read", "50 Cent nowhere near it"
    r"|gets?\s+the\s+same\s+(?:treatment|deal)"
    # "rap and i are on a break", "rock and I had a messy divorce", "X is where good vibes go to die"
    r"|and\s+(?:i|me)\s+(?:(?:are|r|am)\s+(?:on\s+a\s+break|done|over|through|finished)|broke\s+up|split(?:\s+up)?"
    r"|had\s+a\s+(?:\w+\s+)?(?:divorce|break-?up|falling[\s-]out))"
    r"|(?:is|are)\s+where\s+(?:\w+\s+){1,3}go(?:es)?\s+to\s+die"
    r"|(?:gets?|got)\s+(?:left\s+on\s+read|ghosted|binned|axed|scrapped|the\s+(?:boot|chop|axe))"
    r"|(?:(?:is|are)\s+)?nowhere\s+near(?:\s+(?:it|this|them|here|the\s+(?:list|playlist|mix|party|room)))?"
    # "Pitbull doesn't get within a mile of this", "they do not get past the door"
    r"|(?:does\s*n['’]?o?t|doesnt|do\s*n['’]?o?t|dont|won['’]?t|will\s+not|can['’]?t|cannot)\s+(?:get|go|come)\s+"
    r"(?:within\s+(?:a|one|\d+|a\s+hundred|ten|a\s+thousand)\s+(?:miles?|metres?|meters?|feet|yards)"
    r"|(?:anywhere\s+)?near|close|past\s+the\s+(?:door|bouncer|rope|velvet\s+rope)|a\s+look[\s-]in"
    r"|an?\s+(?:seat|spot|slot|place|look|single\s+play)|any\s+(?:airtime|play))"
    r"|stays?\s+(?:off|out)(?:\s+(?:of\s+)?(?:it|the\s+(?:list|playlist)))?"  # "anything by X stays off it"
    r"|(?:that\s+|who\s+)?i\s+(?:really\s+|just\s+)?(?:can['’]?t\s+stand|cannot\s+stand|hate|can['’]?t\s+deal\s+with"
    r"|don['’]?t\s+want|do\s+not\s+want))(?![\w'’])"  # "it's Future I can't stand"
    r"|\s*[?:=]\s*(?:(?:also|absolutely|definitely|hell|oh|god|a|hard|big|just|please|thanks|thank\s+you)[\s,]+)*"
    r"(?:no|not|nope|nah|pass|never|no\s+way|no\s+thanks|out|gone)(?![\w'’])"
)
POSTFIX_RE = re.compile(
    rf"{OUT_PREDICATE}|\s*-?\s*free\b|(?:\s+(?:stuff|songs|tracks|ones|music|era))?\s*(?:\s(?:is|are|was|were|gets?|feels?)|['’]s)\s+"
    r"(?:(?:so|too|really|kinda|kind\s+of|a\s+bit|getting|way|pretty|just|the|totally|honestly)\s+)*"
    r"(?:worst|terrible|awful|overplayed|overrated|boring|annoying|cringe|cringey|stale|played\s+out|dated|old|mid"
    r"|trash|garbage|rubbish|naff|lame|wack|whack|corny|grating|unbearable|insufferable"
    r"|not\s+(?:for\s+me|my\s+thing|my\s+vibe|my\s+taste|it|good))\b"
    r"|(?:\s+(?:stuff|songs|tracks|ones|music))?\s+(?:(?:really|just|honestly|always|literally|seriously)\s+)?"
    r"(?:(?:makes?|made)\s+(?:me|us|my\s+ears|our\s+ears)\s+(?:bleed|cringe|sick|(?:want\s+to\s+)?(?:scream|puke|leave))"
    r"|(?:gives?|gave)\s+(?:me|us)\s+(?:a\s+)?(?:headaches?|migraines?|the\s+ick)"
    r"|(?:drives?|drove)\s+(?:me|us)\s+(?:crazy|nuts|insane|mad|up\s+the\s+wall))\b",
    re.I,
)
# After a vibe word: "vocals really distract me", "sad songs get on my nerves".
VIBE_POSTFIX_RE = re.compile(
    r"\s+(?:(?:really|just|kinda|always|totally|honestly)\s+)?(?:distract(?:s|ing)?|bother(?:s|ing)?|annoy(?:s|ing)?"
    r"|irritate(?:s)?|distort(?:s|ing)?|crackles?|hurts?\s+my\s+(?:ears|head)|gives?\s+me\s+(?:a\s+)?headaches?"
    r"|get(?:s)?\s+on\s+my\s+nerves|(?:is|are)\s+(?:too\s+much|distracting|not\s+(?:for\s+me|my\s+thing))"
    r"|(?:drives?|sends?)\s+me\s+(?:crazy|nuts|insane|mad|up\s+the\s+wall|round\s+the\s+bend)|grates?(?:\s+on\s+me)?"
    r"|(?:makes?|made)\s+me\s+(?:cringe|want\s+to\s+scream|anxious|nervous|tense))"
    r"(?:\s+me)?\b",
    re.I,
)
# Words after "no"/"not" that start a phrase, not a constraint ("no matter what", "not sure").
IDIOMS = frozenset(
    {
        "matter",
        "sure",
        "idea",
        "problem",
        "pressure",
        "doubt",
        "clue",
        "way",
        "worries",
        "rush",
        "need",
        "longer",
        "shorter",
        "more",
        "less",
        "too",
        "only",
        "just",
        "one",
        "but",
        "big",
        "end",
    }
)


CLAUSE_RE = re.compile(
    r"\s*(?:(?:that|which|what)(?:['’]?ll)?\s+)?(?:(?:would|will|might|could|can)\s+)?(?:makes?|gets?|puts?|sends?|keeps?)\s+"
    r"(?:me|us|you|people|everyone)\s+(?:want\s+to\s+|wanna\s+|feel\s+|go\s+)?"
    r"|\s*(?:trying|going|looking|wanting|about|here)\s+to\s+|\s*(?:gonna|wanna)\s+"
    r"|\s*(?:that|which)\s*(?:['’]?ll|will|would|might|could|can)\s+(?:(?:make|get|stress|wind|bring|keep)\s+)?"
    r"|\s*(?:that['’]?s|that\s+is|that\s+(?:sounds?|feels?))\s+(?:too\s+|very\s+|so\s+|overly\s+)?"
    r"|\s*(?:to\s+)?(?:hear|hearing|listen\s+to|listening\s+to|see|get)(?:\s+(?:a\s+single|any|one|even\s+one|a)\s+"
    r"(?:note|song|track|second|minute|bar|verse)\s+(?:of|from|by))?\s+"
    r"|\s*(?:actually|literally|even|really|ever|anything\s+(?:that\s+)?(?:has|have|with))\s+"
    r"|\s*(?:(?:songs?|tracks?|stuff|ones?)\s+)?(?:where|wherein|in\s+which|on\s+which)\s+"  # "nothing where X is"
    r"|\s*(?:(?:the|any)\s+)?(?:music\s+)?(?:genres?|style)(?:\s+(?:of|called))?\s+(?=\w)",  # "without the genre rock"
    re.I,
)
TIME_FILLERS = frozenset(
    {
        "released",
        "recorded",
        "made",
        "out",
        "came",
        "come",
        "coming",
        "stuff",
        "is",
        "are",
        "was",
        "were",
        "which",
        "thats",
        "ones",
        "dating",
        "dated",
        "anything",
        "everything",
        "songs",
    }
)
