"""Understanding that generalises: negation said after the names, pronouns and continuations that stand for names
said before, names typed as people type them, unplaced names said back, and a model's reading merged by harm (it
adds only what a span of the prompt supports); "one more" that counts no track, a genre said to be too much, and
the playlist's structure words that are no sound. Over the fixture catalog with its collaboration tracks."""

import json

import pytest
from phrasing import fixture_catalog
from scripted_models import mock_llm

from assistant.llm.understand import understand_prompt
from assistant.parsing.follow_ups import parse_follow_up
from assistant.parsing.intent import parse_prompt


@pytest.fixture(scope="module")
def vocab(tmp_path_factory):
    from assistant.parsing.vocabulary import CatalogVocabulary
    from index.catalog import load_catalog
    from index.credits import with_credits

    catalog = fixture_catalog(tmp_path_factory.mktemp("understanding"))
    return CatalogVocabulary(with_credits(load_catalog(catalog).tracks))


@pytest.mark.parametrize(
    "prompt, excluded",
    [
        ("road trip, 2 hours. ed sheeran can sit this one out", {"Ed Sheeran"}),
        (
            "dimitri vegas and like mike plus w and w are not allowed, 32 song festival set",
            {"Dimitri Vegas & Like Mike", "W&W"},
        ),
        ("harry styles: hard pass. billie eilish: hard pass. 13 songs", {"Harry Styles", "Billie Eilish"}),
        ("Enrique Iglesias? Absolutely not. 26 songs for a beach party.", {"Enrique Iglesias"}),
        ("the eagles are banned in this house. fleetwood mac too. 14 songs", {"Eagles", "Fleetwood Mac"}),
        (
            "any track credited to travis scott: out. same goes for the kid laroi. 90 minutes",
            {"Travis Scott", "The Kid LAROI"},
        ),
        ("keep bon jovi and def leppard far far away from this one, 22 rock songs", {"Bon Jovi", "Def Leppard"}),
        ("if i hear one more coldplay song at this party im leaving. 25 party tracks", {"Coldplay"}),
        ("no kendrick, i dont want him at all. half an hour", {"Kendrick Lamar"}),
        ("bad bunny is everywhere on latin radio, leave him off. 23 songs", {"Bad Bunny"}),
        ("zero bieber. 15 feel good songs", {"Justin Bieber"}),
        ("acdc free rock playlist, 22 songs", {"AC/DC"}),
        ("90s east coast, no notorious big, 25 songs", {"The Notorious B.I.G."}),
        ("no hall and oates, 70s soul for an hour", {"Daryl Hall & John Oates"}),
        ("rock but no metalica, 10 songs", {"Metallica"}),
    ],
)
def test_exclusions_said_after_the_names_or_by_pronoun_or_as_typed(vocab, prompt, excluded):
    request = parse_prompt(prompt, vocab)
    assert excluded <= set(request.constraints.exclude_artists)
    assert not any(name.lower() in request.query.lower() for name in excluded)


@pytest.mark.parametrize(
    "prompt",
    [
        "rock with Queen and Heart, 10 songs",
        "songs like Drake, 12 tracks",
        "no slow songs, 10 rock tracks",
        "drake and future, i love them, 10 songs",
    ],
)
def test_names_asked_for_are_not_excluded(vocab, prompt):
    assert parse_prompt(prompt, vocab).constraints.exclude_artists == []


def test_a_pronoun_after_a_cue_stands_for_a_genre_named_before_it(vocab):
    current = parse_prompt("23 songs of 90s rnb", vocab)
    refinement = parse_follow_up("and new jack swing, dont want that either", vocab, current, 23)
    assert refinement.exclude_genres == ["new jack swing"] and refinement.count is None


def test_a_follow_up_continues_the_first_prompts_exclusions(vocab):
    current = parse_prompt("pop playlist, 20 songs, no taylor swift, no ed sheeran", vocab)
    refinement = parse_follow_up("oh and dua lipa and sia. those too", vocab, current, 20)
    assert set(refinement.exclude_artists) == {"Dua Lipa", "Sia"}


def test_an_artist_typed_outside_any_cue_is_said_to_be_taken_as_a_wish(vocab):
    notes = parse_prompt("Drake? ugh. 10 songs of rap", vocab).notes
    assert any("took Drake as a wish" in n and "no Drake" in n for n in notes)
    assert not any("as a wish" in n for n in parse_prompt("queen songs, 6 songs", vocab).notes)
    assert not any("as a wish" in n for n in parse_prompt("rap with Drake and Future, 12 songs", vocab).notes)


