"""How much an import accepts: bigger or stranger files are refused with a clear error."""

MAX_UPLOAD_BYTES = 300 * 1024 * 1024
# Zip archives: entries, total and per-entry unpacked size, and how much an entry may
# expand (real exports compress ~5 to 30 times; zip bombs hundreds to millions of times).
MAX_ZIP_ENTRIES = 20_000
MAX_UNPACKED_BYTES = 4 * 1024 * 1024 * 1024
MAX_ENTRY_BYTES = 2 * 1024 * 1024 * 1024
MAX_RATIO = 100
RATIO_CHECKED_ABOVE_BYTES = 1024 * 1024
# One FIT, TCX or GPX activity file (read whole), after gunzip.
MAX_ACTIVITY_FILE_BYTES = 64 * 1024 * 1024
# Longest workout LegLog stores (tracker's duration_minutes upper bound).
MAX_WORKOUT_MINUTES = 1440
