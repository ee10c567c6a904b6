"""Where a playlist goes once made: files (export), players (Subsonic, MPD), standing playlists' delivery."""
