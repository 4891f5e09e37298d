"""Replay: the real rules engine and alarm manager over stored events, on a virtual clock (issue 17)."""
