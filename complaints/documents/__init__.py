"""Written documents of a case's steps (issue 10): templates with their article,
drafted from the case, issued by a leader with a number, kept as private PDFs.

Models live in `models.py` (imported by `complaints.models`), the legal content of the
templates in `complaints.rules.documents`, the write path in `services.py`."""
