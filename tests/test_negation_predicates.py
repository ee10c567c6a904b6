"""A name ruled out by what is said after it ("Drake cannot appear anywhere", "Post Malone shouldnt be on it", "Lorde
can not be included") or by a clause after the cue ("nothing where Drake shows up", "no songs where Travis Scott
features")."""

import pytest

from assistant.parsing.intent import parse_prompt


@pytest.mark.parametrize(
    "prompt, artist",
    [
        ("I need 15 tracks and Drake cannot appear anywhere - lead, feature, guest verse, nothing.", "Drake"),
        ("Post Malone shouldnt be on it, 20 songs", "Post Malone"),
        ("Drake must not show up, rap please", "Drake"),
        ("Lorde can not be included. 10 songs", "Lorde"),
        ("pop hits, Taylor Swift mustn't be played", "Taylor Swift"),
        ("big loud rock. Bon Jovi has been banished from this house since my ex moved out", "Bon Jovi"),
        ("Drake is dead to her, so 20 songs of anything else", "Drake"),
        ("we ask that Lorde be kept entirely off the programme", "Lorde"),
        ("Migos = not invited", "Migos"),
    ],
)
def test_a_predicate_after_a_name_rules_it_out(engine, prompt, artist):
    request = parse_prompt(prompt, engine.vocab)
    assert artist in request.constraints.exclude_artists and artist not in request.query


@pytest.mark.parametrize(
    "prompt, artist",
    [
        ("thirty songs, and nothing where Drake shows up, even as a featured artist", "Drake"),
        ("no songs where Travis Scott features", "Travis Scott"),
        ("nothing in which SZA sings", "SZA"),
    ],
)
def test_a_where_clause_after_the_cue_is_its_scope(engine, prompt, artist):
    assert artist in parse_prompt(prompt, engine.vocab).constraints.exclude_artists


def test_cannot_stand_is_no_predicate_on_a_name_after_it(engine):
    assert parse_prompt("Taylor Swift songs, 10 of them", engine.vocab).constraints.exclude_artists == []


def test_a_capitalised_cue_in_a_list_of_negations_is_no_name(engine):
    """ "no rock, and NOT a single Post Malone song": NOT opens a negation, it is not an artist the catalog lacks."""
    request = parse_prompt("bangers for the pregame, no rock, and NOT a single Post Malone song", engine.vocab)
    assert request.constraints.exclude_artists == ["Post Malone"]
    assert "rock" in request.constraints.exclude_genres


def test_a_clause_after_a_dash_that_repeats_the_negation_rules_out_its_names(engine):
    """ "Post Malone is off limits — his solo stuff and the Drake features too": both out; a word that is also an
    artist's name ("her", "them") is read as a word there."""
    prompt = "Post Malone is off limits — his solo stuff and Drake too. Otherwise upbeat pop"
    request = parse_prompt(prompt, engine.vocab)
    assert set(request.constraints.exclude_artists) == {"Post Malone", "Drake"}
    assert parse_prompt("no Drake — Post Malone is fine", engine.vocab).constraints.exclude_artists == ["Drake"]


def test_a_pronoun_clause_points_at_the_artist_named_before_and_function_words_are_no_names():
    """ "I love Khalid, but not today. Leave out anything he's on": Khalid, not the artists Today or HIM."""
    from assistant.parsing.vocabulary import CatalogVocabulary
    from index.catalog import Track

    names = ["Khalid", "Today", "HIM", "Kendrick Lamar"]
    vocab = CatalogVocabulary([Track(track_id=n, title="Song", artist=n, duration_ms=1) for n in names])
    prompt = "I love Khalid, but not today. Leave out anything he's on, even the tracks where he's only a guest."
    assert parse_prompt(prompt, vocab).constraints.exclude_artists == ["Khalid"]
    assert parse_prompt("no kendrick lamar, I don't want him at all", vocab).constraints.exclude_artists == [
        "Kendrick Lamar"
    ]
    assert parse_prompt("no HIM please", vocab).constraints.exclude_artists == ["HIM"]


@pytest.mark.parametrize(
    "prompt, genre",
    [
        ("Jess says edm is dead to her, everyone else wants rock and pop", "edm"),
        ("we ask that rap be kept entirely off the programme. Soul is preferred.", "rap"),
    ],
)
def test_a_predicate_after_a_genre_rules_it_out(engine, prompt, genre):
    assert genre in parse_prompt(prompt, engine.vocab).constraints.exclude_genres


def test_a_condition_on_a_name_then_out_rules_it_out(engine):
    request = parse_prompt("pop hits for the salon — if Post Malone has a verse on it, it's out", engine.vocab)
    assert "Post Malone" in request.constraints.exclude_artists


@pytest.mark.parametrize(
    "prompt",
    [
        "des chansons pour un dîner entre amis. Drake ? Je ne veux même pas en entendre parler.",
        "pura salsa y merengue, pero a Drake ni en pintura",
    ],
)
def test_idioms_of_other_languages_rule_a_name_out(engine, prompt):
    assert "Drake" in parse_prompt(prompt, engine.vocab).constraints.exclude_artists


@pytest.mark.parametrize(
    "prompt, artists",
    [
        ("songs for the crossword. I would sooner eat my own hat than listen to that Drake fellow again", ["Drake"]),
        ("warehouse set, 2 hours. Lorde is persona non grata tonight, promoter's orders", ["Lorde"]),
        ("office music, 30 songs. Please give Migos a wide berth after the last review", ["Migos"]),
        ("gym playlist, Post Malone can kick rocks fr fr", ["Post Malone"]),
        ("one rule: Taylor Swift doesn't get within a mile of this", ["Taylor Swift"]),
        ("35 songs. SZA is out, and Travis Scott gets the same treatment", ["SZA", "Travis Scott"]),
        ("dinner songs please. I not like the singer Lorde, please not put her", ["Lorde"]),
        ("please, by all means, load it up with Drake. Yeah, no. Keep him far, far away.", ["Drake"]),
    ],
)
def test_idioms_said_before_or_after_a_name_rule_it_out(engine, prompt, artists):
    excluded = parse_prompt(prompt, engine.vocab).constraints.exclude_artists
    assert set(artists) <= set(excluded)


