"""The deterministic playlist: retrieve, blend, select, order, refine, and a reason per track (planner is the entry)."""