def test_common_words_that_are_also_artists_are_no_wish():
    """ "her solo stuff" is no wish for the artist Her; "drake, 10 songs" names Drake, as no title holds the word."""
    from assistant.parsing.vocabulary import CatalogVocabulary
    from index.catalog import Track

    titles = ["Tell Her", "Her Eyes", "Love Her", "For Her"]
    tracks = [Track(track_id=f"h{i}", title=t, artist="Someone", duration_ms=200_000) for i, t in enumerate(titles)]
    tracks += [
        Track(track_id=f"a{i}", title="Song", artist=a, duration_ms=200_000) for i, a in enumerate(["Her", "Drake"])
    ]
    vocab = CatalogVocabulary(tracks)
    assert not any("as a wish" in n for n in parse_prompt("no Selena Gomez, not even her solo stuff", vocab).notes)
    assert any("took Drake as a wish" in n for n in parse_prompt("drake, 10 songs", vocab).notes)


def test_a_number_inside_a_name_is_not_a_count(vocab):
    request = parse_prompt("gym playlist. eminem. 50 cent. 15 songs", vocab)
    assert request.constraints.count == 15


@pytest.fixture(scope="module")
def engine_for_model(tmp_path_factory, embedder):
    from assistant.pipeline.planner import Engine
    from index.build import build_index
    from index.store import VectorIndex

    directory = tmp_path_factory.mktemp("merge")
    build_index(fixture_catalog(directory), directory / "index", embedder)
    return Engine(VectorIndex.load(directory / "index"), embedder)


def _with_model(engine, prompt: str, answer: dict):
    llm = mock_llm(json.dumps({"query": "", "genres": [], **answer}))
    return understand_prompt(llm, engine, parse_prompt(prompt, engine.vocab))


def test_the_model_fixes_an_exclusion_the_rules_missed_and_says_so(engine_for_model):
    prompt = "road trip bangers. i swear drake and future better not be on here. 12 songs"
    request = _with_model(engine_for_model, prompt, {"exclude_artists": ["Drake", "Future"]})
    assert {"Drake", "Future"} <= set(request.constraints.exclude_artists)
    assert any("do not want Drake" in n for n in request.notes)
    assert "drake" not in request.query.lower()


def test_the_model_cannot_exclude_a_name_not_typed_or_typed_as_a_wish(engine_for_model):
    request = _with_model(engine_for_model, "rock with Queen, 10 songs", {"exclude_artists": ["Queen", "Metallica"]})
    assert request.constraints.exclude_artists == []
    request = _with_model(engine_for_model, "songs like Drake, 10 songs", {"exclude_artists": ["Drake"]})
    assert request.constraints.exclude_artists == []


def test_a_model_number_needs_a_typed_phrase_outside_any_name(engine_for_model):
    request = _with_model(engine_for_model, "songs for a long night in, about a dozen or so", {"count": 12})
    assert request.constraints.count == 12 and any("as 12 tracks" in n for n in request.notes)
    assert _with_model(engine_for_model, "Sum 41 and blink-182 style pop punk", {"count": 41}).constraints.count is None
    assert _with_model(engine_for_model, "chill pop for studying", {"count": 24}).constraints.count is None


def test_a_model_year_or_count_inside_a_title_or_band_is_not_typed(engine_for_model):
    years = {"year_min": 1999, "year_max": 1999}
    assert _with_model(engine_for_model, "songs like 1999 by Prince", years).constraints.year_min is None
    assert _with_model(engine_for_model, "Prince's 1999 and that kind of funk", years).constraints.year_max is None
    assert _with_model(engine_for_model, "Maroon 5 hits for the car", {"count": 5}).constraints.count is None


