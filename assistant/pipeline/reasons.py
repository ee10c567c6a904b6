"""A true reason per track, from catalog facts and the listener's history, plus a title and description."""

from assistant.models import FeatureRange, PlaylistRequest, ReasonSource
from assistant.pipeline.blend import Candidate
from assistant.pipeline.vibe_fit import inside
from assistant.profiles import ListenerProfile
from assistant.templates import TemplateStore
from index.catalog import Track
from index.describe import energy_word, mood_word
from index.text import artist_key, fold


def _era(track: Track) -> str:
    style = track.subgenres[0] if track.subgenres else track.genre
    label = style.capitalize() if style else "A track"
    return f"{label} from {track.year}" if track.year else label


MAX_FACTS = 4  # a reason is one line under the track
MAX_VIBE_FEATURES = 2
_GENRE_PHRASES = ("matches “{}”", "“{}”, as asked", "right in “{}”")
_TITLE_PHRASES = ("“{}” in the title", "its title says “{}”", "named for “{}”")
_FOR_PHRASES = ("for “{}”", "answering “{}”", "as “{}” asks")
_STOP = frozenset(
    {
        "songs",
        "song",
        "tracks",
        "track",
        "music",
        "playlist",
        "with",
        "from",
        "that",
        "this",
        "some",
        "for",
        "the",
        "and",
        "like",
        "more",
        "only",
        "just",
        "about",
        "into",
        "your",
        "mix",
    }
)
# How a value reads on each side of a range: (low side, high side, middle band).
_FEATURE_WORDS = {
    "energy": ("calm", "high-energy", "mid-energy"),
    "valence": ("melancholic", "bright", "bittersweet"),
    "acousticness": ("electronic", "acoustic", "partly acoustic"),
    "danceability": ("loose", "danceable", "groovy"),
    "instrumentalness": ("vocal", "instrumental", "mostly instrumental"),
    "speechiness": ("sung", "rap-heavy", "wordy"),
    "liveness": ("studio", "live", "live-sounding"),
    "tempo": ("slow", "fast", "mid-tempo"),
    "loudness": ("quiet", "loud", "mid-volume"),
    "mode": ("minor-key", "major-key", "major-key"),
}


def _value_text(feature: str, value: float) -> str:
    if feature == "tempo":
        return f"{value:.0f} BPM"
    if feature == "loudness":
        return f"{value:.1f} dB"
    return f"{feature} {value:.2f}"


def _range_word(target: FeatureRange) -> str:
    low, high, middle = _FEATURE_WORDS[target.feature]
    if target.feature == "mode":
        return high if (target.min or 0) >= 1 else low
    if target.min is not None and target.max is not None:
        return middle
    return high if target.min is not None else low


def _vibe_fact(track: Track, request: PlaylistRequest, variant: int) -> str:
    """How the track sounds against the strongest targets it meets, in words tied to its values and to the words
    typed: 'calm and acoustic (energy 0.22, acousticness 0.81) for “rainy”'. Nothing for a feature it lacks."""
    met = [t for t in request.vibe if t.weight >= 0.5 and inside(track, t)][:MAX_VIBE_FEATURES]
    if not met:
        return ""
    words = " and ".join(dict.fromkeys(_range_word(t) for t in met))
    values = ", ".join(_value_text(t.feature, getattr(track, t.feature)) for t in met if t.feature != "mode")
    typed = list(dict.fromkeys(w for t in met for w in t.words))[:2]
    asked = _FOR_PHRASES[variant].format("”, “".join(typed)) if typed else ""
    return " ".join(p for p in (words, f"({values})" if values else "", asked) if p)


def _title_words(track: Track, request: PlaylistRequest) -> list[str]:
    """Words asked for found in the title, allowing endings ('paradise' matches 'Paradise'): the names typed, or
    the topic of a prompt that names no sound ("songs about paradise"); never a vibe word, so a reason never
    praises a pun."""
    topic = [] if any(t.source == "lexicon" for t in request.vibe) else [request.query]
    asked = [w for name in request.names + topic for w in fold(name).split() if len(w) >= 4 and w not in _STOP]
    found = []
    for word in fold(track.title).split():
        if len(word) >= 3 and any(a.startswith(word[:4]) and word.startswith(a[:4]) for a in asked):
            found.append(word.capitalize())
    return list(dict.fromkeys(found))[:2]


