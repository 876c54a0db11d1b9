"""The shipped base-set font subsets match a fresh build, and cards embed them."""

from __future__ import annotations

import base64
import io

import pytest
from fontTools.ttLib import TTFont

from enrich.render import font_embed
from enrich.render.font_embed import BASE_CHARS, base_subset_path, font_face_css, subset_woff2


@pytest.mark.parametrize("bold", [False, True])
def test_shipped_base_subset_is_identical_to_a_fresh_build(bold: bool) -> None:
    shipped = base_subset_path(bold)
    assert shipped.is_file(), f"{shipped} is missing: run tools/build_font_subsets.py"
    assert shipped.read_bytes() == subset_woff2(bold, BASE_CHARS), (
        f"{shipped.name} is stale: run tools/build_font_subsets.py"
    )


def test_base_text_embeds_the_shipped_subset_without_subsetting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(bold: bool, chars: frozenset[str]) -> bytes:
        raise AssertionError("the base set must not be subset at run time")

    font_embed._data_uri.cache_clear()
    font_embed._css.cache_clear()
    monkeypatch.setattr(font_embed, "subset_woff2", refuse)
    css = font_face_css("pytorch/pytorch", "Stars 12,345")
    font_embed._data_uri.cache_clear()
    font_embed._css.cache_clear()
    for bold in (False, True):
        payload = base64.b64encode(base_subset_path(bold).read_bytes()).decode("ascii")
        assert f"data:font/woff2;base64,{payload}" in css


def test_text_beyond_the_base_set_gets_its_own_subset() -> None:
    css = font_face_css("Ωmega", "")
    payload = base64.b64encode(base_subset_path(False).read_bytes()).decode("ascii")
    assert "font-weight:normal" in css
    assert "font-weight:bold" not in css
    assert payload not in css


def test_an_arabic_subset_keeps_the_joining_features() -> None:
    font = TTFont(io.BytesIO(subset_woff2(False, frozenset("مكتبة"))))
    tags = {record.FeatureTag for record in font["GSUB"].table.FeatureList.FeatureRecord}
    assert {"init", "medi", "fina"} <= tags
