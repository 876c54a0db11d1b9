"""fetch against the local fake GitHub: request counts, caching, and every fault keeps figures."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from enrich import stats
from enrich.errors import InputError
from enrich.github import FetchOptions, Refreshed, refresh_stats
from enrich.page import expand_page_paths, read_page
from enrich.render.regions import parse_regions, region_refs
from enrich.scan import scan_page
from enrich.scan.refs import Kind, Ref
from enrich.stats import Status

testing = pytest.importorskip("enrich.testing")
if not hasattr(testing, "FakeGitHub"):
    pytest.skip("enrich.testing.FakeGitHub has not landed yet", allow_module_level=True)

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "ghp_integration_secret_0123456789"
ABOUT_TARGETS = 23
"""content/about.md names 12 repos, 2 users, 2 PRs, 1 issue and 6 searches (5 split)."""
ABOUT_REST = 12 + 2 * 2 + 3 + 5 * 3 + 1
"""Without a token: one GET per repo/PR/issue, two per user (profile, owned repos), three
per split search (PRs, merged PRs, issues), one per plain search."""


class FakeTime:
    """Real wall time at the start (the fake's rate-limit resets are real epochs), then it
    moves only when the fetcher sleeps or a test advances it."""

    def __init__(self) -> None:
        self.now = time.time()
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture(scope="module")
def about_refs() -> list[Ref]:
    """The page's own references (its links, badges and marker targets), no card targets."""
    refs: list[Ref] = []
    for path in expand_page_paths((ROOT / "content" / "about.md",)):
        page = read_page(path)
        refs.extend(scan_page(page))
        refs.extend(region_refs(parse_regions(page.text, path=path), page.text))
    return refs


@pytest.fixture
def server() -> Iterator[Any]:
    with testing.FakeGitHub(data=testing.FakeData.example()) as fake:
        fake.limits.set_limit("search", 1000, authenticated=False)
        fake.limits.set_limit("core", 5000, authenticated=False)
        yield fake


@pytest.fixture
def clock() -> FakeTime:
    return FakeTime()


def options(server: Any, tmp_path: Path, clock: FakeTime, **overrides: Any) -> FetchOptions:
    values: dict[str, Any] = {
        "token": TOKEN,
        "api_url": server.api_url,
        "graphql_url": server.graphql_url,
        "cache_dir": tmp_path / "cache",
        "clock": clock.clock,
        "sleep": clock.sleep,
    }
    values.update(overrides)
    return FetchOptions(**values)


def run(refs: list[Ref], server: Any, tmp_path: Path, clock: FakeTime, **kw: Any) -> Refreshed:
    return refresh_stats(refs, tmp_path / "stats.json", options(server, tmp_path, clock, **kw))


def figures(tmp_path: Path, key: str) -> dict[str, Any]:
    item = stats.load(tmp_path / "stats.json").items[key]
    return {name: fig.value for name, fig in item.figures.items()}


def test_cold_fetch_with_a_token_is_one_graphql_request(
    about_refs: list[Ref], server: Any, tmp_path: Path, clock: FakeTime
) -> None:
    result = run(about_refs, server, tmp_path, clock)
    assert [(r.method, r.resource) for r in server.requests] == [("POST", "graphql")], (
        server.requests,
        result.report.as_json(),
    )
    assert all(r.authorized for r in server.requests)
    assert result.report.counts["fetched"] == ABOUT_TARGETS
    assert result.written
    vllm = figures(tmp_path, "search:author:yewentao256 repo:vllm-project/vllm")
    assert vllm == {"count": 130, "prs": 124, "merged_prs": 115, "issues": 6}
    repo = figures(tmp_path, "repo:pytorch/pytorch")
    assert repo["stars"] == 97132
    assert repo["full_name"] == "pytorch/pytorch"
    assert repo["language"] == "Python"
    assert repo["language_color"] == "#3572A5"
    user = figures(tmp_path, "user:yewentao256")
    assert user["followers"] == 312
    assert user["login"] == "yewentao256"
    assert user["total_stars"] == 40 + 16 + 61 + 9 + 21 + 5 + 3  # owned, forks excluded
    assert user["top_repos"][0] == "yewentao256/CSAPP_15213"
    pull = figures(tmp_path, "pull:vllm-project/vllm#25896")
    assert pull["state"] in {"open", "closed", "merged"}
    assert pull["title"]


def test_cold_fetch_without_a_token_uses_rest(
    about_refs: list[Ref], server: Any, tmp_path: Path, clock: FakeTime
) -> None:
    result = run(about_refs, server, tmp_path, clock, token=None)
    assert len(server.requests) == ABOUT_REST
    assert {r.method for r in server.requests} == {"GET"}
    assert not any(r.authorized for r in server.requests)
    assert sum(r.resource == "search" for r in server.requests) == 16
    assert result.report.counts["fetched"] == ABOUT_TARGETS
    assert any("GITHUB_TOKEN" in w for w in result.report.warnings)
    assert (
        figures(tmp_path, "search:author:yewentao256 repo:vllm-project/vllm")["merged_prs"] == 115
    )
    assert figures(tmp_path, "repo:pytorch/pytorch")["stars"] == 97132
    assert figures(tmp_path, "user:yewentao256")["total_stars"] == 155


def test_graphql_and_rest_agree_on_every_figure(
    about_refs: list[Ref], server: Any, tmp_path: Path, clock: FakeTime
) -> None:
    run(about_refs, server, tmp_path / "gql", clock)
    run(about_refs, server, tmp_path / "rest", clock, token=None)
    gql = stats.load(tmp_path / "gql" / "stats.json")
    rest = stats.load(tmp_path / "rest" / "stats.json")
    assert gql.items.keys() == rest.items.keys()
    for key, item in rest.items.items():
        for name, fig in item.figures.items():
            assert gql.items[key].figures[name].value == fig.value, (key, name)


@pytest.mark.parametrize("token", [TOKEN, None], ids=["token", "no-token"])
def test_an_issue_link_to_a_pull_request_is_fetched_on_both_paths(
    token: str | None, server: Any, tmp_path: Path, clock: FakeTime
) -> None:
    # github.com/o/r/issues/N of a pull request redirects to it; REST answers /issues/N too
    url = "https://github.com/pytorch/pytorch/issues/123020"
    refs = [Ref(Kind.ISSUE, url, 0, len(url), 1, 1, "pytorch", "pytorch", 123020)]
    result = run(refs, server, tmp_path, clock, token=token)
    assert result.report.dispositions == {"issue:pytorch/pytorch#123020": "fetched"}
    assert figures(tmp_path, "issue:pytorch/pytorch#123020")["state"] == "closed"


@pytest.mark.parametrize("token", [TOKEN, None], ids=["token", "no-token"])
def test_a_repeat_run_within_the_ttl_makes_no_request(
    token: str | None, about_refs: list[Ref], server: Any, tmp_path: Path, clock: FakeTime
) -> None:
    run(about_refs, server, tmp_path, clock, token=token)
    before = (tmp_path / "stats.json").read_bytes()
    server.clear_requests()
    clock.now += 1800
    result = run(about_refs, server, tmp_path, clock, token=token)
    assert server.requests == []
    assert result.report.counts["cached"] == ABOUT_TARGETS
    assert not result.written
    assert (tmp_path / "stats.json").read_bytes() == before


def test_after_the_ttl_a_rest_refresh_is_conditional(
    about_refs: list[Ref], server: Any, tmp_path: Path, clock: FakeTime
) -> None:
    run(about_refs, server, tmp_path, clock, token=None)
    before = (tmp_path / "stats.json").read_bytes()
    server.clear_requests()
    clock.now += 3601
    result = run(about_refs, server, tmp_path, clock, token=None)
    conditional = [r for r in server.requests if r.conditional]
    assert conditional, "no conditional request was made"
    assert all(r.not_modified and r.status == 304 for r in conditional)
    # everything GitHub gives an ETag (all but searches) is revalidated for free
    assert {r.resource for r in server.requests if not r.conditional} == {"search"}
    assert result.report.requests["conditional_304"] == len(conditional)
    assert result.report.counts["fetched"] == ABOUT_TARGETS
    assert (tmp_path / "stats.json").read_bytes() == before


def test_after_the_ttl_a_changed_figure_is_refetched(
    about_refs: list[Ref], server: Any, tmp_path: Path, clock: FakeTime
) -> None:
    run(about_refs, server, tmp_path, clock, token=None)
    server.data.set_repo_figures("pytorch/pytorch", stars=99999)
    clock.now += 3601
    run(about_refs, server, tmp_path, clock, token=None)
    item = stats.load(tmp_path / "stats.json").items["repo:pytorch/pytorch"]
    assert item.figures["stars"].value == 99999
    assert item.figures["forks"].fetched_at != item.figures["stars"].fetched_at


def seeded(about_refs: list[Ref], server: Any, tmp_path: Path, clock: FakeTime) -> dict[str, Any]:
    """A first good run; returns the stats items' figures to compare against later."""
    run(about_refs, server, tmp_path, clock, token=None)
    server.clear_requests()
    clock.now += 7200  # every freshness record is now old
    return {k: dict(i.figures) for k, i in stats.load(tmp_path / "stats.json").items.items()}


def assert_figures_kept(tmp_path: Path, known: dict[str, Any], failed: set[str]) -> None:
    """No item and no figure was dropped; the failed items' figures are exactly the old ones."""
    now = stats.load(tmp_path / "stats.json")
    assert failed, "no failed item: the check would be empty"
    for key, figs in known.items():
        assert set(now.items[key].figures) >= set(figs), key
        if key in failed:
            assert dict(now.items[key].figures) == figs, key


@pytest.mark.parametrize("token", [TOKEN, None], ids=["token", "no-token"])
def test_rename_records_the_new_name(
    token: str | None, about_refs: list[Ref], server: Any, tmp_path: Path, clock: FakeTime
) -> None:
    server.data.rename_repo("yewentao256/MicroTorch", "yewentao256/NanoTorch")
    result = run(about_refs, server, tmp_path, clock, token=token)
    key = "repo:yewentao256/microtorch"
    assert result.report.dispositions[key] == "renamed"
    item = stats.load(tmp_path / "stats.json").items[key]
    assert item.status is Status.RENAMED
    assert item.renamed_to == "yewentao256/NanoTorch"
    assert item.figures["stars"].value == 40
    assert any("yewentao256/MicroTorch" in w and "NanoTorch" in w for w in result.report.warnings)


@pytest.mark.parametrize("token", [TOKEN, None], ids=["token", "no-token"])
@pytest.mark.parametrize("how", ["delete", "dmca"])
def test_missing_repo_keeps_its_figures(
    how: str,
    token: str | None,
    about_refs: list[Ref],
    server: Any,
    tmp_path: Path,
    clock: FakeTime,
) -> None:
    known = seeded(about_refs, server, tmp_path, clock)
    getattr(server.data, f"{how}_repo")("yewentao256/GAN-Paint")
    result = run(about_refs, server, tmp_path, clock, token=token)
    key = "repo:yewentao256/gan-paint"
    assert result.report.dispositions[key] == "missing"
    assert result.report.counts["fetched"] == ABOUT_TARGETS - 1
    item = stats.load(tmp_path / "stats.json").items[key]
    assert item.status is Status.MISSING
    assert item.error
    assert_figures_kept(tmp_path, known, {key})
    if token:
        assert len(server.requests) == 1  # the NOT_FOUND did not sink the batch


def test_rate_limit_exhaustion_stops_politely(
    about_refs: list[Ref], server: Any, tmp_path: Path, clock: FakeTime
) -> None:
    known = seeded(about_refs, server, tmp_path, clock)
    server.limits.set_remaining("core", 0, authenticated=False)
    server.limits.set_reset("core", clock.now + 1800, authenticated=False)
    result = run(about_refs, server, tmp_path, clock, token=None)
    assert result.report.rate_limited
    core = [r for r in server.requests if r.resource == "core"]
    assert len(core) <= 8  # at most the requests already in flight, then it stops
    assert clock.sleeps == []  # a 30-minute reset is not waited for
    assert result.report.counts["stale"] == 12 + 2 + 3
    assert result.report.counts["fetched"] == 6  # searches have their own budget
    assert_figures_kept(
        tmp_path, known, {k for k, d in result.report.dispositions.items() if d == "stale"}
    )


def test_graphql_rate_limit_exhaustion_keeps_figures(
    about_refs: list[Ref], server: Any, tmp_path: Path, clock: FakeTime
) -> None:
    known = seeded(about_refs, server, tmp_path, clock)
    server.limits.set_remaining("graphql", 0)
    server.limits.set_reset("graphql", clock.now + 1800)
    result = run(about_refs, server, tmp_path, clock)
    assert result.report.rate_limited
    assert result.report.counts["stale"] == ABOUT_TARGETS
    assert_figures_kept(tmp_path, known, set(known))


def test_a_near_reset_is_waited_out(
    about_refs: list[Ref], server: Any, tmp_path: Path, clock: FakeTime
) -> None:
    # the fake's window is real time, so this test sleeps for real (about a second)
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        await asyncio.sleep(seconds)

    server.limits.set_remaining("graphql", 0)
    server.limits.set_reset("graphql", time.time() + 0.2)
    real = FakeTime()
    real.clock = time.time  # type: ignore[method-assign]
    real.sleep = sleep  # type: ignore[method-assign]
    result = run(about_refs, server, tmp_path, real)
    assert result.report.counts["fetched"] == ABOUT_TARGETS
    assert len(waits) == 1
    assert waits[0] <= 2.5
    assert len(server.requests) == 2  # refused (HTTP 200, RATE_LIMITED), then answered


@pytest.mark.parametrize("token", [TOKEN, None], ids=["token", "no-token"])
def test_retry_after_is_honoured(
    token: str | None, about_refs: list[Ref], server: Any, tmp_path: Path, clock: FakeTime
) -> None:
    server.faults.secondary_next = 1
    result = run(about_refs, server, tmp_path, clock, token=token)
    assert result.report.counts["fetched"] == ABOUT_TARGETS
    assert server.limits.retry_after in clock.sleeps


@pytest.mark.parametrize("token", [TOKEN, None], ids=["token", "no-token"])
def test_502_then_success(
    token: str | None, about_refs: list[Ref], server: Any, tmp_path: Path, clock: FakeTime
) -> None:
    server.faults.fail_next = [502]
    result = run(about_refs, server, tmp_path, clock, token=token)
    assert result.report.counts["fetched"] == ABOUT_TARGETS
    assert result.report.requests["retries"] == 1
    assert [r.status for r in server.requests].count(502) == 1


@pytest.mark.parametrize("token", [TOKEN, None], ids=["token", "no-token"])
def test_connection_reset_then_success(
    token: str | None, about_refs: list[Ref], server: Any, tmp_path: Path, clock: FakeTime
) -> None:
    server.faults.reset_next = 1
    result = run(about_refs, server, tmp_path, clock, token=token)
    assert result.report.counts["fetched"] == ABOUT_TARGETS
    assert result.report.requests["retries"] == 1


def test_endless_resets_fail_only_that_item(
    about_refs: list[Ref], server: Any, tmp_path: Path, clock: FakeTime
) -> None:
    known = seeded(about_refs, server, tmp_path, clock)
    server.faults.match = r"^/repos/yewentao256/sicpy$"
    server.faults.reset_next = 100
    result = run(about_refs, server, tmp_path, clock, token=None)
    assert result.report.dispositions["repo:yewentao256/sicpy"] == "stale"
    assert result.report.counts["fetched"] == ABOUT_TARGETS - 1
    assert sum(clock.sleeps) <= 31  # backoff is bounded in time
    assert_figures_kept(tmp_path, known, {"repo:yewentao256/sicpy"})


@pytest.mark.parametrize("fault", ["malformed_next", "truncated_next"])
def test_a_malformed_body_fails_only_that_item(
    fault: str, about_refs: list[Ref], server: Any, tmp_path: Path, clock: FakeTime
) -> None:
    known = seeded(about_refs, server, tmp_path, clock)
    server.faults.match = r"^/repos/open-mmlab/mmcv$"
    setattr(server.faults, fault, 10)
    # a cold cache: a conditional request would be answered 304, with no body to break
    result = run(about_refs, server, tmp_path, clock, token=None, cache_dir=tmp_path / "cold")
    key = "repo:open-mmlab/mmcv"
    assert result.report.dispositions[key] == "stale"
    assert result.report.counts["fetched"] == ABOUT_TARGETS - 1
    item = stats.load(tmp_path / "stats.json").items[key]
    assert item.status is Status.STALE
    assert item.error
    assert_figures_kept(tmp_path, known, {key})


def test_an_incomplete_search_keeps_its_last_count(
    about_refs: list[Ref], server: Any, tmp_path: Path, clock: FakeTime
) -> None:
    known = seeded(about_refs, server, tmp_path, clock)
    key = "search:author:yewentao256 is:merged is:pr"
    server.faults.incomplete_next = 100  # every search answer times out on GitHub's side
    result = run(about_refs, server, tmp_path, clock, token=None)
    searches = [k for k in result.report.dispositions if k.startswith("search:")]
    assert key in searches
    assert {result.report.dispositions[k] for k in searches} == {"stale"}
    item = stats.load(tmp_path / "stats.json").items[key]
    assert item.error is not None
    assert "incomplete_results" in item.error
    assert_figures_kept(tmp_path, known, set(searches))


def test_a_malformed_graphql_answer_keeps_every_figure(
    about_refs: list[Ref], server: Any, tmp_path: Path, clock: FakeTime
) -> None:
    known = seeded(about_refs, server, tmp_path, clock)
    server.faults.malformed_next = 1
    result = run(about_refs, server, tmp_path, clock)
    assert result.report.counts["stale"] == ABOUT_TARGETS
    assert_figures_kept(tmp_path, known, set(known))


def test_the_token_is_in_no_log_cache_or_stats_file(
    about_refs: list[Ref],
    server: Any,
    tmp_path: Path,
    clock: FakeTime,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    server.faults.fail_next = [502]
    server.data.rename_repo("yewentao256/TinyNN", "yewentao256/TinierNN")
    result = run(about_refs, server, tmp_path, clock, token=TOKEN)
    clock.now += 7200
    run(about_refs, server, tmp_path, clock, token=None)  # also fill the REST cache
    assert caplog.records, "nothing was logged: the check would be empty"
    assert TOKEN not in caplog.text
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    segments = [p for p in files if p.parent.name == "v1"]
    assert segments
    assert b"etag" in segments[0].read_bytes()
    assert (tmp_path / "stats.json") in files
    for path in files:
        assert TOKEN.encode() not in path.read_bytes(), path
    assert TOKEN not in json.dumps(result.report.as_json())
    assert TOKEN not in repr(options(server, tmp_path, clock))


class CountingTransport(httpx.AsyncBaseTransport):
    """A real transport that counts requests in flight (body read included)."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.in_flight = self.peak = self.total = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.in_flight += 1
        self.total += 1
        self.peak = max(self.peak, self.in_flight)
        try:
            response = await self.inner.handle_async_request(request)
            body = await response.aread()
            await response.aclose()
            return httpx.Response(response.status_code, headers=response.headers, content=body)
        finally:
            self.in_flight -= 1

    async def aclose(self) -> None:
        await self.inner.aclose()


def test_in_flight_requests_never_exceed_the_bound(
    about_refs: list[Ref], server: Any, tmp_path: Path, clock: FakeTime
) -> None:
    server.faults.latency = 0.02
    counting = CountingTransport()
    result = run(about_refs, server, tmp_path, clock, token=None, concurrency=3, transport=counting)
    assert result.report.counts["fetched"] == ABOUT_TARGETS
    assert counting.total == ABOUT_REST
    assert counting.peak == 3


def test_the_search_limit_is_respected_without_a_token(
    about_refs: list[Ref], tmp_path: Path, clock: FakeTime
) -> None:
    # GitHub's real unauthenticated budgets (search: 10 a minute), on the test's clock
    limits = testing.Limits(clock=clock.clock)
    notices: list[str] = []
    with testing.FakeGitHub(data=testing.FakeData.example(), limits=limits) as server:
        result = run(about_refs, server, tmp_path, clock, token=None, notice=notices.append)
        searches = [r for r in server.requests if r.resource == "search"]
    assert result.report.counts["fetched"] == ABOUT_TARGETS
    answered = [r for r in searches if r.status == 200]
    assert len(answered) == 16
    assert len(searches) - len(answered) <= 8  # only requests already in flight were refused
    assert clock.sleeps
    assert max(clock.sleeps) <= 62  # waited for the one-minute window, no longer
    # the pause is explained once, not once per waiting request, as it begins
    assert len(notices) == 1, notices
    assert notices[0].startswith("search rate limit reached: waiting ")
    assert "token" in notices[0]


@pytest.mark.parametrize("token", [TOKEN, None], ids=["token", "no-token"])
def test_total_stars_reads_every_page_of_owned_repositories(
    token: str | None, tmp_path: Path, clock: FakeTime
) -> None:
    data = testing.FakeData.synthetic(repos=250, users=1, prs_per_repo=0)
    owned = [r for r in data.repos_of("user-0000") if not r.fork and not r.private]
    assert len(owned) > 200  # three pages of 100
    user = Ref(Kind.USER, "https://github.com/user-0000", 0, 1, 1, 1, "user-0000")
    with testing.FakeGitHub(data=data) as server:
        server.limits.set_limit("core", 5000, authenticated=False)
        result = run([user], server, tmp_path, clock, token=token)
        requests = len(server.requests)
    assert result.report.counts["fetched"] == 1
    figures = result.report.outcomes["user:user-0000"].figures
    assert figures is not None
    assert figures["total_stars"] == sum(r.stars for r in owned)
    best = sorted(owned, key=lambda r: (-r.stars, r.full_name.lower()))[:5]
    assert figures["top_repos"] == [r.full_name for r in best]
    assert requests == (3 if token else 1 + 3)  # pages 2 and 3 follow the first answer


def test_a_refused_token_is_bad_input(
    about_refs: list[Ref], server: Any, tmp_path: Path, clock: FakeTime
) -> None:
    with pytest.raises(InputError, match="401"):
        run(about_refs, server, tmp_path, clock, token="bad-token")
    assert not (tmp_path / "stats.json").exists()


class FailingPages(httpx.AsyncBaseTransport):
    """A real transport, except that GraphQL queries for a *next* page always get a 502."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if b"after:" in request.content:
            return httpx.Response(502, json={"message": "Bad gateway"})
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


def test_a_failed_page_never_stores_a_short_total(tmp_path: Path, clock: FakeTime) -> None:
    data = testing.FakeData.synthetic(repos=150, users=1, prs_per_repo=0)
    user = Ref(Kind.USER, "https://github.com/user-0000", 0, 1, 1, 1, "user-0000")
    with testing.FakeGitHub(data=data) as server:
        run([user], server, tmp_path, clock)
        before = figures(tmp_path, "user:user-0000")
        server.data.set_account("user-0000", followers=12345)
        clock.now += 7200
        result = run([user], server, tmp_path, clock, transport=FailingPages())
    after = figures(tmp_path, "user:user-0000")
    assert after["followers"] == 12345  # the first page's figures are fresh
    assert after["total_stars"] == before["total_stars"]  # not the first page's sum alone
    assert after["top_repos"] == before["top_repos"]
    assert any("total_stars of user-0000 not updated" in w for w in result.report.warnings)


def test_two_runs_sharing_a_cache_directory(
    about_refs: list[Ref], server: Any, tmp_path: Path
) -> None:
    repos = [r for r in about_refs if r.key.startswith("repo:")]
    others = [r for r in about_refs if not r.key.startswith("repo:")]
    cache_dir = tmp_path / "shared"

    def one(refs: list[Ref], name: str) -> Refreshed:
        return refresh_stats(
            refs,
            tmp_path / f"{name}.json",
            FetchOptions(
                api_url=server.api_url, graphql_url=server.graphql_url, cache_dir=cache_dir
            ),
        )

    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(one, [repos, others], ["a", "b"])
    assert first.report.counts["fetched"] + second.report.counts["fetched"] == ABOUT_TARGETS
    server.clear_requests()
    again = one(about_refs, "c")  # both runs' records are in the shared cache
    assert again.report.counts["cached"] == ABOUT_TARGETS
    assert server.requests == []
    assert not list(cache_dir.rglob("*.tmp"))


def test_a_secondary_limit_wait_is_announced_once_and_bounded(
    about_refs: list[Ref], server: Any, tmp_path: Path, clock: FakeTime
) -> None:
    notices: list[str] = []
    server.faults.match = "^/graphql$"
    server.faults.secondary_next = 1  # Retry-After: 60
    result = run(about_refs, server, tmp_path, clock, notice=notices.append)
    assert result.report.counts["fetched"] == ABOUT_TARGETS
    assert notices == [
        "GitHub asked enrich to slow down (graphql secondary rate limit): waiting 60 s"
    ]
    assert clock.sleeps == [60.0]
    # told to wait a second minute for the same request: over max_wait, given up politely
    server.faults.secondary_next = 2
    again = run(about_refs, server, tmp_path / "again", clock, cache_dir=tmp_path / "c2")
    assert again.report.counts["stale"] == ABOUT_TARGETS
    assert again.report.rate_limited
    assert sum(clock.sleeps) == 120.0  # the first wait only, then no second 60 s


@pytest.mark.parametrize("token", [TOKEN, None], ids=["token", "no-token"])
def test_a_secondary_limit_without_retry_after_is_waited_out_for_a_minute(
    token: str | None, about_refs: list[Ref], server: Any, tmp_path: Path, clock: FakeTime
) -> None:
    server.limits.retry_after = None  # GitHub may leave Retry-After out (FACTS.md)
    server.faults.secondary_next = 1
    result = run(about_refs, server, tmp_path, clock, token=token)
    assert result.report.counts["fetched"] == ABOUT_TARGETS
    limited = [r for r in server.requests if r.status == 403]
    assert len(limited) == 1
    assert 60.0 in clock.sleeps