def _arc_place(arc: str, position: int, count: int) -> str:
    if arc == "steady" or count < 3:
        return ""
    third = min(2, 3 * (position - 1) // count)
    return {
        "build": ("opens the build, low", "the build rising", "the top of the build"),
        "wind_down": ("starts the wind-down high", "winding down", "the calmest stretch, to end"),
        "peak": ("the climb", "the peak of the set", "coming down"),
    }[arc][third]


def _asked_facts(track: Track, request: PlaylistRequest, position: int = 1, count: int = 1) -> list[str]:
    """What in the prompt this track answers, in the listener's own words where they typed them."""
    facts = []
    variant = position % 3
    matched = [g for g in request.genres if g in track.all_genres]
    if matched:
        facts.append(_GENRE_PHRASES[variant].format("”, “".join(matched[:2])))
    facts += [_TITLE_PHRASES[variant].format(word) for word in _title_words(track, request)[:1]]
    facts.append(_vibe_fact(track, request, variant))
    facts.append(_arc_place(request.arc, position, count))
    if request.popular and (track.popularity or 0) >= 60:
        facts.append(f"a hit (popularity {track.popularity})")
    facts = [f for f in facts if f][:MAX_FACTS]
    if not facts:
        words = [w for w in (energy_word(track.energy), mood_word(track.valence)) if w]
        if words:
            facts.append(" and ".join(words))
    return facts


def _history_fact(candidate: Candidate | None, track: Track, profile: ListenerProfile | None) -> str:
    if profile is None:
        return ""
    plays = profile.artist_plays[artist_key(track.artist)]
    if profile.track_weight.get(track.track_id, 0) > 0:
        return "a track you have played"
    if plays:
        return f"you played {track.artist} {plays} time{'s' if plays != 1 else ''}"
    if candidate is not None and candidate.affinity > 0.5:
        return "close to what you listen to"
    return ""


def reason_for(
    candidate: Candidate | None,
    track: Track,
    request: PlaylistRequest,
    profile: ListenerProfile | None,
    seed_names: dict[str, str],
    templates: TemplateStore,
    position: int = 1,
    count: int = 1,
) -> tuple[str, ReasonSource]:
    """The curator's reason template filled with facts that made this track fit; 'history' when the
    listener's plays are among them."""
    similar = list(seed_names.values())[:2] if seed_names and candidate and candidate.similarity > 0.5 else []
    history = _history_fact(candidate, track, profile)
    facts = _asked_facts(track, request, position, count)
    text = templates.render(
        "reason",
        era=_era(track),
        facts=facts,
        similar_to=similar,
        history=history,
        title=track.title,
        artist=track.artist,
    )
    return " ".join(text.split()), "history" if history else "catalog"


def playlist_title(request: PlaylistRequest, tracks: list[Track], templates: TemplateStore) -> str:
    small = {"a", "an", "and", "for", "of", "the", "to", "in", "on", "at", "with", "or"}
    words = request.query.strip(" ,.;:").split()[:10]
    titled = [
        w
        if (w.lower() in small and i) or any(c.isupper() for c in w)
        else w.upper()
        if "&" in w
        else w[:1].upper() + w[1:]  # "r&b" -> "R&B"
        for i, w in enumerate(words)
    ]
    minutes = round(sum(t.duration_ms for t in tracks) / 60000)
    text = templates.render("title", query=" ".join(titled), genres=request.genres, count=len(tracks), minutes=minutes)
    return " ".join(text.split()) or "Your playlist"


def playlist_description(tracks: list[Track], request: PlaylistRequest) -> str:
    minutes = round(sum(t.duration_ms for t in tracks) / 60000)
    genres: dict[str, int] = {}
    for track in tracks:
        for label in track.subgenres[:1] or track.genres[:1]:
            genres[label] = genres.get(label, 0) + 1
    top = ", ".join(sorted(genres, key=lambda g: -genres[g])[:3])
    years = sorted(t.year for t in tracks if t.year)
    span = f"{years[0]}–{years[-1]}" if years and years[0] != years[-1] else (str(years[0]) if years else "")
    return " · ".join(p for p in (f"{len(tracks)} tracks, {minutes} min", top, span) if p)
