"""The retrieval substrate: catalog -> descriptions -> embeddings -> FAISS. Knows nothing of assistant/."""
