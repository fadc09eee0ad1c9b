"""The pieces every chart shares: the high-contrast style, hatching patterns, the
rendering that strips pygal's scripts, and the plain-text helpers."""

import re
from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from pygal.style import Style


class Chart(NamedTuple):
    """An inline SVG and its text alternative."""

    svg: str
    summary: str

    def __html__(self) -> str:
        return self.svg

    def __str__(self) -> str:
        # Django templates call str() before escaping: ``{{ chart }}`` renders the SVG.
        return mark_safe(self.svg)  # built here; pygal and _empty escape every label


# Okabe-Ito: distinguishable with the common colour-vision deficiencies, dark enough
# against white; the patterns below carry the difference for everyone else.
INK = "#111111"
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#555555")
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"

STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground=INK,
    foreground_strong=INK,
    foreground_subtle="#444444",
    font_family=FONT,
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=12,
    value_label_font_size=12,
    legend_font_size=13,
    title_font_size=15,
    no_data_font_size=18,
    opacity="1",
    opacity_hover="1",
    stroke_opacity="1",
    stroke_opacity_hover="1",
    transition="0s",
    guide_stroke_color="#bbbbbb",
    major_guide_stroke_color="#888888",
    colors=PALETTE,
)

# One fill per series position: solid, then hatchings a printer and a colour-blind
# reader both tell apart.
PATTERNS = (
    "",  # solid
    '<path d="M0,8 L8,0" stroke="#fff" stroke-width="2"/>',  # diagonal /
    '<path d="M0,0 L8,8" stroke="#fff" stroke-width="2"/>',  # diagonal \
    '<path d="M4,0 L4,8" stroke="#fff" stroke-width="2"/>',  # vertical
    '<path d="M0,4 L8,4" stroke="#fff" stroke-width="2"/>',  # horizontal
    '<circle cx="4" cy="4" r="1.6" fill="#fff"/>',  # dots
    '<path d="M0,4 L8,4 M4,0 L4,8" stroke="#fff" stroke-width="1.5"/>',  # cross
)

_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>|<script\b[^>]*/>", re.DOTALL)
# pygal gives every legend entry a fixed id; several charts on one page would repeat them.
_LEGEND_ID = re.compile(r' id="activate-serie-\d+"')


def chart_config(**overrides: Any) -> dict[str, Any]:
    config: dict[str, Any] = {
        "style": STYLE,
        "js": [],
        "disable_xml_declaration": True,
        "explicit_size": False,
        "width": 800,
        "height": 360,
        "margin": 12,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 3,
        "truncate_legend": -1,
        "truncate_label": -1,
        "show_y_guides": True,
        "no_data_text": _("Nothing recorded in this period"),
        "pretty_print": False,
    }
    config.update(overrides)
    return config


def chart_finish(chart: Any, *, title: str, summary: str, css: Sequence[str] = ()) -> Chart:
    """Render with the pattern defs and extra CSS scoped to this chart, scripts removed."""
    chart.title = title
    scope = f"#chart-{chart.uuid}"
    defs = []
    rules = []
    for index, pattern in enumerate(PATTERNS):
        if not pattern:
            continue
        pattern_id = f"p{index}-{chart.uuid}"
        color = PALETTE[index % len(PALETTE)]
        defs.append(
            f'<pattern id="{pattern_id}" patternUnits="userSpaceOnUse" width="8" height="8">'
            f'<rect width="8" height="8" fill="{color}"/>{pattern}</pattern>'
        )
        rules.append(
            f"{scope} .color-{index} .rect, {scope} .legend .color-{index} "
            f"{{fill: url(#{pattern_id}); stroke: {INK}; stroke-width: 0.6}}"
        )
    rules.extend(rule.replace("SCOPE", scope) for rule in css)
    chart.config.css = [*chart.config.css, "inline:" + "\n".join(rules)]
    svg = chart.render(is_unicode=True)
    svg = _LEGEND_ID.sub("", _SCRIPT.sub("", svg))
    svg = svg.replace("<defs>", "<defs>" + "".join(defs), 1)
    label = conditional_escape(f"{title}. {summary}")
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
    return Chart(svg=svg, summary=summary)


def whole_number_ticks(top: float) -> list[int]:
    """0 to at least ``top`` in round steps (1, 2, 5, 10, 20, 50, ...), six ticks or fewer:
    counts and minutes are whole numbers, so the axis must not repeat "0 0 1 1"."""
    step = 1
    while top / step > 5:
        for factor in (2, 5, 10):
            if top / (step * factor) <= 5:
                step *= factor
                break
        else:
            step *= 10
    last = step * -(-int(top) // step) if top > 0 else step
    return list(range(0, last + 1, step))


def mirror_labels(*, up: float, down: float) -> list[dict[str, Any]]:
    """Y labels for a chart drawn on both sides of zero, showing distances from zero."""
    span = max(up, down, 1)
    step = max(1, round(span / 4)) if span > 4 else 1
    if step > 5:
        step = 5 * round(step / 5)
    ticks = range(-int(down // step + (down % step > 0)) * step, int(up) + step, step)
    return [{"label": str(abs(tick)), "value": tick} for tick in ticks]


def empty_chart(*, title: str, summary: str) -> Chart:
    """A small framed note instead of an empty plot with a meaningless axis."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 70" role="img" '
        f'aria-label="{conditional_escape(title)}. {conditional_escape(summary)}">'
        f'<rect x="1" y="1" width="798" height="68" fill="#fff" stroke="#888"/>'
        f'<text x="400" y="28" text-anchor="middle" font-family="{FONT}" font-size="15" '
        f'fill="{INK}">{conditional_escape(title)}</text>'
        f'<text x="400" y="52" text-anchor="middle" font-family="{FONT}" font-size="13" '
        f'fill="#444">{conditional_escape(summary)}</text></svg>'
    )
    return Chart(svg=svg, summary=summary)


def day_label(value: date) -> str:
    """A day on an axis or in a chart summary, in the active language: "3 Dec 2026"."""
    return date_format(value, "DATE_FORMAT")


def counts_text(counts: Sequence[tuple[str, int]]) -> str:
    return ", ".join(f"{label} {count}" for label, count in counts)
