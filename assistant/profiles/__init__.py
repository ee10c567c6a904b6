"""A listener's own data: history import, the taste profile built from it, saved playlists, and the databases
(SQLite | PostgreSQL) that keep them."""