@pytest.mark.parametrize(
    "prompt, excluded",
    [
        (
            "Please exclude the following artists: Justin Bieber, Selena Gomez, and The Kid LAROI.",
            {"Justin Bieber", "Selena Gomez", "The Kid LAROI"},
        ),
        (
            "banned list for the wedding reception: Cardi B, 21 Savage, Gucci Mane. otherwise go wild",
            {"Cardi B", "21 Savage", "Gucci Mane"},
        ),
        ("book club music, but I must ask that you omit Lady Gaga and Madonna.", {"Lady Gaga", "Madonna"}),
        ("I'd rather not hear Bon Jovi tonight, or Def Leppard for that matter.", {"Bon Jovi", "Def Leppard"}),
        ("I am not fan of Coldplay and also Maroon 5, please do not put them in the list", {"Coldplay", "Maroon 5"}),
        ("chloe and halle are overplayed, skip them", {"Chloe x Halle"}),
    ],
)
def test_lists_and_formal_exclusions(vocab, prompt, excluded):
    request = parse_prompt(prompt, vocab)
    assert set(request.constraints.exclude_artists) == excluded and request.constraints.max_per_artist == 2


@pytest.mark.parametrize(
    "prompt, year_min, year_max",
    [
        ("classic rock up to and including 1989", None, 1989),
        ("a reunion for my class of 1975; two hours of music released before 1980", None, 1979),
        ("give me 20 songs from the 80s, sorry, I mean the 90s", 1990, 1999),
    ],
)
def test_years_said_with_corrections_and_years_about_the_listener(vocab, prompt, year_min, year_max):
    c = parse_prompt(prompt, vocab).constraints
    assert (c.year_min, c.year_max) == (year_min, year_max)


@pytest.mark.parametrize(
    "prompt, minutes, shortest, longest",
    [
        ("18 songs for yoga, every track must be between 4 and 7 minutes long", None, 240_000, 420_000),
        ("4 hours of classic rock, no song longer than 6 minutes, we dont need 10 min solos", 240, None, 360_000),
        ("hour and twenty minutes of soul", 80, None, None),
        ("each track under 4:30", None, None, 270_000),
        ("party at 8:30, 10 songs", None, None, None),
    ],
)
def test_per_track_ranges_and_durations_of_something_else(vocab, prompt, minutes, shortest, longest):
    c = parse_prompt(prompt, vocab).constraints
    assert (c.duration_min, c.min_track_ms, c.max_track_ms) == (minutes, shortest, longest)


def test_a_bare_drop_n_is_that_many_fewer_and_says_so(vocab):
    current = parse_prompt("30 chill songs", vocab)
    fewer = parse_follow_up("drop 10, that's too many", vocab, current, 30)
    assert fewer.count == 20 and fewer.remove_positions == [] and any("10 fewer" in n for n in fewer.notes)
    assert parse_follow_up("remove 4", vocab, current, 30).remove_positions == [4]
    assert parse_follow_up("drop track 4", vocab, current, 30).remove_positions == [4]


def test_a_follow_up_exclusion_takes_the_name_out_of_the_search(engine_for_model):
    from assistant.session import Session

    session = Session(engine_for_model)
    session.ask("Rap playlist w Eminem, 20 songs")
    after = session.refine("actually I changed my mind, no Eminem at all, not even features")
    assert "eminem" not in after.request.query.lower() and "Eminem" in after.request.constraints.exclude_artists


@pytest.mark.parametrize(
    "prompt, count",
    [
        ("play 1999 by Prince and similar stuff, 10 songs", 10),
        ("the 1975 and lorde, 10 songs", 10),
        ("UB40 and Sum 41, 8 songs", 8),
    ],
)
def test_a_number_in_a_title_or_a_band_is_no_year_and_no_count(vocab, prompt, count):
    c = parse_prompt(prompt, vocab).constraints
    assert (c.count, c.year_min, c.year_max) == (count, None, None)


def test_a_follow_up_pronoun_stands_for_the_artists_the_prompt_named(vocab):
    current = parse_prompt("trap playlist like Gucci Mane and Young Jeezy, 20 tracks", vocab)
    both = parse_follow_up("actually take both of them out, I want other artists", vocab, current, 20)
    assert set(both.exclude_artists) == {"Gucci Mane", "Young Jeezy"}
    assert parse_follow_up("lose him", vocab, current, 20).exclude_artists == ["Young Jeezy"]


@pytest.mark.parametrize(
    "prompt, cap",
    [
        ("Last time you gave me 6 songs by the same guy. Cap it at 1 per artist this time.", 1),
        ("Please don't put the same singer on more than once, I like variety.", 1),
        ("thirty songs, with each artist appearing at most once", 1),
        ("no artist twice, dance pop", 1),
        ("don't play the same band more than twice", 2),
    ],
)
def test_caps_said_late_or_in_many_words(vocab, prompt, cap):
    assert parse_prompt(prompt, vocab).constraints.max_per_artist == cap


