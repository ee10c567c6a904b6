"""The floor for benchmarks/load_test.py: a Gradio app with the playlist tab's /send inputs and outputs and a
handler that does no work (it answers a fixed table of the length asked). What 50 sessions cost here is Gradio's
own share on this machine; the rest of the real app's time is ours."""

import argparse
import os
import re

os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", "100")  # as app.py sets it

import gradio as gr  # noqa: E402


def send(message, history, session, *controls):
    count = int(re.search(r"\d+", message).group())
    yield (
        [{"role": "user", "content": message}],
        session,
        "",
        "A playlist",
        [[i + 1, "title", "artist", 2000, "3:30", "reason"] for i in range(count)],
        "<svg/>",
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    with gr.Blocks() as demo:
        session = gr.State(None)
        chat, prompt, listener = gr.Chatbot(), gr.Textbox(), gr.Textbox()
        controls = [gr.Number(), gr.Slider(), gr.Slider(), gr.Checkbox(), gr.Checkbox()]
        outputs = [gr.Markdown(), gr.Dataframe(headers=["#", "Title", "Artist", "Year", "Length", "Why"]), gr.HTML()]
        gr.Button().click(
            send, [prompt, chat, session, listener, *controls], [chat, session, prompt, *outputs], api_name="send"
        )
    demo.queue(default_concurrency_limit=4).launch(server_name="127.0.0.1", server_port=args.port)


if __name__ == "__main__":
    main()
