"""The Gradio UI, one builder per tab; app.py wires them (DESIGN.md, "Growing the house")."""
