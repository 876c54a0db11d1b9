"""Layouts of the cards about a person: upstream contributions and the profile."""

from __future__ import annotations

from enrich.render.card_data import Contribution, ContributionsData, ProfileData
from enrich.render.layout import (
    PAD,
    Card,
    Element,
    card_ident,
    compact,
    fitted,
    frame,
    icon,
    text,
)
from enrich.render.numbers import format_floor
from enrich.render.text_measure import text_width
from enrich.render.themes import Theme

CONTRIB_WIDTH = 480
ROW = 28


def floor_prs(value: int | None) -> str:
    return "–" if value is None else format_floor(value)


def contribution_sentence(project: Contribution) -> str:
    """``30+ PRs to pytorch/pytorch (20+ merged), 98.1k stars``: for alt text and desc."""
    parts = []
    prs = project.prs if project.prs is not None else project.merged_prs
    sentence = f"{floor_prs(prs)} PRs to {project.repo}"
    if project.merged_prs is not None and project.prs is not None:
        parts.append(f"{floor_prs(project.merged_prs)} merged")
    if parts:
        sentence += f" ({', '.join(parts)})"
    if project.stars is not None:
        sentence += f", {compact(project.stars)} stars"
    return sentence


def layout_contributions_card(
    data: ContributionsData, theme: Theme, dark: Theme | None = None, max_rows: int = 6
) -> Card:
    """One row per upstream project: "30+ PRs to owner/name", merged PRs, project stars."""
    projects = data.projects[:max_rows]
    hidden = len(data.projects) - len(projects)
    height = 62 + ROW * len(projects) + (26 if hidden else 8)
    right = CONTRIB_WIDTH - PAD
    elements: list[Element] = [frame(CONTRIB_WIDTH, height)]
    elements.append(
        fitted(
            PAD,
            32,
            f"{data.name}'s open source contributions",
            16,
            "title",
            CONTRIB_WIDTH - 2 * PAD,
            bold=True,
        )
    )
    elements.append(
        fitted(
            PAD,
            50,
            f"Pull requests by @{data.login} to projects on GitHub",
            11,
            "muted",
            CONTRIB_WIDTH - 2 * PAD,
        )
    )
    prs_texts = [f"{floor_prs(p.prs if p.prs is not None else p.merged_prs)} PRs" for p in projects]
    merged_texts = [
        f"{floor_prs(p.merged_prs)} merged"
        if p.prs is not None and p.merged_prs is not None
        else ""
        for p in projects
    ]
    star_texts = [compact(p.stars) if p.stars is not None else "" for p in projects]
    prs_col = max(text_width(t, 13, True) for t in prs_texts)
    stars_col = max((text_width(t, 12) for t in star_texts), default=0) + 18
    merged_col = max((text_width(t, 12) for t in merged_texts), default=0)
    name_x = PAD + 22 + prs_col + 6 + text_width("to", 12) + 6
    name_max = right - stars_col - 14 - merged_col - 14 - name_x
    for index, project in enumerate(projects):
        base = 62 + ROW * index + 18
        elements.append(icon("pr", PAD, base - 12, 15, "muted"))
        elements.append(
            text(PAD + 22 + prs_col, base, prs_texts[index], 13, "text", bold=True, anchor="end")
        )
        elements.append(text(PAD + 22 + prs_col + 6, base, "to", 12, "muted"))
        elements.append(fitted(name_x, base, project.repo, 13, "title", name_max, bold=True))
        if star_texts[index]:
            elements.append(text(right, base, star_texts[index], 12, "muted", anchor="end"))
            elements.append(
                icon("star", right - text_width(star_texts[index], 12) - 18, base - 12, 14)
            )
        if merged_texts[index]:
            elements.append(
                text(right - stars_col - 14, base, merged_texts[index], 12, "muted", anchor="end")
            )
    more = f"and {hidden} more project{'s' if hidden > 1 else ''}" if hidden else ""
    if more:
        elements.append(text(PAD, 62 + ROW * len(projects) + 12, more, 11, "muted"))
    sentences = [contribution_sentence(p) for p in projects]
    desc = f"Open source contributions by @{data.login}: " + "; ".join(sentences)
    desc += f"; {more}." if more else "."
    return Card(
        kind="contributions",
        ident=card_ident("contributions", data.login.lower()),
        width=CONTRIB_WIDTH,
        height=height,
        title=f"{data.name}'s open source contributions",
        desc=desc,
        theme=theme,
        dark=dark,
        elements=tuple(elements),
    )


PROFILE_WIDTH = 480
PROFILE_HEIGHT = 178


def profile_facts(data: ProfileData) -> list[tuple[str, str, str]]:
    """(icon, label, value) for each stat row of the profile card."""
    return [
        ("people", "Followers", compact(data.followers)),
        ("star", "Total stars", compact(data.total_stars)),
        ("repo", "Repositories", compact(data.public_repos)),
        ("merged", "Merged PRs", floor_prs(data.merged_prs)),
    ]


def layout_profile_card(data: ProfileData, theme: Theme, dark: Theme | None = None) -> Card:
    """Followers, total stars, repositories, merged PRs, and up to three top repositories."""
    elements: list[Element] = [frame(PROFILE_WIDTH, PROFILE_HEIGHT)]
    elements.append(fitted(PAD, 34, data.name, 18, "title", PROFILE_WIDTH - 2 * PAD, bold=True))
    elements.append(
        fitted(PAD, 53, f"@{data.login} on GitHub", 12, "muted", PROFILE_WIDTH - 2 * PAD)
    )
    left_end = 220.0
    facts = profile_facts(data)
    for index, (name, label, value) in enumerate(facts):
        base = 86 + 24 * index
        elements.append(icon(name, PAD, base - 12, 15, "icon" if name == "star" else "muted"))
        shown = text(left_end, base, value, 13, "text", bold=True, anchor="end")
        elements.append(fitted(PAD + 22, base, label, 13, "text", shown.left - PAD - 22 - 8))
        elements.append(shown)
    col = 250.0
    right = PROFILE_WIDTH - PAD
    if data.top_repos:
        elements.append(text(col, 80, "Top repositories", 12, "muted", bold=True))
    for index, (repo, stars) in enumerate(data.top_repos[:3]):
        base = 104 + 24 * index
        limit = right - col - 22
        if stars is not None:
            shown = text(right, base, compact(stars), 12, "muted", anchor="end")
            elements.append(shown)
            elements.append(icon("star", shown.left - 17, base - 12, 14))
            limit = shown.left - 17 - 6 - col - 22
        owner, _, short = repo.partition("/")
        shown_name = short if short and owner.lower() == data.login.lower() else repo
        elements.append(icon("repo", col, base - 12, 14, "muted"))
        elements.append(fitted(col + 22, base, shown_name, 13, "title", limit, bold=True))
    facts_text = ", ".join(f"{value} {label.lower()}" for _, label, value in facts)
    desc = f"GitHub profile of @{data.login}: {facts_text}"
    if data.top_repos:
        tops = ", ".join(
            repo if stars is None else f"{repo} ({compact(stars)} stars)"
            for repo, stars in data.top_repos[:3]
        )
        desc += f". Top repositories: {tops}"
    return Card(
        kind="profile",
        ident=card_ident("profile", data.login.lower()),
        width=PROFILE_WIDTH,
        height=PROFILE_HEIGHT,
        title=f"{data.name} on GitHub",
        desc=desc + ".",
        theme=theme,
        dark=dark,
        elements=tuple(elements),
    )
