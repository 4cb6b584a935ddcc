import pytest


@pytest.fixture
def demo_lenders(db):
    """The three built-in lenders with their rate sheets."""
    from autokauf.financing import load_demo_lenders_if_empty

    load_demo_lenders_if_empty()
