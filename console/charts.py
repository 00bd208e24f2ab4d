"""Small SVG charts for the dashboards, as markup strings (no I/O, no JavaScript).

Every label is escaped here, so a resident-influenced string (an intent guess, a team id)
cannot inject markup. Each chart is one image to assistive technology (`role="img"`) named by
its <title> and described by its <desc>, which spells out every figure; the page keeps a
table with the same figures next to it. Only presentation attributes are used, no inline
styles, so the strict Content-Security-Policy holds. Colours against the white card: text
#1b1b1b (17:1), bars #0b4f8a (8.6:1), axis #767676 (4.5:1), all above WCAG AA.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

INK = "#1b1b1b"
BAR = "#0b4f8a"
AXIS = "#767676"
WIDTH = 640
FONT = 14
LABEL_CHARS = 30  # longer bar labels are cut in the drawing; the desc and table have them whole

Points = Sequence[tuple[str, int]]


def column_chart(chart_id: str, title: str, points: Points, *, summary: str = "") -> Markup:
    """Vertical bars in order (one per day), the first and last labelled on the x axis."""
    left, right, top, bottom = 44, 12, 12, 30
    height = 220
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    peak = max((v for _, v in points), default=0)
    body: list[str] = [
        _text(left - 6, top + plot_h, "0", "end"),
        f'<line x1="{left}" y1="{top + plot_h}" x2="{WIDTH - right}" y2="{top + plot_h}" '
        f'stroke="{AXIS}" stroke-width="1"/>',
    ]
    if peak:
        body.append(_text(left - 6, top + FONT - 2, str(peak), "end"))
    if points:
        step = plot_w / len(points)
        width = max(step * 0.8, 0.5)
        for i, (label, value) in enumerate(points):
            bar_h = plot_h * value / peak if peak else 0.0
            x, y = left + i * step + (step - width) / 2, top + plot_h - bar_h
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{bar_h:.1f}" '
                f'fill="{BAR}"><title>{escape(label)}: {value}</title></rect>'
            )
        baseline = height - 8
        body.append(_text(left, baseline, points[0][0], "start"))
        if len(points) > 1:
            body.append(_text(WIDTH - right, baseline, points[-1][0], "end"))
    return _svg(chart_id, title, _describe(summary, points), height, body)


def bar_chart(chart_id: str, title: str, items: Points, *, summary: str = "") -> Markup:
    """Horizontal bars, one row per item, its label on the left and its value at the end."""
    label_w, value_w, row = 270, 56, 28
    height = max(len(items), 1) * row + 8
    longest = max((v for _, v in items), default=0)
    body: list[str] = []
    for i, (label, value) in enumerate(items):
        y = 4 + i * row
        bar_w = (WIDTH - label_w - value_w) * value / longest if longest else 0.0
        middle = y + row / 2 + FONT / 3  # baseline that centres the text on the bar
        body += [
            _text(label_w - 8, middle, _shorten(label), "end"),
            f'<rect x="{label_w}" y="{y + 3}" width="{bar_w:.1f}" height="{row - 6}" '
            f'fill="{BAR}"><title>{escape(label)}: {value}</title></rect>',
            _text(label_w + bar_w + 6, middle, str(value), "start"),
        ]
    body.append(
        f'<line x1="{label_w}" y1="0" x2="{label_w}" y2="{height}" '
        f'stroke="{AXIS}" stroke-width="1"/>'
    )
    return _svg(chart_id, title, _describe(summary, items), height, body)


def _svg(chart_id: str, title: str, desc: str, height: int, body: list[str]) -> Markup:
    ident = escape(chart_id)
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" font-size="{FONT}">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(desc)}</desc>'
        f"{''.join(body)}</svg>"
    )


def _text(x: float, y: float, value: str, anchor: str) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{INK}">{escape(value)}</text>'
    )


def _describe(summary: str, points: Points) -> str:
    """The figures in words: "summary label: value; label: value"."""
    figures = "; ".join(f"{label}: {value}" for label, value in points)
    return " ".join(part for part in (summary, figures) if part) or "–"


def _shorten(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
