"""docs/reliability.md keeps its word: every promise row names a test, and every test it names exists."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "reliability.md"
NAMED = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")


def _tests_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}


def _promise_rows(text: str) -> list[str]:
    rows = [line for line in text.splitlines() if line.startswith("|")]
    return [row for row in rows if not set(row) <= set("|- ") and not row.startswith(("| promise |", "| fault |"))]


def test_every_promise_names_a_test_and_every_named_test_exists():
    text = DOC.read_text(encoding="utf-8")
    rows = _promise_rows(text)
    assert rows and all(NAMED.search(row) for row in rows), [row[:80] for row in rows if not NAMED.search(row)]
    missing = [
        f"{file}::{name}"
        for file, name in NAMED.findall(text)
        if not (ROOT / file).is_file() or name not in _tests_in(ROOT / file)
    ]
    assert missing == []


def test_load_figures_are_the_readmes_not_a_copy():
    """Measured figures live in the README beside their command; a second copy here drifted once already."""
    text = DOC.read_text(encoding="utf-8")
    assert not re.search(r"\bp(50|99)\b|peak RSS|sessions/s|\d ?ms\b", text)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pointers = ("Figures (2 cores, no GPU)", "More than one app process", "50 concurrent chat sessions through the app")
    for pointer in pointers:
        assert pointer in text and pointer in readme
