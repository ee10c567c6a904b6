"""Catalog importers: a folder of audio files or a Subsonic server, written as a catalog file load_catalog reads."""
