"""Who a prompt speaks as. Playlist names ("Christmas Soul", "Beast Mode") name a topic that titles share; a prompt
that speaks in person ("i feel like a ghost", "ich bin gestresst", "my grandma") describes a listener, and its words
are about them, never a title to match. Of the 150 dev playlist names one speaks in person."""

import re

from index.text import fold

# First and second person in the languages the lexicon reads: subject and object pronouns, possessives, "I am".
PERSON_WORDS = frozenset(
    {
        # English
        *("i", "im", "ive", "id", "ill", "me", "my", "mine", "myself", "we", "were", "us", "our", "ours"),
        *("you", "youre", "your", "yours", "ur", "u"),
        # Spanish, Portuguese, Italian
        *("yo", "mi", "mis", "nos", "nosotros", "nuestra", "nuestro", "estoy", "tengo", "soy"),
        *("eu", "meu", "minha", "estou", "io", "mio", "mia", "miei", "sono", "noi"),
        # French, German
        *("je", "moi", "mon", "mes", "nous", "suis", "ich", "mich", "mir", "mein", "meine", "meiner", "wir", "uns"),
    }
)
_WORD = re.compile(r"[a-z]+")


def speaks_in_person(text: str) -> bool:
    """Does the prompt say I, me, my, we or you in any language the lexicon reads?"""
    return any(word in PERSON_WORDS for word in _WORD.findall(fold(text).replace("'", "").replace("’", "")))
