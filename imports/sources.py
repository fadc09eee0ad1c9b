"""From an uploaded file to the files inside it, each parsed on its own.

An upload is a FIT, TCX or GPX file (optionally ``.gz``), an Apple Health ``export.xml``
or ``export.zip``, a Strava bulk-export zip, or a zip of activity files. Every archive is
checked whole before anything is read (entry count, unpacked sizes, compression ratio), so
a zip bomb is refused before a byte of it is inflated.
"""

import gzip
import io
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext as _

from imports import limits
from imports.parsers import (
    iter_apple_health,
    parse_fit,
    parse_gpx,
    parse_tcx,
    strava_record,
    strava_rows,
)
from imports.records import ImportFileError, WorkoutRecord

ACTIVITY_PARSERS: dict[str, Callable[[bytes], list[WorkoutRecord]]] = {
    ".fit": parse_fit,
    ".tcx": parse_tcx,
    ".gpx": parse_gpx,
}
READ_ERRORS = (zipfile.BadZipFile, zlib.error, gzip.BadGzipFile, EOFError, OSError)


@dataclass(frozen=True)
class FileUnit:
    """One file of an upload: its name for the error report, and how to read its workouts."""

    name: str
    read: Callable[[], Iterable[WorkoutRecord]]


def read_bounded(stream: IO[bytes] | gzip.GzipFile, limit: int) -> bytes:
    """All of ``stream``, refusing more than ``limit`` bytes (also after gunzip)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise ImportFileError(
            _("The file is larger than %(mb)d MB.") % {"mb": limit // (1024 * 1024)}
        )
    return data


def _kind(name: str) -> tuple[str, bool]:
    """The activity extension of ``name`` (".fit", ".tcx", ".gpx" or "") and whether gzipped."""
    lower = name.lower()
    gzipped = lower.endswith(".gz")
    if gzipped:
        lower = lower[:-3]
    for extension in ACTIVITY_PARSERS:
        if lower.endswith(extension):
            return extension, gzipped
    return "", gzipped


def parse_activity_bytes(name: str, data: bytes) -> list[WorkoutRecord]:
    """Parse one FIT/TCX/GPX file (gunzipping ``.gz``) named ``name``."""
    extension, gzipped = _kind(name)
    if not extension:
        raise ImportFileError(_("Unsupported file type: %(name)s") % {"name": name})
    if gzipped:
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as inflated:
                data = read_bounded(inflated, limits.MAX_ACTIVITY_FILE_BYTES)
        except READ_ERRORS as error:
            raise ImportFileError(_("The file is not a readable gzip file.")) from error
    return ACTIVITY_PARSERS[extension](data)


def check_zip(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The archive's file entries, or ImportFileError when it looks like a zip bomb."""
    entries = [info for info in archive.infolist() if not info.is_dir()]
    if len(entries) > limits.MAX_ZIP_ENTRIES:
        raise ImportFileError(
            _("The archive holds more than %(count)d files.") % {"count": limits.MAX_ZIP_ENTRIES}
        )
    total = 0
    for info in entries:
        total += info.file_size
        too_big = info.file_size > limits.MAX_ENTRY_BYTES or total > limits.MAX_UNPACKED_BYTES
        ratio = info.file_size / max(info.compress_size, 1)
        if too_big or (
            info.file_size > limits.RATIO_CHECKED_ABOVE_BYTES and ratio > limits.MAX_RATIO
        ):
            raise ImportFileError(
                _("The archive unpacks to far more than it holds (zip bomb protection): %(name)s")
                % {"name": info.filename}
            )
    return entries


def _member_reader(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo
) -> Callable[[], list[WorkoutRecord]]:
    def read() -> list[WorkoutRecord]:
        try:
            with archive.open(info) as member:
                data = read_bounded(member, limits.MAX_ACTIVITY_FILE_BYTES)
        except READ_ERRORS as error:
            raise ImportFileError(_("The file is damaged in the archive.")) from error
        return parse_activity_bytes(info.filename, data)

    return read


