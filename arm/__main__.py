"""``python -m arm`` is the same as the ``arm`` command."""

import sys

from arm.cli import main

sys.exit(main())
