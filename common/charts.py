"""The pieces every chart shares: the high-contrast style, hatching patterns, the
rendering (script-free: ``common.pygal_lean``), and the plain-text helpers.

Why server-side SVG (pygal) rather than a JS chart library: the same chart goes into the
doctor's PDF (WeasyPrint runs no JavaScript), the share page and the dashboard; it needs
no script under a strict CSP, nothing to download and nothing that breaks offline; and
the text alternative is built from the same numbers. What a JS library would give, a
chart that fits its box, is done here by drawing each chart twice: a wide one (800 units,
16 px text) and a narrow one (320 units, 14 px text); a container query shows the narrow
one in boxes under ``WIDE_FROM`` px, so text never drops below 12 px on a 360 px phone
(14 x 280/320 = 12.25) nor on a desktop (16 x 600/800 = 12). The PDF draws the wide one.
"""

import functools
import re
import textwrap
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, NamedTuple

from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from pygal.style import Style


class Chart(NamedTuple):
    """An inline SVG and its text alternative; ``narrow`` is the same chart for a phone."""

    svg: str
    summary: str
    narrow: str = ""

    def __html__(self) -> str:
        if not self.narrow:
            return self.svg
        # Both drawn; the stylesheet inside each SVG shows the one that fits the box.
        return (
            f'<div class="chart-pair"><div class="chart-wide">{self.svg}</div>'
            f'<div class="chart-narrow">{self.narrow}</div></div>'
        )

    def __str__(self) -> str:
        # Django templates call str() before escaping: ``{{ chart }}`` renders the SVG.
        return mark_safe(self.__html__())  # built here; pygal and _empty escape every label


# Okabe-Ito: distinguishable with the common colour-vision deficiencies, dark enough
# against white; the patterns below carry the difference for everyone else.
INK = "#111111"
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#555555")
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"

# Wide charts are 800 units and shown from WIDE_FROM px, so 16 units >= 12 px; narrow ones
# are 320 units, shown in boxes of 280 px and more (a 360 px phone), so 14 units >= 12 px.
WIDE_WIDTH = 800
NARROW_WIDTH = 320
WIDE_FROM = 600
NARROW_MIN_BOX = 280
WIDE_TEXT = 16
NARROW_TEXT = 14
# A container query picks the drawing that fits; the PDF (``body.print``) takes the wide one.
# The min-width override undoes a phone rule that made charts scroll sideways.
PAIR_CSS = (
    ".chart-pair {container-type: inline-size; width: 100%}",
    ".chart-pair > div > svg {width: 100%; height: auto; display: block; min-width: 0}",
    ".chart-svg .chart-pair svg {min-width: 0}",
    f"@container (max-width: {WIDE_FROM - 0.02}px) {{.chart-pair > .chart-wide {{display: none}}}}",
    f"@container (min-width: {WIDE_FROM}px) {{ .chart-pair > .chart-narrow {{display: none}} }}",
    "body.print .chart-pair > .chart-narrow {display: none}",
)


def _style(text: int) -> Style:
    return Style(
        background="#ffffff",
        plot_background="#ffffff",
        foreground=INK,
        foreground_strong=INK,
        foreground_subtle="#444444",
        font_family=FONT,
        label_font_size=text,
        major_label_font_size=text,
        value_font_size=text,
        value_label_font_size=text,
        legend_font_size=text,
        title_font_size=text + 2,
        no_data_font_size=text + 2,
        opacity="1",
        opacity_hover="1",
        stroke_opacity="1",
        stroke_opacity_hover="1",
        transition="0s",
        guide_stroke_color="#bbbbbb",
        major_guide_stroke_color="#888888",
        colors=PALETTE,
    )


STYLE = _style(WIDE_TEXT)
NARROW_STYLE = _style(NARROW_TEXT)

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

# pygal gives every legend entry a fixed id; several charts on one page would repeat them.
_LEGEND_ID = re.compile(r' id="activate-serie-\d+"')


def chart_config(**overrides: Any) -> dict[str, Any]:
    config: dict[str, Any] = {
        "style": STYLE,
        "js": [],
        "disable_xml_declaration": True,
        "explicit_size": False,
        "width": WIDE_WIDTH,
        "height": 360,
        "margin": 12,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 2,
        "truncate_legend": -1,
        "truncate_label": -1,
        "show_y_guides": True,
        "no_data_text": _("Nothing recorded in this period"),
        "pretty_print": False,
    }
    config.update(overrides)
    return config


