"""Write the shipped WOFF2 subsets of the shared base character set, one per weight.

Usage: ``.venv/bin/python tools/build_font_subsets.py``. Rerun it whenever the vendored
fonts, ``BASE_CHARS`` or the subsetting options in ``enrich/render/font_embed.py`` change
(or fontTools/brotli output changes): ``tests/render_cards/test_cards_font_subset.py``
fails until the shipped files match a fresh build.
"""

from __future__ import annotations

from enrich.render.font_embed import BASE_CHARS, base_subset_path, subset_woff2


def main() -> None:
    for bold in (False, True):
        path = base_subset_path(bold)
        data = subset_woff2(bold, BASE_CHARS)
        path.write_bytes(data)
        print(f"wrote {path} ({len(data):,} bytes)")


if __name__ == "__main__":
    main()
