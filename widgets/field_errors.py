"""The red line under a form field that says what is wrong with it, the same in every form.

Errors are named beside their field (the brief: "a bad form field is named beside the
field"); one helper keeps their look, object names (``error_<field>``, which tests find)
and the hidden-when-empty rule identical across the caseload, user and reference forms.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def error_label(name: str) -> QLabel:
    """A hidden, word-wrapped red label ``error_<name>`` for the field ``name``."""
    label = QLabel()
    label.setObjectName(f"error_{name}")
    label.setProperty("role", "fieldError")
    label.setStyleSheet("color: #b00020;")
    label.setWordWrap(True)
    label.hide()
    return label


def show_error(label: QLabel, text: str) -> None:
    """Show ``text`` with a warning sign, or hide the label when there is nothing to say."""
    label.setText(("⚠ " + text) if text else "")
    label.setVisible(bool(text))
