"""The code's shape, checked: one direction of flow, pure rules, short functions.

- No module of ``dashboard`` imports one that imports it back (directly or around a loop).
- The data layer knows nothing of Dash or Flask; the page's rules (each region's pure
  modules) know nothing of Dash.
- No function in ``dashboard/ui`` or ``dashboard/app.py`` is over 60 lines.
"""

from __future__ import annotations

import ast
from pathlib import Path

from dashboard import REPO_ROOT

PACKAGE = REPO_ROOT / "dashboard"
# The regions' rules: plain values in, plain values out.
PURE_UI = (
    "ui/view_state.py",
    "ui/limits.py",
    "ui/boundary_layers.py",
    "ui/filter_panel/controls.py",
    "ui/filter_panel/transitions.py",
    "ui/map_panel/clicks.py",
    "ui/map_panel/views.py",
    "ui/summary_panel/rules.py",
    "ui/detail_panel/selection.py",
    "ui/project_table/paging.py",
    "ui/project_page/rules.py",
    "ui/shell/links.py",
)
MAX_FUNCTION_LINES = 60


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """The modules a file imports, resolved (``from . import x`` names the submodule when
    there is one)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def graph() -> dict[str, set[str]]:
    files = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {name: imports_of(path) & set(files) for name, path in files.items()}


def test_no_module_imports_one_that_imports_it_back():
    edges = graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges[node]):
            if target == node or target.startswith(node + "."):
                continue  # a package importing its own submodule is no loop
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_the_data_layer_knows_nothing_of_the_page_or_the_web():
    for path in (PACKAGE / "data").rglob("*.py"):
        bad = {m for m in imports_of(path) if m.split(".")[0] in {"dash", "flask", "plotly"}}
        bad |= {m for m in imports_of(path) if m.startswith(("dashboard.ui", "dashboard.web"))}
        assert bad == set(), path


def test_the_pages_rules_know_nothing_of_dash():
    for relative in PURE_UI:
        path = PACKAGE / relative
        dash = {m for m in imports_of(path) if m.split(".")[0] in {"dash", "flask"}}
        assert dash == set(), relative


def test_no_function_in_the_page_or_the_factory_is_over_sixty_lines():
    long = []
    for path in [*(PACKAGE / "ui").rglob("*.py"), PACKAGE / "app.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(PACKAGE)}:{node.name} ({lines} lines)")
    assert long == []
