"""One module per database: how to write a query and how to run it, ranked and bounded.

Both offer the same two functions: `ranked(kind, alternatives, fields, *, limit,
candidates)` finds the documents with every query word in the given fields and
ranks at most `candidates` of them; `insert_terms(kind, rows)` adds to the typo
vocabulary. The raw SQL of search lives here and in migration 0002, nowhere else.
"""
