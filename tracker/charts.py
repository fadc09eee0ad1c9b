"""The body-weight chart of the weights page and the doctor's report."""

from collections.abc import Sequence
from datetime import date

from django.utils.translation import gettext as _

from common import pygal_lean
from common.charts import INK, Chart, chart_config, chart_finish, day_label, day_labels, empty_chart


def body_weight_chart(*, points: Sequence[tuple[date, float]]) -> Chart:
    """Body weight in kg over time."""
    ordered = sorted((day, float(kg)) for day, kg in points)
    chart = pygal_lean.DateLine(
        **chart_config(
            show_legend=False,
            dots_size=4,
            x_label_rotation=30,
            y_title=_("kg"),
            x_value_formatter=day_labels(),
            value_formatter=lambda value: f"{value:.1f}",
        )
    )
    if not ordered:
        return empty_chart(
            title=_("Body weight"), summary=_("No body weight recorded in this period.")
        )
    chart.add(_("Body weight"), ordered)
    (first_day, first), (last_day, last) = ordered[0], ordered[-1]
    weights = [kg for _day_, kg in ordered]
    summary = _(
        "%(first).1f kg on %(first_day)s, %(last).1f kg on %(last_day)s (change "
        "%(change)+.1f kg); lowest %(low).1f kg, highest %(high).1f kg."
    ) % {
        "first": first,
        "first_day": day_label(first_day),
        "last": last,
        "last_day": day_label(last_day),
        "change": last - first,
        "low": min(weights),
        "high": max(weights),
    }
    css = [f"SCOPE .color-0 .dot {{fill: {INK}}} SCOPE .color-0 .line {{stroke: {INK}}}"]
    return chart_finish(chart, title=_("Body weight"), summary=summary, css=css)
