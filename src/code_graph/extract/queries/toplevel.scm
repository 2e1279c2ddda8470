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
