"""Touch targets and names as a screen reader and a finger meet them: every element
Flutter's semantics tree marks as a button (or tab, checkbox, radio, switch), its
bounding box, and the accessible name on that same element."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Page

MIN_TARGET_PX = 48
ROLES = ("button", "tab", "checkbox", "radio", "switch", "menuitem")

_TARGETS_JS = """
(roles) => {
  const host = document.querySelector('flt-semantics-host');
  if (!host) return [];
  const sel = roles.map(r => `[role="${r}"]`).join(',');
  const out = [];
  for (const el of host.querySelectorAll(sel)) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    // Off-screen (scrolled away) elements still count: they are measured where they are.
    out.push({
      role: el.getAttribute('role'),
      name: (el.getAttribute('aria-label') || el.textContent || '').trim(),
      width: r.width, height: r.height, x: r.x, y: r.y,
    });
  }
  return out;
}
"""


@dataclass(frozen=True)
class Target:
    role: str
    name: str
    width: float
    height: float
    x: float
    y: float

    def __str__(self) -> str:
        size = f"{self.width:.0f}x{self.height:.0f}"
        return f"{self.role} {self.name!r} {size} at {self.x:.0f},{self.y:.0f}"


def targets(page: Page) -> list[Target]:
    return [Target(**t) for t in page.evaluate(_TARGETS_JS, list(ROLES))]


def too_small(found: list[Target], minimum: int = MIN_TARGET_PX) -> list[Target]:
    """Targets under `minimum` px either way (half a pixel of rounding allowed)."""
    return [t for t in found if t.height < minimum - 0.5 or t.width < minimum - 0.5]


def unnamed(found: list[Target]) -> list[Target]:
    return [t for t in found if not t.name]
