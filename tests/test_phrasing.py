"""The generated phrasing suite (tests/phrasing.py) and the hand-written wordings, each case checked on the parsed
request and on the final playlist, over the fixture catalog with names that hold '&', 'and', ',' and digits."""

from collections import defaultdict

import pytest
from phrasing import adversarial_answer, all_cases, fixture_catalog, run_case, wording_cases
from scripted_models import mock_llm

CASES = all_cases() + wording_cases()
BY_CATEGORY = defaultdict(list)
for _case in CASES:
    BY_CATEGORY[_case.category].append(_case)


@pytest.fixture(scope="module")
def phrasing_engine(tmp_path_factory, embedder):
    from assistant.pipeline.planner import Engine
    from index.build import build_index
    from index.store import VectorIndex

    directory = tmp_path_factory.mktemp("phrasing")
    build_index(fixture_catalog(directory), directory / "index", embedder)
    return Engine(VectorIndex.load(directory / "index"), embedder)


def test_the_suite_is_as_large_as_promised():
    prompts = [c for c in CASES if not c.follow_ups]
    sequences = [c for c in CASES if c.follow_ups]
    assert len(prompts) >= 1000 and len(sequences) >= 300


@pytest.mark.parametrize("category", sorted(BY_CATEGORY))
def test_every_case_is_read_and_honoured(phrasing_engine, category):
    from assistant.session import Session

    failures = []
    for case in BY_CATEGORY[category]:
        problems = run_case(case, lambda: Session(phrasing_engine), phrasing_engine.index)
        if problems:
            failures.append(f"{case.prompt!r} {[t for t, _, _ in case.follow_ups]}: {problems[:2]}")
    assert not failures, f"{len(failures)} of {len(BY_CATEGORY[category])} failed:\n" + "\n".join(failures[:15])


@pytest.mark.parametrize(
    "category",
    ["negation lists", "time polarity", "exclusions beat seeds", "combined", "hand-written prompts", "holdout prompts"],
)
def test_a_model_cannot_remove_or_invert_what_the_rules_read(phrasing_engine, category):
    """The same checks with a model whose answers try to turn every constraint around (litellm mock_response)."""
    from assistant.session import Session

    failures = []
    for case in [c for c in BY_CATEGORY[category] if not c.follow_ups][::4]:
        llm = mock_llm([adversarial_answer(case)])
        problems = run_case(case, lambda llm=llm: Session(phrasing_engine, llm=llm), phrasing_engine.index)
        if problems:
            failures.append(f"{case.prompt!r}: {problems[:2]}")
    assert not failures, f"{len(failures)} failed:\n" + "\n".join(failures[:15])
