"""The user's data as JSON (re-importable) and as a zip of CSV files, streamed in pieces.

JSON layout (``SCHEMA_VERSION`` 1)::

    {"schema_version": 1, "exported_at": "...", "period": {"from": null, "to": null},
     "profile": {"timezone", "language", "birth_year", "sex"},
     "workouts": [{"uuid", "activity", "started_at", "duration_minutes", "intensity",
                   "tight_clothing", "exposure_tags", "notes", "symptom_free_at"}],
     "body_weights": [{"measured_on", "weight_kg"}],
     "episodes": [{"uuid", "workout" (a workout uuid or null), "started_at", "ended_at",
                   "sensations", "locations", "side", "severity", "accompanying",
                   "relief_actions", "notes"}],
     "alerts": [{"uuid", "rule", "level", "identity", "context", "episodes" (uuids),
                 "workouts" (uuids), "created_at", "acknowledged_at"}],
     "insights": [per activity, as GET /api/v1/insights/ gives it; derived, not imported]}

Rows are identified by their ``uuid`` (body weights by ``measured_on``), never by database
id, so an import into another account recreates the same history. Times carry the
user's offset. A per-episode alert identity ``episode:<id>`` is written as
``episode:<uuid>`` so it survives the move. Linked workouts of the episodes in a period
are exported with them even when they started before it.
"""

from reports.exports.csv_zip import csv_zip_chunks
from reports.exports.json_export import json_export_chunks
from reports.exports.rows import (
    EPISODE_IDENTITY,
    SCHEMA_VERSION,
    alerts_for,
    body_weights_for,
    episodes_for,
    workouts_for,
)

__all__ = [
    "EPISODE_IDENTITY",
    "SCHEMA_VERSION",
    "alerts_for",
    "body_weights_for",
    "csv_zip_chunks",
    "episodes_for",
    "json_export_chunks",
    "workouts_for",
]
