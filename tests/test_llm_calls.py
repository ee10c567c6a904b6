"""One model call against a real OpenAI-compatible server on 127.0.0.1 (http.server, streaming SSE): an answer cut
off by max_tokens is handed back, not retried; every call ends at its wall-clock deadline, however slowly the
server trickles; each call reports its finish reason and tokens. The time bounds are structural (a call that
ignored the deadline would take 10 s or more), not benchmarks."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from pydantic import BaseModel

from assistant.llm.client import LLM, AnswerCutOff, LLMError, LLMTimeout, complete_items
from assistant.llm.deadline import limit


class Track(BaseModel):
    id: str
    reason: str


class Curation(BaseModel):
    title: str
    tracks: list[Track]


CURATION = json.dumps({"title": "Road Trip", "tracks": [{"id": f"t{n}", "reason": f"reason {n}"} for n in range(6)]})
CUT = CURATION[: CURATION.index('"t4"') + 8]  # stops inside the fifth track


class Script:
    """What the server answers next: the text as tokens, a pause before answering and before each piece, how it
    ends."""

    def __init__(self, text: str, finish: str = "stop", delay_s: float = 0.0, wait_s: float = 0.0):
        self.tokens = [text[i : i + 4] for i in range(0, len(text), 4)]
        self.finish, self.delay_s, self.wait_s = finish, delay_s, wait_s


class _Handler(BaseHTTPRequestHandler):
    scripts: list[Script] = []
    requests: list[dict] = []
    ended: list[float] = []  # when each answer stopped being written (done or the client gone)

    def do_POST(self):
        request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.requests.append(request)
        script = self.scripts.pop(0)
        time.sleep(script.wait_s)
        try:
            (self._stream if request.get("stream") else self._whole)(script, request)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            self.ended.append(time.monotonic())

    def _chunk(self, delta: dict, finish: str | None = None, usage: dict | None = None) -> bytes:
        body = {
            "id": "c1",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": "stub",
            "choices": [] if usage else [{"index": 0, "delta": delta, "finish_reason": finish}],
        }
        if usage:
            body["usage"] = usage
        return f"data: {json.dumps(body)}\n\n".encode()

    def _stream(self, script: Script, request: dict) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        for token in script.tokens:
            time.sleep(script.delay_s)
            self.wfile.write(self._chunk({"content": token}))
            self.wfile.flush()
        self.wfile.write(self._chunk({}, script.finish))
        if (request.get("stream_options") or {}).get("include_usage"):
            self.wfile.write(
                self._chunk(
                    {},
                    usage={
                        "prompt_tokens": 11,
                        "completion_tokens": len(script.tokens),
                        "total_tokens": 11 + len(script.tokens),
                    },
                )
            )
        self.wfile.write(b"data: [DONE]\n\n")

    def _whole(self, script: Script, request: dict) -> None:
        body = json.dumps(
            {
                "id": "c1",
                "object": "chat.completion",
                "created": 0,
                "model": "stub",
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": script.finish,
                        "message": {"role": "assistant", "content": "".join(script.tokens)},
                    }
                ],
                "usage": {
                    "prompt_tokens": 11,
                    "completion_tokens": len(script.tokens),
                    "total_tokens": 11 + len(script.tokens),
                },
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        pieces = [body[i : i + 16] for i in range(0, len(body), 16)] if script.delay_s else [body]
        for piece in pieces:  # a slow server: each read comes in time, the whole answer does not
            time.sleep(script.delay_s)
            self.wfile.write(piece)
            self.wfile.flush()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    _Handler.scripts, _Handler.requests, _Handler.ended = [], [], []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()


def _llm(url: str, **kwargs) -> LLM:
    return LLM("openai/stub", api_base=url, api_key="test", **kwargs)


@pytest.mark.parametrize("streamed", [False, True])
def test_an_answer_cut_off_by_max_tokens_is_handed_back_not_retried(server, streamed):
    _Handler.scripts = [Script(CUT, finish="length"), Script(CURATION)]
    llm = _llm(server, max_tokens=900)
    shown: list[str] = []
    with pytest.raises(AnswerCutOff, match="cut off at 120 tokens") as cut:
        llm.structured(
            [{"role": "user", "content": "30 songs"}],
            Curation,
            on_text=shown.append if streamed else None,
            max_tokens=120,
        )
    assert isinstance(cut.value, LLMError) and cut.value.partial == CUT and cut.value.max_tokens == 120
    assert len(_Handler.requests) == 1 and _Handler.requests[0]["max_tokens"] == 120  # no blind retry
    assert [item["id"] for item in complete_items(cut.value.partial, "tracks")] == ["t0", "t1", "t2", "t3"]
    assert llm.stats == {"cut_off": 1} and llm.calls[-1].finish_reason == "length"
    assert "".join(shown) == (CUT if streamed else "")


def test_a_complete_but_invalid_answer_is_still_retried_once(server):
    _Handler.scripts = [Script('{"title": "x"}'), Script(CURATION)]
    llm = _llm(server)
    assert len(llm.structured([{"role": "user", "content": "6 songs"}], Curation).tracks) == 6
    assert llm.stats == {"valid_retry": 1} and len(_Handler.requests) == 2
    assert _Handler.requests[1]["max_tokens"] == 900  # the LLM's own budget when the call names none


def test_complete_items_keeps_the_closed_objects_of_an_unfinished_array():
    text = json.dumps(
        {
            "title": 'not "tracks": [{"id": "x"}]',
            "other": [{"id": "y"}],
            "tracks": [{"id": "a", "reason": "has } and ]"}, {"id": "b", "reason": "r"}],
        }
    )
    assert [i["id"] for i in complete_items(text)] == ["a", "b"]
    assert [i["id"] for i in complete_items(text[: text.index('"b"')])] == ["a"]
    assert complete_items(text[: text.index('"tracks"') + 5]) == []
    assert complete_items("```json\n" + CUT) == complete_items(CUT)
    assert complete_items("no json here") == [] and complete_items('{"tracks": []}') == []


def test_a_stream_that_trickles_ends_at_the_deadline_and_is_closed(server):
    _Handler.scripts = [Script("word " * 40, delay_s=0.5)]  # 50 tokens, one every 0.5 s: 25 s in all
    shown: list[str] = []
    started = time.monotonic()
    with pytest.raises(LLMTimeout, match="ran out of time") as timed_out:
        _llm(server, timeout_s=2).complete([{"role": "user", "content": "hi"}], on_text=shown.append)
    stopped = time.monotonic()
    assert 1.9 < stopped - started < 4
    assert timed_out.value.partial == "".join(shown) and timed_out.value.partial.startswith("word")
    deadline = time.monotonic() + 5
    while not _Handler.ended and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _Handler.ended and _Handler.ended[0] - stopped < 3  # the connection was closed: the server stopped


def test_a_whole_answer_that_trickles_ends_at_the_deadline(server):
    _Handler.scripts = [Script(CURATION, delay_s=0.5)]  # each piece of the body within the read timeout
    started = time.monotonic()
    with pytest.raises(LLMTimeout, match="ran out of time"):
        _llm(server, timeout_s=2).complete([{"role": "user", "content": "hi"}])
    assert 1.9 < time.monotonic() - started < 4


def test_a_structured_answer_and_its_retry_share_one_deadline(server):
    _Handler.scripts = [Script('{"title": "x"}', wait_s=1.0), Script(CURATION, delay_s=0.5)]
    llm = _llm(server, timeout_s=2)
    started = time.monotonic()
    with pytest.raises(LLMTimeout):
        llm.structured([{"role": "user", "content": "6 songs"}], Curation)
    assert time.monotonic() - started < 3.5 and len(_Handler.requests) == 2
    assert llm.stats == {"timed_out": 1}


def test_a_step_deadline_nearer_than_the_llm_timeout_wins(server):
    _Handler.scripts = [Script("word " * 40, delay_s=0.5)]
    started = time.monotonic()
    with limit(1.0), pytest.raises(LLMTimeout):
        _llm(server, timeout_s=30).complete([{"role": "user", "content": "hi"}], on_text=lambda text: None)
    assert time.monotonic() - started < 2.5


@pytest.mark.parametrize("streamed", [False, True])
def test_each_call_reports_its_finish_reason_and_tokens(server, streamed):
    _Handler.scripts = [Script("twelve chars", delay_s=0.05)]
    llm = _llm(server)
    reply = llm.reply([{"role": "user", "content": "hi"}], on_text=(lambda text: None) if streamed else None)
    assert (reply.text, reply.finish_reason, reply.prompt_tokens, reply.generated_tokens) == (
        "twelve chars",
        "stop",
        11,
        3,
    )
    assert reply.seconds > 0 and reply.generated_per_s > 0 and llm.calls[-1] is reply
    assert (reply.first_text_s is not None) == streamed
    if streamed:
        assert _Handler.requests[0]["stream_options"] == {"include_usage": True}


def test_an_openai_compatible_server_named_only_by_the_environment_is_reached(server, monkeypatch):
    """What the README tells a user of llama.cpp's server, vLLM or LM Studio: PLAYLIST_LLM=openai/NAME and
    OPENAI_API_BASE, no code."""
    from assistant.config import Settings

    monkeypatch.setenv("OPENAI_API_BASE", server)
    monkeypatch.setenv("OPENAI_API_KEY", "none")
    _Handler.scripts = [Script(CURATION)]
    llm = Settings.from_env(llm="openai/stub").make_llm()
    assert len(llm.structured([{"role": "user", "content": "6 songs"}], Curation).tracks) == 6
    assert _Handler.requests[0]["model"] == "stub"
