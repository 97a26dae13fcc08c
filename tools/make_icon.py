"""Draw the app's icon, ``packaging/dti-scorer.ico`` (16 to 256 pixels), with Pillow.

    python tools/make_icon.py

A blue rounded square with three rising white bars and a gold rank marker: readable at 16
pixels, where text would not be. The same drawing every time; the .ico is committed, this script
is how it was made. Used by the offline kit's shortcuts and the Windows build of the app.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "packaging" / "dti-scorer.ico"
SIZES = [16, 24, 32, 48, 64, 128, 256]
BLUE, WHITE, GOLD = (31, 78, 121, 255), (255, 255, 255, 255), (244, 180, 0, 255)


def draw(size: int = 256) -> Image.Image:
    """The icon at ``size`` pixels, drawn at 4x and reduced (smooth edges)."""
    scale = 4 * size
    unit = scale / 16
    image = Image.new("RGBA", (scale, scale), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle([0, 0, scale - 1, scale - 1], radius=int(3 * unit), fill=BLUE)
    for i, height in enumerate((4, 7, 10)):
        left = (3 + 3.5 * i) * unit
        pen.rectangle([left, (13 - height) * unit, left + 2.5 * unit, 13 * unit], fill=WHITE)
    centre = (11.25 * unit, 3.2 * unit)
    radius = 1.4 * unit
    pen.ellipse([centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius],
                fill=GOLD)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> int:
    frames = [draw(size) for size in SIZES]
    frames[-1].save(OUT, format="ICO", sizes=[(s, s) for s in SIZES],
                    append_images=frames[:-1])
    print(f"{OUT}: {OUT.stat().st_size} bytes, {', '.join(map(str, SIZES))} px")
    return 0


if __name__ == "__main__":
    sys.exit(main())
