"""Places: QuerySet filters (the SQL twin of the "now" engine) and validation; what the public
sees of a person."""
