import csv
import io
import json
from xml.etree import ElementTree as ET

import pytest

from assistant.outputs import export
from assistant.session import Session
from index.catalog import Track
from ui import view

NASTY = "Rock & Roll <Live> \"Quoted\" 'single' ]]> 🎸"


@pytest.fixture
def playlist(engine):
    session = Session(engine)
    session.ask("rock, 3 songs")
    result = session.refine("make it 4 songs")
    item = result.items[0].model_copy(update={"title": NASTY, "artist": "AC/DC & <Friends>"})
    return result.model_copy(update={"items": [item, *result.items[1:]], "title": 'Mix "1" <&>'})


def test_exports_round_trip_through_real_parsers(playlist, tmp_path):
    follow = ["make it 4 songs"]
    xspf = ET.parse(export.write(playlist, "xspf", tmp_path, follow)).getroot()
    ns = {"x": export.XSPF_NS}
    titles = [t.text for t in xspf.findall("x:trackList/x:track/x:title", ns)]
    assert titles[0] == NASTY and len(titles) == 4
    assert "follow-up: make it 4 songs" in xspf.find("x:annotation", ns).text
    assert "templates: " in xspf.find("x:annotation", ns).text
    jspf = json.loads(export.write(playlist, "jspf", tmp_path, follow).read_text())
    assert jspf["playlist"]["track"][0]["title"] == NASTY and jspf["playlist"]["title"] == 'Mix "1" <&>'
    m3u = export.write(playlist, "m3u8", tmp_path, follow).read_text().splitlines()
    assert m3u[0] == "#EXTM3U" and any(line.startswith("# prompt: rock, 3 songs") for line in m3u)
    assert sum(line.startswith("# not in a file or on the web: ") for line in m3u) == 4  # fixture ids: no location
    located = playlist.model_copy(
        update={"items": [i.model_copy(update={"location": f"/music/{i.track_id}.flac"}) for i in playlist.items]}
    )
    m3u = export.to_m3u8(located).splitlines()
    assert (
        sum(line.startswith("#EXTINF:") for line in m3u) == 4
        and m3u[-1] == f"/music/{playlist.items[-1].track_id}.flac"
    )
    xspf_located = ET.fromstring(export.to_xspf(located).split("?>", 1)[1])
    assert xspf_located.find("x:trackList/x:track/x:location", ns).text.startswith("file:///music/")
    rows = list(csv.reader(io.StringIO(export.write(playlist, "csv", tmp_path, follow).read_text())))
    data = [r for r in rows if not r[0].startswith("#")]
    assert data[0][0] == "position" and data[1][2] == NASTY and len(data) == 5
    assert not list(tmp_path.glob(".*.partial"))  # no temp file left


def test_view_functions(playlist, engine):
    rows = view.table_rows(playlist, engine.index, {playlist.items[1].track_id})
    assert rows[1][-1] == "🔒" and rows[0][-1] == "🔓" and rows[0][0] == 1
    assert [view.row_action(c) for c in range(len(view.TABLE_HEADERS))][-5:] == [
        None,
        "like",
        "dislike",
        "remove",
        "lock",
    ]
    assert rows[0][1] == view.title_cell(playlist.items[0].title, "")  # fixture ids are not Spotify ids: no link
    assert view.title_cell("A <b>", "") == "A \\<b\\>"  # a title is shown as text, never as markup
    spotify = Track(track_id="4uLU6hMCjMI75M1A2tKUQC", title="Never *Gonna*", artist="R", duration_ms=1)
    assert view.track_url(spotify) == "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC"
    assert view.title_cell(spotify.title, view.track_url(spotify)) == (
        "[Never \\*Gonna\\*](https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC)"
    )
    own = spotify.model_copy(update={"track_id": "t1", "url": "https://music.example/t1"})
    assert view.track_url(own) == "https://music.example/t1"
    assert "Changes: 1 added, 0 removed, 3 kept" in view.summary_markdown(playlist)
    assert view.duration_text(3_725_000) == "1:02:05" and view.duration_text(61_000) == "1:01"
    svg = view.arc_svg(playlist, engine.index)
    assert "energy (0–1, left)" in svg and "tempo (BPM, right)" in svg and svg.count("<polyline") == 2
    positions = [int(p) for p in __import__("re").findall(r'text-anchor="middle" font-size="11">(\d+)<', svg)]
    assert positions == list(range(1, len(playlist.items) + 1))  # whole positions on the axis
    assert "appears with a playlist" in view.arc_svg(None, engine.index)
    assert "added 1" in view.chat_reply(playlist).lower()
