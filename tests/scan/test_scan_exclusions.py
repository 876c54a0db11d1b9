"""What a reader does not see as a GitHub reference is not one: code, comments, GitHub's own
pages, other hosts, file content."""

from __future__ import annotations

import pytest

from enrich.scan import scan_text

URL = "https://github.com/hidden/repo"
SEEN = "[seen](https://github.com/seen/repo)"


def _names(text: str) -> list[str | None]:
    return [r.full_name or r.owner for r in scan_text(text)]


@pytest.mark.parametrize(
    "text",
    [
        f"```\n{URL}\n```\n{SEEN}\n",
        f"~~~ python\n{URL}\n~~~\n{SEEN}\n",
        f"````md\n```\n{URL}\n```\n{URL}\n````\n{SEEN}\n",
        f"```sh\n{URL}\n``\n{URL}\n   ```\n{SEEN}\n",
        f"- item\n\n  ```\n  {URL}\n  ```\n- {SEEN}\n",
        f"- ```\n  {URL}\n  ```\n\n{SEEN}\n",
        f"> ```\n> {URL}\n> ```\n\n{SEEN}\n",
        f"para\n\n    {URL}\n    more\n\n{SEEN}\n",
        f"# Title\n    {URL}\n\n{SEEN}\n",
        f"- item\n\n      {URL}\n\n{SEEN}\n",
        f"\t{URL}\n\n{SEEN}\n",
        f"a `{URL}` b {SEEN}",
        f"a ``x ` {URL}`` b {SEEN}",
        f"a `multi\nline {URL}` b\n{SEEN}",
        f"a <!-- {URL} --> b {SEEN}",
        f"<!--\n{URL}\n\nstill hidden {URL}\n-->\n{SEEN}\n",
        f"<!-- enrich:stars hidden/repo -->12<!-- /enrich --> {SEEN}",
        f"a <!-- [x]({URL}) --> b\n\n{SEEN}",
        # HTML blocks of type 1 hold raw text, never links: a clone command in <pre>
        f"<pre>\ngit clone {URL}.git\n\n{URL}\n</pre>\n{SEEN}\n",
        f"Install:\n<PRE class='sh'>\n{URL}\n</Pre>\n\n{SEEN}\n",
        f'<script>fetch("{URL}")</script>\n{SEEN}\n',
        f"<style>\na {{ background: url({URL}) }}\n</style>\n{SEEN}\n",
        f"<textarea>{URL}\n</textarea>\n{SEEN}\n",
        f"- <pre>\n  {URL}\n- {SEEN}\n",
        f"- - ```\n\t{URL}\n\n{SEEN}\n",  # the tab's columns continue both items
        f"1. a\n\n\t\t{URL}\n\n{SEEN}\n",  # code: two tabs reach past the item's content
        # not a lazy line of the inner item's paragraph: a heading there, so code here
        f"- a\n    1. b\n      # {URL}\n\n{SEEN}\n",
        # a link's title and an image's alt text are not shown as text
        f'[x](https://github.com/seen/repo "see {URL}")\n',
        f"[x]: https://github.com/seen/repo '{URL}'\n\n[x]\n",
        f"![see {URL}](x.png) {SEEN}\n",
        f"![{URL}](x.png) {SEEN}\n",
    ],
)
def test_code_and_comments_hide_references(text: str) -> None:
    assert _names(text) == ["seen/repo"]


@pytest.mark.parametrize(
    "text",
    [
        f"- item\n    - nested {SEEN}\n",
        f"para\n    {SEEN}\n",
        f"- item\n\n    {SEEN}\n",
        f"a ` unmatched backtick {SEEN}",
        f"a `` b ` {SEEN}",
        f"```\ncode\n```\n{SEEN}",
        f"a <!-- not closed {SEEN}",
        f"\\`{SEEN}\\`",
        f"- a `x\n- {SEEN} `y",
        f"> quote\n\n{SEEN}",
        f"```\nunclosed in a list\n\n- x\n```\n{SEEN}",
        f"<preview>\n{SEEN}\n",  # not <pre
        f"- - a\n\n\t{SEEN}\n",  # a tab-indented paragraph of the inner item
        f"<div>\n```\n</div>\n\n{SEEN}\n",  # a ``` line in an HTML block opens no fence
        f"<details>\n<summary>Install</summary>\n```\n\n{SEEN}\n",
        f"text <pre> inline {SEEN}\n",  # inline HTML: the paragraph goes on
        f"<pre>x</pre>\n{SEEN}\n",  # closed on its own line
        f"   - item\n    * sub {SEEN}\n",  # a list marker 4 columns in: a lazy line
        f"> - text\ntext\n    # heading {SEEN}\n",  # lazy under an unmatched quote
        f'[x](https://github.com/a/b "title") and {SEEN}\n',  # after a closed title
        "[see https://github.com/seen/repo](x.png)\n",  # a link's text is shown
        '"https://github.com/seen/repo"\n',
    ],
)
def test_look_alikes_of_code_do_not_hide(text: str) -> None:
    assert "seen/repo" in _names(text)


