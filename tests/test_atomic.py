"""index.atomic: the one write-to-temp-then-rename helper every writer uses."""

import pytest

from index.atomic import atomic_file, atomic_path, write_atomic


def test_atomic_file_replaces_on_success_and_leaves_no_temp(tmp_path):
    target = tmp_path / "catalog.jsonl"
    target.write_text("old\n", encoding="utf-8")
    with atomic_file(target, binary=False) as out:
        out.write("new\n")
        assert target.read_text(encoding="utf-8") == "old\n"  # nothing visible before the rename
    assert target.read_text(encoding="utf-8") == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["catalog.jsonl"]


def test_a_failure_keeps_the_old_file_and_removes_the_temp(tmp_path):
    target = tmp_path / "model.gguf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as temp:
            temp.write_bytes(b"half")
            raise RuntimeError("cut off")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["model.gguf"]


def test_write_atomic_sets_the_mode_first(tmp_path):
    target = tmp_path / "accounts.json"
    write_atomic(target, b"{}", mode=0o600)
    assert target.read_bytes() == b"{}" and target.stat().st_mode & 0o777 == 0o600
