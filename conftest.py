"""Project-wide pytest fixtures: the named personas (kinerja/core/testing/personas.py)."""

import pytest

from kinerja.core.testing.personas import Personas, build_personas


@pytest.fixture
def personas(db) -> Personas:
    return build_personas()