def test_an_opinion_in_slang_after_a_genre_rules_it_out(engine):
    request = parse_prompt("gym playlist. also rap is mid to me rn so none of that either", engine.vocab)
    assert "rap" in request.constraints.exclude_genres


def test_a_pronoun_after_a_cue_never_points_at_the_words_of_an_earlier_cue(engine):
    request = parse_prompt("I not like Drake and also Migos, please not put them", engine.vocab)
    assert sorted(request.constraints.exclude_artists) == ["Drake", "Migos"]


@pytest.mark.parametrize(
    "prompt, artists, genres",
    [
        ("bridge club, something cheerful. Rap music can wait outside with the umbrellas", [], ["rap"]),
        ("relaxed R&B. I would be most grateful if Drake did not appear in any capacity", ["Drake"], []),
        ("cocktail reception: we want Migos and Post Malone nowhere near it", ["Migos", "Post Malone"], []),
        ("overnight indie slot. Trap also gets left on read.", [], ["trap"]),
        ("another chance for Migos to sneak in. Treat them badly. Not a single song of theirs, thanks", ["Migos"], []),
        ("hip hop set, leave out biggie, pac and snoop dogg", ["The Notorious B.I.G.", "2Pac", "Snoop Dogg"], []),
    ],
)
def test_more_idioms_rule_names_and_genres_out(engine, prompt, artists, genres):
    constraints = parse_prompt(prompt, engine.vocab).constraints
    assert set(artists) <= set(constraints.exclude_artists) and set(genres) <= set(constraints.exclude_genres)


@pytest.mark.parametrize(
    "prompt, excluded",
    [
        ("Leave out Queen — goodness, no, I mean Led Zeppelin. Queen are lovely, keep them.", ["Led Zeppelin"]),
        ("no Drake, sorry, I mean no Migos", ["Migos"]),
        ("no Drake, I mean it", ["Drake"]),
    ],
)
def test_a_name_said_again_after_a_correction_replaces_the_one_ruled_out(engine, prompt, excluded):
    assert parse_prompt(prompt, engine.vocab).constraints.exclude_artists == excluded


@pytest.mark.parametrize(
    "prompt, artists, genres",
    [
        ("rap and i are on a break rn, like a real one. 20 chill tracks for studying", [], ["rap"]),
        ("Latin pop is totally fine, but I wouldn't touch trap with a ten-foot pole.", [], ["trap"]),
        ("spin class. Lorde is where good vibes go to die, so keep them in the parking lot.", ["Lorde"], []),
        (
            "Rock and I had a messy divorce last year. And Migos doesn't get a seat in my car either.",
            ["Migos"],
            ["rock"],
        ),
        ("ok google thirty songs but no the weekend and no post malone", ["The Weeknd", "Post Malone"], []),
        ("workout mix, skip billy eilish and taylor swfit. thx", ["Billie Eilish", "Taylor Swift"], []),
    ],
)
def test_idioms_of_a_breakup_and_names_typed_after_no_the(engine, prompt, artists, genres):
    constraints = parse_prompt(prompt, engine.vocab).constraints
    assert set(artists) <= set(constraints.exclude_artists) and set(genres) <= set(constraints.exclude_genres)
    assert constraints.year_min is None  # "a messy divorce last year" is the divorce's year


def test_it_after_a_cue_stands_for_a_song_or_a_genre_never_a_person():
    """A catalog with the artists Guy and New Jackson: "the featured guy, skip it" rules out no Guy, "new jack
    swing, don't want that either" the genre, not New Jackson."""
    from assistant.parsing.vocabulary import CatalogVocabulary
    from index.catalog import Track

    def track(i: int, artist: str, genres: tuple[str, ...] = ("rap",)) -> Track:
        return Track(track_id=f"t{i}", title=f"Tune {i}", artist=artist, year=2000, genres=genres, duration_ms=200_000)

    artists = ["Guy", "New Jackson", "Drake", "Migos"]
    tracks = [track(i * 10 + n, a) for i, a in enumerate(artists) for n in range(3)]
    vocab = CatalogVocabulary(
        tracks
        + [
            Track(
                track_id="t99",
                title="Tune",
                artist="Bobby Brown",
                year=1990,
                genres=("r&b",),
                subgenres=("new jack swing",),
                duration_ms=200_000,
            )
        ]
    )
    assert (
        "Guy"
        not in parse_prompt("if drake is on it, even as the featured guy, skip it", vocab).constraints.exclude_artists
    )
    assert (
        "Migos"
        in parse_prompt("Anything that has Migos on it - solo or featured - skip it", vocab).constraints.exclude_artists
    )
    request = parse_prompt("new jack swing, don't want that either", vocab)
    assert request.constraints.exclude_genres == ["new jack swing"] and request.constraints.exclude_artists == []


@pytest.mark.parametrize(
    "prompt, excluded",
    [
        ("i love a good collab but if snoop is on it at all, even just as the featured guy, skip it", ["Snoop Dogg"]),
        ("if Drake shows up, drop the track", ["Drake"]),
        ("if you're tired, skip it", []),
    ],
)
def test_a_condition_on_a_name_whose_consequence_is_removal_rules_it_out(engine, prompt, excluded):
    assert parse_prompt(prompt, engine.vocab).constraints.exclude_artists == excluded
