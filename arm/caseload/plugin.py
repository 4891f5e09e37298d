"""The caseload area's commands: ``arm user``, ``arm reference``, ``arm person``, ``arm device``, ``arm caseload``."""

from __future__ import annotations

import argparse


def register_cli(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from arm.caseload import cli_caseload, cli_reference, cli_users

    cli_users.register_cli(sub)
    cli_reference.register_cli(sub)
    cli_caseload.register_cli(sub)
