"""The clean filter read wherever a negation or a no-predicate reaches the words for explicit lyrics, with words
between in the same clause ("nothing with swear words in it", "none of them contain explicit content", "explicit
tracks are a no"); a word that turns the negation round ("no problem with explicit lyrics") or a clause boundary
("no ballads, dirty south rap") leaves explicit tracks allowed."""

import pytest

from assistant.parsing.intent import parse_prompt


@pytest.mark.parametrize(
    "prompt",
    [
        "my grandkids are coming over so nothing with swear words in it. 15 songs",
        "kindly ensure that none of them contain explicit content",
        "20 songs, no songs that have any cursing",
        "family bbq, 2 hours, explicit tracks are a no",
        "swearing is not allowed, 20 songs",
        "explicit lyrics are off limits",
        "non-explicit only please",
        "never anything explicit",
        "Please ensure all selections are free of profanity, as the dinner is a family event.",
        "playing this in the hotel lobby so nothing I'd have to bleep",
        "parental advisory sticker = not invited. trap is fine",
        "school run playlist, no effing and blinding please",
        "tea party: nothing rude in the words, the vicar is coming",
        "Skip anything that would get a parental advisory sticker. Youth group tonight.",
    ],
)
def test_a_negation_or_a_no_predicate_around_explicit_words_asks_for_clean(engine, prompt):
    assert parse_prompt(prompt, engine.vocab).constraints.explicit_allowed is False


@pytest.mark.parametrize(
    "prompt",
    [
        "no problem with explicit lyrics",
        "no rap, explicit is fine",
        "not bothered if explicit",
        "no ballads, dirty south rap",
        "nothing too slow. dirty bass",
        "Imagine Dragons? pass. 20 stadium anthems",
    ],
)
def test_a_turned_round_or_distant_negation_leaves_explicit_allowed(engine, prompt):
    assert parse_prompt(prompt, engine.vocab).constraints.explicit_allowed is True


def test_every_clean_phrase_is_read_and_none_becomes_a_name(engine):
    request = parse_prompt(
        "Daytime slot, broadcast-safe only - no explicit versions, nothing we'd have to bleep. 40 songs.", engine.vocab
    )
    assert request.constraints.explicit_allowed is False
    assert request.constraints.exclude_artists == [] and request.constraints.count == 40


def test_explicit_versions_asked_for_still_allow_explicit(engine):
    assert parse_prompt("party rap, explicit versions please", engine.vocab).constraints.explicit_allowed is not False
