"""The LLM half: the litellm client and the in-process GGUF provider (client), and the model's three steps with
the merges that keep it from overriding the rules (steps)."""
