"""Plug-in hooks of this area (see arm/plugins.py); filled in by the area's owner."""
