"""The HTML evaluation report: :func:`build_report` and its manifest."""

from evalkit.report.build import (
    build_report,
    neutralise_formula,
    read_report_input,
    write_csv_safe,
)
from evalkit.report.i18n import texts
from evalkit.report.manifest import build_manifest, file_fingerprint, signature_string

__all__ = [
    "build_manifest",
    "build_report",
    "file_fingerprint",
    "neutralise_formula",
    "read_report_input",
    "signature_string",
    "texts",
    "write_csv_safe",
]
