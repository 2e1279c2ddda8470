"""The store's read side: one module per family of questions, one SQL statement per shape.

Each family implements a port its consumer owns (`code_graph.query.ports` for the queries,
`code_graph.link.ports` for the linker); full and incremental reads share their statement
and differ only in its filter. Values come back as `code_graph.records` types.
"""
