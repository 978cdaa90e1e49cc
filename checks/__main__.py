"""Run every content check: python -m checks (see checks/cli.py)."""

import sys

from .cli import main

sys.exit(main())
