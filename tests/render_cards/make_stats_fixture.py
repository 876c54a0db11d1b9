"""Writes stats.json beside this file: the hand-written stats the card tests render.

Run it (``.venv/bin/python tests/render_cards/make_stats_fixture.py``) after changing the
figures below; the file is committed so tests never need it.
"""

from __future__ import annotations

from pathlib import Path

from enrich.stats import Figure, Item, Stats, to_json

AT = "2026-11-25T09:00:00Z"


def item(kind: str, key_name: str, **figures: object) -> Item:
    return Item(
        kind=kind,
        name=key_name,
        figures={key: Figure(value=value, fetched_at=AT) for key, value in figures.items()},  # type: ignore[arg-type]
    )


def fixture() -> Stats:
    items = {
        "repo:pytorch/pytorch": item(
            "repo",
            "pytorch/pytorch",
            full_name="pytorch/pytorch",
            stars=98123,
            forks=26512,
            watchers=1789,
            open_issues=17234,
            language="Python",
            language_color="#3572A5",
            description=(
                "Tensors and Dynamic neural networks in Python with strong GPU acceleration"
            ),
            topics=["deep-learning", "gpu"],
            license="BSD-3-Clause",
            archived=False,
            pushed_at="2026-11-25T08:00:00Z",
            default_branch="main",
        ),
        "repo:vllm-project/vllm": item(
            "repo",
            "vllm-project/vllm",
            full_name="vllm-project/vllm",
            stars=61577,
            forks=10402,
            language="Python",
            language_color="#3572A5",
            description=(
                "A high-throughput and memory-efficient inference and serving engine for LLMs"
            ),
            archived=False,
        ),
        "repo:lazyagi/lazyllm": item(
            "repo",
            "LazyAGI/LazyLLM",
            full_name="LazyAGI/LazyLLM",
            stars=3261,
            forks=290,
            language="Python",
            language_color="#3572A5",
            description="Easiest and laziest way for building multi-agent LLMs applications.",
        ),
        "repo:open-mmlab/mmcv": item(
            "repo",
            "open-mmlab/mmcv",
            full_name="open-mmlab/mmcv",
            stars=6093,
            forks=1702,
            language="Python",
            language_color="#3572A5",
            description="OpenMMLab Computer Vision Foundation",
            archived=False,
        ),
        "repo:deeplink-org/diopi": item(
            "repo",
            "DeepLink-org/DIOPI",
            full_name="DeepLink-org/DIOPI",
            stars=77,
            forks=34,
            language="C++",
            language_color="#f34b7d",
            description="基础算子接口 (DIOPI): device-independent operator interface 🚀 for chips",
            archived=True,
        ),
        "repo:yewentao256/microtorch": item(
            "repo",
            "yewentao256/MicroTorch",
            full_name="yewentao256/MicroTorch",
            stars=40,
            forks=6,
            language="C++",
            language_color="#f34b7d",
            description="A minimal deep learning framework: autograd, dynamic graphs, tensors.",
        ),
        "user:yewentao256": item(
            "user",
            "yewentao256",
            name="Wentao Ye",
            login="yewentao256",
            followers=312,
            public_repos=58,
            total_stars=1042,
            top_repos=[
                "yewentao256/MicroTorch",
                "yewentao256/wentao-blog",
                "yewentao256/CUDA-kernels",
            ],
        ),
        "search:author:yewentao256 repo:pytorch/pytorch": item(
            "search",
            "author:yewentao256 repo:pytorch/pytorch",
            count=41,
            prs=37,
            merged_prs=31,
            issues=4,
        ),
        "search:author:yewentao256 repo:vllm-project/vllm": item(
            "search",
            "author:yewentao256 repo:vllm-project/vllm",
            count=260,
            prs=248,
            merged_prs=187,
            issues=12,
        ),
        "search:author:yewentao256 repo:lazyagi/lazyllm": item(
            "search",
            "author:yewentao256 repo:lazyagi/lazyllm",
            count=14,
            prs=12,
            merged_prs=11,
            issues=2,
        ),
        "search:author:yewentao256 repo:deeplink-org/diopi": item(
            "search",
            "author:yewentao256 repo:deeplink-org/diopi",
            count=52,
            prs=50,
            merged_prs=44,
            issues=2,
        ),
        "search:author:yewentao256 repo:yewentao256/microtorch": item(
            "search",
            "author:yewentao256 repo:yewentao256/microtorch",
            count=5,
            prs=5,
            merged_prs=5,
            issues=0,
        ),
    }
    return Stats(items=items)


if __name__ == "__main__":
    Path(__file__).with_name("stats.json").write_text(to_json(fixture()), encoding="utf-8")
