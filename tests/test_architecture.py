"""The layout keeps its promises (ARCHITECTURE.md): no import cycles in lib/, streamlit only in the frame,
the pages and lib/ui/, every lib/ module outside lib/tools/ used by the app, and ARCHITECTURE.md naming
exactly the packages that exist."""
from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LIB = REPO / "lib"
APP_ENTRIES = [REPO / "dashboard.py", *sorted((REPO / "pages").glob("*.py"))]
# lib.cli is the documented command line (`python -m lib.cli`); it only hands over to lib.tools.cli.
ENTRY_POINTS = {"lib.cli"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def lib_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(LIB.rglob("*.py"))}


def imported_names(path: Path, *, known: Iterable[str]) -> set[str]:
    """The modules of `known` that `path` imports, at module level or inside functions."""
    known = set(known)
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            # `import lib.a.b` needs lib.a.b itself; a package's __init__ is not an edge worth tracking.
            if name in known:
                found.add(name)
    return found


def graph() -> dict[str, set[str]]:
    modules = lib_modules()
    return {name: imported_names(path, known=modules) - {name} for name, path in modules.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


@pytest.mark.parametrize("edges, expected", [
    ({"a": {"b"}, "b": set()}, []),
    ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
])
def test_cycle_finder(edges: dict[str, set[str]], expected: list[list[str]]) -> None:
    assert cycles(edges) == expected


def test_lib_has_no_import_cycles() -> None:
    assert cycles(graph()) == []


def imports_streamlit(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "streamlit" for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "streamlit":
            return True
    return False


def test_imports_streamlit_sees_both_forms(tmp_path: Path) -> None:
    for source, expected in (("import streamlit as st\n", True), ("from streamlit.runtime import x\n", True),
                             ("def f():\n    import streamlit\n", True), ("import pandas\n", False)):
        path = tmp_path / "m.py"
        path.write_text(source)
        assert imports_streamlit(path) is expected


def test_streamlit_only_in_the_frame_the_pages_and_lib_ui() -> None:
    allowed = LIB / "ui"
    offenders = [module_name(path) for path in lib_modules().values()
                 if imports_streamlit(path) and allowed not in path.parents]
    assert offenders == []


def used_by_app() -> set[str]:
    """Every lib module the frame and the pages reach, directly or through other modules."""
    modules = lib_modules()
    edges = graph()
    todo = set().union(*(imported_names(path, known=modules) for path in APP_ENTRIES))
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo |= edges[name]
        package = name.rpartition(".")[0]
        if package in modules:   # importing lib.a.b runs lib/a/__init__.py
            todo.add(package)
    return seen


def test_every_module_outside_tools_is_used_by_the_app() -> None:
    used = used_by_app()
    unused = sorted(name for name in lib_modules()
                    if not name.startswith("lib.tools") and name != "lib" and name not in ENTRY_POINTS
                    and name not in used)
    assert unused == []


def test_the_app_never_imports_tools() -> None:
    assert sorted(name for name in used_by_app() if name.startswith("lib.tools")) == []


def packages() -> set[str]:
    return {path.parent.name for path in LIB.glob("*/__init__.py")}


def named_in_architecture() -> set[str]:
    """The packages ARCHITECTURE.md describes: its `lib/<name>/` headings."""
    text = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")
    return set(re.findall(r"^### `lib/([a-z_]+)/`", text, flags=re.M))


def test_architecture_names_every_package_and_only_those() -> None:
    assert named_in_architecture() == packages()


def test_lib_has_only_packages_and_the_entry_point() -> None:
    loose = sorted(path.name for path in LIB.glob("*.py"))
    assert loose == ["__init__.py", "cli.py"]


def test_tests_mirror_lib() -> None:
    """tests/<package>/test_<module>.py names a module of lib/<package>/ (or is a page or browser test)."""
    modules = lib_modules()
    strays = []
    for path in sorted((REPO / "tests").glob("*/test_*.py")):
        package = path.parent.name
        if package in ("pages", "e2e", "benchmarks"):
            continue
        stem = path.stem.removeprefix("test_")
        leaves = {name.split(".")[2] for name in modules if name.startswith(f"lib.{package}.")}
        if not any(stem == leaf or stem.startswith(f"{leaf}_") for leaf in leaves):
            strays.append(str(path.relative_to(REPO)))
    assert strays == []


# One door for case rows (issue #13): only these modules may hold the case table as rows. The data
# and store packages read, validate and keep every table's files; lib.safety turns case rows into the
# publication; lib.ui.cache and lib.meeting.context hand the rows to lib.safety.publication and
# nothing else; lib.tools holds the command line (demo data, disclosure-audit).
CASE_ROW_READERS = ("lib.data.", "lib.store.", "lib.safety.", "lib.tools.")
CASE_ROW_HANDLERS = frozenset({"lib.ui.cache", "lib.meeting.context"})
TABLE_GETTERS = frozenset({"table", "optional_table", "load_table", "get"})


def case_only_columns() -> frozenset[str]:
    from lib.data.schema import TABLES

    others = {name for table, spec in TABLES.items() if table != "cases" for name in spec.column_names}
    return frozenset(set(TABLES["cases"].column_names) - others)


def case_row_uses(path: Path) -> list[str]:
    """Where a module reads a column only case rows have (frame["victim_sex"]), or asks for the
    case table. (The publication's dimensions share the columns' names: naming one is no read.)"""
    columns = case_only_columns()
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and node.slice.value in columns:
            found.append(f"line {node.lineno}: column [{node.slice.value!r}]")
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and node.args[0].value == "cases":
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in TABLE_GETTERS:
                found.append(f"line {node.lineno}: {name}('cases')")
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and node.slice.value == "cases" \
                and not isinstance(node.ctx, ast.Store):          # frame["cases"] = counts writes a column
            found.append(f"line {node.lineno}: [...]['cases']")
    return found


def test_case_rows_are_read_only_inside_the_safety_door() -> None:
    modules = {**lib_modules(), **{f"app:{path.name}": path for path in APP_ENTRIES}}
    allowed = {name for name in modules if name.startswith(CASE_ROW_READERS)} | CASE_ROW_HANDLERS
    leaks = {name: uses for name, path in modules.items() if name not in allowed and (uses := case_row_uses(path))}
    assert leaks == {}


def test_the_door_check_finds_a_page_that_reads_case_rows(tmp_path: Path) -> None:
    page = tmp_path / "leaky.py"
    page.write_text('cases = cache.table("cases")\nprint(cases["victim_sex"].value_counts())\n', encoding="utf-8")
    assert len(case_row_uses(page)) == 2
