"""The hand-edited word tables load as typed tables, and a broken one is a clear PlaylistError naming the file."""

from pathlib import Path

import pytest

from assistant.parsing.artist_aliases import _NICKNAMES
from assistant.parsing.emoji_vibe import _TABLE
from assistant.parsing.word_tables import names_table, phrase_table
from index.errors import PlaylistError


def test_shipped_tables_load():
    assert phrase_table(_TABLE)["cloud with rain"]
    assert all(isinstance(names, list) and names for names in names_table(_NICKNAMES).values())


@pytest.mark.parametrize(
    ("text", "load"),
    [
        ("cloud with rain: [rain\n", phrase_table),  # not YAML
        ("- rain\n- snow\n", phrase_table),  # a list, not a table
        ("Queen: the band\n", names_table),  # one string where a list of names belongs
    ],
)
def test_broken_table_is_a_clear_error(tmp_path: Path, text: str, load):
    path = tmp_path / "table.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlaylistError, match=r"word table table\.yaml is broken"):
        load(path)


def test_missing_table_is_a_clear_error(tmp_path: Path):
    with pytest.raises(PlaylistError, match="word table gone.yaml is broken"):
        phrase_table(tmp_path / "gone.yaml")
