"""The deterministic playlist: retrieve, blend, select, order, refine, and a reason per track (planner is the entry)."""

from typing import TYPE_CHECKING

from assistant import public_names

if TYPE_CHECKING:
    from assistant.pipeline.blend import BlendSettings, Candidate
    from assistant.pipeline.index_commands import add_parser as add_build_parser
    from assistant.pipeline.index_commands import run as run_build
    from assistant.pipeline.indexing import build as build_index
    from assistant.pipeline.indexing import open_index
    from assistant.pipeline.overrides import overridden_refinement, overridden_request
    from assistant.pipeline.planner import Draft, Engine, assemble, build_playlist, changes_between
    from assistant.pipeline.refine import plan_refinement
    from assistant.pipeline.sequence import Selection, order, select

__all__ = [
    "BlendSettings",
    "Candidate",
    "Draft",
    "Engine",
    "Selection",
    "add_build_parser",
    "assemble",
    "build_index",
    "build_playlist",
    "changes_between",
    "open_index",
    "order",
    "overridden_refinement",
    "overridden_request",
    "plan_refinement",
    "run_build",
    "select",
]

_HOMES = {
    "BlendSettings": "blend.BlendSettings",
    "Candidate": "blend.Candidate",
    "Draft": "planner.Draft",
    "Engine": "planner.Engine",
    "Selection": "sequence.Selection",
    "add_build_parser": "index_commands.add_parser",
    "assemble": "planner.assemble",
    "build_index": "indexing.build",
    "build_playlist": "planner.build_playlist",
    "changes_between": "planner.changes_between",
    "open_index": "indexing.open_index",
    "order": "sequence.order",
    "overridden_refinement": "overrides.overridden_refinement",
    "overridden_request": "overrides.overridden_request",
    "plan_refinement": "refine.plan_refinement",
    "run_build": "index_commands.run",
    "select": "sequence.select",
}

__getattr__ = public_names(__name__, _HOMES)
