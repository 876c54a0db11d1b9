"""A search GitHub refuses (UNPROCESSABLE on a non-null field) nulls a GraphQL answer's
whole ``data``: only that item may fail, the rest of its batch is asked again."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from enrich import testing
from enrich.cli import main

PAGE = """\
[PyTorch](https://github.com/pytorch/pytorch) and [vLLM](https://github.com/vllm-project/vllm),
[mine](https://github.com/pytorch/pytorch/issues?q=author%3Ayewentao256) and
[a ghost's](https://github.com/pytorch/pytorch/issues?q=author%3Aghost-user-xyz).
"""


def test_one_refused_search_does_not_fail_its_batch(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    stats = tmp_path / "stats.json"
    with testing.FakeGitHub(data=testing.FakeData.example()) as fake:
        env = {
            "GITHUB_API_URL": fake.api_url,
            "GITHUB_GRAPHQL_URL": fake.graphql_url,
            "GITHUB_TOKEN": "batch-token",
            "GH_TOKEN": "",
        }
        argv = ["fetch", str(page), "--stats", str(stats), "--cache-dir", str(tmp_path / "c")]
        result = CliRunner().invoke(main, argv, env=env)
        graphql_requests = [r for r in fake.requests if r.path == "/graphql"]
    assert result.exit_code == 3, result.output
    items = json.loads(stats.read_text(encoding="utf-8"))["items"]
    ghost = items.pop("search:author:ghost-user-xyz repo:pytorch/pytorch")
    assert ghost["status"] == "stale"
    assert "UNPROCESSABLE" in ghost["error"]
    assert {key: item["status"] for key, item in items.items()} == dict.fromkeys(items, "fresh")
    assert items["repo:pytorch/pytorch"]["figures"]["stars"]["value"] == 97_132
    assert len(graphql_requests) == 2
