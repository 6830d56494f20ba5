"""Exports of case data to other systems (issue 15): `national` for the national database."""
