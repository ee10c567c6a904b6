"""Curator experiments: a candidate template version shown to a share of listeners against the live version,
exposures of the playlists made under each, the feedback on them, and a report with intervals and a guardrail.
Modules: store (experiments, notes), trial (a session's arm and records), tracking (rows), report, stats,
commands (the CLI). Nothing is imported here, so the CLI's parser stays quick to load."""
