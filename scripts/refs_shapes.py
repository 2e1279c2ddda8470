"""Use shapes: what a reference looks like, to categorise the disagreements with TypeScript.

A TypeScript entry carries its kind (scripts/ts_refs_golden.mjs `classify`) and its syntactic
place (`syntaxOf`: `Parent.field`, then ` < ` and the role of the expression it belongs to,
e.g. `CallExpression.arguments`, `PropertyAccessExpression.expression <
CallExpression.expression`, `BinaryExpression.left(=)`, `JSDoc JSDocParameterTag import()`).
`use_shape` names the shape in the words of issue #14 (`value: f(X) argument`, `qualifier:
X.y read`, `export { X }`, …). Entries without a syntax (the committed fixture goldens) fall
back to their kind. Standard library only.
"""

from __future__ import annotations

import re

# `Parent.field` of a value use -> its shape.
_VALUE_ROLES = {
    "CallExpression.arguments": "value: f(X) argument",
    "CallExpression.expression": "value: callee (X as T)() or receiver X.m()",
    "NewExpression.expression": "value: callee new (X)() or receiver new X.C()",
    "NewExpression.arguments": "value: new C(X) argument",
    "PropertyAssignment.initializer": "value: { key: X }",
    "VariableDeclaration.initializer": "value: const v = X",
    "PropertyDeclaration.initializer": "value: field = X",
    "Parameter.initializer": "value: parameter default = X",
    "BindingElement.initializer": "value: destructuring default = X",
    "BindingElement.propertyName": "value: const { X } = obj (destructured)",
    "ReturnStatement.expression": "value: return X",
    "ArrowFunction.body": "value: () => X",
    "TemplateSpan.expression": "value: `${X}`",
    "SpreadElement.expression": "value: ...X",
    "SpreadAssignment.expression": "value: { ...X }",
    "ArrayLiteralExpression.elements": "value: [X]",
    "ComputedPropertyName.expression": "value: computed key [X]",
    "ElementAccessExpression.argumentExpression": "value: obj[X]",
    "ElementAccessExpression.expression": "value: X[k]",
    "Decorator.expression": "value: @X decorator without a call",
    "ExpressionStatement.expression": "value: X; statement",
    "TypeOfExpression.expression": "value: typeof X (expression)",
    "DeleteExpression.expression": "value: delete X",
    "AwaitExpression.expression": "value: await X",
    "VoidExpression.expression": "value: void X",
    "CaseClause.expression": "value: case X:",
    "SwitchStatement.expression": "value: switch (X)",
    "ThrowStatement.expression": "value: throw X",
    "ExportAssignment.expression": "export default X / export = X",
    "JsxSpreadAttribute.expression": "value: <C {...X}/>",
    "JsxAttribute.initializer": "value: <C a={X}/>",
    "JsxElement.children": "value: JSX child {X}",
    "JsxFragment.children": "value: JSX child {X}",
    "ForOfStatement.expression": "value: for (… of X)",
    "ForInStatement.expression": "value: for (… in X)",
}
_CONDITIONS = (
    "IfStatement.",
    "ConditionalExpression.",
    "WhileStatement.",
    "DoStatement.",
    "ForStatement.",
    "PrefixUnaryExpression.operand(!)",
)
_JSDOC_TAGS = {
    "JSDocTypeTag": "@type",
    "JSDocParameterTag": "@param",
    "JSDocReturnTag": "@returns",
    "JSDocTypedefTag": "@typedef",
    "JSDocPropertyTag": "@property",
    "JSDocTemplateTag": "@template",
    "JSDocAugmentsTag": "@extends",
    "JSDocImplementsTag": "@implements",
    "JSDocCallbackTag": "@callback",
    "JSDocThisTag": "@this",
    "JSDocSatisfiesTag": "@satisfies",
    "JSDocEnumTag": "@enum",
    "JSDocOverloadTag": "@overload",
    "JSDocThrowsTag": "@throws",
}
_ASSIGNMENT = re.compile(r"\((?:[-+*/%&|^]|\*\*|<<|>>>?|&&|\|\||\?\?)?=\)$")


def roles(syntax: str | None) -> tuple[str, str]:
    """(the reference's own role, the role of the expression it belongs to, or '')."""
    if not syntax:
        return "", ""
    first, _, context = syntax.partition(" < ")
    return first, context


