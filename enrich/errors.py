"""The exception tree of enrich. Only the CLI turns these into messages and exit codes.

::

    EnrichError                      every error enrich raises on purpose
    ├── InputError                   bad input from the user: exit code 2
    │   ├── PageError                a page cannot be read or parsed (path, line)
    │   ├── MarkerError              unbalanced, nested or unknown managed-region markers
    │   ├── ConfigError              a bad key or value in [tool.enrich] / enrich.toml
    │   └── StatsFileError           the stats file is unreadable or of another schema
    └── GitHubError                  the API could not give what was asked
        ├── RateLimitedError         a primary or secondary limit is exhausted
        └── ResponseError            an answer that is not what GitHub documents

Each error carries its context and renders as one line: ``str(err)``.
"""

from __future__ import annotations

from pathlib import Path


class EnrichError(Exception):
    """Base of every error enrich raises on purpose."""


class InputError(EnrichError):
    """Bad input from the user (a page, a marker, the config, the stats file)."""

    def __init__(self, message: str, *, path: Path | str | None = None, line: int | None = None):
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = f"{self.path}:{self.line}" if self.line is not None else str(self.path)
        return f"{where}: {self.message}"


class PageError(InputError):
    """A page cannot be read: missing, a directory, not UTF-8, binary, bad front matter."""


class MarkerError(InputError):
    """Managed-region markers are unbalanced, nested or unknown."""


class ConfigError(InputError):
    """A configuration key is unknown or its value is invalid; ``key`` is its dotted name
    when known more precisely than the value being checked (``cards.colors.bg``)."""

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        key: str | None = None,
    ):
        self.key = key
        super().__init__(message, path=path, line=line)


class StatsFileError(InputError):
    """The stats file cannot be read or has another schema version."""


class GitHubError(EnrichError):
    """The GitHub API could not give what was asked."""


class RateLimitedError(GitHubError):
    """A rate limit is exhausted; ``reset_at`` is epoch seconds when known."""

    def __init__(self, message: str, *, resource: str | None = None, reset_at: int | None = None):
        self.resource = resource
        self.reset_at = reset_at
        super().__init__(message)


class ResponseError(GitHubError):
    """GitHub answered something this client cannot use (status, malformed body)."""

    def __init__(self, message: str, *, status: int | None = None):
        self.status = status
        super().__init__(message)
