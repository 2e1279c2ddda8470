"""What a function says about the callbacks passed to it: the declared parameter types of
its function-typed parameters (see model.Symbol.callbacks for the encoding).

`operate(init: (source: Observable<T>, subscriber: Subscriber<R>) => void)` gives
`Observable,Subscriber`: a callback passed as argument 0 has an `Observable` as its parameter
0 and a `Subscriber` as its parameter 1, which lets `subscriber.next()` in
`operate((source, subscriber) => ...)` be linked (extract/scopes.py names such receivers).
"""

from __future__ import annotations

from code_graph.extract.grammar import Node
from code_graph.extract.scopes import TypeParameters
from code_graph.extract.source import Source
from code_graph.extract.syntax import function_type, positional_parameters, simple_type
from code_graph.model import CALLBACK_ARGUMENTS, CALLBACK_PARAMETERS

_ARROW = b"=>"  # written in every function type (a MISSING one only in a tree with errors)


def callback_types(function: Node, source: Source, type_parameters: TypeParameters) -> str | None:
    """The encoded parameter types of the callbacks `function` takes, or None when none of
    its parameters is a function type with a parameter of a plain type reference."""
    parameters = function.child_by_field_name("parameters")
    if parameters is None or parameters.type != "formal_parameters":
        return None
    start, end = parameters.start_byte, parameters.end_byte
    if not parameters.has_error and source.data.find(_ARROW, start, end) < 0:
        return None  # no function type (`(...) => R`) among the parameters' types
    entries: list[str] = []
    for parameter in positional_parameters(parameters):
        signature = function_type(parameter.child_by_field_name("type"), source)
        entries.append("" if signature is None else _types(signature, source, type_parameters))
    return _joined(entries, CALLBACK_ARGUMENTS)


def _types(signature: Node, source: Source, type_parameters: TypeParameters) -> str:
    """`A,B` for `(a: A<X>, b: B) => R`: each parameter's plain type reference, `` for
    others (a type parameter in scope says nothing about the argument's members)."""
    parameters = signature.child_by_field_name("parameters")
    if parameters is None:
        return ""
    names: list[str] = []
    for parameter in positional_parameters(parameters):
        name = simple_type(parameter.child_by_field_name("type"), source)
        if name is None or type_parameters.contains(name.split(".", 1)[0], parameter.start_byte):
            names.append("")
        else:
            names.append(name)
    return _joined(names, CALLBACK_PARAMETERS) or ""


def _joined(entries: list[str], separator: str) -> str | None:
    """The entries joined, trailing empty ones dropped; None when all are empty."""
    while entries and not entries[-1]:
        entries.pop()
    return separator.join(entries) or None
