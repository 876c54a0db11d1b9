"""``enrich.run`` as a library, against the in-process fake GitHub: the paths the e2e test
does not take (unreachable GitHub, refused token, local badges, check mode, exit codes)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from enrich import stats as stats_file
from enrich.cli import exits, main
from enrich.cli.run import exit_code
from enrich.config import Config, config_from_mapping, load_config
from enrich.errors import InputError
from enrich.github.fetch import FetchReport
from enrich.render.badge_replace import local_badge_name
from enrich.render.badges import BadgeLook
from enrich.run import RunOptions, RunReport, run
from enrich.testing import FakeData, FakeGitHub

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "library-token"


async def no_sleep(_seconds: float) -> None:
    return None


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeGitHub]:
    with FakeGitHub(data=FakeData.example()) as server:
        yield server


@pytest.fixture
def site(tmp_path: Path, fake: FakeGitHub) -> Path:
    fake.reset()
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path


def env_for(fake: FakeGitHub, token: str | None = TOKEN) -> dict[str, str]:
    env = {"GITHUB_API_URL": fake.api_url, "GITHUB_GRAPHQL_URL": fake.graphql_url}
    return env | ({"GITHUB_TOKEN": token} if token else {})


def small(site: Path, **extra: object) -> Config:
    table = {"cards": {"kinds": ["profile"], "user": "yewentao256"}, **extra}
    return config_from_mapping(table, root=site)


def snapshot(site: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(site)): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and ".enrich-cache" not in p.parts
    }


def test_offline_without_stats_writes_nothing_and_says_why(site: Path) -> None:
    before = snapshot(site)
    report = run(small(site), RunOptions(offline=True))
    assert snapshot(site) == before
    assert any("no figures yet" in w for w in report.warnings)
    assert exit_code(report, check=False, stale_items=[]) == exits.OK


def test_unreachable_github_keeps_everything_and_exits_partial(site: Path) -> None:
    before = snapshot(site)
    env = {"GITHUB_API_URL": "http://127.0.0.1:9", "GITHUB_GRAPHQL_URL": "http://127.0.0.1:9/g"}
    report = run(small(site), RunOptions(env=env, sleep=no_sleep))
    assert report.unreachable is not None
    assert "cannot reach http://127.0.0.1:9" in report.unreachable
    assert snapshot(site) == before
    assert exit_code(report, check=False, stale_items=[]) == exits.PARTIAL


def test_a_refused_token_is_bad_input(site: Path, fake: FakeGitHub) -> None:
    with pytest.raises(InputError, match="refused the token"):
        run(small(site), RunOptions(env=env_for(fake, token="bad-token"), sleep=no_sleep))
    assert not (site / "data").exists()


def test_check_writes_nothing_but_reports_everything(site: Path, fake: FakeGitHub) -> None:
    before = snapshot(site)
    report = run(small(site), RunOptions(check=True, env=env_for(fake)))
    assert snapshot(site) == before
    assert report.stats_changed
    assert [p.path.name for p in report.pages] == ["about.md"]
    assert [p.name for p in report.outputs] == ["profile-yewentao256.svg"]
    assert report.written == []
    assert exit_code(report, check=True, stale_items=[]) == exits.CHANGED


def test_run_writes_then_check_is_clean(site: Path, fake: FakeGitHub) -> None:
    report = run(small(site), RunOptions(env=env_for(fake)))
    assert {p.name for p in report.written} == {
        "github-stats.json",
        "about.md",
        "profile-yewentao256.svg",
    }
    again = run(small(site), RunOptions(check=True, env=env_for(fake)))
    assert not again.changed
    assert again.requests()["total"] == 0
    assert exit_code(again, check=True, stale_items=[]) == exits.OK


def test_local_badges_replace_shields_and_stay_fresh(site: Path, fake: FakeGitHub) -> None:
    page_path = site / "content" / "about.md"
    labelled = '\nForks: <img src="https://img.shields.io/github/forks/pytorch/pytorch?label=Forks%20now">\n'
    page_path.write_text(page_path.read_text(encoding="utf-8") + labelled, encoding="utf-8")
    shields = page_path.read_text(encoding="utf-8").count("img.shields.io")
    run(small(site, badges="local"), RunOptions(env=env_for(fake)))
    page = page_path.read_text(encoding="utf-8")
    assert "img.shields.io" not in page
    assert 'src="/enrich/badges/pytorch--pytorch-stars-flat.svg"' in page
    assert 'src="/enrich/badges/vllm-project--vllm-stars-social.svg"' in page
    forks_name = local_badge_name("pytorch/pytorch", "forks", "flat", BadgeLook("Forks now"))
    assert f'src="/enrich/badges/{forks_name}?label=Forks%20now"' in page
    badges = site / "static" / "enrich" / "badges"
    stars, forks = (badges / "pytorch--pytorch-stars-flat.svg", badges / forks_name)
    first = stars.read_bytes()
    assert b"Forks now" in forks.read_bytes()
    # Later runs no longer see a shields URL, yet keep the local badges fresh, labels too.
    fake.data.set_repo_figures("pytorch/pytorch", stars=200_000, forks=30_000)
    fresh = config_from_mapping(
        {"cards": {"enabled": False}, "badges": "local", "ttl": 0}, root=site
    )
    report = run(fresh, RunOptions(env=env_for(fake)))
    assert {stars, forks} <= set(report.written)
    assert stars.read_bytes() != first
    assert b"200k" in stars.read_bytes()
    assert b"Forks now" in forks.read_bytes()
    assert b"30k" in forks.read_bytes()
    assert page_path.read_text(encoding="utf-8").count("/enrich/badges/") == shields


def test_exit_code_order() -> None:
    report = RunReport(root=Path("."), stats_path=Path("s.json"))
    assert exit_code(report, check=True, stale_items=[]) == exits.OK
    assert exit_code(report, check=True, stale_items=["repo:a/b: stale"]) == exits.CHANGED
    assert exit_code(report, check=False, stale_items=["repo:a/b: stale"]) == exits.OK
    report.stats_changed = True
    assert exit_code(report, check=False, stale_items=[]) == exits.OK
    assert exit_code(report, check=True, stale_items=[]) == exits.CHANGED
    report.fetch = FetchReport(rate_limited=True)
    assert exit_code(report, check=True, stale_items=[]) == exits.PARTIAL
    report.skipped = "the run needs ..."
    assert exit_code(report, check=True, stale_items=[]) == exits.RATE_LIMITED


def test_cli_config_error_is_bad_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "enrich.toml").write_text('ttl = "soon"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["run", "--offline"])
    assert result.exit_code == exits.BAD_INPUT
    assert "enrich.toml:1: ttl: expected seconds or a duration" in result.output
    assert 'got "soon"' in result.output


def test_cli_bad_ttl_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["run", "--offline", "--ttl", "forever"])
    assert result.exit_code == exits.BAD_INPUT
    assert "--ttl" in result.output


def test_cli_pages_argument_overrides_the_config(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(site)
    result = CliRunner().invoke(main, ["run", "--offline", "nothing/*.md"])
    assert result.exit_code == exits.BAD_INPUT  # an empty run must not pass as green
    assert "no page matches nothing/*.md: nothing to do" in result.output
    assert load_config(site).pages == ("content/**/*.md",)


def test_stats_file_survives_a_failed_fetch(site: Path, fake: FakeGitHub) -> None:
    run(small(site), RunOptions(env=env_for(fake)))
    path = site / "data" / "github-stats.json"
    before = path.read_bytes()
    fake.faults.update({"fail_next": [503] * 8, "match": "graphql"})
    report = run(small(site, ttl=0), RunOptions(env=env_for(fake), sleep=no_sleep))
    assert report.failed
    assert exit_code(report, check=False, stale_items=[]) == exits.PARTIAL
    # Same figures: a transient failure is not worth a commit, the file stays byte for byte.
    assert not report.stats_changed
    assert path.read_bytes() == before
    # A real change is written.
    fake.data.set_repo_figures("pytorch/pytorch", stars=1)
    fake.faults.update({"fail_next": [], "match": None})
    report = run(small(site, ttl=0), RunOptions(env=env_for(fake), sleep=no_sleep))
    assert report.stats_changed
    assert stats_file.load(path).items["repo:pytorch/pytorch"].value("stars") == 1


def test_actions_annotations_point_at_file_and_line() -> None:
    from enrich.cli.run import annotation

    assert annotation("warning", "content/about.md:41: a marker starts the line") == (
        "::warning file=content/about.md,line=41::a marker starts the line"
    )
    assert annotation("error", "kept the last figures of repo:a/b: 100%\nHTTP 502") == (
        "::error::kept the last figures of repo:a/b: 100%25%0AHTTP 502"
    )


def test_a_broken_stats_file_fails_before_any_request(site: Path, fake: FakeGitHub) -> None:
    (site / "data").mkdir()
    (site / "data" / "github-stats.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"github-stats\.json"):
        run(small(site), RunOptions(env=env_for(fake)))
    assert fake.requests == []


def test_failures_are_grouped_by_reason() -> None:
    from enrich.cli.run import failure_lines

    failed = {f"repo:o/r{n}": "GraphQL HTTP 502" for n in range(7)} | {"repo:a/b": "HTTP 404"}
    assert list(failure_lines(failed)) == [
        "kept the last figures of 7 items (GraphQL HTTP 502): repo:o/r0, repo:o/r1, repo:o/r2, "
        "repo:o/r3, repo:o/r4 and 2 more",
        "kept the last figures of 1 item (HTTP 404): repo:a/b",
    ]


def test_a_template_region_is_summarised_in_one_line(
    site: Path, fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(site)  # the report names files relative to the working directory
    page = site / "content" / "about.md"
    table = (
        "\nProjects:\n<!-- enrich:template contributions-table user=yewentao256 -->\n"
        "<!-- /enrich -->\n"
    )
    page.write_text(page.read_text(encoding="utf-8") + table, encoding="utf-8")
    report = run(small(site), RunOptions(env=env_for(fake)))
    line = len(page.read_text(encoding="utf-8").split("<!-- enrich:template")[0].splitlines()) + 1
    assert f"content/about.md:{line} template contributions-table: updated" in report.changes()
    assert "| Project |" in page.read_text(encoding="utf-8")


def test_local_badges_with_different_options_get_their_own_files(
    site: Path, fake: FakeGitHub
) -> None:
    page_path = site / "content" / "about.md"
    shields = "https://img.shields.io/github/stars/pytorch/pytorch"
    extra = f"\n![a]({shields}?label=Stars)\n![b]({shields}?label=Likes&color=red)\n"
    page_path.write_text(page_path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    run(small(site, badges="local"), RunOptions(env=env_for(fake)))
    badges = site / "static" / "enrich" / "badges"
    likes = badges / local_badge_name(
        "pytorch/pytorch", "stars", "flat", BadgeLook("Likes", "#dd4343")
    )
    stars = badges / local_badge_name("pytorch/pytorch", "stars", "flat", BadgeLook("Stars"))
    assert b">Likes<" in likes.read_bytes()
    assert b"#dd4343" in likes.read_bytes()
    assert b">Stars<" in stars.read_bytes()
    fake.data.set_repo_figures("pytorch/pytorch", stars=200_000)
    fresh = config_from_mapping(
        {"cards": {"enabled": False}, "badges": "local", "ttl": 0}, root=site
    )
    report = run(fresh, RunOptions(env=env_for(fake)))
    assert {likes, stars} <= set(report.written)
    assert b"200k" in likes.read_bytes()
    assert b"#dd4343" in likes.read_bytes()
    assert b">Likes<" in likes.read_bytes()


STALE_PAGE = (
    "Stars <!-- enrich:stars pytorch/pytorch -->1<!-- /enrich --> and "
    "<!-- enrich:stars vllm-project/vllm -->1<!-- /enrich --> here.\n"
)
TABLE_PAGE = (
    "---\nlastmod: 2025-01-01\n---\n"
    "See [mine](https://github.com/pytorch/pytorch/issues?q=author%3Ayewentao256).\n\n"
    "<!-- enrich:template contributions-table user=yewentao256 -->\nold\n<!-- /enrich -->\n"
)


def _one_page_site(tmp_path: Path, fake: FakeGitHub, page: str) -> Path:
    fake.reset()
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "p.md").write_text(page, encoding="utf-8")
    return tmp_path


def test_a_stale_item_is_asked_again_not_declared_recovered(
    tmp_path: Path, fake: FakeGitHub
) -> None:
    site = _one_page_site(tmp_path, fake, STALE_PAGE)
    config = config_from_mapping({"cards": {"enabled": False}}, root=site)
    env = env_for(fake, token=None)
    run(config, RunOptions(env=env, sleep=no_sleep))
    fake.data.set_repo_figures("pytorch/pytorch", stars=99_999)  # a real change...
    fake.faults.update({"fail_next": [502] * 4, "match": "vllm"})  # ...and a failure
    ttl0 = config_from_mapping({"cards": {"enabled": False}, "ttl": 0}, root=site)
    report = run(ttl0, RunOptions(env=env, sleep=no_sleep))
    assert "repo:vllm-project/vllm" in report.failed
    path = site / "data" / "github-stats.json"
    assert stats_file.load(path).items["repo:vllm-project/vllm"].status.value == "stale"
    fake.faults.update({"fail_next": [], "match": None})
    fake.clear_requests()
    # Within the TTL: the failed item is asked again (not settled from its old record).
    run(config, RunOptions(env=env, sleep=no_sleep))
    asked = [r.path for r in fake.requests if r.resource is not None]
    assert asked == ["/repos/vllm-project/vllm"]
    assert stats_file.load(path).items["repo:vllm-project/vllm"].status.value == "fresh"


def test_a_first_run_that_fetched_nothing_leaves_template_regions_and_cards(
    tmp_path: Path, fake: FakeGitHub
) -> None:
    site = _one_page_site(tmp_path, fake, TABLE_PAGE)
    config = config_from_mapping({"cards": {"kinds": ["profile"]}}, root=site)
    fake.faults.update({"fail_next": [502] * 100})
    try:
        report = run(config, RunOptions(env=env_for(fake), sleep=no_sleep))
    finally:
        fake.faults.update({"fail_next": []})
    assert report.failed
    assert (site / "content" / "p.md").read_text(encoding="utf-8") == TABLE_PAGE
    assert not (site / "static").exists()


def test_a_first_run_that_fetched_nothing_writes_no_stats_file_and_warns_once(
    tmp_path: Path, fake: FakeGitHub
) -> None:
    site = _one_page_site(tmp_path, fake, TABLE_PAGE)
    fake.faults.update({"fail_next": [502] * 100})
    try:
        report = run(
            config_from_mapping({}, root=site), RunOptions(env=env_for(fake), sleep=no_sleep)
        )
    finally:
        fake.faults.update({"fail_next": []})
    assert report.failed
    assert not report.stats_changed
    assert not (site / "data").exists()  # a file of stale items that know nothing: noise
    assert len(report.warnings) == 1  # not one per region and card
    assert "no figures yet" in report.warnings[0]
