"""ARM: operator workstation of the electronic monitoring system."""

__version__ = "0.1.0"


def _install_journal_key() -> None:
    """Hand ``db.integrity`` the journal key file (read on the first chained append, not here)."""
    from arm.journal_anchor.key import install

    install()


_install_journal_key()
