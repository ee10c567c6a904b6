"""The conversation: everything between the listener's prompt and the Playlist."""
