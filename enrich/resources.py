"""Where the package's data lives: templates and fonts.

Templates sit in ``templates/`` at the repository root (the design card's layout) and are
force-included into the wheel as ``enrich/templates``; an editable install reads them from
the checkout. Either way callers get one directory.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def templates_dir() -> Path:
    """The directory of Jinja2 templates (installed wheel first, then the source checkout)."""
    for candidate in (_PACKAGE_DIR / "templates", _PACKAGE_DIR.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("enrich's templates directory is missing from this installation")


def fonts_dir() -> Path:
    """The directory of the vendored fonts and their license."""
    return _PACKAGE_DIR / "fonts"
