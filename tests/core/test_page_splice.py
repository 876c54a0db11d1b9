"""splice applies edits last-first and refuses overlaps."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from enrich.page import Edit, splice


def test_edits_apply_in_any_order() -> None:
    assert splice("hello world", [Edit(6, 11, "there"), Edit(0, 5, "hi")]) == "hi there"


def test_overlap_is_refused() -> None:
    with pytest.raises(ValueError, match="overlapping"):
        splice("abcdef", [Edit(0, 3, "x"), Edit(2, 4, "y")])


@given(st.text(), st.data())
def test_identity_edits_change_nothing(text: str, data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(text)))
    assert splice(text, [Edit(0, cut, text[:cut]), Edit(cut, len(text), text[cut:])]) == text
