"""code-graph: a symbol-and-import graph of TypeScript/JavaScript codebases."""

__version__ = "0.1.0"
