"""axe-core accessibility checks for Playwright pages (the sync API).

axe-core is the npm package pinned in tests/a11y/package.json; `scripts/setup.sh --dev`
installs it into tests/a11y/node_modules. Typical use in a browser test::

    from tests.helpers.axe import axe_violations, format_violations

    def test_console_is_accessible(page: Page) -> None:
        page.goto(base_url + "/staff/tickets")
        expect(page.locator("h1")).to_be_visible()  # wait until the page has settled
        found = axe_violations(page)
        assert not found, format_violations(found)

- Check each state the user can reach (after a dialog opens, a list is filtered, the
  language is switched, ...): axe sees only the DOM as it is at the moment of the call.
  Wait for the state first; axe must not run while the page is still changing.
- `impacts` chooses which violations count; the default is the issue's bar, serious and
  critical. Pass ("minor", "moderate", "serious", "critical") to see everything.
- `context` is a CSS selector that limits the check to part of the page, e.g. "#chat".
- `tags` are axe's rule tags: WCAG 2.0 and 2.1 level A and AA plus axe's best practices
  by default. Choosing by tag also runs the matching rules a plain `axe.run()` leaves off;
  experimental and deprecated rules never run. For WCAG 2.2's target size, pass
  `tags=(*WCAG_TAGS, "wcag22aa")`.
- Only the top frame is checked: axe is not injected into iframes.
- The page may keep its strict Content-Security-Policy (`script-src 'self'`, no
  'unsafe-eval'): axe is evaluated through the DevTools protocol, which CSP does not
  govern, rather than as an inline <script> (`page.add_script_tag`), which CSP blocks.
  So neither the product's policy nor the browser context (`bypass_csp`) is weakened.

If axe-core is not installed, the calling test is skipped, or fails when the CI
environment variable is true, so CI cannot pass without having checked anything.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

AXE_JS = Path(__file__).resolve().parents[1] / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")
IMPACTS = ("serious", "critical")

_RUN = """async ([context, tags]) => {
  const result = await axe.run(context ?? document, {
    runOnly: { type: "tag", values: tags },
    resultTypes: ["violations"],
  });
  return result.violations;
}"""


@functools.cache
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def _need_axe() -> None:
    if AXE_JS.is_file():
        return
    message = f"axe-core is not installed ({AXE_JS} is missing): run `scripts/setup.sh --dev`"
    if os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail(message)
    pytest.skip(message)


def axe_violations(
    page: Page,
    *,
    impacts: Sequence[str] = IMPACTS,
    context: str | None = None,
    tags: Sequence[str] = WCAG_TAGS,
) -> list[dict[str, Any]]:
    """axe's violations on the page as it is now, those of the given impacts only.

    Each is axe's own result object: `id`, `impact`, `help`, `helpUrl`, `nodes` (each with
    `target`, `html` and `failureSummary`), ... Injects axe into the page when needed, so
    it can be called again after the page changed or navigated.
    """
    _need_axe()
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
        if not page.evaluate("() => typeof window.axe === 'object'"):
            raise RuntimeError(f"{AXE_JS} did not define window.axe in the page")
    found: list[dict[str, Any]] = page.evaluate(_RUN, [context, list(tags)])
    return [v for v in found if v.get("impact") in impacts]


def format_violations(violations: list[dict[str, Any]], nodes: int = 3) -> str:
    """One paragraph per violation, for assertion messages: rule, impact, what to fix, and
    the first `nodes` elements it was found on."""
    if not violations:
        return "no accessibility violations"
    lines = [f"{len(violations)} accessibility violation(s):"]
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v.get('help')} <{v.get('helpUrl')}>")
        for node in v.get("nodes", [])[:nodes]:
            target = " ".join(str(t) for t in node.get("target", []))
            lines.append(f"    {target}: {node.get('html', '')[:160]}")
        rest = len(v.get("nodes", [])) - nodes
        if rest > 0:
            lines.append(f"    ... and {rest} more")
    return "\n".join(lines)
