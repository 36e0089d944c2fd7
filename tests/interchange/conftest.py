import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in their English msgids; the vi catalogue translates them."""
    with translation.override("en"):
        yield