def test_a_bilingual_listeners_exclusions_and_never_a_spanish_word_in_english(vocab):
    c = parse_prompt("para limpiar la casa, pero sin reggaeton ni latin pop, 2 horas", vocab).constraints
    assert set(c.exclude_genres) == {"reggaeton", "latin pop"} and c.duration_min == 120
    assert parse_prompt("Nada de Bad Bunny ni de Balvin", vocab).constraints.exclude_artists == [
        "Bad Bunny",
        "J Balvin",
    ]
    assert "sin city" in parse_prompt("sin city vibes, 10 songs", vocab).query  # not a negation


@pytest.mark.parametrize(
    "text, changed",
    [
        ("swap track five for something else", {"remove_positions": [5]}),
        ("track 7 please remove", {"remove_positions": [7]}),
        ("the last one has to go", {"remove_positions": [20]}),
        ("Please change the song number 2, I don't like", {"remove_positions": [2]}),
        ("remove the song at number 2", {"remove_positions": [2]}),
        ("change it to 15", {"count": 15}),
        ("the 1975 has to go", {"exclude_artists": ["The 1975"]}),
    ],
)
def test_a_follow_up_names_the_tracks_it_changes_in_any_order(vocab, text, changed):
    current = parse_prompt("indie pop, 20 songs", vocab)
    refinement = parse_follow_up(text, vocab, current, 20)
    assert (
        refinement.model_dump(include={"remove_positions", "count", "exclude_artists"}, exclude_defaults=True)
        == changed
    )


@pytest.mark.parametrize(
    "prompt, count, clean",
    [
        ("10 songs like Drake", 10, False),
        ("mum here, 10 clean songs for 7 year olds", 10, True),
        ("20 tracks similar to Queen", 20, False),
    ],
)
def test_the_noun_after_a_number_is_the_counts(vocab, prompt, count, clean):
    c = parse_prompt(prompt, vocab).constraints
    assert (c.count, c.explicit_allowed) == (count, not clean)


_FOLLOW_UP_CHANGES = {
    "count",
    "remove_positions",
    "more_like_positions",
    "exclude_artists",
    "add_genres",
    "fewer_genres",
    "exclude_genres",
    "vibe",
    "vibe_shifts",
}


def _follow_up(vocab, text: str, length: int = 20) -> dict:
    current = parse_prompt("pop and rock, 20 songs", vocab)
    return parse_follow_up(text, vocab, current, length).model_dump(include=_FOLLOW_UP_CHANGES, exclude_defaults=True)


@pytest.mark.parametrize(
    "text, changed",
    [
        ("and one more thing, no Drake", {"exclude_artists": ["Drake"]}),
        ("one more thing: no Drake", {"exclude_artists": ["Drake"]}),
        ("one more question - can you drop Drake", {"exclude_artists": ["Drake"]}),
        ("one more favour, lose the last song", {"remove_positions": [20]}),
        ("one more: no Drake", {"exclude_artists": ["Drake"]}),
        ("one more song", {"count": 21}),
        ("1 more", {"count": 21}),
        ("one more, please", {"count": 21}),
        ("one more like track 3", {"count": 21, "more_like_positions": [3]}),
        ("two more like the 4th one", {"count": 22, "more_like_positions": [4]}),
        ("3 more by Drake", {"count": 23}),
        ("one more banger", {"count": 21}),
        ("add one more", {"count": 21}),
    ],
)
def test_one_more_counts_a_track_only_where_a_track_is_meant(vocab, text, changed):
    assert _follow_up(vocab, text) == changed


def test_n_more_of_a_noun_that_is_no_track_changes_no_count(vocab):
    """Property: "N more <noun>" counts tracks for every track noun the count reader knows and for nothing else
    ("one more thing", "two more questions"), whatever comes after."""
    track_nouns = [
        "song",
        "songs",
        "track",
        "tracks",
        "tune",
        "tunes",
        "banger",
        "bangers",
        "jams",
        "hits",
        "ones",
        "bops",
        "picks",
    ]
    other_nouns = [
        "thing",
        "things",
        "request",
        "question",
        "questions",
        "favour",
        "favor",
        "change",
        "tweak",
        "suggestion",
        "detail",
        "point",
        "idea",
        "time",
        "note",
    ]
    failures = []
    for n, said in [(1, "one"), (1, "1"), (2, "two"), (3, "3")]:
        for rest in ["", ", no Drake", ": drop track 5", " please"]:
            for noun in track_nouns:
                if _follow_up(vocab, f"{said} more {noun}{rest}").get("count") != 20 + n:
                    failures.append(f"{said} more {noun}{rest}: no count")
            for noun in other_nouns:
                if "count" in _follow_up(vocab, f"and {said} more {noun}{rest}"):
                    failures.append(f"and {said} more {noun}{rest}: a count")
    assert not failures, "\n".join(failures[:20])


