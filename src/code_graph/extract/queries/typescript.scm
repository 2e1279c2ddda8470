; Patterns for the TypeScript and TSX grammars only.

; ---------------------------------------------------------------- definitions (symbols.py)
(abstract_class_declaration) @definition.class
(interface_declaration) @definition.interface
(type_alias_declaration) @definition.type
(enum_declaration) @definition.enum
(enum_body [(property_identifier) (string) (enum_assignment)] @definition.enum_member)
(internal_module) @definition.namespace
(module) @definition.namespace
(function_signature) @definition.function
(class_declaration
  body: (class_body [(method_signature) (abstract_method_signature)] @definition.method))
(abstract_class_declaration
  body: (class_body
    [(method_definition) (method_signature) (abstract_method_signature)] @definition.method))
(class
  body: (class_body [(method_signature) (abstract_method_signature)] @definition.expression_member))
(class_declaration body: (class_body (public_field_definition) @definition.property))
(abstract_class_declaration body: (class_body (public_field_definition) @definition.property))
(class body: (class_body (public_field_definition) @definition.expression_member))
(interface_body (method_signature) @definition.method)
(interface_body (property_signature) @definition.property)
; constructors, for their parameter properties (`constructor(private repo: Repo)`)
(method_definition
  name: (property_identifier) @_constructor
  (#eq? @_constructor "constructor")) @definition.constructor

; export status and `declare` (symbols.py): exports inside namespaces and ambient modules,
; `export declare ...` anywhere, every `declare`d declaration and the body of `declare global`
(internal_module body: (statement_block (export_statement declaration: (_) @exported.declaration)))
(module body: (statement_block (export_statement declaration: (_) @exported.declaration)))
(export_statement declaration: (ambient_declaration (_) @exported.declaration))
(ambient_declaration (_) @ambient.declaration)
(ambient_declaration (statement_block (_) @global.declaration))

; variables of namespaces, ambient modules and `declare global`, and `declare const` anywhere
(internal_module
  body: (statement_block [(lexical_declaration) (variable_declaration)] @definition.variables))
(internal_module
  body: (statement_block
    (export_statement
      declaration: [(lexical_declaration) (variable_declaration)] @definition.variables)))
(module
  body: (statement_block [(lexical_declaration) (variable_declaration)] @definition.variables))
(module
  body: (statement_block
    (export_statement
      declaration: [(lexical_declaration) (variable_declaration)] @definition.variables)))
(ambient_declaration [(lexical_declaration) (variable_declaration)] @definition.variables)
(ambient_declaration
  (statement_block [(lexical_declaration) (variable_declaration)] @definition.variables))

; ---------------------------------------------------------------- references (references.py)
(class_heritage (extends_clause value: (_) @reference.extends))
(extends_type_clause type: (_) @reference.extends)
(implements_clause (_) @reference.implements)
(type_identifier) @reference.type
(nested_type_identifier) @reference.nested_type
; `typeof x`, `typeof ns.x`, `typeof f<T>` in a type refer to values
(type_query [(identifier) (member_expression) (instantiation_expression)] @reference.type_query)

; type names that are declared here rather than referred to
(class_declaration name: (type_identifier) @type.declared)
(abstract_class_declaration name: (type_identifier) @type.declared)
(class name: (type_identifier) @type.declared)
(interface_declaration name: (type_identifier) @type.declared)
(type_alias_declaration name: (type_identifier) @type.declared)
; generics' `<T, U>` (scopes.py reads the names)
(type_parameters) @type.parameters
; `infer U extends C`: U is declared, C is a reference
(infer_type . (type_identifier) @type.inferred)
(mapped_type_clause name: (type_identifier) @type.mapped)

; ---------------------------------------------------------------- value uses (values.py)
(required_parameter pattern: (identifier) @value.declared)
(required_parameter pattern: [(object_pattern) (array_pattern) (rest_pattern)] @value.binding)
(optional_parameter pattern: (identifier) @value.declared)
(optional_parameter pattern: [(object_pattern) (array_pattern) (rest_pattern)] @value.binding)
(enum_declaration name: (identifier) @value.declared)
(internal_module name: (_) @value.binding)
(module name: (_) @value.binding)
(function_signature name: (identifier) @value.declared)
(import_alias . (identifier) @value.declared)
(type_predicate name: (identifier) @value.declared)
(asserts (identifier) @value.declared)
(index_signature name: (identifier) @value.declared)
