"""pygal's chart classes without the work whose result we throw away.

Every chart is drawn twice (wide and narrow, ``common.charts.chart_finish``), and on the
dashboard pygal was 75-80% of the page. Most of that was pygal's own overhead, not
drawing: every attribute read and write of a chart went through Python-level hooks
looking at a transient state first, every point got three or four tooltip ``<desc>``
nodes (value, x, y, label; 43% of a 90-day timeline's bytes) that ``common.charts``
stripped again, and its value was formatted for that tooltip alone. These classes draw
the same SVG, byte for byte, without those costs; charts are made from them, never from
``pygal`` directly.
"""

from numbers import Number
from typing import Any

import pygal
import pygal.graph.base
from pygal.config import SerieConfig
from pygal.etree import etree
from pygal.svg import Svg

# Stands for a chart's uuid in the stylesheets shared between charts (``_Svg.add_styles``).
_UUID = "uuid-of-the-chart"
# Stylesheets by what they depend on: a handful of chart kinds, two styles, a few series
# counts. Emptied if it ever grows past this (it would mean the key holds something
# varying, such as data).
_STYLESHEETS: dict[tuple[Any, ...], str] = {}
_STYLESHEETS_MAX = 256
# pygal's etree is lxml's (or the standard library's); looked up once, not per node.
_SUB_ELEMENT = etree.SubElement
_SIZES = frozenset({"width", "height"})


class _Svg(Svg):
    """pygal's SVG writer, without a script and with its stylesheets made once."""

    id: str  # "#chart-<uuid> ", the prefix of every rule
    # While a series whose points carry no metadata is drawn (``_Lean.line``): its points'
    # groups would each hold one marker, so the markers go straight into the series.
    markers_alone = False

    def node(self, parent: Any = None, tag: str = "g", attrib: Any = None, **extras: Any) -> Any:
        if self.markers_alone and tag == "g" and extras.get("class_") == "dots":
            return parent
        # pygal's node() makes a closure and a copy, and edits the attributes one by one:
        # the commonest call of a drawing. Keyword attributes, none empty, no negative size
        # and no link (nearly every node) take this shortcut to the same element: values as
        # text in the given order, "class_" renamed and moved to the end, as pygal does.
        if attrib or "href" in extras:
            return super().node(parent, tag, attrib, **extras)
        attributes, renamed = {}, {}
        for key, value in extras.items():
            size: Any = value if key in _SIZES and isinstance(value, Number) else 0
            if value is None or size < 0:
                return super().node(parent, tag, attrib, **extras)
            if key[-1:] == "_":
                renamed[key.rstrip("_")] = str(value)
            else:
                attributes[key] = str(value)
        if renamed.keys() & attributes.keys():
            return super().node(parent, tag, attrib, **extras)
        attributes.update(renamed)
        return _SUB_ELEMENT(self.root if parent is None else parent, tag, attributes)

    def add_scripts(self) -> None:
        """No ``<script>``: pygal's tooltip script and the JSON of every setting it reads (a
        JSON dump per drawing) are never sent: pages run no inline script (strict CSP) and
        a PDF none at all."""

    def add_styles(self) -> None:
        # pygal reads, fills in and minifies three stylesheets, and ours, for every drawing
        # (a fifth of a bar chart's time); they differ between charts of one kind only by
        # the chart's uuid. Made once with a stand-in for it, which is then replaced.
        graph = self.graph
        if graph.style._google_fonts:  # a link, not a stylesheet: pygal's way
            super().add_styles()
            return
        uuid, own_id, own_css = graph.uuid, self.id, graph.css
        css = tuple(rule.replace(uuid, _UUID) for rule in own_css)
        self.id = own_id.replace(uuid, _UUID)
        try:
            key = (graph.style, graph._order, css, self.get_strokes(), graph.pretty_print)
            text = _STYLESHEETS.get(key)
            if text is None:
                graph.css = css
                super().add_styles()
                text = self.defs[-1].text
                if len(_STYLESHEETS) >= _STYLESHEETS_MAX:
                    _STYLESHEETS.clear()
                _STYLESHEETS[key] = text
            else:
                self.node(self.defs, "style", type="text/css")
        finally:
            self.id, graph.css = own_id, own_css
        self.defs[-1].text = text.replace(_UUID, uuid)


class _SerieConfig(SerieConfig):
    """pygal asks ``dir()`` of a series' settings once per chart setting, for each series of
    each drawing (90 times for one series); the answer is always the same."""

    def __dir__(self) -> list[str]:
        return _SERIE_SETTINGS


_SERIE_SETTINGS = dir(SerieConfig())
# pygal.graph.base makes every drawing's writer and series settings from these two names.
pygal.graph.base.Svg = _Svg
pygal.graph.base.SerieConfig = _SerieConfig


# Where a chart keeps its own attributes while a render's settings stand in for them.
_BEFORE = "_lean_attributes_before_render"


class _Lean:
    """Mixed in before a pygal chart class."""

    # pygal keeps a render's settings (the config, the chart's attributes, the render's
    # arguments) on a transient ``state`` and sends every attribute read and write of the
    # chart through Python-level __getattribute__/__setattr__ to look there first: the
    # largest single cost of drawing. Here, for the length of a render, those settings ARE
    # the chart's attributes (the state shares the chart's __dict__, so pygal's own writes
    # to it land there too), and the attributes from before are put back when it ends:
    # the same values, read and written at native speed. No pygal chart has a property
    # named like a setting, which is what could tell the two ways apart.
    __getattribute__ = object.__getattribute__

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "state":
            own = self.__dict__
            if value is not None:  # pygal's setup: a render begins
                before = dict(own)
                own.update(
                    (key, setting)
                    for key, setting in value.__dict__.items()
                    if key[:2] != "__" and key != "state"
                )
                own[_BEFORE] = before
                value.__dict__ = own
            elif _BEFORE in own:  # pygal's teardown: it ends
                before = own.pop(_BEFORE)
                own.clear()
                own.update(before)
        object.__setattr__(self, name, value)

    def line(self, serie: Any, rescale: bool = False) -> None:
        # pygal wraps each point's marker in a group for its tooltip and metadata (a link, a
        # label); without either the group draws nothing more than the marker alone, and a
        # 90-day timeline's PDF had 290 of them to lay out. Half of a dot chart's nodes.
        svg = self.svg  # type: ignore[attr-defined]
        svg.markers_alone = not serie.metadata
        try:
            super().line(serie, rescale)  # type: ignore[misc]
        finally:
            svg.markers_alone = False

    def _tooltip_data(self, *args: Any, **kwargs: Any) -> None:
        """No tooltip ``<desc>`` nodes: they feed pygal's tooltip script, which is never sent,
        and no one sees or hears them (a chart is one ``role="img"`` with its label)."""

    def _format(self, serie: Any, i: int) -> str:
        # A line's or bar's formatted value goes to its tooltip and, when values are printed,
        # beside it; without either it would be formatted (a date and a number, per point,
        # per drawing) for nothing.
        if self.print_values or self.dynamic_print_values:  # type: ignore[attr-defined]
            return super()._format(serie, i)  # type: ignore[misc]
        return ""


class DateLine(_Lean, pygal.DateLine):
    pass


class HorizontalBar(_Lean, pygal.HorizontalBar):
    pass


class StackedBar(_Lean, pygal.StackedBar):
    # pygal turns a missing value into a bar of height 0 (a group, a rect, an empty value
    # label), which draws nothing: in the dashboard's weekly chart, 75 of 120 bars. None
    # stays None here, and a bar that is not there is not written.
    _adapters: list[Any] = []


class XY(_Lean, pygal.XY):
    pass
