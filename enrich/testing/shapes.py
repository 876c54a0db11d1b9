"""REST representations: the JSON GitHub returns for accounts, repositories, issues and PRs.

Keys and types follow the recorded octokit exchanges (tests/testing/fixtures/octokit) and
GitHub's REST reference. ``api`` is the fake's base URL, used wherever GitHub puts an
``https://api.github.com`` link; web links keep ``https://github.com``. The admin-only keys
of the recordings (``allow_squash_merge``, ``temp_clone_token``, ``billing_email`` ...) are
left out: the fake answers as a reader, not as the owner.
"""

from __future__ import annotations

import base64
from typing import Any

from enrich.testing.dataset import Account, FakeData, Item, Repo

WEB = "https://github.com"
Json = dict[str, Any]


def node_id(kind: str, number: int) -> str:
    """A legacy global node id, e.g. ``MDEwOlJlcG9zaXRvcnkxMDM3MDM4OTI=``."""
    return base64.b64encode(f"0{len(kind):02d}:{kind}{number}".encode()).decode()


def account_brief(api: str, account: Account) -> Json:
    """The short form embedded as ``owner`` or ``user``."""
    u = f"{api}/users/{account.login}"
    return {
        "login": account.login,
        "id": account.id,
        "node_id": node_id(account.type, account.id),
        "avatar_url": f"https://avatars.githubusercontent.com/u/{account.id}?v=4",
        "gravatar_id": "",
        "url": u,
        "html_url": f"{WEB}/{account.login}",
        "followers_url": f"{u}/followers",
        "following_url": f"{u}/following{{/other_user}}",
        "gists_url": f"{u}/gists{{/gist_id}}",
        "starred_url": f"{u}/starred{{/owner}}{{/repo}}",
        "subscriptions_url": f"{u}/subscriptions",
        "organizations_url": f"{u}/orgs",
        "repos_url": f"{u}/repos",
        "events_url": f"{u}/events{{/privacy}}",
        "received_events_url": f"{u}/received_events",
        "type": account.type,
        "user_view_type": "public",
        "site_admin": False,
    }


def account_full(api: str, data: FakeData, account: Account) -> Json:
    """``GET /users/{login}``: the public profile, counts included."""
    return {
        **account_brief(api, account),
        "name": account.name,
        "company": account.company,
        "blog": account.blog,
        "location": account.location,
        "email": account.email,
        "hireable": None,
        "bio": account.bio,
        "twitter_username": account.twitter_username,
        "public_repos": sum(1 for r in data.repos_of(account.login) if not r.private),
        "public_gists": account.public_gists,
        "followers": account.followers,
        "following": account.following,
        "created_at": account.created_at,
        "updated_at": account.updated_at,
    }


def organization(api: str, data: FakeData, account: Account) -> Json:
    """``GET /orgs/{org}``: the public organization profile."""
    o = f"{api}/orgs/{account.login}"
    return {
        "login": account.login,
        "id": account.id,
        "node_id": node_id("Organization", account.id),
        "url": o,
        "repos_url": f"{o}/repos",
        "events_url": f"{o}/events",
        "hooks_url": f"{o}/hooks",
        "issues_url": f"{o}/issues",
        "members_url": f"{o}/members{{/member}}",
        "public_members_url": f"{o}/public_members{{/member}}",
        "avatar_url": f"https://avatars.githubusercontent.com/u/{account.id}?v=4",
        "description": account.bio,
        "name": account.name,
        "company": account.company,
        "blog": account.blog,
        "location": account.location,
        "email": account.email,
        "twitter_username": account.twitter_username,
        "is_verified": False,
        "has_organization_projects": True,
        "has_repository_projects": True,
        "public_repos": sum(1 for r in data.repos_of(account.login) if not r.private),
        "public_gists": account.public_gists,
        "followers": account.followers,
        "following": account.following,
        "html_url": f"{WEB}/{account.login}",
        "created_at": account.created_at,
        "updated_at": account.updated_at,
        "archived_at": None,
        "type": "Organization",
    }


