"""The stats file's fast writer gives exactly what json.dumps(indent=2, sort_keys=True) gives."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from enrich import stats
from enrich.stats import Outcome, Status, _indented

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4)
    ),
    max_leaves=20,
)


@given(values)
def test_indented_matches_the_standard_library(value: Any) -> None:
    assert _indented(value, 0) == json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False)


def test_a_stats_file_is_formatted_as_documented() -> None:
    outcome = Outcome("repo", "o/r", Status.FRESH, {"stars": 1, "topics": ["a"], "license": None})
    snapshot = stats.merge(stats.Stats(), {"repo:o/r": outcome}, now="2026-11-25T09:00:00Z")
    text = stats.to_json(snapshot)
    document = json.loads(text)
    assert text == json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert stats.from_json(text) == snapshot
