"""A true reason per track, from catalog facts and the listener's history, plus a title and description."""

from assistant.blend import Candidate
from assistant.models import PlaylistRequest, ReasonSource
from assistant.profile import ListenerProfile
from assistant.templates import TemplateStore
from index.catalog import Track
from index.describe import energy_word, mood_word, tempo_word
from index.text import artist_key


def _era(track: Track) -> str:
    style = track.subgenres[0] if track.subgenres else track.genre
    label = style.capitalize() if style else "A track"
    return f"{label} from {track.year}" if track.year else label


def _asked_facts(track: Track, request: PlaylistRequest) -> list[str]:
    facts = []
    matched = [g for g in request.genres if g in track.all_genres]
    if matched:
        facts.append("matches “" + "”, “".join(matched[:2]) + "”")
    if request.energy and track.energy is not None:
        facts.append(f"{energy_word(track.energy)} (energy {track.energy:.2f})")
    if request.tempo and track.tempo:
        facts.append(f"{tempo_word(track.tempo)} at {track.tempo:.0f} BPM")
    if request.mood and track.valence is not None:
        facts.append(f"{mood_word(track.valence)} in mood")
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


def reason_for(candidate: Candidate | None, track: Track, request: PlaylistRequest, profile: ListenerProfile | None,
               seed_names: dict[str, str], templates: TemplateStore) -> tuple[str, ReasonSource]:
    """The curator's reason template filled with facts that made this track fit; 'history' when the
    listener's plays are among them."""
    similar = list(seed_names.values())[:2] if seed_names and candidate and candidate.similarity > 0.5 else []
    history = _history_fact(candidate, track, profile)
    text = templates.render("reason", era=_era(track), facts=_asked_facts(track, request), similar_to=similar,
                            history=history, title=track.title, artist=track.artist)
    return " ".join(text.split()), "history" if history else "catalog"


def playlist_title(request: PlaylistRequest, tracks: list[Track], templates: TemplateStore) -> str:
    small = {"a", "an", "and", "for", "of", "the", "to", "in", "on", "at", "with", "or"}
    words = request.query.strip(" ,.;:").split()[:10]
    titled = [w if (w.lower() in small and i) or any(c.isupper() for c in w)
              else w.upper() if "&" in w else w[:1].upper() + w[1:]  # "r&b" -> "R&B"
              for i, w in enumerate(words)]
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