_TOO_MUCH = [
    "{g} is overdone here, swap some out",
    "too much {g}",
    "way too much {g}",
    "enough {g}",
    "enough with the {g}",
    "less {g}",
    "a bit less {g} please",
    "fewer {g} songs",
    "the {g} is getting old",
    "{g} songs are getting old",
    "tired of {g}",
    "i'm sick of the {g}",
    "tone down the {g}",
    "the {g} ones are a bit much",
    "{g} overload",
]


def test_a_genre_said_to_be_too_much_is_fewer_of_it_never_more(vocab):
    """Property: over every genre word of the catalog and every way of saying there is too much of it, the follow-up
    asks for fewer of it: not more (it was read as an added genre), not none (an exclusion), not a sound."""
    failures = []
    for phrase, labels in vocab.genre_phrases.items():
        for shape in _TOO_MUCH:
            text = shape.format(g=phrase)
            changed = _follow_up(vocab, text)
            if changed != {"fewer_genres": list(labels)}:
                failures.append(f"{text!r}: {changed}")
    assert not failures, f"{len(failures)} misread:\n" + "\n".join(failures[:25])


@pytest.mark.parametrize(
    "text, changed",
    [
        ("not enough latin", {"add_genres": ["latin"]}),
        ("there's not nearly enough edm in here", {"add_genres": ["edm"]}),
        ("too little rap", {"add_genres": ["rap"]}),
        ("less rock and more edm", {"fewer_genres": ["rock"], "add_genres": ["edm"]}),
        ("tired of Drake", {"exclude_artists": ["Drake"]}),
    ],
)
def test_the_cue_of_too_much_negated_or_said_of_a_name(vocab, text, changed):
    assert _follow_up(vocab, text) == changed


def test_a_word_of_the_playlists_structure_is_never_a_sound(vocab):
    """Property: "number", "track", "position"… are where a track is, never a mood: no lexicon phrase, comparative or
    neighbour reads them ("number" once read as more numb), whatever follows them."""
    from assistant.parsing.tokens import tokenize
    from assistant.parsing.vibe_lexicon import STRUCTURE_WORDS, lexicon
    from assistant.parsing.vibe_neighbours import neighbours
    from assistant.parsing.vibe_terms import term_at

    lex = lexicon()
    assert not STRUCTURE_WORDS & set(lex.phrases) and not STRUCTURE_WORDS & set(neighbours().words)
    failures = []
    for word in sorted(STRUCTURE_WORDS):
        if term_at(tokenize(word), 0, lex) is not None:
            failures.append(f"{word}: a vibe term")
        for shape in ["the song at {w} 2", "{w} 7 is bad", "I don't like {w} 3", "the {w} at 4 can go", "{w}"]:
            changed = _follow_up(vocab, shape.format(w=word))
            if changed.get("vibe") or changed.get("vibe_shifts"):
                failures.append(f"{shape.format(w=word)!r}: {changed}")
    assert not failures, "\n".join(failures[:20])


@pytest.mark.parametrize(
    "text, position",
    [("number two can go", 2), ("number 7 can go", 7), ("the song at number 2 can go", 2), ("track five has to go", 5)],
)
def test_a_position_said_by_its_number_is_removed(vocab, text, position):
    assert _follow_up(vocab, text) == {"remove_positions": [position]}


def test_a_genre_said_to_be_overdone_loses_some_of_its_tracks(engine_for_model):
    from assistant.session import Session

    session = Session(engine_for_model)
    before = session.ask("pop and rock, 16 songs")

    def rock(playlist):
        return [i.track_id for i in playlist.items if "rock" in i.genres]

    assert len(rock(before)) >= 2
    after = session.refine("rock is overdone here, swap some out")
    assert "rock" not in after.request.genres and len(after.items) == len(before.items)
    assert len(rock(after)) < len(rock(before))
    assert set(rock(after)) & set(rock(before))  # fewer, not none: some of the rock stays
