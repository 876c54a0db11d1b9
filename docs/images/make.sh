#!/usr/bin/env bash
# Regenerates the pictures in docs/images/ with enrich itself, from the test fixture's figures.
# Run from the repository root: bash docs/images/make.sh
set -euo pipefail
enrich=".venv/bin/enrich"
stats="tests/render_cards/stats.json"
out="docs/images"
for theme in light dark; do
  "$enrich" card repo pytorch/pytorch --stats "$stats" --theme "$theme" --format png --scale 2 -o "$out/card-repo-$theme.png"
  "$enrich" card contributions yewentao256 --stats "$stats" --theme "$theme" --format png --scale 2 -o "$out/card-contributions-$theme.png"
  "$enrich" card profile yewentao256 --stats "$stats" --theme "$theme" --format png --scale 2 -o "$out/card-profile-$theme.png"
done
for style in flat flat-square for-the-badge social; do
  "$enrich" badge pytorch/pytorch --stats "$stats" --style "$style" --format png --scale 2 -o "$out/badge-$style.png"
done
# Every theme on one sheet (the vllm-project/vllm card at 1x).
.venv/bin/python - <<'PY'
import io
from pathlib import Path

from PIL import Image

from enrich.render.cards import CardOptions, build_card, card_bytes
from enrich.render.png import encode_png
from enrich.render.themes import THEMES
from enrich.stats import load

stats = load(Path("tests/render_cards/stats.json"))
cards = [build_card(stats, "repo", "vllm-project/vllm", theme) for theme in THEMES]
images = [Image.open(io.BytesIO(card_bytes(c, "png", 1, options=CardOptions()))) for c in cards]
width, height = images[0].size
sheet = Image.new("RGBA", (2 * width + 10, 5 * (height + 10) - 10), (0, 0, 0, 0))
for index, image in enumerate(images):
    sheet.paste(image, ((index % 2) * (width + 10), (index // 2) * (height + 10)), image)
Path("docs/images/themes.png").write_bytes(encode_png(sheet))
PY
