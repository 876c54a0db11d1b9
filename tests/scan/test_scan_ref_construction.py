"""The scanner builds its Refs without ``Ref.__init__``: they must still be ordinary Refs."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import sys

import pytest

from enrich.scan import Ref, scan_text

PAGE = (
    "[a](https://github.com/a/b/pull/3) https://img.shields.io/github/stars/a/b?style=social\n"
    "<https://github.com/pulls?q=is%3Apr+author%3Ax> https://github.com/someone\n"
)


def test_scanned_refs_are_frozen_refs_like_constructed_ones() -> None:
    refs = scan_text(PAGE)
    assert len(refs) == 4
    for ref in refs:
        rebuilt = Ref(**{field.name: getattr(ref, field.name) for field in dataclasses.fields(Ref)})
        assert type(ref) is Ref
        assert sys.getsizeof(ref) == sys.getsizeof(rebuilt)
        with pytest.raises(dataclasses.FrozenInstanceError):
            ref.line = 99  # type: ignore[misc]
        assert pickle.loads(pickle.dumps(ref)) == ref  # noqa: S301  # our own bytes
        assert copy.deepcopy(ref) == ref
        assert dataclasses.replace(ref, line=7) == dataclasses.replace(rebuilt, line=7)
