"""Standing playlists: a saved prompt refreshed daily or weekly and delivered to a file, Subsonic or MPD."""
