"""The language of the document templates administrators edit (Mẫu văn bản): Django's, in
an engine of its own that loads no file and no tag library (`{% include %}`, `{% extends %}`
and `{% load %}` find nothing), filled only with `template_context`'s plain values and
read-only views (complaints/documents/context.py). `TEMPLATE_VARIABLES` is what a template
may read; `unknown_variables` names what a template reads beyond it, for the template
form (docs/documents.md lists the same)."""

from __future__ import annotations

import dataclasses

from django.template import Context, Engine
from django.template.base import FilterExpression, Node, NodeList, Variable

from complaints.documents.context import (
    AT_ISSUE,
    CaseView,
    DialogueView,
    Party,
    ReportView,
    UnitView,
    VerifierView,
    case_view,
    unit_view,
)

ENGINE = Engine(loaders=[], libraries={}, debug=False, autoescape=False)

# Each top-level name with the attributes it has (None: any, as the step's fields).
_VIEWS = {
    "case": tuple(f.name for f in dataclasses.fields(CaseView)),
    "party": tuple(f.name for f in dataclasses.fields(Party)),
    "issuer": tuple(f.name for f in dataclasses.fields(UnitView)),
    "dialogue": tuple(f.name for f in dataclasses.fields(DialogueView)),
    "verifier": tuple(f.name for f in dataclasses.fields(VerifierView)),
    "report": tuple(f.name for f in dataclasses.fields(ReportView)),
    "step": None,
}
_VALUES = (
    "kind_label", "received_on", "accepted_on", "dialogue_result", *AT_ISSUE, "today",
    "signer_title",
    "authority", "signer_name", "finding", "finding_code", "head", "first_resolution",
    "resolver_basis",
)  # fmt: skip
TEMPLATE_VARIABLES = {**_VIEWS, **dict.fromkeys(_VALUES, ())}
_NESTED = {("case", "facility"): _VIEWS["issuer"]}
_ALWAYS = frozenset({"forloop", "block", "True", "False", "None"})
# Names a tag binds for its own body: {% for x in … %}, {% with x=… %}, {% … as x %}.
_BINDING = ("loopvars", "asvar", "variable_name", "var_name", "target")


def known_variables_text() -> str:
    """"case.tracking_code, case.title, …, party.name, …, step.…, kind_label, …": what a
    template may read, for the template form's refusal."""
    names = []
    for root, attributes in TEMPLATE_VARIABLES.items():
        if attributes is None:
            names.append(f"{root}.…")
        elif attributes:
            names.extend(f"{root}.{attribute}" for attribute in attributes)
        else:
            names.append(root)
    return ", ".join(names)


def compile_text(source: str):
    """The template of `source` (TemplateSyntaxError when it is not one)."""
    return ENGINE.from_string(source or "")


def render_text(source: str, context: dict) -> str:
    """`source` filled with `context`; a model handed in by mistake is read through its
    view (a case as `case_view`, a unit as `unit_view`, anything else as its text), never
    as the model."""
    readable = {name: _readable(value) for name, value in context.items()}
    return compile_text(source).render(Context(readable, autoescape=False)).strip()


def _readable(value):
    from django.db.models import Model

    if not isinstance(value, Model):
        return value
    from complaints.models import Case, Facility

    if isinstance(value, Case):
        return case_view(value)
    if isinstance(value, Facility):
        return unit_view(value)
    return str(value)


def unknown_variables(source: str) -> list[str]:
    """The variables `source` reads that no document provides ("case.reporter",
    "case.pin_hash", "nguoi_gui"), each once, in order; [] for a valid template that
    reads only `TEMPLATE_VARIABLES`. Raises TemplateSyntaxError as `compile_text`."""
    template = compile_text(source)
    expressions: list[FilterExpression] = []
    local: set[str] = set()
    _walk(template.nodelist, expressions, local, seen=set())
    unknown: list[str] = []
    for lookups in (path for fe in expressions for path in _paths(fe)):
        name = _unknown(lookups, local)
        if name and name not in unknown:
            unknown.append(name)
    return unknown


def _unknown(lookups: tuple[str, ...], local: set[str]) -> str:
    root = lookups[0]
    if root in local or root in _ALWAYS:
        return ""
    if root not in TEMPLATE_VARIABLES:
        return root
    attributes = TEMPLATE_VARIABLES[root]
    if attributes is None or len(lookups) < 2:
        return ""
    if lookups[1] not in attributes:
        return ".".join(lookups[:2])
    nested = _NESTED.get(lookups[:2])
    if nested is not None and len(lookups) > 2 and lookups[2] not in nested:
        return ".".join(lookups[:3])
    return ""


def _paths(fe: FilterExpression):
    if isinstance(fe.var, Variable) and fe.var.lookups:
        yield fe.var.lookups
    for _func, args in fe.filters:
        for lookup, arg in args:
            if lookup and isinstance(arg, Variable) and arg.lookups:
                yield arg.lookups


def _walk(obj, expressions: list, local: set[str], *, seen: set[int]) -> None:
    """Every FilterExpression under `obj` (nodes, their conditions and arguments)."""
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, FilterExpression):
        expressions.append(obj)
    elif isinstance(obj, list | tuple | NodeList):
        for item in obj:
            _walk(item, expressions, local, seen=seen)
    elif isinstance(obj, dict):
        if all(isinstance(value, FilterExpression) for value in obj.values()):
            local.update(key for key in obj if isinstance(key, str))  # {% with x=… %}
        for item in obj.values():
            _walk(item, expressions, local, seen=seen)
    elif isinstance(obj, Node) or type(obj).__module__.startswith("django.template"):
        for binding in _BINDING:
            value = getattr(obj, binding, None)
            if isinstance(value, str):
                local.add(value)
            elif isinstance(value, list | tuple):
                local.update(v for v in value if isinstance(v, str))
        for value in getattr(obj, "__dict__", {}).values():
            _walk(value, expressions, local, seen=seen)
