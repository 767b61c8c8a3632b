"""Bulk writes with ids chosen by the caller: COPY on PostgreSQL, executemany on SQLite.

The rows are plain tuples in the order of the given field names; every other concrete field of
the model gets its default. Nothing in the database is switched off: constraints, foreign keys
(checked at the end of each statement on PostgreSQL, see ``BulkWriter.begin``) and triggers stay on.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection as default_connection
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

Convert = Callable[[Any], Any]


def _sqlite_datetime(value: dt.datetime | None) -> str | None:
    # Django stores aware datetimes in SQLite as naive UTC text (USE_TZ = True).
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return str(value)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _converter(field: models.Field[Any, Any], vendor: str) -> Convert | None:
    kind = field.get_internal_type()
    if kind == "JSONField":
        return _json
    if vendor != "sqlite":
        return None  # psycopg adapts date, datetime, Decimal, UUID and bool itself
    if kind == "UUIDField":
        return lambda v: v.hex if v is not None else None
    if kind == "DateTimeField":
        return _sqlite_datetime
    if kind == "DateField":
        return lambda v: v.isoformat() if v is not None else None
    if kind == "DecimalField":
        return lambda v: str(v) if v is not None else None
    if kind == "BooleanField":
        return lambda v: int(v) if v is not None else None
    return None


class BulkWriter:
    """Writes rows of many models on one connection and keeps the count per model."""

    def __init__(self, connection: BaseDatabaseWrapper | None = None) -> None:
        self.connection = connection or default_connection
        self.vendor = self.connection.vendor
        self.counts: Counter[str] = Counter()
        self._next: dict[type[models.Model], int] = {}

    def begin(self) -> None:
        """Call inside the transaction. PostgreSQL: the foreign keys (DEFERRABLE INITIALLY DEFERRED)
        are checked at the end of each statement rather than all at the commit, so a bad row fails
        in the stage that wrote it and the commit does not hold millions of pending checks."""
        if self.vendor == "postgresql":
            with self.connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    def ids(self, model: type[models.Model], n: int) -> int:
        """Reserve ``n`` ids of ``model``; returns the first. Ids follow the largest one in use."""
        if model not in self._next:
            table = self.connection.ops.quote_name(model._meta.db_table)
            with self.connection.cursor() as cursor:
                cursor.execute(f"SELECT MAX(id) FROM {table}")  # noqa: S608 - a table name from _meta
                self._next[model] = int(cursor.fetchone()[0] or 0) + 1
        first = self._next[model]
        self._next[model] = first + n
        return first

    def write(
        self,
        model: type[models.Model],
        fields: Sequence[str],
        rows: Iterable[Sequence[Any]],
        *,
        progress: Callable[[int], object] | None = None,
    ) -> int:
        meta = model._meta
        given = [meta.get_field(name) for name in fields]
        assert all(isinstance(f, models.Field) for f in given), "concrete fields only"
        names = set(fields)
        rest = [
            f for f in meta.concrete_fields if f.name not in names and not (f.primary_key and f.name in names)
        ]
        for f in rest:
            if not f.has_default() and not f.null and not f.primary_key:
                raise ValueError(f"{meta.label}.{f.name} needs a value")
        rest = [f for f in rest if not f.primary_key]
        defaults = tuple(f.get_default() for f in rest)
        concrete = [f for f in given if isinstance(f, models.Field)] + rest
        columns = [str(f.column) for f in concrete]
        converters = [_converter(f, self.vendor) for f in concrete]
        if any(converters):
            pairs = list(enumerate(converters))
            conv = [(i, c) for i, c in pairs if c is not None]

            def prepare(row: Sequence[Any]) -> Sequence[Any]:
                out = list(row) + list(defaults) if defaults else list(row)
                for i, c in conv:
                    out[i] = c(out[i])
                return out

        elif defaults:

            def prepare(row: Sequence[Any]) -> Sequence[Any]:
                return (*row, *defaults)

        else:

            def prepare(row: Sequence[Any]) -> Sequence[Any]:
                return row

        quote = self.connection.ops.quote_name
        table = quote(meta.db_table)
        cols = ", ".join(quote(c) for c in columns)
        count = 0
        self.connection.ensure_connection()
        raw = self.connection.connection
        assert raw is not None
        if self.vendor == "postgresql":
            with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(prepare(row))
                    count += 1
                    if progress is not None and count % 5000 == 0:
                        progress(5000)
        else:
            sql = f"INSERT INTO {table} ({cols}) VALUES ({', '.join('?' * len(columns))})"  # noqa: S608
            cursor = raw.cursor()
            batch: list[Sequence[Any]] = []
            for row in rows:
                batch.append(prepare(row))
                if len(batch) == 5000:
                    cursor.executemany(sql, batch)
                    count += len(batch)
                    batch.clear()
                    if progress is not None:
                        progress(5000)
            if batch:
                cursor.executemany(sql, batch)
                count += len(batch)
            cursor.close()
        if progress is not None:
            progress(count % 5000)
        self.counts[meta.label] += count
        return count

    def finish(self, *only: type[models.Model]) -> None:
        """PostgreSQL: move each identity sequence (or those of ``only``) past the ids written here,
        so that rows the ORM adds later do not collide with them."""
        if self.vendor != "postgresql":
            return
        with self.connection.cursor() as cursor:
            for model in only or tuple(self._next):
                table = model._meta.db_table
                quoted = self.connection.ops.quote_name(table)
                greatest = f"GREATEST((SELECT MAX(id) FROM {quoted}), 1)"  # noqa: S608 - name from _meta
                cursor.execute(f"SELECT setval(pg_get_serial_sequence(%s, 'id'), {greatest})", [table])
