; Patterns for the JavaScript grammar only (its class fields and heritage differ from TypeScript's).

(class_declaration body: (class_body (field_definition) @definition.property))
(class body: (class_body (field_definition) @definition.expression_member))
(class_heritage . (_) @reference.extends)

; value uses (values.py)
(class_declaration name: (identifier) @value.declared)
(class name: (identifier) @value.declared)
(formal_parameters (identifier) @value.declared)
(formal_parameters
  [(object_pattern) (array_pattern) (assignment_pattern) (rest_pattern)] @value.binding)
