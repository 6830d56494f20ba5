"""No test module reads the clock when it is imported.

The suite runs for most of an hour. A day read when a module loads ("TODAY =
timezone.localdate()" at the top of a file, or in a parametrize list) is yesterday's for
the tests that run after midnight in Vietnam, 17:00 UTC: on CI that made sixteen tests
compare a stale day with the one the code reads when it runs. Each test reads the day
when it runs, through a function.
"""

import ast
import pathlib

TESTS = pathlib.Path(__file__).resolve().parent.parent
CLOCK = {"localdate", "localtime", "now", "today", "utcnow"}


def _callee(call):
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


def _clock_functions(tree):
    """The module's own functions that read the clock, directly or through one another."""
    functions = {
        node.name: {_callee(call) for call in ast.walk(node) if isinstance(call, ast.Call)}
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
    }
    reading = set()
    while True:
        more = {name for name, calls in functions.items() if calls & (CLOCK | reading)}
        if more <= reading:
            return reading
        reading |= more


def import_time_clock_reads(source):
    """(line, call) of every clock read made when the module is imported."""
    tree = ast.parse(source)
    clock = CLOCK | _clock_functions(tree)
    found = []

    def visit(node):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            # Decorators and default values run at import; the body does not.
            for part in [*node.decorator_list, *node.args.defaults, *node.args.kw_defaults]:
                if part is not None:
                    visit(part)
            return
        if isinstance(node, ast.Lambda):
            return
        if isinstance(node, ast.Call) and _callee(node) in clock:
            found.append((node.lineno, ast.unparse(node)))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def test_the_rule_finds_a_day_read_at_import():
    source = (
        "import pytest\nfrom django.utils import timezone\n"
        "def _today():\n    return timezone.localdate()\n"
        "LATER = _today()\n"
        "@pytest.mark.parametrize('day', [timezone.now()])\ndef test_x(day):\n"
        "    assert _today()\n"
    )
    assert [line for line, _ in import_time_clock_reads(source)] == [5, 6]


def test_no_test_module_reads_the_clock_at_import():
    found = [
        f"{path.relative_to(TESTS.parent)}:{line}: {call}"
        for path in sorted(TESTS.rglob("*.py"))
        for line, call in import_time_clock_reads(path.read_text(encoding="utf-8"))
    ]
    assert found == []