def _apple_reader(open_stream: Callable[[], IO[bytes]]) -> Callable[[], Iterator[WorkoutRecord]]:
    def read() -> Iterator[WorkoutRecord]:
        try:
            with open_stream() as stream:
                yield from iter_apple_health(stream)
        except READ_ERRORS as error:
            raise ImportFileError(_("The file is damaged in the archive.")) from error

    return read


def _strava_units(
    archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], csv_entry: zipfile.ZipInfo
) -> Iterator[FileUnit]:
    prefix = csv_entry.filename[: -len("activities.csv")]
    by_name = {info.filename[len(prefix) :]: info for info in entries}
    try:
        with archive.open(csv_entry) as handle:
            rows = strava_rows(read_bounded(handle, limits.MAX_ACTIVITY_FILE_BYTES))
    except READ_ERRORS as error:
        raise ImportFileError(_("activities.csv is damaged in the archive.")) from error
    for row in rows:
        info = by_name.get(row["file"]) if row["file"] else None
        if row["file"] and info is None:
            missing = row["file"]

            def fail(missing: str = missing) -> list[WorkoutRecord]:
                raise ImportFileError(
                    _("The archive lacks the activity file %(name)s.") % {"name": missing}
                )

            yield FileUnit(name=missing, read=fail)
            continue
        file_reader = _member_reader(archive, info) if info is not None else None

        def read(
            row: dict[str, str] = row,
            file_reader: Callable[[], list[WorkoutRecord]] | None = file_reader,
        ) -> list[WorkoutRecord]:
            return [strava_record(row, (lambda _name: file_reader()) if file_reader else None)]

        yield FileUnit(name=row["file"] or f"activities.csv #{row['id']}", read=read)


def zip_units(archive: zipfile.ZipFile) -> Iterator[FileUnit]:
    """The files of a checked archive: Apple Health, Strava, or loose activity files."""
    entries = check_zip(archive)
    names = {info.filename.rsplit("/", 1)[-1]: info for info in entries}
    apple = [info for info in entries if info.filename.rsplit("/", 1)[-1].lower() == "export.xml"]
    if apple:
        # Apple's workout-routes/*.gpx repeat the workouts of export.xml: not read.
        for info in apple:
            yield FileUnit(
                name=info.filename,
                read=_apple_reader(lambda info=info: archive.open(info)),  # type: ignore[misc]
            )
        return
    if "activities.csv" in names:
        yield from _strava_units(archive, entries, names["activities.csv"])
        return
    for info in entries:
        if _kind(info.filename)[0]:
            yield FileUnit(name=info.filename, read=_member_reader(archive, info))


def upload_units(name: str, stream: IO[bytes]) -> Iterator[FileUnit]:
    """The files of an upload named ``name``; ``stream`` (seekable) must stay open until every
    unit has been read."""
    lower = name.lower()
    if lower.endswith(".zip") or zipfile.is_zipfile(stream):
        stream.seek(0)
        try:
            archive = zipfile.ZipFile(stream)
        except READ_ERRORS as error:
            raise ImportFileError(_("The file is not a readable zip archive.")) from error
        # Not closed here: units are read after this generator ends. The archive does not
        # own ``stream``; the caller closes that.
        yield from zip_units(archive)
        return
    stream.seek(0)
    if lower.endswith(".xml"):
        yield FileUnit(name=name, read=lambda: iter_apple_health(stream))
        return
    if not _kind(name)[0]:
        raise ImportFileError(
            _("Unsupported file type: %(name)s (FIT, TCX, GPX, Apple Health or Strava zip).")
            % {"name": name}
        )

    def read() -> list[WorkoutRecord]:
        return parse_activity_bytes(name, read_bounded(stream, limits.MAX_UPLOAD_BYTES))

    yield FileUnit(name=name, read=read)
