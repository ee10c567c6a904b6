"""Music-folder imports over real tagged files made in the test: tags, fallbacks, skips, stable ids, incremental
re-import and index update, audio analysis, and M3U8 with the real file paths."""

import json
from pathlib import Path

import numpy as np
import pytest
import soundfile
from music_library import RATE, SONGS, Song, clicks, make_library, write_song

from assistant.outputs.export import to_m3u8
from assistant.pipeline.planner import Engine
from assistant.session import Session
from index.build import build_index
from index.catalog import load_catalog
from index.errors import CatalogError
from index.sources.analysis import analyze
from index.sources.folder import import_folder
from index.sources.records import library_root
from index.store import VectorIndex


@pytest.fixture
def library(tmp_path):
    return tmp_path / "music", make_library(tmp_path / "music")


def test_tags_are_read_untagged_files_named_from_folders_and_broken_files_skipped(library, tmp_path):
    root, paths = library
    report = import_folder(root, tmp_path / "catalog.jsonl")
    tracks = {t.title: t for t in load_catalog(tmp_path / "catalog.jsonl").tracks}
    assert report.tracks == len(SONGS) == len(tracks)
    run_faster = tracks["Run Faster"]
    assert (run_faster.artist, run_faster.album, run_faster.year) == ("The Voltage", "Overdrive", 2011)
    assert run_faster.genres == ("rock", "punk")
    assert tracks["Red Line"].artist == "The Voltage"  # ID3 inside a WAV file
    assert abs(tracks["Bailar Contigo"].duration_ms - 6000) < 100  # opus
    untagged = tracks["Reading by the Window"]
    assert (untagged.artist, untagged.album, untagged.year) == ("Quiet Room", "Pages", None)
    assert report.named_from_path == 2
    assert (
        list(report.skipped) == ["not readable as audio"]
        and "Broken/Bad Rip/01 Noise.mp3" in report.skipped["not readable as audio"][0]
    )
    assert Path(run_faster.path) == paths["Run Faster"].resolve() and run_faster.location == run_faster.path
    assert library_root(tmp_path / "catalog.jsonl") == root.resolve()


def test_reimport_keeps_ids_reads_only_changed_files_and_the_index_embeds_only_them(library, tmp_path, embedder):
    root, paths = library
    catalog, index_dir = tmp_path / "catalog.jsonl", tmp_path / "index"
    import_folder(root, catalog)
    first = build_index(catalog, index_dir, embedder)
    ids_before = {t.title: t.track_id for t in load_catalog(catalog).tracks}

    write_song(
        paths["Warehouse"],
        Song("DJ Pulse", "Night Shift", "Warehouse (Extended)", 2016, "techno", 128, True, ".flac"),
        seed=99,
    )
    write_song(
        root / "New Artist" / "Debut" / "01 Fresh.mp3",
        Song("New Artist", "Debut", "Fresh", 2024, "pop", 110, True, ".mp3"),
    )
    paths["Cold Morning"].unlink()
    report = import_folder(root, catalog)
    assert report.reused == len(SONGS) - 2 and report.tracks == len(SONGS)
    tracks = {t.title: t for t in load_catalog(catalog).tracks}
    assert "Cold Morning" not in tracks and "Fresh" in tracks
    assert tracks["Warehouse (Extended)"].track_id == ids_before["Warehouse"]  # retagged, same file, same id
    assert all(tracks[title].track_id == ids_before[title] for title in ("Run Faster", "Rainy Afternoon"))

    second = build_index(catalog, index_dir, embedder)
    assert first.embedded == len(SONGS) and second.embedded == 2 and second.tracks == len(SONGS)


def test_a_failed_import_leaves_the_previous_catalog(library, tmp_path):
    root, _ = library
    catalog = tmp_path / "catalog.jsonl"
    import_folder(root, catalog)
    before = catalog.read_bytes()
    (tmp_path / "empty").mkdir()
    with pytest.raises(CatalogError, match="no audio files"):
        import_folder(tmp_path / "empty", catalog)
    with pytest.raises(CatalogError, match="not found"):
        import_folder(tmp_path / "missing", catalog)
    assert catalog.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".catalog")]


@pytest.mark.parametrize("bpm", [75, 96, 128, 150])
def test_analysis_finds_the_tempo(tmp_path, bpm):
    path = tmp_path / f"{bpm}.flac"
    soundfile.write(str(path), clicks(bpm, loud=True, seconds=20), RATE)
    assert analyze(path)["tempo"] == pytest.approx(bpm, rel=0.04)


def test_analysis_tells_loud_dense_music_from_soft_music(tmp_path):
    soundfile.write(str(tmp_path / "loud.wav"), clicks(128, loud=True, seconds=10), RATE)
    soundfile.write(str(tmp_path / "soft.wav"), clicks(70, loud=False, seconds=10), RATE)
    loud, soft = analyze(tmp_path / "loud.wav"), analyze(tmp_path / "soft.wav")
    assert loud["energy"] > soft["energy"] + 0.3 and loud["loudness"] > soft["loudness"]
    soundfile.write(str(tmp_path / "short.wav"), np.zeros(RATE // 2, dtype=np.float32), RATE)
    with pytest.raises(ValueError):
        analyze(tmp_path / "short.wav")


def test_analysed_folder_answers_energy_words_and_exports_playable_paths(library, tmp_path, embedder):
    root, _ = library
    catalog, index_dir = tmp_path / "catalog.jsonl", tmp_path / "index"
    report = import_folder(root, catalog, analyze)
    assert report.analyzed == len(SONGS)
    rows = [json.loads(line) for line in catalog.read_text().splitlines()]
    assert all(0 <= row["energy"] <= 1 and row["tempo"] for row in rows)
    build_index(catalog, index_dir, embedder)
    engine = Engine(VectorIndex.load(index_dir, embedder.model_id, embedder.dim), embedder)
    playlist = Session(engine).ask("3 high energy tracks")
    energies = {t.title: t.energy for t in load_catalog(catalog).tracks}
    assert min(energies[i.title] for i in playlist.items) > sorted(energies.values())[len(energies) // 2 - 1]
    lines = to_m3u8(playlist).splitlines()
    files = [line for line in lines if not line.startswith("#")]
    assert len(files) == 3 and all(Path(f).is_file() and Path(f).is_relative_to(root.resolve()) for f in files)


def test_a_multi_value_artist_tag_credits_every_artist(tmp_path):
    """Two values in the artist tag (ID3 TPE1 holds a list) are two credits, not the first one only."""
    import mutagen

    from index.catalog import Track
    from index.credits import with_credits
    from index.sources.tags import read_tags

    path = tmp_path / "duet.flac"
    write_song(path, Song("Ana", "Together", "Duet", 2020, "pop", 100, False, ".flac"))
    audio = mutagen.File(path)
    audio["artist"] = ["Ana", "Bo Lee"]
    audio.save()
    tags = read_tags(path)
    assert tags.artist == "Ana; Bo Lee"
    [track] = with_credits([Track(track_id="d", title=tags.title, artist=tags.artist, duration_ms=6000)])
    assert {"ana", "bo lee"} <= track.credit_keys
