"""Build the site for `make html` and `make publish`: plain messages, nothing lost.

    python -m iopguide.build [--publish] [--output output] [--settings FILE]
                             [--no-search-index] [--no-swap] [--json FILE]

The build itself is iopguide/runner.py (Pelican in this process, every
problem collected); this is the command around it.

The site is built into a new folder next to the output folder; only when the
build (and the search index) succeed does it replace the output folder, so a
failed build leaves the last good site as it was. Mistakes are printed as
plain messages naming the file, the line and what is expected (the one
formatter, problems.format_problems, which `make check` prints with too),
and the exit status is 1. Set DEBUG=1 to also see
Python's traceback. --no-swap builds straight into --output (which must not
exist yet), for callers that manage folders themselves (the live preview).
--json FILE also writes the outcome as data, {"ok": true|false, "problems":
[{"file", "line", "message", "severity"}]}.

--worker is the live preview's long-lived build process: Python, Pelican
and the plugins are imported once, and Pelican's reader cache keeps the HTML
of every page that did not change, so a rebuild after a save is only the
build. It reads one request per line on standard input, {"output": folder},
builds into that folder (as --no-swap --no-search-index) and answers one
line on standard output, {"ok", "problems", "seconds"}; everything else it
prints goes to standard error. The preview starts a new worker when code
changes (Python keeps a module it has imported) or a build has to be stopped.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

from .problems import Problem, format_problems
from .runner import bug_report, build

ROOT = Path(__file__).resolve().parent.parent


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m iopguide.build", description=__doc__.split("\n")[0])
    parser.add_argument("--publish", action="store_true", help="use publishconf.py (absolute URLs from SITEURL)")
    parser.add_argument("--settings", help="settings file (default pelicanconf.py, or publishconf.py with --publish)")
    parser.add_argument("--output", default="output", help="output folder (default output)")
    parser.add_argument("--root", default=str(ROOT), help="project folder (default: this one)")
    parser.add_argument("--no-search-index", action="store_true", help="skip the Pagefind index")
    parser.add_argument("--no-swap", action="store_true", help="build straight into --output")
    parser.add_argument("--json", metavar="FILE", help="also write the outcome and its problems to FILE as JSON")
    parser.add_argument("--worker", action="store_true", help="build again for each request on standard input "
                        "(the live preview's build process)")
    return parser.parse_args(argv)


def debug():
    return os.environ.get("DEBUG", "") not in ("", "0")


def as_data(problems):
    """Problems as plain data (what --json and the worker write): file None when no file is known."""
    return [{"file": None if p.file.startswith("(") else p.file, "line": p.line, "message": p.message,
             "severity": p.severity} for p in problems]


def from_data(items):
    """The Problems as_data() wrote."""
    return [Problem(d["file"] or "(site build)", d["message"], line=d["line"], severity=d.get("severity", "error"))
            for d in items]


def say_problems(problems, output):
    n = sum(1 for p in problems if p.is_error)
    return "\n".join(format_problems(problems) + [
        "", f"The site was not built: {n} problem{'s' * (n != 1)} to fix (see docs/editing.md). "
            f"{output}/ was left as it was."])


def write_json(path, ok, problems):
    Path(path).write_text(json.dumps({"ok": ok, "problems": problems}, indent=1), encoding="utf-8")


def search_index(folder):
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(folder), "--quiet"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        return f"the search index (Pagefind) could not be built:\n{result.stdout}{result.stderr}".strip()
    return None


def swap_in(new, output):
    """Put the new build where the old one was, in two renames."""
    old = None
    if output.exists() or output.is_symlink():
        old = Path(tempfile.mkdtemp(prefix=f".{output.name}-old-", dir=output.parent))
        os.rename(output, old / output.name)
    os.rename(new, output)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def run(args):
    """Return (exit status, problems); print what the editor needs to know."""
    root = Path(args.root).resolve()
    settings = root / (args.settings or ("publishconf.py" if args.publish else "pelicanconf.py"))
    output = Path(args.output)
    output = output if output.is_absolute() else root / output
    if args.no_swap:
        target = output
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        target = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
    try:
        reader_cache = getattr(args, "reader_cache", None)
        result = build(settings, root, target, cache_path=reader_cache or root / "cache",
                       reader_cache=bool(reader_cache))
        if result.error is not None and debug():
            traceback.print_exception(result.error)
        if not result.ok:
            print(say_problems(result.problems, args.output), file=sys.stderr)
            return 1, result.problems
        if not args.no_search_index:
            problem = search_index(target)
            if problem:
                print(f"{problem}\n{args.output}/ was left as it was.", file=sys.stderr)
                return 1, [Problem("(search index)", problem)]
        if not args.no_swap:
            swap_in(target, output)
            target = None
    finally:
        if target is not None and not args.no_swap:
            shutil.rmtree(target, ignore_errors=True)
    if result.problems:   # warnings: shown, but they do not stop publishing
        print("\n".join(format_problems(result.problems)), file=sys.stderr)
    print(f"Built {len(result.written)} pages into {args.output}/.")
    return 0, result.problems


def worker(args):
    """Build again for each request on standard input (see the module doc)."""
    channel = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8", buffering=1)
    sys.stdout = sys.stderr                       # the answers are the only thing on standard output
    cache = tempfile.mkdtemp(prefix="iop-preview-cache-")  # the reader cache lives as long as this process
    try:
        for line in sys.stdin:
            request = json.loads(line)
            started = time.perf_counter()
            one = argparse.Namespace(**dict(vars(args), output=request["output"], no_swap=True,
                                            no_search_index=True, reader_cache=cache))
            try:
                status, problems = run(one)
            except Exception as exc:  # noqa: BLE001 - reported like any bug; the worker goes on
                status, problems = 1, crash_report(exc, args.root)
            channel.write(json.dumps({"ok": status == 0, "problems": as_data(problems),
                                      "seconds": time.perf_counter() - started}) + "\n")
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    return 0


def crash_report(exc, root):
    """A bug in this command itself: said to be one, with where it happened (DEBUG=1: the traceback)."""
    if debug():
        traceback.print_exc()
    return [bug_report(exc, root)]


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.worker:
        return worker(args)
    try:
        status, problems = run(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - a bug here is the site's, never the editor's: said so, no traceback
        problems = crash_report(exc, args.root)
        print("\n".join(format_problems(problems)) + "\nNothing in the output folder was changed.", file=sys.stderr)
        status = 1
    if args.json:
        write_json(args.json, status == 0, as_data(problems))
    return status


if __name__ == "__main__":
    sys.exit(main())
