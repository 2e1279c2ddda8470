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
(call_expression
  function: (identifier) @_require
  arguments: (arguments . (string) .)
  (#eq? @_require "require")) @require
; (two patterns: an anchored alternation here also matches other arguments)
(call_expression
  function: (import)
  arguments: (arguments . (string) .)) @dynamic_import
(call_expression
  function: (import)
  arguments: (arguments . (template_string) .)) @dynamic_import

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
(call_expression function: (identifier) @reference.call)
(call_expression function: (member_expression) @reference.member_call)
(new_expression constructor: (identifier) @reference.new)
(new_expression constructor: (member_expression) @reference.member_new)
