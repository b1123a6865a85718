"""A screenshot series of the offline app's start, to see that no frame is blank.

    python -m tools.start_frames [--site dist] [--out .cache/start-frames]

Builds the static site (or takes `--site`), serves it on loopback, installs it in a
fresh phone-sized Chromium profile, turns the network off and reloads, recording
every frame the browser paints (CDP screencast) until Home has painted. Writes the
frames as PNGs, a contact sheet (`sheet.png`, each frame labelled with its time in
ms and "BLANK" when it is one flat colour) and prints one line per frame. A person
looks at the sheet; the page's own marks (window.lipcheckMarks) are printed too.
"""

from __future__ import annotations

import argparse
import base64
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import CDPSession, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.browser import enable_semantics, wait_text  # noqa: E402
from tests.e2e.pwa_browser import StaticServer, first_page, profile  # noqa: E402
from tools import build_web  # noqa: E402

HOME = "Is your lip twitching?"
# In the contact sheet's page: each frame is drawn to a canvas and called blank when
# almost every sampled pixel has the colour of the first one (a flat screen).
SHEET_JS = """
async () => {
  const out = [];
  for (const img of document.querySelectorAll('img')) {
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const g = c.getContext('2d'); g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let same = 0, n = 0;
    for (let i = 0; i < d.length; i += 4 * 97) {
      n++;
      const diff = Math.abs(d[i] - d[0]) + Math.abs(d[i + 1] - d[1]) + Math.abs(d[i + 2] - d[2]);
      if (diff < 12) same++;
    }
    const blank = same / n > 0.995;
    img.parentElement.querySelector('b').textContent += blank ? ' BLANK' : '';
    out.push(blank);
  }
  return out;
}
"""


def record(page: Page, cdp: CDPSession, out: Path) -> list[tuple[float, Path]]:
    """Reload with the network off; every painted frame until Home painted, plus 0.5 s."""
    frames: list[tuple[float, Path]] = []
    start = time.perf_counter()

    def on_frame(event: dict[str, object]) -> None:
        at = (time.perf_counter() - start) * 1000
        path = out / f"frame-{len(frames):03d}-{at:05.0f}ms.png"
        path.write_bytes(base64.b64decode(str(event["data"])))
        frames.append((at, path))
        cdp.send("Page.screencastFrameAck", {"sessionId": event["sessionId"]})

    cdp.on("Page.screencastFrame", on_frame)
    cdp.send("Page.startScreencast", {"format": "png", "everyNthFrame": 1})
    page.reload()
    enable_semantics(page)
    wait_text(page, HOME, timeout=60)
    page.wait_for_function("() => !!(window.lipcheckMarks || {})['home-painted']")
    page.wait_for_timeout(500)
    cdp.send("Page.stopScreencast")
    return frames


def sheet(page: Page, frames: list[tuple[float, Path]], out: Path) -> list[bool]:
    """The contact sheet as sheet.png; returns which frames are blank."""
    cells = "".join(
        f'<figure><img src="data:image/png;base64,{base64.b64encode(p.read_bytes()).decode()}">'
        f"<figcaption><b>{at:.0f} ms</b></figcaption></figure>"
        for at, p in frames
    )
    style = (
        "body{margin:0;display:flex;flex-wrap:wrap;font:14px sans-serif;background:#888}"
        "figure{margin:4px;width:130px}img{width:130px;border:1px solid #000}"
    )
    page.set_viewport_size({"width": 1150, "height": 600})
    page.set_content(f"<html><style>{style}</style><body>{cells}</body></html>")
    blanks = [bool(b) for b in page.evaluate(SHEET_JS)]
    page.screenshot(path=str(out / "sheet.png"), full_page=True)
    return blanks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built dist/ (default: build one)")
    parser.add_argument("--out", type=Path, default=ROOT / ".cache" / "start-frames")
    parser.add_argument("--dark", action="store_true", help="a dark-theme phone")
    args = parser.parse_args(argv)
    shutil.rmtree(args.out, ignore_errors=True)
    args.out.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp_name, sync_playwright() as pw:
        tmp = Path(tmp_name)
        site = args.site or build_web.build(tmp / "dist").out
        server = StaticServer(site).start()
        try:
            with profile(pw, tmp / "profile", dark=args.dark) as (context, guard, outside):
                page = first_page(context)
                page.goto(server.url)  # the first visit installs the offline copy
                enable_semantics(page, timeout=120_000)
                wait_text(page, HOME, timeout=120)
                page.wait_for_function("() => !document.getElementById('loading')")
                context.set_offline(True)
                frames = record(page, context.new_cdp_session(page), args.out)
                marks = page.evaluate("window.lipcheckMarks")
                blanks = sheet(context.new_page(), frames, args.out)
                if guard.external or outside.urls:
                    raise SystemExit(f"outside requests: {guard.external + outside.urls}")
        finally:
            server.stop()
    for (at, path), blank in zip(frames, blanks, strict=True):
        print(f"{at:7.0f} ms  {path.name}{'  BLANK' if blank else ''}")
    print("marks (ms since navigation):", json.dumps(marks, sort_keys=True))
    print(f"{len(frames)} frames, {sum(blanks)} blank; contact sheet: {args.out / 'sheet.png'}")
    return 1 if any(blanks) else 0


if __name__ == "__main__":
    sys.exit(main())
