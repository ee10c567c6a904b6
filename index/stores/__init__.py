"""Where the track vectors are searched: FAISS in this process (the default) or a Milvus engine (a server, a
cluster, or a Milvus Lite file), chosen by PLAYLIST_VECTORS. Both answer the same question: the k best rows for
a query among the tracks a filter keeps, the filter applied inside the engine."""
