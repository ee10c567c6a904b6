"""The settings sent with every turn (TurnOverrides), applied after the words are read: a setting changed between
turns acts like the follow-up that says it, one left as it was changes nothing, and where the words asked for
something else a note says the setting won."""

from assistant.models import PlaylistRequest, Refinement, TurnOverrides


def _count_note(count: int) -> str:
    return f"the track count in the settings ({count}) wins over the length in the words"


def overridden_request(request: PlaylistRequest, overrides: TurnOverrides | None) -> PlaylistRequest:
    """A new playlist's request with the settings as hard constraints."""
    if overrides is None:
        return request
    constraints = request.constraints
    changes: dict = {}
    notes = []
    if overrides.count is not None:
        if constraints.count not in (None, overrides.count) or constraints.duration_min is not None:
            notes.append(_count_note(overrides.count))
        changes |= {"count": overrides.count, "duration_min": None}
    if overrides.clean:
        changes["explicit_allowed"] = False
    return request.model_copy(
        update={"constraints": constraints.model_copy(update=changes), "notes": request.notes + notes}
    )


def overridden_refinement(
    refinement: Refinement, current: PlaylistRequest, overrides: TurnOverrides | None, previous: TurnOverrides | None
) -> Refinement:
    """A follow-up with the settings; one the words did not explain still counts as understood when a setting
    changes the current request. Clean switched off after a turn it was on lifts it, as "explicit is fine" would."""
    if overrides is None:
        return refinement
    constraints = current.constraints
    changes: dict = {}
    notes = []
    changed = False
    if overrides.count is not None:
        if refinement.count not in (None, overrides.count) or refinement.duration_min is not None:
            notes.append(_count_note(overrides.count))
        changes |= {"count": overrides.count, "duration_min": None}
        changed = constraints.target_count() != overrides.count
    if overrides.clean:
        if refinement.explicit_allowed:
            notes.append("the clean setting is on, so explicit tracks stay out")
        changes["explicit_allowed"] = False
        changed = changed or constraints.explicit_allowed
    elif overrides.clean is False and previous is not None and previous.clean and refinement.explicit_allowed is None:
        changes["explicit_allowed"] = True
        changed = changed or not constraints.explicit_allowed
    return refinement.model_copy(
        update=changes | {"notes": refinement.notes + notes, "understood": refinement.understood or changed}
    )
