"""Pure-Python domain rules of RULES.md: no Django, no database, only dates and plain data."""
