"""README's production step `collectstatic` builds the static manifest with production's
storage: every file a stylesheet or script refers to (a source map, a font) must exist, or
the command fails and every page then answers 500 ("Missing staticfiles manifest entry")."""

from __future__ import annotations

import json

from django.core.management import call_command


def test_production_collectstatic_builds_the_manifest(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": settings.MANIFEST_STATIC_STORAGE}

    call_command("collectstatic", "--noinput", verbosity=0)

    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    for name in (
        "portal/favicon.svg",
        "complaints/vendor/chartjs/chart.umd.min.js",
        "wagtailadmin/js/core.js",
    ):
        assert name in manifest, name
