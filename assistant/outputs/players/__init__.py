"""Where a playlist goes besides files: a Subsonic server's playlists and play queue, an MPD queue."""
