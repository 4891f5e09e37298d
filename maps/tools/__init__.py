"""Maintenance scripts for the map's shipped assets (run by a developer, never at run time)."""
