; Patterns valid in every grammar (TypeScript, TSX, JavaScript), matched anywhere in a file.
; Capture names are read by the Python modules beside this folder; names starting with `_`
; only serve predicates.

; ---------------------------------------------------------------- definitions (symbols.py)
(function_declaration) @definition.function
(generator_function_declaration) @definition.function
(class_declaration) @definition.class
; class members; those of class expressions are kept only when the class is a symbol
(class_declaration body: (class_body (method_definition) @definition.method))
(class body: (class_body (method_definition) @definition.expression_member))

; ---------------------------------------------------------------- imports (imports.py)
(import_statement) @import
(export_statement source: (_)) @reexport
; every `require(...)` and `import(...)` call: imports.py picks those whose argument is a
; literal (anchors cannot skip the comments bundlers put there, `import(/* chunk */ "./x")`)
(call_expression
  function: (identifier) @_require
  arguments: (arguments)
  (#eq? @_require "require")) @require
(call_expression function: (import) arguments: (arguments)) @dynamic_import

; ---------------------------------------------------------------- exports (exports.py)
(assignment_expression
  left: (member_expression
    object: (identifier) @_module
    property: (property_identifier) @_exports)
  (#eq? @_module "module")
  (#eq? @_exports "exports")) @commonjs.module_exports
(assignment_expression
  left: (member_expression object: (identifier) @_exports)
  (#eq? @_exports "exports")) @commonjs.exports_property
(assignment_expression
  left: (member_expression
    object: (member_expression
      object: (identifier) @_module
      property: (property_identifier) @_exports))
  (#eq? @_module "module")
  (#eq? @_exports "exports")) @commonjs.exports_property

; ---------------------------------------------------------------- references (references.py)
; (the calls themselves are the call sites of callbacks, whose parameters their callee types)
(call_expression function: (identifier) @reference.call) @local.call
(call_expression function: (super) @reference.super_call)
(call_expression function: (member_expression) @reference.member_call) @local.call
(new_expression constructor: (identifier) @reference.new) @local.call
(new_expression constructor: (member_expression) @reference.member_new) @local.call

; ---------------------------------------------------------------- locals (scopes.py)
; Only single-node patterns (a pattern waiting for a child stays open across nested blocks):
; functions (parameters; the scope of `var`), blocks, `switch` bodies and `for` statements
; (the scopes of `const/let`), `const/let/var` declarations (top-level and namespace ones
; are told apart by @definition.variables), catch clauses and for-in/of statements
[
  (function_declaration)
  (generator_function_declaration)
  (function_expression)
  (generator_function)
  (arrow_function)
  (method_definition)
  (class_static_block)
] @local.function
[(statement_block) (switch_body) (for_statement)] @local.block
[(lexical_declaration) (variable_declaration)] @local.declaration
(catch_clause parameter: (_)) @local.catch
(for_in_statement kind: _) @local.for_in

; ---------------------------------------------------------------- value uses (values.py)
; Every identifier is a use of a name unless a declaring range below holds it.
(identifier) @value.name
(shorthand_property_identifier) @value.name
(shorthand_property_identifier_pattern) @value.pattern_name
(decorator (identifier) @reference.call)
(decorator (member_expression) @reference.member_call)
; declaring places (their default values and computed keys are values again)
; (`value.declared`: one identifier; `value.binding`: a range, such as a destructuring pattern)
(variable_declarator name: (identifier) @value.declared)
(variable_declarator name: [(object_pattern) (array_pattern)] @value.binding)
(function_declaration name: (identifier) @value.declared)
(generator_function_declaration name: (identifier) @value.declared)
(function_expression name: (identifier) @value.declared)
(generator_function name: (identifier) @value.declared)
(arrow_function parameter: (identifier) @value.declared)
(catch_clause parameter: (_) @value.binding)
(for_in_statement kind: _ left: (_) @value.binding)
(export_specifier alias: (_) @value.declared)
(assignment_pattern right: (_) @value.inside)
(object_assignment_pattern right: (_) @value.inside)
(computed_property_name) @value.inside
; writes and exports
(assignment_expression left: (identifier) @value.write)
(assignment_expression left: [(object_pattern) (array_pattern)] @value.written)
(augmented_assignment_expression left: (identifier) @value.write)
(update_expression argument: (identifier) @value.write)
(for_in_statement !kind left: (identifier) @value.write)
(for_in_statement !kind left: [(object_pattern) (array_pattern)] @value.written)
(export_statement (identifier) @value.export)
; member uses `a.b` (not calls: references.py)
(member_expression
  object: [
    (identifier) (this) (member_expression)
    ; `f().b`, `xs[0].b`: linked when the receiver's declared type can be named
    (call_expression) (subscript_expression)
  ]
  property: [(property_identifier) (private_property_identifier)]) @value.member
(assignment_expression left: (member_expression) @value.member_write)
(augmented_assignment_expression left: (member_expression) @value.member_write)
(update_expression argument: (member_expression) @value.member_write)
(export_specifier name: (identifier) @value.export)

; ---------------------------------------------------------------- JSDoc (jsdoc.py)
((comment) @jsdoc (#match? @jsdoc "^/[*][*][^/]"))
