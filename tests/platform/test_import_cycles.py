"""No import cycle among our packages, counting imports inside functions too.

import-linter's layers keep the packages in order; this keeps each package's
modules in order among themselves: a strongly connected component of the
import graph (grimp, every ``import`` including function-level ones) of more
than one module is a cycle.
"""

from __future__ import annotations

import sys

import grimp

PACKAGES = ("arm", "db", "serial_drivers", "widgets", "maps")

#: No cycle is tolerated, not even through an import inside a function.
KNOWN_CYCLES: tuple[frozenset[str], ...] = ()


def strongly_connected(graph: grimp.ImportGraph) -> list[frozenset[str]]:
    """Tarjan's algorithm over ``find_modules_directly_imported_by``; components of 2+ modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10_000))
    try:
        for module in sorted(graph.modules):
            if module not in index:
                visit(module)
    finally:
        sys.setrecursionlimit(limit)
    return found


def test_tarjan_finds_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for name in ("p", "p.a", "p.b", "p.c"):
        graph.add_module(name)
    graph.add_import(importer="p.a", imported="p.b")
    graph.add_import(importer="p.b", imported="p.a")
    graph.add_import(importer="p.b", imported="p.c")
    assert strongly_connected(graph) == [frozenset({"p.a", "p.b"})]


def test_no_import_cycle_remains() -> None:
    graph = grimp.build_graph(*PACKAGES, cache_dir=None)  # a stale cache would hide a new cycle
    cycles = [sorted(c) for c in strongly_connected(graph) if c not in KNOWN_CYCLES]
    assert not cycles, f"import cycles: {cycles}"
