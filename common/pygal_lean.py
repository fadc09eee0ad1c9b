"""pygal's chart classes without the work whose result we throw away.

Every chart is drawn twice (wide and narrow, ``common.charts.chart_finish``), and on the
dashboard pygal was 75-80% of the page. Most of that was pygal's own overhead, not
drawing: each attribute read of a chart went through a ``__getattribute__`` making three
or four more Python calls, every point got three or four tooltip ``<desc>`` nodes (value,
x, y, label; 43% of a 90-day timeline's bytes) that ``common.charts`` stripped again, and
its value was formatted for that tooltip alone. These classes draw the same SVG, byte for
byte, without those costs; charts are made from them, never from ``pygal`` directly.
"""

from typing import Any

import pygal


class _Lean:
    """Mixed in before a pygal chart class."""

    def __getattribute__(self, name: str) -> Any:
        # pygal's: during a render, a name the transient state holds is read from the state,
        # anything else from the chart. The same rule in one call and two dict look-ups.
        if name != "state" and name[:2] != "__":
            state = object.__getattribute__(self, "__dict__").get("state")
            if state is not None:
                values = state.__dict__
                if name in values:
                    return values[name]
        return object.__getattribute__(self, name)

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
    pass


class XY(_Lean, pygal.XY):
    pass
