"""Every Spanish page at phone size: the tests in pagewalk.py (axe and the
other gates at 320 px, the first screen at 320x568 and 375x667), from one
load of each page."""

from pagewalk import *  # noqa: F403 (the tests and fixtures, run here for LANGUAGE)

LANGUAGE = "es"
