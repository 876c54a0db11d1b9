"""pytest plugin: the ``fake_github`` fixture (register with
``pytest_plugins = ["enrich.testing.pytest_plugin"]``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from enrich.testing.dataset import FakeData
from enrich.testing.server import FakeGitHub


@pytest.fixture
def fake_github() -> Iterator[FakeGitHub]:
    """A started fake GitHub serving ``FakeData.example()``, stopped after the test."""
    with FakeGitHub(data=FakeData.example()) as server:
        yield server
