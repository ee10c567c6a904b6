"""The house keeps its shape (../shared/DESIGN.md, "Rooms"): assistant/ holds the few shared modules and the rooms;
a room is used from outside only through the public names its __init__ exports; no module over 300 lines and no
function over 60. Reads the sources with ast, imports nothing but the rooms' __init__ files.
`python tests/test_house.py` prints the largest modules and functions."""

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ASSISTANT = ROOT / "assistant"
SHARED = {"__init__", "session", "models", "config", "cli"}  # the few modules every room uses
ROOMS = ("parsing", "pipeline", "llm", "profiles", "outputs", "experiments", "templates")
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60
# path -> why it may be longer; keep this empty where possible.
MODULE_EXCEPTIONS: dict[str, str] = {}
FUNCTION_EXCEPTIONS: dict[str, str] = {}  # "path:function" -> why


def _sources(*folders: str) -> list[Path]:
    files = [path for folder in folders for path in sorted((ROOT / folder).rglob("*.py"))]
    return files + [ROOT / "app.py"]


def _module_name(path: Path) -> str:
    name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    return name.removesuffix(".__init__")


def _room_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "assistant" and len(parts) > 1 and parts[1] in ROOMS else None


def _public(room: str) -> set[str]:
    return set(importlib.import_module(f"assistant.{room}").__all__)


def _imports(path: Path):
    """(line, imported module, names) for every absolute import in the file, nested ones included."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module, [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, []


def test_assistant_top_holds_only_the_shared_modules_and_the_rooms():
    top = {path.stem for path in ASSISTANT.glob("*.py")}
    rooms = {path.name for path in ASSISTANT.iterdir() if (path / "__init__.py").exists()}
    assert top <= SHARED, f"move into a room: {sorted(top - SHARED)}"
    assert rooms == set(ROOMS), f"rooms differ from the design: {sorted(rooms ^ set(ROOMS))}"


def test_rooms_are_used_only_through_their_public_names():
    public = {room: _public(room) for room in ROOMS}
    wrong = []
    for path in _sources("assistant", "ui"):
        here = _room_of(_module_name(path))
        for line, module, names in _imports(path):
            room = _room_of(module)
            if room is None or room == here:
                continue
            where = f"{path.relative_to(ROOT)}:{line}"
            if module != f"assistant.{room}":
                wrong.append(
                    f"{where} imports {module}, a module inside {room}/: use `from assistant.{room} import ...`"
                )
            elif not names:
                wrong.append(f"{where} imports the package assistant.{room}: import its public names")
            else:
                wrong += [
                    f"{where} imports {name} from assistant.{room}, not in its __all__"
                    for name in names
                    if name not in public[room]
                ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("room", ROOMS)
def test_a_rooms_public_names_agree_and_resolve(room):
    """__all__, the homes the lazy __getattr__ reads and the TYPE_CHECKING imports (what a type checker sees) name
    the same things; each resolves; none hides a module of the room (a submodule, once imported, would win)."""
    package = importlib.import_module(f"assistant.{room}")
    homes = package._HOMES
    assert sorted(package.__all__) == sorted(homes)
    seen = {}
    tree = ast.parse((ASSISTANT / room / "__init__.py").read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for stmt in node.body:
                inner = stmt.module.removeprefix(f"assistant.{room}").lstrip(".")
                for alias in stmt.names:
                    seen[alias.asname or alias.name] = f"{inner}.{alias.name}" if inner else alias.name
    assert seen == dict(homes)
    modules = {path.stem for path in (ASSISTANT / room).iterdir() if path.suffix == ".py" or path.is_dir()}
    for name, home in homes.items():
        assert name not in modules or home == name, f"{room}: the public name {name} is also a module's name"
        assert getattr(package, name) is not None
    with pytest.raises(AttributeError):
        package.no_such_name  # noqa: B018


def _sizes():
    modules, functions = [], []
    for path in _sources("assistant", "ui", "index"):
        text = path.read_text()
        where = str(path.relative_to(ROOT))
        modules.append((len(text.splitlines()), where))
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                functions.append((node.end_lineno - node.lineno + 1, f"{where}:{node.name}"))
    return sorted(modules, reverse=True), sorted(functions, reverse=True)


def test_no_module_over_300_lines_and_no_function_over_60():
    modules, functions = _sizes()
    long_modules = [
        f"{where}: {lines} lines"
        for lines, where in modules
        if lines > MAX_MODULE_LINES and where not in MODULE_EXCEPTIONS
    ]
    long_functions = [
        f"{where}: {lines} lines"
        for lines, where in functions
        if lines > MAX_FUNCTION_LINES and where not in FUNCTION_EXCEPTIONS
    ]
    assert not long_modules + long_functions, "split by job:\n" + "\n".join(long_modules + long_functions)


if __name__ == "__main__":
    modules, functions = _sizes()
    print(f"largest modules (limit {MAX_MODULE_LINES}):")
    for lines, where in modules[:10]:
        print(f"  {lines:4d}  {where}")
    print(f"longest functions (limit {MAX_FUNCTION_LINES}):")
    for lines, where in functions[:10]:
        print(f"  {lines:4d}  {where}")
