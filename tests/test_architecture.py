"""The package's shape: imports run one way through the layers, with no
cycle, and no module or function grows past the agreed size.

The import graph is read from the source with ``ast`` (every ``import`` and
``from ... import``, including those under ``TYPE_CHECKING`` and inside
functions), so it is the graph a reader sees, not only what runs.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "decision"
#: Lowest first. A module may import its own layer or lower ones.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("decision.version", "decision.errors", "decision.textfile", "decision.model", "decision.workers"),
    ("decision.evidence",),
    ("decision.scoring",),
    ("decision.weights",),
    ("decision.methods",),
    ("decision.project",),
    ("decision.appraisal", "decision.explain"),
    ("decision.sensitivity",),
    ("decision.report",),
    ("decision.output",),
    ("decision.run", "decision.verify", "decision.allocation", "decision.elicitation"),
    ("decision.cli",),
)
ROOT_MODULE = "decision"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80
#: Functions allowed past MAX_FUNCTION_LINES, with the reason.
LONG_FUNCTIONS: dict[str, str] = {}


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Modules of the package that ``name`` imports."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            submodules = {f"{target}.{a.name}" for a in node.names} & known
            found.update(submodules)
            # "from package import submodule" needs only the submodule (the
            # package is initialised first whatever is imported from it).
            if target in known and len(submodules) < len(node.names):
                found.add(target)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in known)
    found.discard(name)
    return found


def _graph() -> nx.DiGraph:
    modules = _modules()
    g = nx.DiGraph()
    g.add_nodes_from(modules)
    for name, path in modules.items():
        for target in _imports(name, path, set(modules)):
            g.add_edge(name, target)
    return g


def _layer(module: str) -> int:
    for k, layer in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in layer):
            return k
    raise AssertionError(f"{module} belongs to no layer: add it to LAYERS")


def test_the_reader_sees_the_imports() -> None:
    # A check of the checker: known edges of the package are found.
    g = _graph()
    assert g.has_edge("decision.appraisal", "decision.methods")
    assert g.has_edge("decision.methods.evaluation", "decision.methods.registry")


def test_no_import_cycle() -> None:
    cycles = sorted(nx.simple_cycles(_graph()), key=len)
    assert not cycles, f"import cycles: {cycles[:5]}"


def test_imports_run_down_the_layers() -> None:
    g = _graph()
    wrong = []
    for a, b in g.edges:
        if ROOT_MODULE in (a, b):
            continue
        if _layer(b) > _layer(a):
            wrong.append(f"{a} (layer {_layer(a)}) imports {b} (layer {_layer(b)})")
    assert not wrong, "imports up the layers:\n" + "\n".join(sorted(wrong))


def test_nothing_imports_the_public_api_module() -> None:
    users = sorted(a for a, b in _graph().edges if b == ROOT_MODULE)
    assert not users, f"modules importing the root package (use decision.version and the stage modules): {users}"


def test_every_module_is_in_a_layer() -> None:
    for name in _modules():
        if name != ROOT_MODULE:
            _layer(name)


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_size(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_MODULE_LINES, f"{path.relative_to(PACKAGE)} has {lines} lines (limit {MAX_MODULE_LINES})"


def test_function_size() -> None:
    long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                key = f"{path.relative_to(PACKAGE)}:{node.name}"
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                if size > MAX_FUNCTION_LINES and key not in LONG_FUNCTIONS:
                    long.append(f"{key} ({size} lines)")
    assert not long, "functions over the limit:\n" + "\n".join(long)


def test_every_subpackage_states_its_job_and_its_names() -> None:
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        tree = ast.parse(init.read_text(encoding="utf-8"))
        doc = ast.get_docstring(tree)
        assert doc, f"{init.relative_to(PACKAGE)} has no docstring"
        names = [n for n in tree.body if isinstance(n, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in n.targets)]
        assert names, f"{init.relative_to(PACKAGE)} has no __all__"
