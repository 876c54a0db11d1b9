"""Data sets for the fake: the world of content/about.md, and a synthetic one for scale tests.

Figures are plausible (late 2025), not live. The PRs and issues authored by yewentao256 are
generated deterministically so searches give realistic counts: 36 items in pytorch/pytorch
(33 PRs, 26 of them merged), 130 in vllm-project/vllm (124 PRs, 115 merged).
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from enrich.testing.dataset import Account, FakeData, Item, Repo

PYTHON, CPP, C = ("Python", "#3572A5"), ("C++", "#f34b7d"), ("C", "#555555")

# fmt: off
_ACCOUNTS = [
    Account("yewentao256", 84223180, "User", name="Wentao Ye", bio="Deep learning systems.",
            company="@redhat", blog="https://wentao.site", location="Boston", followers=312,
            following=31, public_gists=2, created_at="2021-05-10T08:11:34Z"),
    Account("jifengwu2k", 61021731, "User", name="Jifeng Wu", location="Vancouver",
            followers=38, following=12, created_at="2020-01-31T02:14:09Z"),
    Account("octocat", 583231, "User", name="The Octocat", company="@github", followers=17000),
    Account("monalisa", 2, "User", name="Mona Lisa Octocat", followers=900),
    Account("pytorch", 21003710, "Organization", name="pytorch", followers=25000,
            created_at="2016-08-13T05:26:41Z"),
    Account("vllm-project", 136984999, "Organization", name="vLLM", followers=3100,
            created_at="2023-06-05T18:41:54Z"),
    Account("LazyAGI", 149637226, "Organization", name="LazyAGI", followers=120),
    Account("open-mmlab", 10245193, "Organization", name="OpenMMLab", followers=9800),
    Account("DeepLink-org", 130146183, "Organization", name="DeepLink", followers=95),
]

APACHE = ("Apache-2.0", "Apache License 2.0")
MIT = ("MIT", "MIT License")
_RepoRow = tuple[str, str, int, int, int, int, tuple[str, str] | None, str, list[str],
                 tuple[str, str] | None, bool]
# owner, name, id, stars, forks, watchers, language, description, topics, license, fork
_REPOS: list[_RepoRow] = [
    ("pytorch", "pytorch", 65600975, 97132, 26604, 1781, PYTHON,
     "Tensors and Dynamic neural networks in Python with strong GPU acceleration",
     ["autograd", "deep-learning", "gpu", "machine-learning", "neural-network", "numpy",
      "python", "tensor"], ("NOASSERTION", "Other"), False),
    ("vllm-project", "vllm", 599547518, 62418, 11012, 452, PYTHON,
     "A high-throughput and memory-efficient inference and serving engine for LLMs",
     ["cuda", "deepseek", "gpt", "inference", "llama", "llm", "llm-serving", "model-serving",
      "pytorch", "qwen", "rocm", "transformer"], APACHE, False),
    ("LazyAGI", "LazyLLM", 756189422, 3102, 321, 41, PYTHON,
     "Easiest and laziest way for building multi-agent LLMs applications.",
     ["agent", "llm", "rag"], APACHE, False),
    ("open-mmlab", "mmcv", 145670827, 6104, 1718, 92, PYTHON,
     "OpenMMLab Computer Vision Foundation", ["computer-vision", "deep-learning"], APACHE,
     False),
    ("DeepLink-org", "deeplink.framework", 627113004, 52, 25, 9, PYTHON,
     "DeepLink framework: PyTorch on diverse chips", [], APACHE, False),
    ("DeepLink-org", "DIOPI", 568417320, 83, 34, 11, CPP,
     "Device-Independent Operator Interface", ["operators"],
     ("BSD-3-Clause", 'BSD 3-Clause "New" or "Revised" License'), False),
    ("yewentao256", "MicroTorch", 527016377, 40, 7, 2, CPP,
     "A minimal deep learning framework in the spirit of PyTorch", ["autograd", "cuda"], MIT,
     False),
    ("yewentao256", "GAN-Paint", 289004162, 16, 3, 1, PYTHON,
     "A small GAN for large-area image completion", ["gan"], None, False),
    ("yewentao256", "CSAPP_15213", 421340157, 61, 12, 3, C,
     "Self-study notes and labs for CMU 15-213", ["csapp"], None, False),
    ("yewentao256", "TinyNN", 348125602, 9, 2, 1, PYTHON,
     "Fully connected and convolutional networks from scratch", [], MIT, False),
    ("yewentao256", "You-after-taking-drugs", 273882041, 21, 4, 1, PYTHON,
     "A face-morphing demo built in seven days", [], None, False),
    ("yewentao256", "sicpy", 300501777, 5, 1, 1, C, "A toy language and its compiler",
     ["bison", "flex"], None, False),
    ("yewentao256", "yewentao256", 500000001, 3, 0, 1, None, "Profile README", [], None, False),
    ("yewentao256", "vllm", 988000001, 0, 0, 0, PYTHON, "A fork to send pull requests from",
     [], APACHE, True),
    ("jifengwu2k", "new-super-mario", 311000002, 4, 1, 1, C,
     "New Super Mario, a group project", [], None, False),
]
# fmt: on

# repo -> background counts (open issues, closed issues, open PRs, closed PRs, merged PRs)
_BACKGROUND = {
    "pytorch/pytorch": (5890, 41200, 1110, 38400, 1050),
    "vllm-project/vllm": (1880, 6900, 1120, 4600, 12300),
    "LazyAGI/LazyLLM": (60, 240, 12, 80, 610),
    "open-mmlab/mmcv": (640, 1400, 90, 700, 1620),
}

_LINKED = {115611, 123020, 25896}
"""Numbers content/about.md links to, added by hand below."""

# repo -> (PRs merged, PRs closed unmerged, PRs open, issues, numbers from, to, first day),
# all by yewentao256, besides the linked ones
_AUTHORED = {
    "pytorch/pytorch": (25, 5, 2, 2, 95000, 166000, "2023-05-08"),
    "vllm-project/vllm": (114, 5, 4, 6, 19000, 29000, "2025-06-02"),
    "LazyAGI/LazyLLM": (10, 1, 1, 1, 40, 300, "2024-05-06"),
    "open-mmlab/mmcv": (6, 2, 0, 0, 800, 1900, "2021-01-18"),
    "DeepLink-org/deeplink.framework": (18, 2, 0, 1, 100, 800, "2023-04-10"),
    "DeepLink-org/DIOPI": (22, 3, 0, 0, 100, 1200, "2023-04-10"),
}

_TOPICS = ["cuDNN", "batch norm", "quantization", "FP8 kernels", "weight loading", "caching",
           "batch-invariant execution", "CUDA graphs", "MoE", "DeepGEMM", "sampler",
           "tests"]  # fmt: skip
_VERBS = ["[Perf] Speed up", "[Bug] Fix", "[Refactor] Simplify", "[Feature] Support",
          "[Misc] Clean up", "[Kernel] Optimize", "[CI] Harden"]  # fmt: skip


def _title(rng: random.Random) -> str:
    return f"{rng.choice(_VERBS)} {rng.choice(_TOPICS)}"


def _stamp(day: datetime) -> str:
    return day.strftime("%Y-%m-%dT%H:%M:%SZ")


def example_data() -> FakeData:
    """The world of content/about.md (see the module docstring for the counts)."""
    data = FakeData()
    for account in _ACCOUNTS:
        data.add_account(Account(**account.__dict__))
    for owner, name, rid, stars, forks, watch, lang, desc, topics, lic, fork in _REPOS:
        background = _BACKGROUND.get(f"{owner}/{name}", (3, 10, 1, 2, 20))
        data.add_repo(
            Repo(
                id=rid,
                owner=owner,
                name=name,
                description=desc,
                stars=stars,
                forks=forks,
                watchers=watch,
                language=lang[0] if lang else None,
                language_color=lang[1] if lang else None,
                topics=list(topics),
                license_spdx=lic[0] if lic else None,
                license_name=lic[1] if lic else None,
                fork=fork,
                default_branch="main",
                size=stars * 3 + 100,
                open_issues=background[0],
                closed_issues=background[1],
                open_pulls=background[2],
                closed_pulls=background[3],
                merged_pulls=background[4],
                created_at="2019-03-01T10:00:00Z"
                if owner == "yewentao256"
                else "2016-08-13T05:26:41Z",
                updated_at="2025-11-20T12:00:00Z",
                pushed_at="2025-11-24T18:30:00Z",
            )
        )
    rng = random.Random(256)
    for full_name, (merged, closed, open_, issues, low, high, start) in _AUTHORED.items():
        repo = data.repo(full_name)
        kinds = ["merged"] * merged + ["closed"] * closed + ["open"] * open_ + ["issue"] * issues
        free = [n for n in range(low, high) if n not in _LINKED]
        numbers = sorted(rng.sample(free, len(kinds)))
        day = datetime.fromisoformat(start).replace(tzinfo=UTC)
        rng.shuffle(kinds)
        for number, kind in zip(numbers, kinds, strict=True):
            day += timedelta(days=rng.randint(1, 4), hours=rng.randint(0, 23))
            _add(data, repo, number, kind, _title(rng), "yewentao256", day)
    pytorch, vllm = data.repo("pytorch/pytorch"), data.repo("vllm-project/vllm")
    first = datetime(2024, 1, 5, tzinfo=UTC)
    _add(
        data,
        pytorch,
        115611,
        "issue",
        "cuDNN convolution is slower than it should be",
        "yewentao256",
        first - timedelta(days=20),
    )
    _add(
        data,
        pytorch,
        123020,
        "merged",
        "[Perf] Use cuDNN batch norm operators",
        "yewentao256",
        first + timedelta(days=90),
    )
    _add(
        data,
        vllm,
        25896,
        "merged",
        "[Feature] DeepSeek V3.2 support",
        "yewentao256",
        datetime(2025, 9, 29, 14, tzinfo=UTC),
    )
    for i, (repo, author) in enumerate(
        [(pytorch, "octocat"), (pytorch, "monalisa"), (vllm, "octocat"), (vllm, "jifengwu2k")] * 3
    ):
        kind = ["merged", "open", "issue", "closed"][i % 4]
        _add(data, repo, 170000 + i, kind, _title(rng), author, first + timedelta(days=i))
    micro = data.repo("yewentao256/MicroTorch")
    for number, kind in [(1, "merged"), (2, "merged"), (3, "issue")]:
        _add(data, micro, number, kind, _title(rng), "jifengwu2k", first + timedelta(days=number))
    return data


def _add(
    data: FakeData, repo: Repo, number: int, kind: str, title: str, author: str, day: datetime
) -> None:
    is_pull = kind != "issue"
    closed = kind in ("merged", "closed") or (kind == "issue" and number % 2 == 0)
    done = day + timedelta(days=2, hours=3)
    data.add_item(
        Item(
            repo_id=repo.id,
            number=number,
            title=title,
            author=author,
            is_pull=is_pull,
            state="closed" if closed else "open",
            merged=kind == "merged",
            body=f"{title}.\n\nGenerated by the fake GitHub.",
            comments=number % 7,
            id=repo.id % 1_000_000 * 1_000_000 + number,
            created_at=_stamp(day),
            updated_at=_stamp(done if closed else day),
            closed_at=_stamp(done) if closed else None,
            merged_at=_stamp(done) if kind == "merged" else None,
        )
    )


def synthetic_data(
    repos: int = 1000, users: int = 100, prs_per_repo: int = 5, seed: int = 0
) -> FakeData:
    """``users`` users owning ``repos`` repositories (``owner-N/repo-M``), each with
    ``prs_per_repo`` PRs by random users. Deterministic for a given ``seed``."""
    rng = random.Random(seed)
    data = FakeData()
    users = max(users, 1)
    for u in range(users):
        data.add_account(
            Account(
                f"user-{u:04d}",
                10_000 + u,
                "User",
                f"User {u}",
                followers=rng.randint(0, 5000),
                following=rng.randint(0, 100),
            )
        )
    start = datetime(2020, 1, 1, tzinfo=UTC)
    for r in range(repos):
        owner = f"user-{r % users:04d}"
        repo = data.add_repo(
            Repo(
                id=20_000_000 + r,
                owner=owner,
                name=f"repo-{r:05d}",
                description=f"Repository {r}",
                stars=int(rng.paretovariate(1.2) * 10),
                forks=rng.randint(0, 500),
                watchers=rng.randint(0, 100),
                language=PYTHON[0],
                language_color=PYTHON[1],
                topics=["synthetic"],
                open_issues=rng.randint(0, 300),
                closed_issues=rng.randint(0, 900),
                open_pulls=rng.randint(0, 50),
                closed_pulls=rng.randint(0, 300),
                merged_pulls=rng.randint(0, 900),
                fork=r % 10 == 9,
            )
        )
        for n in range(1, prs_per_repo + 1):
            kind = rng.choice(["merged", "merged", "closed", "open", "issue"])
            author = f"user-{rng.randrange(users):04d}"
            _add(data, repo, n, kind, _title(rng), author, start + timedelta(days=r % 1500 + n))
    return data
