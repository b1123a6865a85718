"""Draw the app's icons as PNG files with the standard library only.

A teal rounded square with white lips (a slight smile) and a check-mark badge.
Drawn from formulas, not from an image file, so the icons can be regenerated and
reviewed in code. Run: `python -m tools.make_icons` (writes into assets/).
The maskable variants keep everything inside the central 80 % safe zone, and
the Apple touch icon is opaque because iOS paints transparent corners black.
"""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
TEAL = (0x00, 0x79, 0x6B)
WHITE = (0xFF, 0xFF, 0xFF)
SAMPLES = 4  # per axis, for anti-aliased edges
Color = tuple[int, int, int]
Shape = Callable[[float, float], Color | None]  # unit coords -> colour or None (empty)


def _lip_t(x: float) -> float | None:
    t = (x - 0.5) / 0.29
    return t if -1.0 <= t <= 1.0 else None


def lips(x: float, y: float) -> Color | None:
    """White lips whose parting line dips in the middle, like a gentle smile."""
    t = _lip_t(x)
    if t is None:
        return None
    edge = max(0.0, 1.0 - t * t)
    upper = 0.60 - (0.115 * edge**0.8 - 0.05 * math.exp(-((t / 0.2) ** 2)) * edge)
    lower = 0.60 + 0.17 * math.sqrt(edge)
    if not upper <= y <= lower:
        return None
    parting = 0.60 + 0.05 * edge
    return TEAL if abs(y - parting) < 0.013 + 0.01 * edge else WHITE


Point = tuple[float, float]


def _segment_distance(px: float, py: float, a: Point, b: Point) -> float:
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    k = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - k * dx, py - ay - k * dy)


CHECK = ((0.675, 0.275), (0.735, 0.335), (0.84, 0.215))


def badge(x: float, y: float) -> Color | None:
    """A white disc with a teal check mark: the 'check' in Lip Check."""
    if math.hypot(x - 0.755, y - 0.27) > 0.155:
        return None
    near = min(
        _segment_distance(x, y, CHECK[0], CHECK[1]), _segment_distance(x, y, CHECK[1], CHECK[2])
    )
    return TEAL if near < 0.024 else WHITE


def rounded_square(radius: float) -> Callable[[float, float], bool]:
    def inside(x: float, y: float) -> bool:
        qx, qy = max(abs(x - 0.5) - 0.5 + radius, 0.0), max(abs(y - 0.5) - 0.5 + radius, 0.0)
        return math.hypot(qx, qy) <= radius

    return inside


def render(size: int, *, corner: float, scale: float, samples: int = SAMPLES) -> bytes:
    """RGBA rows: background shape with `corner` radius (0 = opaque square), content
    scaled by `scale` about the centre."""
    inside = rounded_square(corner) if corner > 0 else (lambda x, y: True)
    shapes: tuple[Shape, ...] = (badge, lips)
    rows = bytearray()
    n = samples * samples
    for j in range(size):
        rows.append(0)  # PNG filter type 0 for this row
        for i in range(size):
            r = g = b = a = 0
            for sj in range(samples):
                for si in range(samples):
                    x = (i + (si + 0.5) / samples) / size
                    y = (j + (sj + 0.5) / samples) / size
                    if not inside(x, y):
                        continue
                    ux, uy = 0.5 + (x - 0.5) / scale, 0.5 + (y - 0.5) / scale
                    colour = next((c for s in shapes if (c := s(ux, uy)) is not None), TEAL)
                    r, g, b, a = r + colour[0], g + colour[1], b + colour[2], a + 1
            if a:
                rows += bytes((round(r / a), round(g / a), round(b / a), round(255 * a / n)))
            else:
                rows += b"\0\0\0\0"
    return bytes(rows)


def png(size: int, rgba_rows: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rgba_rows, 9))
        + chunk(b"IEND", b"")
    )


# file name -> (size, corner radius, content scale); names match the Flet web client's,
# so the same files override the stock ones in server mode too.
ICONS: dict[str, tuple[int, float, float]] = {
    "icons/icon-192.png": (192, 0.2, 1.0),
    "icons/icon-512.png": (512, 0.2, 1.0),
    "icons/icon-maskable-192.png": (192, 0.0, 0.78),
    "icons/icon-maskable-512.png": (512, 0.0, 0.78),
    "icons/apple-touch-icon-192.png": (192, 0.0, 0.9),
    "icons/loading-animation.png": (256, 0.2, 1.0),
    "favicon.png": (48, 0.2, 1.0),
    # `flet build apk/ipa` makes the native launcher icons from this one (opaque for iOS).
    "icon.png": (1024, 0.0, 0.9),
}


def main() -> None:
    for name, (size, corner, scale) in ICONS.items():
        path = ASSETS / name
        path.parent.mkdir(parents=True, exist_ok=True)
        samples = SAMPLES if size <= 512 else 2
        path.write_bytes(png(size, render(size, corner=corner, scale=scale, samples=samples)))
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
