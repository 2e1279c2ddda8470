; Patterns for the JavaScript grammar only (its class fields and heritage differ from TypeScript's).

(class_declaration body: (class_body (field_definition) @definition.property))
(class body: (class_body (field_definition) @definition.expression_member))
(class_heritage . (_) @reference.extends)
