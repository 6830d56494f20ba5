"""Steering and reporting: the inspector's dashboard (figures that say where to act) and the
periodic report for a chosen period and unit (page, CSV, XLSX). Reads only: selectors over
`Case.objects.in_scope_of(user)`, a bounded number of queries whatever the number of cases."""
