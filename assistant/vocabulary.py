"""What the catalog knows by name: artists, songs and genre labels, so the rule parser can tell
'no Queen' (an artist) from 'no ballads' (a mood)."""

import difflib
from collections.abc import Sequence

from index.catalog import Track
from index.text import artist_key, base_title, fold

# Listener words -> catalog genre labels (any of them). Labels the catalog lacks are ignored.
GENRE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "hip hop": ("rap",),
    "hiphop": ("rap",),
    "rap": ("rap",),
    "gangsta rap": ("gangster rap",),
    "rnb": ("r&b",),
    "r and b": ("r&b",),
    "r b": ("r&b",),
    "soul": ("neo soul", "r&b"),
    "electronic": ("edm",),
    "electronica": ("edm",),
    "dance music": ("edm",),
    "house": ("electro house", "progressive electro house"),
    "progressive house": ("progressive electro house",),
    "indie": ("indie poptimism",),
    "indie pop": ("indie poptimism",),
    "teen pop": ("post-teen pop",),
    "alternative": ("permanent wave",),
    "alt rock": ("permanent wave",),
    "indie rock": ("permanent wave",),
    "reggaeton": ("reggaeton",),
    "dembow": ("reggaeton",),
}


class CatalogVocabulary:
    """Names in the catalog, folded for matching; built once per index."""

    def __init__(self, tracks: Sequence[Track]):
        self.artists: dict[str, str] = {}
        self.songs: dict[str, list[Track]] = {}
        self.by_artist: dict[str, list[Track]] = {}
        labels: set[str] = set()
        for track in tracks:
            self.artists.setdefault(artist_key(track.artist), track.artist)
            self.songs.setdefault(base_title(track.title), []).append(track)
            self.by_artist.setdefault(artist_key(track.artist), []).append(track)
            labels.update(track.all_genres)
        self.labels = labels
        self.genre_phrases = self._genre_phrases(labels)

    @staticmethod
    def _genre_phrases(labels: set[str]) -> dict[str, tuple[str, ...]]:
        """Folded phrase -> labels, longest phrase first so 'latin hip hop' wins over 'hip hop'."""
        phrases = {fold(label): (label,) for label in labels}
        for phrase, targets in GENRE_SYNONYMS.items():
            known = tuple(t for t in targets if t in labels)
            if known:
                phrases[fold(phrase)] = tuple(dict.fromkeys(phrases.get(fold(phrase), ()) + known))
        return dict(sorted(phrases.items(), key=lambda item: -len(item[0])))

    def find_artist(self, name: str) -> str | None:
        """The catalog's spelling of an artist, allowing for case, accents, punctuation and a leading 'the'."""
        key = artist_key(name)
        if not key:
            return None
        for candidate in (key, key.removeprefix("the "), f"the {key}"):
            if candidate in self.artists:
                return self.artists[candidate]
        if len(key) >= 5:
            close = difflib.get_close_matches(key, self.artists.keys(), n=1, cutoff=0.9)
            if close:
                return self.artists[close[0]]
        return None

    def find_song(self, title: str, artist: str | None = None) -> Track | None:
        """The most popular catalog track with this title (by this artist when one is named)."""
        matches = self.songs.get(base_title(title), [])
        if artist:
            wanted = artist_key(artist)
            matches = [t for t in matches if artist_key(t.artist) == wanted]
        return max(matches, key=lambda t: t.popularity or 0, default=None)

    def tracks_by(self, artist: str) -> list[Track]:
        return self.by_artist.get(artist_key(artist), [])
