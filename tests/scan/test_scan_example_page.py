"""The bundled example page: every reference, exactly, as a reader would list them."""

from __future__ import annotations

from pathlib import Path

from enrich.page import read_page
from enrich.scan import Ref, scan_page

ABOUT = Path(__file__).resolve().parents[2] / "content" / "about.md"

# (line, kind, key, how it was written) in document order. The clone command in the
# ```sh block (MicroTorch.git) and the <!-- enrich:... --> markers must not appear.
EXPECTED = [
    (17, "user", "user:yewentao256", "link"),
    (34, "repo", "repo:pytorch/pytorch", "link"),
    (36, "repo", "repo:pytorch/pytorch", "html"),
    (36, "badge", "repo:pytorch/pytorch", "html"),
    (38, "issue", "issue:pytorch/pytorch#115611", "link"),
    (39, "pull", "pull:pytorch/pytorch#123020", "link"),
    (41, "search", "search:author:yewentao256 repo:pytorch/pytorch", "link"),
    (46, "repo", "repo:vllm-project/vllm", "link"),
    (48, "repo", "repo:vllm-project/vllm", "html"),
    (48, "badge", "repo:vllm-project/vllm", "html"),
    (51, "pull", "pull:vllm-project/vllm#25896", "link"),
    (52, "search", "search:author:yewentao256 repo:vllm-project/vllm", "link"),
    (55, "repo", "repo:lazyagi/lazyllm", "link"),
    (57, "repo", "repo:lazyagi/lazyllm", "html"),
    (57, "badge", "repo:lazyagi/lazyllm", "html"),
    (60, "search", "search:author:yewentao256 repo:lazyagi/lazyllm", "link"),
    (62, "repo", "repo:open-mmlab/mmcv", "link"),
    (64, "repo", "repo:open-mmlab/mmcv", "html"),
    (64, "badge", "repo:open-mmlab/mmcv", "html"),
    (68, "repo", "repo:deeplink-org/deeplink.framework", "link"),
    (68, "repo", "repo:deeplink-org/diopi", "link"),
    (72, "search", "search:author:yewentao256 repo:deeplink-org/deeplink.framework", "link"),
    (73, "search", "search:author:yewentao256 repo:deeplink-org/diopi", "link"),
    (77, "repo", "repo:yewentao256/microtorch", "link"),
    (81, "repo", "repo:yewentao256/gan-paint", "link"),
    (85, "repo", "repo:yewentao256/csapp_15213", "link"),
    (89, "repo", "repo:yewentao256/tinynn", "link"),
    (89, "repo", "repo:yewentao256/you-after-taking-drugs", "link"),
    (89, "repo", "repo:yewentao256/sicpy", "link"),
    (96, "user", "user:jifengwu2k", "link"),
    (106, "search", "search:author:yewentao256 is:merged is:pr", "autolink"),
]


def _refs() -> list[Ref]:
    return scan_page(read_page(ABOUT))


def test_every_reference_of_the_example_page_in_order() -> None:
    found = [(r.line, r.kind.value, r.key, r.source) for r in _refs()]
    assert found == EXPECTED


def test_spans_lines_and_columns_point_at_the_written_url() -> None:
    text = ABOUT.read_text(encoding="utf-8")
    lines = text.split("\n")
    for ref in _refs():
        assert text[ref.start : ref.end] == ref.url
        assert lines[ref.line - 1][ref.column - 1 :].startswith(ref.url)


def test_example_page_details_kept_as_written() -> None:
    refs = _refs()
    social = [r for r in refs if r.badge is not None and r.badge.param("style") == "social"]
    assert [r.full_name for r in social] == [
        "vllm-project/vllm",
        "LazyAGI/LazyLLM",
        "open-mmlab/mmcv",
    ]
    plain = [r for r in refs if r.badge is not None and r.badge.param("style") is None]
    assert [(r.full_name, r.badge.metric) for r in plain if r.badge] == [
        ("pytorch/pytorch", "stars")
    ]
    last = refs[-1]
    assert last.query is not None
    assert last.query.as_dict() == {"is": ["pr", "merged"], "author": ["yewentao256"]}
    assert (last.owner, last.repo) == (None, None)
    assert refs[0].url == "https://github.com/yewentao256"