_REPO_LINKS = [
    ("forks_url", "/forks"),
    ("keys_url", "/keys{/key_id}"),
    ("collaborators_url", "/collaborators{/collaborator}"),
    ("teams_url", "/teams"),
    ("hooks_url", "/hooks"),
    ("issue_events_url", "/issues/events{/number}"),
    ("events_url", "/events"),
    ("assignees_url", "/assignees{/user}"),
    ("branches_url", "/branches{/branch}"),
    ("tags_url", "/tags"),
    ("blobs_url", "/git/blobs{/sha}"),
    ("git_tags_url", "/git/tags{/sha}"),
    ("git_refs_url", "/git/refs{/sha}"),
    ("trees_url", "/git/trees{/sha}"),
    ("statuses_url", "/statuses/{sha}"),
    ("languages_url", "/languages"),
    ("stargazers_url", "/stargazers"),
    ("contributors_url", "/contributors"),
    ("subscribers_url", "/subscribers"),
    ("subscription_url", "/subscription"),
    ("commits_url", "/commits{/sha}"),
    ("git_commits_url", "/git/commits{/sha}"),
    ("comments_url", "/comments{/number}"),
    ("issue_comment_url", "/issues/comments{/number}"),
    ("contents_url", "/contents/{+path}"),
    ("compare_url", "/compare/{base}...{head}"),
    ("merges_url", "/merges"),
    ("archive_url", "/{archive_format}{/ref}"),
    ("downloads_url", "/downloads"),
    ("issues_url", "/issues{/number}"),
    ("pulls_url", "/pulls{/number}"),
    ("milestones_url", "/milestones{/number}"),
    ("notifications_url", "/notifications{?since,all,participating}"),
    ("labels_url", "/labels{/name}"),
    ("releases_url", "/releases{/id}"),
    ("deployments_url", "/deployments"),
]


def repository(api: str, data: FakeData, repo: Repo, *, full: bool, authorized: bool) -> Json:
    """A repository; ``full`` adds what only ``GET /repos/{o}/{r}`` carries."""
    owner = data.account(repo.owner)
    r = f"{api}/repos/{repo.full_name}"
    counts = data.counts(repo)
    open_count = counts["issues_open"] + counts["pulls_open"]
    out: Json = {
        "id": repo.id,
        "node_id": node_id("Repository", repo.id),
        "name": repo.name,
        "full_name": repo.full_name,
        "private": repo.private,
        "owner": account_brief(api, owner),
        "html_url": f"{WEB}/{repo.full_name}",
        "description": repo.description,
        "fork": repo.fork,
        "url": r,
    }
    out.update({key: r + suffix for key, suffix in _REPO_LINKS})
    out.update(
        {
            "created_at": repo.created_at,
            "updated_at": repo.updated_at,
            "pushed_at": repo.pushed_at,
            "git_url": f"git://github.com/{repo.full_name}.git",
            "ssh_url": f"git@github.com:{repo.full_name}.git",
            "clone_url": f"{WEB}/{repo.full_name}.git",
            "svn_url": f"{WEB}/{repo.full_name}",
            "homepage": repo.homepage,
            "size": repo.size,
            "stargazers_count": repo.stars,
            "watchers_count": repo.stars,
            "language": repo.language,
            "has_issues": True,
            "has_projects": True,
            "has_downloads": True,
            "has_wiki": True,
            "has_pages": False,
            "has_discussions": False,
            "forks_count": repo.forks,
            "mirror_url": None,
            "archived": repo.archived,
            "disabled": False,
            "open_issues_count": open_count,
            "license": license_json(api, repo),
            "allow_forking": True,
            "is_template": False,
            "web_commit_signoff_required": False,
            "topics": list(repo.topics),
            "visibility": "private" if repo.private else "public",
            "forks": repo.forks,
            "open_issues": open_count,
            "watchers": repo.stars,
            "default_branch": repo.default_branch,
        }
    )
    if authorized:
        out["permissions"] = {
            "admin": False,
            "maintain": False,
            "push": False,
            "triage": False,
            "pull": True,
        }
    if full:
        if owner.type == "Organization":
            out["organization"] = account_brief(api, owner)
        out["network_count"] = repo.forks
        out["subscribers_count"] = repo.watchers
    return out


def license_json(api: str, repo: Repo) -> Json | None:
    if repo.license_spdx is None:
        return None
    key = repo.license_spdx.lower()
    return {
        "key": "other" if key == "noassertion" else key,
        "name": repo.license_name or repo.license_spdx,
        "spdx_id": repo.license_spdx,
        "url": None if key == "noassertion" else f"{api}/licenses/{key}",
        "node_id": node_id("License", sum(map(ord, key))),
    }


