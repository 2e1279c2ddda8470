"""Use cases that write the graph: full index and reconcile."""

from code_graph.index.indexer import IndexRun, index_project, project_root

__all__ = ["IndexRun", "index_project", "project_root"]
