from tests.org.conftest import as_user  # noqa: F401  (the logged-in client fixture)