def use_shape(kind: str, syntax: str | None, later_line: bool = False) -> str:
    """The use shape of a TypeScript entry of `kind` at `syntax`; `later_line`: an import or
    export name on a later line than its statement's first line."""
    first, context = roles(syntax)
    if syntax is None and kind in ("qualifier", "value", "write"):
        return kind  # a committed fixture golden: no syntax recorded
    if kind in ("import", "re-export"):
        shape = kind
        if first.startswith(("VariableDeclaration.", "BindingElement.")):
            shape = f"{kind}: require() binding"
        if later_line:
            shape += (", " if shape != kind else ": ") + "name on a later line than its statement"
        return shape
    if kind == "export":
        if first.startswith("ExportSpecifier."):
            return "export { X }" + (" (name on a later line)" if later_line else "")
        if first.startswith("ExportAssignment."):
            return "export default X / export = X"
        return "module.exports = X / { X } / exports.x = X"
    if kind == "jsdoc":
        return _jsdoc_shape(first)
    if kind == "typeof":
        return "type: keyof typeof X" if context.startswith("TypeOperator.") else "type: typeof X"
    if kind == "type":
        return _type_shape(first, context)
    if kind in ("extends", "implements"):
        return f"{kind}: heritage clause"
    if kind == "jsx":
        return "jsx: <X>"
    if kind == "jsx-close":
        return "jsx: </X> closing tag"
    if kind in ("call", "new"):
        return _call_shape(kind, first)
    if kind == "qualifier":
        return _qualifier_shape(first, context)
    if kind == "shorthand":
        return "value: { X } shorthand"
    if kind == "write":
        return _write_shape(first, context)
    if kind == "string":
        return "string: a literal naming a member"
    if kind == "value":
        return _value_shape(first, context)
    return kind


def _jsdoc_shape(first: str) -> str:
    tag = first.removeprefix("JSDoc ").split(" ")[0]
    if "import()" in first:
        return "jsdoc type: import('…').X"
    if tag.startswith("JSDocLink"):
        return "jsdoc: {@link X}"
    if tag == "JSDocSeeTag":
        return "jsdoc: @see X"
    if tag == "JSDocImportTag":
        return "jsdoc: @import { X }"
    if tag in _JSDOC_TAGS:
        return f"jsdoc type: {_JSDOC_TAGS[tag]} {{X}}"
    if first.startswith("JSDoc"):
        return "jsdoc: other (comment text)"
    return "jsdoc"


def _type_shape(first: str, context: str) -> str:
    if first.startswith("QualifiedName.right"):
        return "type: ns.X"
    if first.startswith("ImportType.") or context.startswith("ImportType."):
        return "type: import('…').X"
    if first.startswith("ExpressionWithTypeArguments."):
        return "type: X<T> expression with type arguments"
    return "type: X"


def _call_shape(kind: str, first: str) -> str:
    call = "new X()" if kind == "new" else "X()"
    if first.startswith(("PropertyAccessExpression.name", "QualifiedName.right")):
        return f"{kind}: recv.{call}"
    if first.startswith("TaggedTemplateExpression."):
        return "call: X`…` tagged template"
    if first.startswith("Decorator."):
        return "call: @X decorator"
    return f"{kind}: {call}"


def _qualifier_shape(first: str, context: str) -> str:
    if first.startswith("QualifiedName.left"):
        return "qualifier: X.T in a type"
    if context.startswith("CallExpression.expression"):
        return "qualifier: X.m() call"
    if context.startswith("NewExpression.expression"):
        return "qualifier: new X.C()"
    if context.startswith("BinaryExpression.left") and _ASSIGNMENT.search(context):
        return "qualifier: X.y = … write"
    return "qualifier: X.y read (enum member, namespace export, static member)"


def _write_shape(first: str, context: str) -> str:
    role = context or first
    if first.startswith("PropertyAccessExpression.name"):
        return "write: recv.X = …"
    if role.startswith(("PostfixUnaryExpression", "PrefixUnaryExpression")):
        return "write: X++ / --X"
    if role.startswith("BinaryExpression.left(=)"):
        return "write: X = …"
    if role.startswith("BinaryExpression.left"):
        return "write: X op= …"
    return "write: destructuring assignment"


def _value_shape(first: str, context: str) -> str:
    if first.startswith("PropertyAccessExpression.name"):
        outer = _value_shape(context, "") if context else ""
        where = outer.removeprefix("value: ") if outer.startswith("value: ") else "read"
        return f"member: recv.X ({where})"
    role = first
    if first.startswith("ParenthesizedExpression.") or (
        context
        and first.split(".")[0] in ("AsExpression", "NonNullExpression", "SatisfiesExpression")
    ):
        role = context or first
    if role.startswith("JsxExpression.expression") and context:
        role = context
    if role in _VALUE_ROLES:
        return _VALUE_ROLES[role]
    if role.startswith("BinaryExpression.right(instanceof)"):
        return "value: x instanceof X"
    if role.startswith("BinaryExpression.right") and _ASSIGNMENT.search(role):
        return "value: x = X (assigned)"
    if role.startswith("BinaryExpression.left") and _ASSIGNMENT.search(role):
        return "value: X.y = … (head of an assigned access)"
    if role.startswith("BinaryExpression."):
        return "value: operand of a binary operator"
    if role.startswith(_CONDITIONS):
        return "value: condition or operand (if, ?:, !)"
    if role.startswith(("PrefixUnaryExpression.", "PostfixUnaryExpression.")):
        return "value: operand of a unary operator"
    return f"value: other ({role or 'unknown'})"


def extra_shape(kind: str, method: str, text: str, column: int) -> str:
    """A line we list and TypeScript does not: our kind, how it was linked and, for a
    member use, that its receiver is an expression TypeScript typed differently."""
    before = text[: max(column - 1, 0)].rstrip()
    if re.search(r"[)\]]\??\.$", before):
        return f"{kind} on a computed receiver (f().x, a[i].x) via {method}"
    if before.endswith("."):
        return f"{kind} recv.X via {method}"
    return f"{kind} via {method}"
