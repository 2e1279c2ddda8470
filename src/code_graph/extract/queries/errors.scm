; Where the parser recovered from a syntax error (diagnostics.py). Run only on trees with errors.
(ERROR) @syntax.error
(MISSING) @syntax.missing
