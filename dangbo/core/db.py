"""Small database helpers that hide differences between SQLite and PostgreSQL."""

from django.db import connection
from django.db.models import F
from django.db.models.functions import Collate


def bytewise(field: str):
    """Order by a text field byte by byte, as Python compares str.

    Streaming rules compare codes in Python, so the database must sort the same way:
    PostgreSQL's default collation is locale-aware; SQLite's is already binary.
    """
    if connection.vendor == "postgresql":
        return Collate(F(field), "C")
    return F(field)
