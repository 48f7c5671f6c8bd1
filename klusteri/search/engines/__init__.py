"""One module per database: how to write a query and how to run it, ranked and bounded.

Both offer the same two functions, `match_expression(alternatives, fields)` and
`ranked(kind, expression, *, limit, candidates)`. The raw SQL of search lives here
and in migration 0002, nowhere else.
"""
