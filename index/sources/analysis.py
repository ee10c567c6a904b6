"""Opt-in audio analysis for files without the catalog's audio features: tempo, energy and loudness from the
decoded signal (soundfile, numpy), so "energetic", "slow" and energy arcs work on a personal library. Tempo is the
strongest periodicity of the spectral-flux onset envelope between 60 and 200 BPM, weighted toward 120 as most
music is; energy blends loudness and onset strength on 0..1. Estimates, not Spotify's features: close enough to
tell a ballad from a banger (tests/test_sources.py)."""

from pathlib import Path

import numpy as np

SECONDS = 60  # from the middle of the track
RATE = 11025
FRAME, HOP = 1024, 256
MIN_PERIODICITY = 0.2  # the beat's autocorrelation against the envelope's own energy


def _mono(path: Path) -> tuple[np.ndarray, int]:
    import soundfile

    with soundfile.SoundFile(str(path)) as audio:
        rate = audio.samplerate
        wanted = SECONDS * rate
        if audio.frames > wanted:
            audio.seek((audio.frames - wanted) // 2)
        signal = audio.read(min(wanted, audio.frames) if audio.frames > 0 else wanted, dtype="float32", always_2d=True)
    signal = signal.mean(axis=1)
    step = max(1, rate // RATE)
    if step > 1:
        signal = signal[: len(signal) // step * step].reshape(-1, step).mean(axis=1)
    return signal, rate // step


def _onset_envelope(signal: np.ndarray) -> np.ndarray:
    frames = np.lib.stride_tricks.sliding_window_view(signal, FRAME)[::HOP] * np.hanning(FRAME)
    spectrum = np.log1p(100 * np.abs(np.fft.rfft(frames, axis=1)))
    return np.maximum(np.diff(spectrum, axis=0), 0).sum(axis=1)


def _tempo(envelope: np.ndarray, frames_per_s: float) -> float | None:
    envelope = envelope - envelope.mean()
    if len(envelope) < 4 * frames_per_s or not envelope.any():
        return None
    correlation = np.correlate(envelope, envelope, mode="full")[len(envelope) - 1 :]
    correlation = np.convolve(correlation, [0.25, 0.5, 0.25], mode="same")  # a beat between two lags counts whole
    lags = np.arange(int(frames_per_s * 60 / 200), int(frames_per_s * 60 / 60) + 1)
    lags = lags[lags < len(correlation)]
    bpm = 60 * frames_per_s / lags
    prior = np.exp(-0.5 * (np.log2(bpm / 120)) ** 2)
    best = int(lags[np.argmax(correlation[lags] * prior)])
    if correlation[best] < MIN_PERIODICITY * correlation[0]:
        return None  # no beat to speak of (a drone, speech, rain)
    left, mid, right = correlation[best - 1], correlation[best], correlation[min(best + 1, len(correlation) - 1)]
    curve = left - 2 * mid + right
    shift = 0.5 * (left - right) / curve if curve < 0 else 0.0  # the peak between two lags, by a parabola
    return float(60 * frames_per_s / (best + shift))


def analyze(path: Path) -> dict[str, float]:
    """tempo (BPM), energy (0..1) and loudness (dBFS) of the file; raises when it cannot be decoded."""
    signal, rate = _mono(path)
    if len(signal) < rate:
        raise ValueError("under a second of audio")
    rms = float(np.sqrt(np.mean(signal**2))) or 1e-9
    loudness = 20 * np.log10(rms)
    envelope = _onset_envelope(signal)
    strength = float(np.clip(envelope.mean() / 200, 0, 1))
    level = float(np.clip((loudness + 30) / 25, 0, 1))
    features = {"energy": round(0.6 * level + 0.4 * strength, 3), "loudness": round(float(loudness), 2)}
    tempo = _tempo(envelope, rate / HOP)
    if tempo is not None:
        features["tempo"] = round(tempo, 1)
    return features