def issue(api: str, data: FakeData, item: Item, *, score: float | None = None) -> Json:
    """An issue (a PR seen through the issues API carries ``pull_request``)."""
    repo = data.repos[item.repo_id]
    r = f"{api}/repos/{repo.full_name}"
    i = f"{r}/issues/{item.number}"
    kind = "pull" if item.is_pull else "issues"
    out: Json = {
        "url": i,
        "repository_url": r,
        "labels_url": f"{i}/labels{{/name}}",
        "comments_url": f"{i}/comments",
        "events_url": f"{i}/events",
        "html_url": f"{WEB}/{repo.full_name}/{kind}/{item.number}",
        "id": item.id,
        "node_id": node_id("PullRequest" if item.is_pull else "Issue", item.id),
        "number": item.number,
        "title": item.title,
        "user": account_brief(api, data.account(item.author)),
        "labels": [_label(r, name) for name in item.labels],
        "state": item.state,
        "locked": False,
        "assignee": None,
        "assignees": [],
        "milestone": None,
        "comments": item.comments,
        "created_at": item.created_at,
        "updated_at": item.updated_at,
        "closed_at": item.closed_at,
        "author_association": "CONTRIBUTOR",
        "active_lock_reason": None,
        "body": item.body,
        "closed_by": None,
        "reactions": _reactions(i),
        "timeline_url": f"{i}/timeline",
        "performed_via_github_app": None,
        "state_reason": ("completed" if item.state == "closed" else None),
    }
    if item.is_pull:
        out["draft"] = item.draft
        out["pull_request"] = {
            "url": f"{r}/pulls/{item.number}",
            "html_url": f"{WEB}/{repo.full_name}/pull/{item.number}",
            "diff_url": f"{WEB}/{repo.full_name}/pull/{item.number}.diff",
            "patch_url": f"{WEB}/{repo.full_name}/pull/{item.number}.patch",
            "merged_at": item.merged_at,
        }
        out["state_reason"] = None
    if score is not None:
        del out["closed_by"]
        out["score"] = score
    return out


def pull(api: str, data: FakeData, item: Item) -> Json:
    """``GET /repos/{o}/{r}/pulls/{n}``."""
    repo = data.repos[item.repo_id]
    r = f"{api}/repos/{repo.full_name}"
    p = f"{r}/pulls/{item.number}"
    user = account_brief(api, data.account(item.author))
    branch = {
        "label": f"{repo.owner}:{repo.default_branch}",
        "ref": repo.default_branch,
        "sha": f"{item.id:040x}"[-40:],
        "user": account_brief(api, data.account(repo.owner)),
        "repo": repository(api, data, repo, full=False, authorized=False),
    }
    return {
        "url": p,
        "id": item.id,
        "node_id": node_id("PullRequest", item.id),
        "html_url": f"{WEB}/{repo.full_name}/pull/{item.number}",
        "diff_url": f"{WEB}/{repo.full_name}/pull/{item.number}.diff",
        "patch_url": f"{WEB}/{repo.full_name}/pull/{item.number}.patch",
        "issue_url": f"{r}/issues/{item.number}",
        "number": item.number,
        "state": item.state,
        "locked": False,
        "title": item.title,
        "user": user,
        "body": item.body,
        "labels": [_label(r, name) for name in item.labels],
        "milestone": None,
        "active_lock_reason": None,
        "created_at": item.created_at,
        "updated_at": item.updated_at,
        "closed_at": item.closed_at,
        "merged_at": item.merged_at,
        "merge_commit_sha": f"{item.id:040x}"[-40:] if item.merged else None,
        "assignee": None,
        "assignees": [],
        "requested_reviewers": [],
        "requested_teams": [],
        "head": {
            **branch,
            "label": f"{item.author}:feature-{item.number}",
            "ref": f"feature-{item.number}",
            "user": user,
        },
        "base": branch,
        "_links": {
            "self": {"href": p},
            "html": {"href": f"{WEB}/{repo.full_name}/pull/{item.number}"},
            "issue": {"href": f"{r}/issues/{item.number}"},
            "comments": {"href": f"{r}/issues/{item.number}/comments"},
            "review_comments": {"href": f"{p}/comments"},
            "review_comment": {"href": f"{r}/pulls/comments{{/number}}"},
            "commits": {"href": f"{p}/commits"},
            "statuses": {"href": f"{r}/statuses/{item.id:040x}"},
        },
        "author_association": "CONTRIBUTOR",
        "auto_merge": None,
        "draft": item.draft,
        "merged": item.merged,
        "mergeable": None if item.state == "closed" else True,
        "rebaseable": None if item.state == "closed" else True,
        "mergeable_state": "unknown" if item.state == "closed" else "clean",
        "merged_by": user if item.merged else None,
        "comments": item.comments,
        "review_comments": 0,
        "maintainer_can_modify": False,
        "commits": 1,
        "additions": 10 + item.number % 90,
        "deletions": item.number % 40,
        "changed_files": 1 + item.number % 5,
    }


def _label(repo_url: str, name: str) -> Json:
    return {
        "id": sum(map(ord, name)),
        "node_id": node_id("Label", sum(map(ord, name))),
        "url": f"{repo_url}/labels/{name}",
        "name": name,
        "color": "ededed",
        "default": False,
        "description": None,
    }


def _reactions(issue_url: str) -> Json:
    return {
        "url": f"{issue_url}/reactions",
        "total_count": 0,
        "+1": 0,
        "-1": 0,
        "laugh": 0,
        "hooray": 0,
        "confused": 0,
        "heart": 0,
        "rocket": 0,
        "eyes": 0,
    }
