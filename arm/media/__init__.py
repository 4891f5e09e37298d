"""Media clips devices send (Watch voice messages): storing them, and reading them back audited.

``arm.media.store`` is the ingest side (used by the Watch listener),
``arm.media.library`` the access side (GUI, CLI), ``arm.media.cli`` the
``arm media`` command. See docs/protocols.md, "Voice messages".
"""
