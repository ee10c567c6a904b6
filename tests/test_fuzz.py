"""Property tests of the input edges: no input crashes the process or leaves a half-written file, and every
rejection is a PlaylistError (one sentence). The default run tries 40 cases per property; `FUZZ_EXAMPLES=3000
python -m pytest tests/test_fuzz.py` (benchmarks/run_fuzz.sh) tries thousands."""

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.outputs import export
from assistant.parsing.follow_ups import parse_follow_up
from assistant.parsing.intent import parse_prompt
from assistant.profiles.history import parse_history
from index.catalog import load_catalog
from index.errors import CatalogError, PlaylistError

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

words = st.sampled_from(
    [
        "songs",
        "tracks",
        "hours",
        "min",
        "90s",
        "no",
        "without",
        "Queen",
        "remove",
        "like",
        "by",
        "from",
        "2015",
        "onwards",
        "clean",
        "more",
        "-5",
        "9999999999",
        "½",
        "\x00",
        "🎸",
    ]
)
prompt_text = st.one_of(
    st.text(max_size=300), st.lists(st.one_of(words, st.text(max_size=8)), max_size=30).map(" ".join)
)


def _one_sentence(exc: PlaylistError) -> None:
    assert str(exc) and "\n" not in str(exc) and "Traceback" not in str(exc)


@FUZZ
@given(prompt_text)
def test_prompt_parser_never_crashes(engine, text):
    try:
        request = parse_prompt(text, engine.vocab)
    except PlaylistError as exc:
        _one_sentence(exc)
        return
    c = request.constraints
    assert c.count is None or 1 <= c.count <= 200
    assert c.duration_min is None or 0 < c.duration_min <= 600


@FUZZ
@given(prompt_text, st.integers(min_value=1, max_value=50))
def test_follow_up_parser_never_crashes(engine, text, length):
    current = parse_prompt("rock", engine.vocab)
    try:
        refinement = parse_follow_up(text, engine.vocab, current, length)
    except PlaylistError as exc:
        _one_sentence(exc)
        return
    assert all(1 <= p <= length for p in refinement.remove_positions + refinement.more_like_positions)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)
play_like = st.fixed_dictionaries(
    {},
    optional={
        "endTime": st.one_of(st.text(max_size=20), st.just("2024-01-01 10:00"), st.integers()),
        "artistName": st.one_of(st.text(max_size=20), st.none(), st.integers()),
        "trackName": st.one_of(st.text(max_size=20), st.none()),
        "msPlayed": st.one_of(st.integers(), st.floats(), st.text(max_size=5)),
        "ts": st.one_of(st.text(max_size=25), st.just("2024-01-01T10:00:00Z")),
        "master_metadata_track_name": st.one_of(st.text(max_size=20), st.none()),
        "skipped": json_values,
    },
)


@FUZZ
@given(
    st.one_of(json_values, st.lists(play_like, max_size=6)),
    st.integers(min_value=0, max_value=200),
    st.sampled_from(["utf-8", "latin-1", "utf-16"]),
)
def test_history_importer_rejects_cleanly(tmp_path_factory, data, cut, encoding):
    folder = tmp_path_factory.mktemp("history")
    raw = json.dumps(data, ensure_ascii=False).encode(encoding, errors="replace")
    path = folder / "StreamingHistory_music_0.json"
    path.write_bytes(raw[: cut or None])
    try:
        plays = parse_history(path)
    except PlaylistError as exc:
        _one_sentence(exc)
        return
    assert all(p.artist and p.title for p in plays)


@FUZZ
@given(
    st.lists(
        st.lists(
            st.one_of(st.text(max_size=12), st.sampled_from(["NaN", "inf", "-1", "", "1e309"])), min_size=0, max_size=8
        ),
        max_size=8,
    ),
    st.lists(
        st.sampled_from(
            [
                "track_id",
                "track_name",
                "track_artist",
                "duration_ms",
                "energy",
                "tempo",
                "track_album_release_date",
                "playlist_genre",
                "junk",
            ]
        ),
        min_size=1,
        max_size=8,
    ),
)
def test_catalog_loader_skips_or_rejects(tmp_path_factory, rows, header):
    folder = tmp_path_factory.mktemp("catalog")
    path = folder / "catalog.csv"
    path.write_text("\n".join(",".join(r) for r in [header] + rows) + "\n", encoding="utf-8")
    try:
        load = load_catalog(path)
    except CatalogError as exc:
        _one_sentence(exc)
        return
    assert load.tracks and all(t.track_id and t.title and t.artist and t.duration_ms > 0 for t in load.tracks)


titles = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@FUZZ
@given(titles, titles)
def test_exports_round_trip_any_title(engine, tmp_path_factory, title, artist):
    from xml.etree import ElementTree as ET

    from assistant.session import Session

    playlist = Session(engine).ask("rock, 2 songs")
    item = playlist.items[0].model_copy(update={"title": title, "artist": artist})
    playlist = playlist.model_copy(update={"items": [item, *playlist.items[1:]]})
    folder = tmp_path_factory.mktemp("export")
    jspf = json.loads(export.write(playlist, "jspf", folder).read_text(encoding="utf-8"))
    assert jspf["playlist"]["track"][0]["title"] == title
    root = ET.parse(export.write(playlist, "xspf", folder)).getroot()
    got = root.find(f"{{{export.XSPF_NS}}}trackList/{{{export.XSPF_NS}}}track/{{{export.XSPF_NS}}}title").text
    assert (got or "") == export.xml_text(title)  # XML 1.0 cannot carry control characters; they are dropped
    m3u = export.write(playlist, "m3u8", folder).read_text(encoding="utf-8")
    assert m3u.count("# not in a file or on the web: ") == len(playlist.items)  # fixture ids: no location
    assert not list(folder.glob(".*.partial"))
