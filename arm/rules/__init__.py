"""Rules that find violations: state per supervised person, conditions out (see docs/rules.md)."""
