"""A faithful local GitHub for tests, demos and benchmarks: a real HTTP server on 127.0.0.1.

::

    from enrich.testing import FakeGitHub, FakeData

    with FakeGitHub(data=FakeData.example()) as server:
        ...  # point GITHUB_API_URL at server.api_url, GITHUB_GRAPHQL_URL at server.graphql_url

Standalone: ``python -m enrich.testing.fakegithub --port 0``; pytest: the ``fake_github``
fixture of ``enrich.testing.pytest_plugin``. See docs/fake-github.md.
"""

from enrich.testing.dataset import Account, FakeData, Item, NotFound, Repo
from enrich.testing.faults import Faults
from enrich.testing.gql_schema import github_schema
from enrich.testing.limits import Limits
from enrich.testing.server import FakeGitHub, RequestRecord

__all__ = [
    "Account",
    "FakeData",
    "FakeGitHub",
    "Faults",
    "Item",
    "Limits",
    "NotFound",
    "Repo",
    "RequestRecord",
    "github_schema",
]
