"""Reading the callback conventions of model.py: a `&callee(k,j)` receiver qualifier and the
callee's Symbol.callbacks."""

from __future__ import annotations

import re
from typing import NamedTuple

from code_graph.model import CALLBACK_ARGUMENTS, CALLBACK_PARAMETERS, CALLBACK_PREFIX, NEW_CALLEE

# The callee is a qualifier chain (it may hold `()` segments, never a digit pair in parens).
_SITE = re.compile(r"(?P<callee>.+?)\((?P<argument>\d+),(?P<parameter>\d+)\)(?:\.(?P<rest>.+))?")


class CallbackReceiver(NamedTuple):
    """Parameter `parameter` of the function passed as argument `argument` to `callee` (a
    name chain; with `is_new`, a class constructed with `new`), then `members` of it."""

    callee: list[str]
    is_new: bool
    argument: int
    parameter: int
    members: list[str]


def callback_receiver(qualifier: str) -> CallbackReceiver | None:
    """`&ns.f(0,1).a` -> callee [ns, f], argument 0, parameter 1, members [a]; None for a
    qualifier that is not a callback receiver."""
    if not qualifier.startswith(CALLBACK_PREFIX):
        return None
    match = _SITE.fullmatch(qualifier, len(CALLBACK_PREFIX))
    if match is None:
        return None
    rest = match["rest"] or ""
    callee = match["callee"]
    is_new = callee.startswith(NEW_CALLEE)
    return CallbackReceiver(
        callee.removeprefix(NEW_CALLEE).split("."),
        is_new,
        int(match["argument"]),
        int(match["parameter"]),
        rest.split(".") if rest else [],
    )


def parameter_type(callbacks: str, argument: int, parameter: int) -> str | None:
    """The type name `callbacks` records for parameter `parameter` of the callback passed as
    argument `argument`, or None."""
    arguments = callbacks.split(CALLBACK_ARGUMENTS)
    if argument >= len(arguments):
        return None
    names = arguments[argument].split(CALLBACK_PARAMETERS)
    if parameter >= len(names):
        return None
    return names[parameter] or None
