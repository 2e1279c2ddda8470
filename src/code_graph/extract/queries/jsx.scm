; Patterns for grammars with JSX (TSX and JavaScript).

; every element, to tell components (functions and classes that render JSX)
(jsx_opening_element) @jsx.element
(jsx_self_closing_element) @jsx.element

; `<Button/>`, `<ui.Card>`; lowercase names are intrinsic elements, not references
(jsx_opening_element
  name: (identifier) @reference.jsx
  (#not-match? @reference.jsx "^[a-z]"))
(jsx_self_closing_element
  name: (identifier) @reference.jsx
  (#not-match? @reference.jsx "^[a-z]"))
(jsx_opening_element name: (member_expression) @reference.member_jsx)
(jsx_self_closing_element name: (member_expression) @reference.member_jsx)

; value uses (values.py): element names are JSX references (or intrinsic elements); the
; head of `<Ctx.Provider>` is a read, as for any member chain
(jsx_closing_element) @value.binding
(jsx_opening_element name: (identifier) @value.declared)
(jsx_self_closing_element name: (identifier) @value.declared)
