"""Caseload services: the one place persons, zones, restrictions and devices are written.

The GUI, the CLI and the desk API call these functions instead of writing
rows themselves. Each takes the caller's session (the caller owns the
transaction), the acting user, and a typed draft; each checks the user's role
and districts (:mod:`arm.caseload.rights`, raising ``arm.access.AccessDenied``
with a stable code) before it writes, and records its audit row in the same
transaction, so a change and its record cannot part. Qt-free. See
docs/caseload.md.
"""
