"""The document kinds, by name (`dangbo report NAME`). Each module defines `KIND`, a
dangbo.reports.content.DocumentKind; this registry lists them in the order of the issue."""
