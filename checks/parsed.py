"""Each built page parsed once for the checks that read its HTML (links and
images, and the link checker's section ids): parsing is most of their cost.

The parsed tree is shared, so callers only read it. It is keyed by the file's
bytes, so a page written again is parsed again; the most recent MAX_KEPT are
kept (a test session checks many small sites one after another)."""

import hashlib
from collections import OrderedDict
from pathlib import Path

from bs4 import BeautifulSoup

MAX_KEPT = 128
_kept = OrderedDict()


def soup(path):
    data = Path(path).read_bytes()
    key = hashlib.sha1(data).digest()
    if key in _kept:
        _kept.move_to_end(key)
        return _kept[key]
    tree = BeautifulSoup(data.decode("utf-8"), "html.parser")
    _kept[key] = tree
    if len(_kept) > MAX_KEPT:
        _kept.popitem(last=False)
    return tree
