"""Environment that keeps Hugging Face, litellm and Gradio from reaching the network (see OFFLINE.md)."""

import os

OFFLINE_ENV = {
    "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "TOKENIZERS_PARALLELISM": "false",
}


def go_offline() -> None:
    """Called before importing sentence-transformers, litellm or gradio; values already set are kept."""
    for name, value in OFFLINE_ENV.items():
        os.environ.setdefault(name, value)
