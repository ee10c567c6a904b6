"""A synthetic catalog for the vibe tests: tracks whose audio features are spread over every region the vibe suite
asks for, with titles that are traps: a quarter carry a word listeners use for a vibe ("Asleep", "Rain", "Happy",
"Party") on a track whose features are drawn regardless of it. A playlist that matches titles instead of sound fails
here by construction of the data, not of the code."""

import csv
import random
from pathlib import Path

GENRES = {
    "pop": ("dance pop", "post-teen pop", "electropop", "indie poptimism"),
    "rap": ("hip hop", "southern hip hop", "gangster rap", "trap"),
    "rock": ("album rock", "classic rock", "permanent wave", "hard rock"),
    "latin": ("tropical", "latin pop", "reggaeton", "latin hip hop"),
    "r&b": ("urban contemporary", "hip pop", "new jack swing", "neo soul"),
    "edm": ("electro house", "big room", "pop edm", "progressive electro house"),
}
PUNS = (
    "Asleep",
    "Sleep",
    "Insomnia",
    "Rain",
    "Rainy",
    "Sunday",
    "Morning",
    "Happy",
    "Sad",
    "Party",
    "Chill",
    "Dance",
    "Acoustic",
    "Live",
    "Summer",
    "Workout",
    "Night",
    "Calm",
    "Sunshine",
    "Road Trip",
    "Study",
    "Focus",
    "Dark",
    "Angry",
    "Love",
    "Lonely",
    "Drive",
    "Cozy",
    "Winter",
    "Fire",
    "Crazy",
    "Peace",
)
WORDS = (
    "Glass",
    "River",
    "Copper",
    "Paper",
    "Velvet",
    "Orbit",
    "Harbor",
    "Lantern",
    "Marble",
    "Signal",
    "Cobalt",
    "Meadow",
    "Atlas",
    "Ember",
    "Canyon",
    "Violet",
    "Static",
    "Harvest",
    "Mirror",
    "Tundra",
    "Saffron",
    "Echo",
    "Circuit",
    "Falcon",
    "Prism",
    "Willow",
    "Granite",
    "Neon",
    "Cipher",
    "Juniper",
    "Mosaic",
    "Quartz",
)
FIELDS = [
    "track_id",
    "track_name",
    "track_artist",
    "track_popularity",
    "track_album_name",
    "track_album_release_date",
    "playlist_genre",
    "playlist_subgenre",
    "danceability",
    "energy",
    "key",
    "loudness",
    "mode",
    "speechiness",
    "acousticness",
    "instrumentalness",
    "liveness",
    "valence",
    "tempo",
    "duration_ms",
]


def _mixture(rng: random.Random, share_high: float, low: tuple[float, float], high: tuple[float, float]) -> float:
    return rng.uniform(*high) if rng.random() < share_high else rng.uniform(*low)


def rows(count: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for n in range(count):
        genre = rng.choice(sorted(GENRES))
        energy = rng.uniform(0.03, 0.99)
        title = " ".join(rng.sample(WORDS, 2))
        if rng.random() < 0.25:
            title = f"{rng.choice(PUNS)} {rng.choice(WORDS)}"
        out.append(
            {
                "track_id": f"syn{n:05d}",
                "track_name": title,
                "track_artist": f"Artist {n // 3:04d}",
                "track_popularity": rng.randint(0, 100),
                "track_album_name": f"Album {n // 6:04d}",
                "track_album_release_date": f"{rng.randint(1965, 2020)}-01-01",
                "playlist_genre": genre,
                "playlist_subgenre": rng.choice(GENRES[genre]),
                "danceability": round(rng.uniform(0.2, 0.97), 3),
                "energy": round(energy, 3),
                "key": rng.randint(0, 11),
                "loudness": round(min(-1.0, -24 + 21 * energy + rng.uniform(-2, 2)), 2),
                "mode": rng.randint(0, 1),
                "speechiness": round(_mixture(rng, 0.3, (0.02, 0.1), (0.1, 0.6)), 3),
                "acousticness": round(_mixture(rng, 0.5, (0.0, 0.2), (0.2, 0.99)), 3),
                "instrumentalness": round(_mixture(rng, 0.3, (0.0, 0.05), (0.3, 0.97)), 3),
                "liveness": round(_mixture(rng, 0.2, (0.04, 0.3), (0.5, 0.98)), 3),
                "valence": round(rng.uniform(0.02, 0.98), 3),
                "tempo": round(rng.uniform(62, 192), 1),
                "duration_ms": rng.randint(150_000, 300_000),
            }
        )
    return out


def write(path: Path, count: int = 1500, seed: int = 7) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows(count, seed))
    return path
