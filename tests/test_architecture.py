"""The house rules of docs/architecture.md, checked on the source: layers, no circles, small modules.

Every ``import`` in ``sitrep/`` (at the top or inside a function) is read with :mod:`ast`.  The layers, from the
bottom up, are

    base       sitrep.model, errors, settings, pipeline, keys, text, translit, and ``sitrep`` itself
    knowledge  sitrep.knowledge
    stages     sitrep.io, nlp, extract, store, outputs       (none imports another)
    core       sitrep.core
    shells     sitrep.cli (and its _cli_files), sitrep.server, sitrep.runner

and a module imports only from its own layer or the ones below.  ``sitrep/__init__.py`` holds the version and
resolves the public names (``sitrep.analyze``, ...) on first use, so at import time it imports nothing and sits
at the bottom; imports under ``if TYPE_CHECKING:`` never run and are not counted.

Inside ``sitrep.extract`` a stage package (places, dates, numbers, actors, events, facts) imports the shared
helpers (context, entities, spans, stance, tree, learned) and, of another stage, only its package
(``sitrep.extract.dates``, not its modules), and only of a stage that runs before it.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from functools import cache

from paths import ROOT

PACKAGE = ROOT / "sitrep"
LAYERS = {
    "base": 0, "knowledge": 1, "stages": 2, "core": 3, "shells": 4,
}  # fmt: skip
WHERE = {
    "model": "base", "errors": "base", "settings": "base", "pipeline": "base", "keys": "base", "text": "base",
    "translit": "base", "linking": "base", "knowledge": "knowledge",
    "io": "stages", "nlp": "stages", "extract": "stages", "store": "stages", "outputs": "stages",
    "core": "core", "watch": "core",
    "cli": "shells", "_cli_files": "shells", "server": "shells", "runner": "shells", "": "base",
}  # fmt: skip
STAGES_IN_ORDER = ("places", "dates", "numbers", "actors", "events", "coder", "facts")
EXTRACT_HELPERS = ("context", "entities", "spans", "stance", "tree", "learned")
MAX_LINES = 400


def _name(path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, object]:
    return {_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


@cache
def imports() -> dict[str, set[str]]:
    """module -> the sitrep modules it imports (``from a import b`` counts as ``a.b`` when that is a module)."""
    mods = modules()
    out: dict[str, set[str]] = defaultdict(set)
    for name, path in mods.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                found = [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in mods]
                targets = found or [target]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            out[name] |= {t for t in targets if t in mods and t != name}
    return out


def _runtime_nodes(tree: ast.AST):
    """Every node of ``tree`` except those under ``if TYPE_CHECKING:``."""
    todo = [tree]
    while todo:
        node = todo.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and ast.unparse(child.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
                todo.extend(child.orelse)
            else:
                todo.append(child)


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_every_module_has_a_layer():
    assert [m for m in modules() if _top(m) not in WHERE] == []


def test_imports_only_go_down_or_stay_in_their_layer():
    wrong = []
    for a, targets in imports().items():
        for b in targets:
            la, lb = WHERE[_top(a)], WHERE[_top(b)]
            if LAYERS[lb] > LAYERS[la] or (la == lb == "stages" and _top(a) != _top(b)):
                wrong.append(f"{a} -> {b}")
    assert wrong == []


def test_extraction_stages_use_helpers_and_earlier_stages_only():
    wrong = []
    for a, targets in imports().items():
        parts = a.split(".")
        if parts[:2] != ["sitrep", "extract"] or len(parts) < 3 or parts[2] not in STAGES_IN_ORDER:
            continue
        for b in targets:
            other = b.split(".")
            if other[:2] != ["sitrep", "extract"] or len(other) < 3 or other[2] in (parts[2], *EXTRACT_HELPERS):
                continue
            earlier = other[2] in STAGES_IN_ORDER[: STAGES_IN_ORDER.index(parts[2])]
            if not earlier or len(other) > 3:
                wrong.append(f"{a} -> {b}")
    assert wrong == []


def test_no_import_circles():
    graph, circles = imports(), []
    state: dict[str, int] = {}  # 1 on the path, 2 done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                circles.append(" -> ".join([*path[path.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert circles == []


def test_modules_stay_small():
    sizes = {m: len(p.read_text(encoding="utf-8").splitlines()) for m, p in modules().items()}
    assert {m: n for m, n in sizes.items() if n > MAX_LINES} == {}


def test_private_modules_are_used_only_beside_them():
    wrong = []
    for a, targets in imports().items():
        for b in targets:
            if b.rpartition(".")[2].startswith("_") and not a.startswith(b.rpartition(".")[0] + "."):
                wrong.append(f"{a} -> {b}")
    assert wrong == []
