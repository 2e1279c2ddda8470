; Patterns for a file's top-level statements, in every grammar. They run with a maximum start
; depth of 1 (the program's children), so the query does not walk the whole tree again.

; top-level `const/let/var`, plain or exported (symbols.py reads the declarators)
[(lexical_declaration) (variable_declaration)] @definition.variables
(export_statement
  declaration: [(lexical_declaration) (variable_declaration)] @definition.variables)

; `export default function () {}`, `export default class {}`, `export default () => ...`
(export_statement
  value: [(function_expression) (generator_function) (arrow_function) (class)] @definition.default)

; the file's own exports (exports.py); `export ... from` is matched as @reexport in core.scm
(export_statement !source) @export

; declarations of `export` statements (symbols.py: export status; exports.py tells defaults)
(export_statement declaration: (_) @exported.declaration)

; top-level `exports.f = ...` / `module.exports.f = ...` statements (exports.py: the functions
; and classes they assign become symbols); predicate names differ from core.scm's, whose
; captures are merged with these
(expression_statement
  (assignment_expression
    left: (member_expression object: (identifier) @_top_exports)
    (#eq? @_top_exports "exports")) @commonjs.top_level)
(expression_statement
  (assignment_expression
    left: (member_expression
      object: (member_expression
        object: (identifier) @_top_module
        property: (property_identifier) @_top_exports))
    (#eq? @_top_module "module")
    (#eq? @_top_exports "exports")) @commonjs.top_level)