def test_unclosed_fence_hides_to_the_end() -> None:
    assert _names(f"{SEEN}\n```\n{URL}\n\n{URL}\n") == ["seen/repo"]


def test_fence_ends_with_its_list_item() -> None:
    assert _names(f"- ```\n  {URL}\n\n{SEEN}\n") == ["seen/repo"]


def test_fence_ends_with_its_block_quote() -> None:
    assert _names(f"> ```\n> {URL}\n\n{SEEN}\n") == ["seen/repo"]


def test_unterminated_block_comment_hides_the_rest() -> None:
    assert _names(f"{SEEN}\n\n<!-- draft\n{URL}\n") == ["seen/repo"]


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/features/copilot",
        "https://github.com/about",
        "https://github.com/settings/profile",
        "https://github.com/marketplace/actions/checkout",
        "https://github.com/sponsors/yewentao256",
        "https://github.com/topics/llm",
        "https://github.com/orgs/vllm-project/people",
        "https://github.com/apps/dependabot",
        "https://github.com/login",
        "https://github.com/explore",
        "https://github.com/pricing",
        "https://github.com/enterprise",
        "https://github.com/trending/python",
        "https://github.com/notifications",
        "https://github.com/new",
        "https://github.com/user-attachments/assets/0b6c1d7e-1234",
        "https://github.com/issues",
        "https://github.com/pulls",
        "https://github.com/search?q=torch&type=code",
        "https://github.com/search?q=torch&type=repositories",
        "https://github.com/",
        "https://github.com",
    ],
)
def test_github_pages_are_not_accounts(url: str) -> None:
    assert scan_text(f"see {url} and [x]({url})") == []


@pytest.mark.parametrize(
    "url",
    [
        "https://gist.github.com/yewentao256/0123abcd",
        "https://yewentao256.github.io/blog",
        "https://raw.githubusercontent.com/a/b/main/README.md",
        "https://avatars.githubusercontent.com/u/1?v=4",
        "https://objects.githubusercontent.com/x",
        "https://github.com/a/b/raw/main/logo.png",
        "https://github.com/a/b/blob/main/logo.png?raw=true",
        "https://github.com/a/b/releases/download/v1/tool.tar.gz",
        "https://github.com/a/b/assets/123/abc-def",
        "https://github.com.evil.example/a/b",
        "https://notgithub.com/a/b",
        "https://example.com/https://github.com/a/b",
        "https://example.com/?u=www.github.com/a/b",
        "ftp://github.com/a/b",
        "https://shields.io/github/stars/a/b",
        "https://img.shields.io/badge/any-text-green",
        "https://img.shields.io/github/v/release/a/b",
        "https://img.shields.io/github/forks/onlyowner",
    ],
)
def test_other_hosts_and_file_content_are_not_references(url: str) -> None:
    assert scan_text(f'see {url} and [x]({url}) <img src="{url}">') == []


def test_a_url_in_another_urls_query_is_not_a_second_reference() -> None:
    text = "https://img.shields.io/github/stars/a/b?link=https://github.com/a/b"
    refs = scan_text(text)
    assert [r.kind.value for r in refs] == ["badge"]
    assert refs[0].url == text


@pytest.mark.parametrize(
    "text", ["[x](www.github.com/a/b)", '<a href="www.github.com/a/b">', "x=www.github.com/a/b"]
)
def test_scheme_less_www_is_only_a_bare_autolink(text: str) -> None:
    assert scan_text(text) == []
