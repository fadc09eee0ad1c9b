"""Compile every ``django.po`` of the project into ``django.mo`` without GNU gettext.

A fresh machine has no ``msgfmt``, so ``manage.py compilemessages`` cannot run there;
Babel (pure Python, pinned in requirements.txt) reads and writes the same formats.
Like ``msgfmt`` without ``--use-fuzzy``, fuzzy and untranslated entries are left out,
so the English text shows instead of a guess.
"""

import sys
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def project_locale_dirs() -> list[Path]:
    """``LOCALE_PATHS`` and the ``locale/`` folder of every app inside the project.

    Installed packages ship their own compiled catalogues and are left alone, even when
    the virtualenv lies inside the project folder.
    """
    base = Path(settings.BASE_DIR).resolve()
    environment = Path(sys.prefix).resolve()
    candidates = [Path(path) for path in settings.LOCALE_PATHS]
    candidates += [Path(config.path) / "locale" for config in apps.get_app_configs()]
    found: list[Path] = []
    for candidate in candidates:
        resolved = candidate.resolve()
        installed = resolved.is_relative_to(environment) or bool(
            {"site-packages", "dist-packages"} & set(resolved.parts)
        )
        inside = resolved.is_relative_to(base) and not installed
        if inside and resolved.is_dir() and resolved not in found:
            found.append(resolved)
    return found


def translated_only(catalog: Catalog) -> Catalog:
    """The catalog without fuzzy entries and without entries that have no translation.

    Babel keeps a plural entry whose forms are all empty and would then show the
    English singular for every count; ``msgfmt`` drops it, and so do we.
    """
    for message in list(catalog):
        if not message.id:
            continue  # the header carries the charset and plural forms
        forms = message.string
        strings = list(forms) if isinstance(forms, tuple | list) else [forms or ""]
        if message.fuzzy or not any(strings):
            catalog.delete(message.id, context=message.context)
    return catalog


def po_compile(*, po_path: Path) -> Path:
    """Write ``<name>.mo`` beside ``po_path``; returns the path written."""
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file, ignore_obsolete=True, abort_invalid=True)
    mo_path = po_path.with_suffix(".mo")
    with mo_path.open("wb") as mo_file:
        write_mo(mo_file, translated_only(catalog), use_fuzzy=False)
    return mo_path


class Command(BaseCommand):
    help = "Compile the project's django.po catalogues to .mo with Babel (no GNU gettext needed)."

    def handle(self, *args: Any, **options: Any) -> None:
        po_paths = [
            po_path
            for locale_dir in project_locale_dirs()
            for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/django.po"))
        ]
        for po_path in po_paths:
            try:
                mo_path = po_compile(po_path=po_path)
            except Exception as error:
                raise CommandError(f"{po_path}: {error}") from error
            if options["verbosity"] > 1:
                self.stdout.write(f"compiled {mo_path.relative_to(settings.BASE_DIR)}")
        self.stdout.write(f"Compiled {len(po_paths)} translation catalogue(s).")
