"""ISA-18.2 alarms, incidents, the violation journal, and the rules runtime (see docs/alarms.md)."""
