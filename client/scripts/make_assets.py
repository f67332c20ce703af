"""Draw the app's icon, adaptive icon, splash and favicon as PNGs (no imaging library needed).

The logo: a white ring (the training cycle) around a forward chevron (the run), on the
brand teal. Run from client/: python3 scripts/make_assets.py
"""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

TEAL = (15, 118, 110)
WHITE = (255, 255, 255)
Pixel = Callable[[int, int], tuple[int, int, int, int]]
ASSETS = Path(__file__).resolve().parents[1] / "assets"


def png(path: Path, width: int, height: int, pixel: Pixel) -> None:
    """Write an RGBA PNG whose pixel (x, y) -> (r, g, b, a) in 0..255."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            rows.extend(pixel(x, y))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


def logo_coverage(u: float, v: float) -> float:
    """1 inside the logo's white shape, 0 outside; (u, v) in -1..1 around its centre."""
    r = math.hypot(u, v)
    if 0.78 <= r <= 0.95:
        return 1.0
    # the chevron: two thick strokes meeting at (0.38, 0)
    for sign in (1, -1):
        ax, ay, bx, by = -0.22, sign * 0.45, 0.38, 0.0
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((u - ax) * dx + (v - ay) * dy) / (dx * dx + dy * dy)))
        if math.hypot(u - (ax + t * dx), v - (ay + t * dy)) <= 0.13:
            return 1.0
    return 0.0


def draw(
    size: int,
    scale: float,
    background: tuple[int, int, int] | None,
    fg: tuple[int, int, int] = WHITE,
) -> Pixel:
    """A pixel function drawing the logo at `scale` of the image on `background` (None: clear)."""
    samples = ((0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75))

    def pixel(x: int, y: int) -> tuple[int, int, int, int]:
        cover = 0.0
        for sx, sy in samples:
            u = ((x + sx) / size * 2 - 1) / scale
            v = ((y + sy) / size * 2 - 1) / scale
            cover += logo_coverage(u, v) / len(samples)
        if background is None:
            return (*fg, round(255 * cover))
        return (*(round(b + (f - b) * cover) for b, f in zip(background, fg, strict=True)), 255)

    return pixel


def main() -> None:
    ASSETS.mkdir(exist_ok=True)
    png(ASSETS / "icon.png", 1024, 1024, draw(1024, 0.62, TEAL))
    png(ASSETS / "adaptive-icon.png", 1024, 1024, draw(1024, 0.45, None))
    png(ASSETS / "splash-icon.png", 512, 512, draw(512, 0.9, None))
    png(ASSETS / "favicon.png", 48, 48, draw(48, 0.8, TEAL))


if __name__ == "__main__":
    main()
