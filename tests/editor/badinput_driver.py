"""Run `make html` (or `make publish`) and then `make check` on one project
copy, in one process to save a start-up, and print what each said as JSON.

    python tests/editor/badinput_driver.py PROJECT [--publish] [--no-check]

Both run exactly as the Makefile runs them (iopguide/build.py main(),
checks main()); their output is captured separately. An exception that
escapes either is recorded with its traceback, so the test can fail on it.
"""

import contextlib
import io
import json
import os
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(main, argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except BaseException:  # noqa: BLE001 - recorded, and the test fails on it
            traceback.print_exc()
            code = "crashed"
    return {"code": code, "out": out.getvalue() + err.getvalue()}


def main():
    project = Path(sys.argv[1]).resolve()
    publish = "--publish" in sys.argv
    from iopguide import build as site_build   # PYTHONPATH: the project and tests/editor (test_bad_input.py)
    result = {"build": run(site_build.main, ["--root", str(project), "--output", "output"]
                                            + (["--publish"] if publish else []))}
    if "--no-check" not in sys.argv:
        from checks.cli import main as check_main
        from checkrun import TODAY
        os.chdir(ROOT)
        result["check"] = run(check_main, ["--root", str(project), "--today", TODAY])
    print(json.dumps(result))


if __name__ == "__main__":
    main()
