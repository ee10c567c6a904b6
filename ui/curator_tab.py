"""The Curator tab: edit, validate, preview side by side, publish and roll back the prompt templates, and A/B-test
a version on real listening (ui/experiment_panel.py)."""

import gradio as gr

from assistant.experiments import ExperimentStore
from assistant.pipeline import Engine
from assistant.session import Session
from assistant.templates import spec_for, validate
from index.errors import PlaylistError
from ui.context import App, user_of
from ui.experiment_panel import build_experiment_panel


def build_curator_tab(app: App, demo: gr.Blocks) -> None:
    """Builds the tab; on page load only curators see it (listeners never get its contents)."""
    actions = CuratorActions(app)
    with gr.Tab("Curator", visible=True) as curator_tab:
        name = gr.Dropdown(app.templates.names(), value="reason", label="Template")
        about = gr.Markdown("")
        editor = gr.Code(label="Template text", language="jinja2", lines=12)
        author = gr.Textbox(label="Your name (recorded with the version)", visible=not app.accounts.enabled)
        sample = gr.Textbox(label="Sample prompt for the preview", value="chill r&b for a late night drive, 5 songs")
        with gr.Row():
            check = gr.Button("Validate")
            preview = gr.Button("Preview")
            publish = gr.Button("Publish", variant="primary")
            rollback = gr.Button("Roll back")
        check_out = gr.Markdown("")
        with gr.Row():
            live_preview = gr.Markdown(label="Live")
            draft_preview = gr.Markdown(label="Draft")
        history = gr.Dataframe(headers=["version", "live", "author", "saved"], interactive=False)
        timer = build_experiment_panel(
            app.templates, name, editor, author, actions.guard, actions.author, history, actions.history_rows
        )
        name.change(actions.on_pick, [name], [about, editor, history], api_name="template_pick")
        check.click(actions.on_check, [name, editor], [check_out], api_name="template_validate")
        preview.click(
            actions.on_preview,
            [name, editor, sample],
            [live_preview, draft_preview, check_out],
            api_name="template_preview",
        )
        publish.click(actions.on_publish, [name, editor, author], [check_out, history], api_name="template_publish")
        rollback.click(actions.on_rollback, [name], [check_out, editor, history], api_name="template_rollback")
    demo.load(actions.on_load, None, [curator_tab, about, editor, history, timer], api_visibility="private")


class CuratorActions:
    """The tab's handlers over the app's template store; every action checks for a curator first."""

    def __init__(self, app: App):
        self.app = app
        self.store = app.templates

    def guard(self, request: gr.Request | None) -> None:
        if self.app.accounts.role(user_of(request)) != "curator":
            raise PlaylistError("curator actions need a curator account")

    def author(self, request, typed: str) -> str:
        return user_of(request) if self.app.accounts.enabled else ((typed or "").strip() or user_of(request))

    def history_rows(self, template_name):
        """Versions, newest first, then the experiments' starts, stops and promotions."""
        store = self.store
        rows = [[v.version, "live" if v.live else "", v.author, v.created_at] for v in store.history(template_name)]
        if store.db is not None:
            rows += [
                [f"experiment {n.experiment}", n.action, n.author, n.at[:19]]
                for n in ExperimentStore(store).notes(template_name)
            ]
        return rows

    def picked(self, template_name):
        spec = spec_for(template_name)
        variables = "; ".join(f"`{k}`: {v}" for k, v in spec.variables.items())
        return (
            f"{spec.description}\n\nVariables: {variables}",
            self.store.live(template_name).text,
            self.history_rows(template_name),
        )

    def on_pick(self, template_name, request: gr.Request):
        try:
            self.guard(request)
        except PlaylistError as exc:
            return f"❌ {exc}", "", []
        return self.picked(template_name)

    def on_check(self, template_name, text, request: gr.Request):
        try:
            self.guard(request)
            validate(template_name, text)
            return "✅ valid"
        except PlaylistError as exc:
            return f"❌ {exc}"

    def on_preview(self, template_name, text, sample_prompt, request: gr.Request):
        try:
            self.guard(request)
            engine = self.app.engine
            live = Session(engine, learn=False).ask(sample_prompt)  # a preview is no listener's playlist
            draft_engine = Engine(engine.index, engine.embedder, self.store.with_draft(template_name, text))
            draft = Session(draft_engine, learn=False).ask(sample_prompt)
            return _preview_text("Live", live), _preview_text("Draft", draft), ""
        except PlaylistError as exc:
            return "", "", f"❌ {exc}"

    def _refuse_while_running(self, template_name: str) -> None:
        if self.store.db is not None:
            ExperimentStore(self.store).refuse_while_running(template_name)

    def on_publish(self, template_name, text, who, request: gr.Request):
        try:
            self.guard(request)
            self._refuse_while_running(template_name)
            version = self.store.save(template_name, text, self.author(request, who))
            return f"✅ published {version.version}", self.picked(template_name)[2]
        except PlaylistError as exc:
            return f"❌ {exc}", gr.update()

    def on_rollback(self, template_name, request: gr.Request):
        try:
            self.guard(request)
            self._refuse_while_running(template_name)
            version = self.store.rollback(template_name)
            _, text, rows = self.picked(template_name)
            return f"↩️ {version.version} is live", text, rows
        except PlaylistError as exc:
            return f"❌ {exc}", gr.update(), gr.update()

    def on_load(self, request: gr.Request):
        is_curator = self.app.accounts.role(user_of(request)) == "curator"
        picked = self.picked("reason") if is_curator else ("", "", [])
        return gr.update(visible=is_curator), *picked, gr.Timer(active=is_curator)


def _preview_text(label: str, playlist) -> str:
    lines = [f"**{label}: {playlist.title}**"] + [
        f"{i.position}. {i.artist} – {i.title}  \n  _{i.reason}_" for i in playlist.items
    ]
    return "\n".join(lines)
