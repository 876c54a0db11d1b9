"""The files ``enrich run`` writes besides pages and stats: cards and local badges.

Pure planning and rendering: which cards the config asks for (whose profile, which
repositories), the references that make fetch get their figures, and each output's bytes.
A card whose figures the stats file lacks is skipped with a warning and its old file left
alone: never an error card.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from enrich.config import CardsConfig
from enrich.errors import InputError
from enrich.render.badges import METRICS
from enrich.render.cards import CardOptions, build_card, card_bytes, card_filename
from enrich.render.themes import ColourOverrides
from enrich.scan.refs import Kind, Ref
from enrich.stats import Stats, Status

BADGE_DIR = "badges"


@dataclass(frozen=True, slots=True)
class Output:
    """One file a run produces: where, and its complete bytes."""

    path: Path
    data: bytes

    def is_current(self) -> bool:
        """The file already holds exactly these bytes."""
        try:
            return self.path.read_bytes() == self.data
        except OSError:
            return False


@dataclass(frozen=True, slots=True)
class CardPlan:
    """Whose profile and contributions cards, and which repository cards."""

    user: str | None
    repos: tuple[str, ...]
    kinds: tuple[str, ...]

    def refs(self) -> list[Ref]:
        """References for what the cards show, so fetch gets them even if no page links them."""
        refs = []
        if self.user is not None and {"profile", "contributions"} & set(self.kinds):
            refs.append(_synthetic(Kind.USER, self.user, None))
        if "repo" in self.kinds:
            for full_name in self.repos:
                owner, _, name = full_name.partition("/")
                refs.append(_synthetic(Kind.REPO, owner, name))
        return refs


def contributed_repo_refs(refs: Iterable[Ref]) -> list[Ref]:
    """The repositories of the page's contribution searches (``author:`` with one ``repo:``).

    The contributions card and table show each such repository's stars and description, so
    they are fetched with the page even when it does not link them.
    """
    found = []
    for ref in refs:
        query = ref.query
        if ref.kind is not Kind.SEARCH or query is None or not query.get("author"):
            continue
        if ref.owner is not None and ref.repo is not None:  # OWNER/REPO/issues?q=...
            found.append(_synthetic(Kind.REPO, ref.owner, ref.repo))
            continue
        repos = query.get("repo")
        if len(repos) == 1 and "/" in repos[0]:
            owner, _, name = repos[0].partition("/")
            found.append(_synthetic(Kind.REPO, owner, name))
    return found


def _synthetic(kind: Kind, owner: str, repo: str | None) -> Ref:
    url = f"https://github.com/{owner}" + (f"/{repo}" if repo else "")
    return Ref(kind, url, 0, 0, 0, 0, owner=owner, repo=repo, source="config")


def infer_user(refs: Iterable[Ref]) -> str | None:
    """The person a page is about: the login its user links and ``author:`` searches name
    most often (the first seen wins a tie); ``None`` when it names nobody."""
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for ref in refs:
        logins: Sequence[str] = ()
        if ref.kind is Kind.USER and ref.owner:
            logins = (ref.owner,)
        elif ref.kind is Kind.SEARCH and ref.query is not None:
            logins = ref.query.get("author")
        for login in logins:
            spelling.setdefault(login.lower(), login)
            counts[login.lower()] += 1
    if not counts:
        return None
    best = max(counts.values())
    first = next(login for login in spelling if counts[login] == best)
    return spelling[first]


def plan_cards(cards: CardsConfig, refs: Sequence[Ref]) -> CardPlan:
    """The cards to write: the config's choices, with the user and repositories filled in
    from the pages when the config leaves them out."""
    if not cards.enabled:
        return CardPlan(None, (), ())
    user = cards.user or infer_user(refs)
    if cards.repos is not None:
        repos = cards.repos
    else:
        seen: dict[str, str] = {}
        for ref in refs:
            if ref.kind is Kind.REPO and ref.full_name is not None:
                seen.setdefault(ref.full_name.lower(), ref.full_name)
        repos = tuple(seen.values())
    return CardPlan(user, repos, cards.kinds)


def card_outputs(
    plan: CardPlan,
    cards: CardsConfig,
    stats: Stats,
    out_dir: Path,
    warn: Callable[[str], None],
) -> list[Output]:
    """Every card file the plan asks for, in every theme, format and scale."""
    colours = ColourOverrides(**cards.colors) if cards.colors else None
    options = CardOptions(
        themes=cards.themes, colours=colours, formats=cards.formats, scales=cards.scales
    )
    wanted: list[tuple[str, str]] = []
    for kind in plan.kinds:
        if kind == "repo":
            wanted.extend(("repo", repo) for repo in plan.repos)
        elif plan.user is not None:
            wanted.append((kind, plan.user))
        else:
            warn(f"no {kind} card: set [cards] user (no page names a GitHub user)")
    outputs = []
    for kind, target in wanted:
        item = stats.get(f"{'repo' if kind == 'repo' else 'user'}:{target.lower()}")
        if item is not None and item.status is Status.MISSING:
            warn(f"no {kind} card for {target}: GitHub says it does not exist; old card kept")
            continue
        for theme in cards.themes:
            try:
                card = build_card(stats, kind, target, theme, colours)
            except InputError as exc:
                warn(f"no {kind} card for {target}: {exc.message}")
                break
            for fmt in cards.formats:
                for scale in cards.scales if fmt == "png" else (1,):
                    path = out_dir / card_filename(kind, target, theme, fmt, scale)
                    data = card_bytes(card, fmt, scale, options=options)
                    outputs.append(Output(path, data))
    return outputs


def badge_target_ref(target: str, metric: str) -> Ref:
    """A reference to what a local badge shows, so fetch keeps its figure fresh."""
    if METRICS[metric].kind == "user":
        return _synthetic(Kind.USER, target, None)
    owner, _, name = target.partition("/")
    return _synthetic(Kind.REPO, owner, name)
