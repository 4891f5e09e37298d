"""ARM: operator workstation of the electronic monitoring system."""

__version__ = "0.1.0"
