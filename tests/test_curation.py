"""Curation by a model through litellm's real custom-provider path: a scripted model that reads the numbered
candidates it is shown and answers (streamed) the way a model does, so chunking, token budgets, cut-offs,
claims, clipping, prose and the draft's live reasons are tested end to end on the fixture catalog."""

import json
import re

from scripted_models import NOTHING_MORE, ScriptedModel

from assistant.llm.client import LLM, register_provider
from assistant.llm.limits import REASON_CHARS
from assistant.llm.steps import TOKENS_HEAD, TOKENS_PER_PICK, TOKENS_SLACK, plan_chunks
from assistant.session import Session

_CANDIDATE = re.compile(r"^(\d+)\. (.*) \| (.*?) \| (\d{4})? \| ", re.M)


class CurationModel(ScriptedModel):
    """Answers each curation call from the candidates in its system prompt; `shape(call, candidates, picks,
    head)` returns (answer dict or raw text, finish_reason)."""

    def __init__(self, shape):
        super().__init__()
        self.shape = shape
        self.calls: list[dict] = []

    def answer(self, messages, optional_params):
        system, data = messages[0]["content"], json.loads(messages[-1]["content"])
        if "choose" not in data:  # the understanding call: nothing to add to the rules
            return NOTHING_MORE, "stop"
        candidates = [
            (int(n), title, artist, int(year) if year else None)
            for n, title, artist, year in _CANDIDATE.findall(system)
        ]
        self.calls.append(
            {"max_tokens": optional_params.get("max_tokens"), "candidates": candidates, "picks": data["choose"]}
        )
        answer, finish = self.shape(len(self.calls) - 1, candidates, data["choose"], '"title"' in system)
        return (answer if isinstance(answer, str) else json.dumps(answer)), finish


def _true_reason(candidate) -> str:
    _, title, artist, year = candidate
    return f"{artist} at their best on {title}" + (f", from {year}" if year else "")


def _in_order(call, candidates, picks, head):
    answer = {"tracks": [{"id": c[0], "reason": _true_reason(c)} for c in candidates[:picks]]}
    return (
        {"title": "A Little Bit Of Everything", "description": "Rock from every decade.", **answer} if head else answer
    ), "stop"


def _session(engine, shape, name):
    model = CurationModel(shape)
    register_provider(name, model)
    return Session(engine, llm=LLM(f"{name}/any")), model


def test_chunks_are_even_and_share_the_alternates():
    chunks = plan_chunks(list(range(25)), list(range(100, 107)))
    assert [c.picks for c in chunks] == [8, 9, 8] and [len(c.alternates) for c in chunks] == [3, 2, 2]
    assert [t for c in chunks for t in c.tracks] == list(range(25))
    assert [c.picks for c in plan_chunks(list(range(7)), [])] == [7]


def test_a_long_playlist_is_curated_chunk_by_chunk_within_budgets_streaming_prose(engine):
    session, model = _session(engine, _in_order, "scripted-order")
    events = list(session.ask_stream("25 songs"))
    final = events[-1].playlist
    assert len(final.items) == 25 and [c["picks"] for c in model.calls] == [8, 9, 8]
    assert [c["max_tokens"] for c in model.calls] == [
        TOKENS_SLACK + TOKENS_PER_PICK * 8 + TOKENS_HEAD,
        TOKENS_SLACK + TOKENS_PER_PICK * 9,
        TOKENS_SLACK + TOKENS_PER_PICK * 8,
    ]
    assert all(item.reason_source == "model" for item in final.items)
    assert final.title == "A Little Bit Of Everything" and "kept the rules' tracks" in final.model_changes
    prose = "".join(e.text for e in events if e.kind == "text")
    assert "{" not in prose and '"id"' not in prose
    assert prose.startswith("**A Little Bit Of Everything**") and "\n25. " in prose
    drafts = [e.playlist for e in events if e.kind == "draft"]
    explained = [sum(i.reason_source == "model" for i in d.items) for d in drafts]
    assert explained[0] == 0 and explained == sorted(explained) and explained[-1] == 25  # one by one


def test_a_cut_off_answer_keeps_its_finished_picks_and_is_not_asked_again(engine):
    def cut_first(call, candidates, picks, head):
        if call == 0:
            whole = json.dumps(
                {"title": "Cut", "tracks": [{"id": c[0], "reason": _true_reason(c)} for c in candidates[:picks]]}
            )
            return whole[: whole.index('{"id": 4')] + '{"id": 4, "reas', "length"
        return _in_order(call, candidates, picks, head)

    session, model = _session(engine, cut_first, "scripted-cut")
    final = session.ask("22 songs")
    assert len(model.calls) == 3  # one call per chunk: no blind retry of the cut one
    sources = [item.reason_source for item in final.items]
    assert len(final.items) == 22 and sources.count("model") == 22 - (7 - 3)
    assert session.llm.stats["cut_off"] == 1


