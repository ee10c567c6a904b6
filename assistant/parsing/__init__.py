"""The rule parser: prompt -> PlaylistRequest, follow-up -> Refinement, with no model (intent is the entry)."""
