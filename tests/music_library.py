"""A small music library made in the test: real, short, tagged audio files in five formats, a few without tags,
one damaged file and one that is not audio, in the usual Artist/Album/NN Title layout."""

from dataclasses import dataclass
from pathlib import Path

import numpy as np

RATE = 16000
FORMATS = {
    ".mp3": ("MP3", "MPEG_LAYER_III"),
    ".flac": ("FLAC", "PCM_16"),
    ".ogg": ("OGG", "VORBIS"),
    ".opus": ("OGG", "OPUS"),
    ".wav": ("WAV", "PCM_16"),
}


@dataclass(frozen=True)
class Song:
    artist: str
    album: str
    title: str
    year: int
    genre: str
    bpm: int
    loud: bool
    suffix: str
    tagged: bool = True

    def relative(self, number: int) -> Path:
        return Path(self.artist) / self.album / f"{number:02d} {self.title}{self.suffix}"


SONGS = [
    Song("Northern Lights", "Aurora", "Cold Morning", 1994, "ambient", 70, False, ".flac"),
    Song("Northern Lights", "Aurora", "Glacier Song", 1994, "ambient", 72, False, ".ogg"),
    Song("The Voltage", "Overdrive", "Run Faster", 2011, "Rock; Punk", 168, True, ".mp3"),
    Song("The Voltage", "Overdrive", "Red Line", 2011, "rock", 150, True, ".wav"),
    Song("Mia Sol", "Verano", "Bailar Contigo", 2019, "latin pop", 100, True, ".opus"),
    Song("Mia Sol", "Verano", "Noche de Luna", 2019, "latin pop", 92, False, ".mp3"),
    Song("DJ Pulse", "Night Shift", "Warehouse", 2016, "techno", 128, True, ".flac"),
    Song("DJ Pulse", "Night Shift", "Sunrise Dub", 2016, "techno", 124, True, ".ogg"),
    Song("Quiet Room", "Pages", "Reading by the Window", 2005, "acoustic", 80, False, ".mp3", tagged=False),
    Song("Quiet Room", "Pages", "Rainy Afternoon", 2005, "acoustic", 76, False, ".flac", tagged=False),
]


def clicks(bpm: int, loud: bool, seconds: float = 6.0, seed: int = 0) -> np.ndarray:
    """A beat at bpm: noise bursts, over a loud held chord or soft and alone."""
    rng = np.random.default_rng(seed)
    signal = np.zeros(int(RATE * seconds), dtype=np.float32)
    burst = rng.standard_normal(300).astype(np.float32) * np.exp(-np.arange(300) / 60, dtype=np.float32)
    for start in range(0, len(signal) - 300, int(RATE * 60 / bpm)):
        signal[start : start + 300] += (0.9 if loud else 0.15) * burst
    if loud:
        time = np.arange(len(signal), dtype=np.float32) / RATE  # a held chord: mastered music sits near -10 dBFS
        signal += sum(0.15 * np.sin(2 * np.pi * f * time, dtype=np.float32) for f in (110.0, 138.6, 164.8))
    return np.clip(signal, -1, 1)


def write_song(path: Path, song: Song, seed: int = 0) -> None:
    import mutagen
    import soundfile
    from mutagen.id3 import TALB, TCON, TDRC, TIT2, TPE1

    path.parent.mkdir(parents=True, exist_ok=True)
    fmt, subtype = FORMATS[song.suffix]
    soundfile.write(str(path), clicks(song.bpm, song.loud, seed=seed), RATE, format=fmt, subtype=subtype)
    if not song.tagged:
        return
    audio = mutagen.File(path, easy=song.suffix != ".wav")
    if audio.tags is None:
        audio.add_tags()
    if song.suffix == ".wav":
        for frame in (
            TIT2(text=song.title),
            TPE1(text=song.artist),
            TALB(text=song.album),
            TDRC(text=str(song.year)),
            TCON(text=song.genre),
        ):
            audio.tags.add(frame)
    else:
        audio.tags.update(
            {
                "title": [song.title],
                "artist": [song.artist],
                "album": [song.album],
                "date": [str(song.year)],
                "genre": [song.genre],
            }
        )
    audio.save()


def make_library(root: Path) -> dict[str, Path]:
    """Writes SONGS, a damaged file and a text file under root; returns each song's path by title."""
    paths = {}
    for number, song in enumerate(SONGS, 1):
        path = root / song.relative(number)
        write_song(path, song, seed=number)
        paths[song.title] = path
    (root / "Broken" / "Bad Rip").mkdir(parents=True)
    (root / "Broken" / "Bad Rip" / "01 Noise.mp3").write_bytes(b"\x00\x01garbage" * 50)
    (root / "Broken" / "notes.txt").write_text("not music", encoding="utf-8")
    return paths