def test_a_later_chunk_that_fails_keeps_what_came_with_a_warning(engine):
    def fail_second(call, candidates, picks, head):
        if call == 1:
            return "this is not json at all", "stop"
        return _in_order(call, candidates, picks, head)

    session, _ = _session(engine, fail_second, "scripted-fail")
    final = session.ask("20 songs")
    assert len(final.items) == 20
    assert sum(i.reason_source == "model" for i in final.items) == 10
    assert any("stopped after 10 tracks" in w for w in final.warnings)


def test_titles_that_claim_what_the_playlist_is_not_are_replaced_and_counted(engine):
    rules = Session(engine).ask("classic rock, 6 songs")

    def titled(title):
        def shape(call, candidates, picks, head):
            answer, finish = _in_order(call, candidates, picks, head)
            return dict(answer, title=title, description=""), finish

        return shape

    for name, title, claim in (
        ("a", "Reggaeton Night", "claim_genre"),
        ("b", "Sad Slow Ballads", "claim_mood"),
        ("c", "Songs by Drake", "claim_artist"),
        ("d", "70s Rock Radio", None),
    ):
        session, _ = _session(engine, titled(title), f"scripted-title-{name}")
        final = session.ask("classic rock, 6 songs")
        assert final.title == (title if claim is None else rules.title), (title, final.title)
        fired = {k for k, v in session.llm.checks.items() if k.startswith("claim_") and v}
        assert fired == ({claim} if claim else set()), (title, fired)


def test_a_reason_past_the_limit_is_clipped_and_the_answer_kept(engine):
    def long_reasons(call, candidates, picks, head):
        answer, finish = _in_order(call, candidates, picks, head)
        for pick in answer["tracks"]:
            pick["reason"] += " and " + "so much more to say " * 30
        return answer, finish

    session, model = _session(engine, long_reasons, "scripted-long")
    final = session.ask("classic rock, 5 songs")
    assert len(model.calls) == 1 and session.llm.stats["valid_first"] >= 1
    assert all(len(i.reason) <= REASON_CHARS and i.reason_source == "model" for i in final.items)


def test_the_chat_says_what_the_model_changed(engine):
    def reversed_picks(call, candidates, picks, head):
        chosen = list(reversed(candidates[: picks - 1])) + [candidates[-1]]  # reorders and swaps in an alternate
        answer = {"tracks": [{"id": c[0], "reason": _true_reason(c)} for c in chosen]}
        return ({"title": "Turned Around", **answer} if head else answer), "stop"

    session, _ = _session(engine, reversed_picks, "scripted-reverse")
    final = session.ask("classic rock, 6 songs")
    assert re.search(r"the model reordered \d+ and swapped 1: out .+; in .+", final.model_changes)


def test_every_model_answer_limit_is_one_constant_shared_by_schema_and_validation():
    """A long field is clipped to the limit the schema states, never the reason the answer is refused."""
    from assistant.llm.limits import MODEL_EXCLUDED_ARTISTS, NAME_CHARS, QUERY_CHARS, TITLE_CHARS
    from assistant.llm.steps import Curation, curate_schema
    from assistant.llm.understand import LLMIntent, intent_schema

    answer = LLMIntent.model_validate({"query": "q" * 500, "exclude_artists": ["x" * 100] * 30})
    assert len(answer.query) <= QUERY_CHARS and len(answer.exclude_artists) == MODEL_EXCLUDED_ARTISTS
    assert all(len(name) <= NAME_CHARS for name in answer.exclude_artists)
    schema = intent_schema(["rock"])["properties"]
    assert schema["query"]["maxLength"] == QUERY_CHARS
    assert schema["exclude_artists"]["maxItems"] == MODEL_EXCLUDED_ARTISTS
    assert LLMIntent.model_json_schema()["properties"]["exclude_artists"]["maxItems"] == MODEL_EXCLUDED_ARTISTS
    assert curate_schema(12, 10, True)["properties"]["title"]["maxLength"] == TITLE_CHARS
    assert len(Curation.model_validate({"title": "t" * 300}).title) <= TITLE_CHARS


def test_a_model_sentence_names_an_artist_only_exactly_and_written_as_a_name(engine):
    """Not the typo matching a listener's prompt gets: "happy", "like" or "drive" in a description are words."""
    from assistant.llm.claims import named_artists

    vocab = engine.vocab
    assert named_artists("Happy, upbeat songs perfect for a summer drive, like old times", vocab) == []
    assert named_artists("Songs by Drake", vocab) == ["drake"]
    assert named_artists("No Drake here, just Queen and Bon Iver", vocab) == ["queen", "bon iver"]
