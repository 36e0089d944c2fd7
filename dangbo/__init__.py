"""dangbo — information system for a Party committee's organization office (Ban Tổ chức)."""

__version__ = "0.1.0"