def _render(
    chart: Any, *, title: str, summary: str, css: Sequence[str], uid: str, **overrides: Any
) -> str:
    # Ids and scoped rules use pygal's uuid; a second drawing renames them all at once below.
    scope = f"#chart-{chart.uuid}"
    defs = []
    rules = list(PAIR_CSS)
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
    base_css = list(chart.config.css)
    svg = chart.render(is_unicode=True, css=[*base_css, "inline:" + "\n".join(rules)], **overrides)
    svg = _LEGEND_ID.sub("", svg)
    svg = svg.replace("<defs>", "<defs>" + "".join(defs), 1)
    if uid != str(chart.uuid):  # after the defs: pattern ids and the rules using them alike
        svg = svg.replace(str(chart.uuid), uid)
    label = conditional_escape(f"{title}. {summary}")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def chart_finish(chart: Any, *, title: str, summary: str, css: Sequence[str] = ()) -> Chart:
    """Render wide and narrow, with the pattern defs and extra CSS scoped to each drawing."""
    chart.title = title
    wide = _render(chart, title=title, summary=summary, css=css, uid=str(chart.uuid))
    narrow_overrides: dict[str, Any] = {
        "style": NARROW_STYLE,
        "width": NARROW_WIDTH,
        "legend_at_bottom_columns": 1,
        # A wrapped y title is cut at the left edge of 320 units; the chart's title, legend
        # and text summary say what the axis counts.
        "y_title": None,
    }
    if not getattr(chart, "horizontal", False):
        narrow_overrides["height"] = max(chart.config.height, 380)
        labels = len(getattr(chart, "x_labels", None) or ())
        if chart.config.x_label_rotation or labels > 4:
            narrow_overrides["x_label_rotation"] = 60
        if labels > 8:  # every other week: 12 labels do not fit 320 units side by side
            narrow_overrides["x_labels_major_every"] = 2
            narrow_overrides["show_minor_x_labels"] = False
    narrow = _render(
        chart, title=title, summary=summary, css=css, uid=f"{chart.uuid}n", **narrow_overrides
    )
    return Chart(svg=wide, summary=summary, narrow=narrow)


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


def _note_svg(*, title: str, summary: str, width: int, text: int) -> str:
    """A framed note, its lines wrapped to ``width`` (about 0.55 em per character)."""
    per_line = max(12, int((width - 24) / (0.55 * text)))
    lines = [(line, text + 2, INK) for line in textwrap.wrap(title, per_line)]
    lines += [(line, text, "#444") for line in textwrap.wrap(summary, per_line)]
    step = int(text * 1.5)
    height = 16 + step * len(lines)
    texts = "".join(
        f'<text x="{width // 2}" y="{10 + step * (n + 1) - step // 4}" text-anchor="middle" '
        f'font-family="{FONT}" font-size="{size}" fill="{fill}">{conditional_escape(line)}</text>'
        for n, (line, size, fill) in enumerate(lines)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{conditional_escape(title)}. {conditional_escape(summary)}">'
        f"<style>{' '.join(PAIR_CSS)}</style>"
        f'<rect x="1" y="1" width="{width - 2}" height="{height - 2}" fill="#fff" stroke="#888"/>'
        f"{texts}</svg>"
    )


def empty_chart(*, title: str, summary: str) -> Chart:
    """A small framed note instead of an empty plot with a meaningless axis."""
    return Chart(
        svg=_note_svg(title=title, summary=summary, width=WIDE_WIDTH, text=WIDE_TEXT),
        summary=summary,
        narrow=_note_svg(title=title, summary=summary, width=NARROW_WIDTH, text=NARROW_TEXT),
    )


def day_label(value: date) -> str:
    """A day on an axis or in a chart summary, in the active language: "3 Dec 2026"."""
    return date_format(value, "DATE_FORMAT")


def day_labels() -> Callable[[date], str]:
    """``day_label`` remembered for one chart (a chart's x formatter): its axis and the
    tooltip of every point name the same few days, in both drawings, and Django's
    localised formatting is a good part of drawing a chart of hundreds of points."""
    return functools.cache(day_label)


def counts_text(counts: Sequence[tuple[str, int]]) -> str:
    return ", ".join(f"{label} {count}" for label, count in counts)
