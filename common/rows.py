"""Tuples from a statement written out in SQL, converted as the ORM converts them.

For the few reads that run on every write (the pattern evaluation's snapshot), building
the query costs several times what running it costs: Django resolves the lookups, joins
and columns of a ``values_list`` anew on every call, about 1 ms of CPU for a short query
against 0.1 ms to run it (``make bench``, evaluation row). Those reads write their
statement out, joining the models' own table and column names (``Columns``), and run it
through ``fetch_rows``, which gives each column the value ``values_list`` would (aware
datetimes, decoded JSON, booleans, on SQLite and PostgreSQL alike).

Everything else reads through the ORM.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Field, Model


@dataclass(frozen=True)
class Columns:
    """Named columns of one model under a table alias in a written-out statement."""

    model: type[Model]
    names: tuple[str, ...]
    alias: str

    @property
    def fields(self) -> list[Field]:
        return [self._field(name) for name in self.names]

    def _field(self, name: str) -> Field:
        field = self.model._meta.get_field(name)
        if not isinstance(field, Field) or not field.column:
            raise ValueError(f"{self.model.__name__}.{name} is not a column")
        return field

    def sql(self) -> str:
        """The column list, ``alias."column", ...``, quoted for the database in use."""
        return ", ".join(self.column(name) for name in self.names)

    def column(self, name: str) -> str:
        """One column, ``alias."column"``, by field name (a foreign key: its id column)."""
        return f"{self.alias}.{connection.ops.quote_name(str(self._field(name).column))}"

    @property
    def table(self) -> str:
        """``"table" alias``, for FROM and JOIN."""
        return f"{connection.ops.quote_name(self.model._meta.db_table)} {self.alias}"


Converter = Callable[[Any, Any, Any], Any]


def _converters(
    fields: Sequence[Field], database: Any
) -> list[tuple[int, list[tuple[Converter, Any]]]]:
    """The ORM's converters of each column (the backend's, then the field's own
    ``from_db_value``), as the SQL compiler collects them for a ``values_list``."""
    found = []
    for index, field in enumerate(fields):
        column = field.cached_col
        own: list[Converter] = field.get_db_converters(database)  # type: ignore[attr-defined]
        converters = database.ops.get_db_converters(column) + own
        if converters:
            found.append((index, [(c, column) for c in converters]))
    return found


def fetch_rows(sql: str, params: Sequence[Any], fields: Sequence[Field]) -> list[tuple]:
    """Run ``sql`` and return its rows as tuples, column ``i`` converted as ``fields[i]``
    is in a ``values_list``. ``params`` go through the backend's adapters first (a datetime
    compared with a stored one: ``connection.ops.adapt_datetimefield_value``)."""
    database = connections[DEFAULT_DB_ALIAS]  # not the proxy: converters take it per value
    converters = _converters(fields, database)
    with database.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not converters:
        return [tuple(row) for row in rows]
    converted = []
    for row in rows:
        values = list(row)
        for index, chain in converters:
            value = values[index]
            for converter, column in chain:
                value = converter(value, column, database)
            values[index] = value
        converted.append(tuple(values))
    return converted
