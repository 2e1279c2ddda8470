"""The version of what extraction produces.

Bump it whenever `extract_file` returns different facts for the same source (new symbol
kinds, new reference conventions, ...): stores made by another version re-extract every file
on their next reconcile instead of mixing old and new facts.
"""

EXTRACTOR_VERSION = "26"
