"""Build the site for `make html` and `make publish`: plain messages, nothing lost.

    python scripts/build.py [--publish] [--output output] [--settings FILE]
                            [--no-search-index] [--no-swap]

The site is built into a new folder next to the output folder; only when the
build (and the search index) succeed does it replace the output folder, so a
failed build leaves the last good site as it was. Mistakes are printed as
plain messages naming the file, the line and what is expected, from the same
checks `make check` runs, and the exit status is 1. Set DEBUG=1 to also see
Python's traceback. --no-swap builds straight into --output (which must not
exist yet), for callers that manage folders themselves (the live preview).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python scripts/build.py", description=__doc__.split("\n")[0])
    parser.add_argument("--publish", action="store_true", help="use publishconf.py (absolute URLs from SITEURL)")
    parser.add_argument("--settings", help="settings file (default pelicanconf.py, or publishconf.py with --publish)")
    parser.add_argument("--output", default="output", help="output folder (default output)")
    parser.add_argument("--root", default=str(ROOT), help="project folder (default: this one)")
    parser.add_argument("--no-search-index", action="store_true", help="skip the Pagefind index")
    parser.add_argument("--no-swap", action="store_true", help="build straight into --output")
    return parser.parse_args(argv)


def debug():
    return os.environ.get("DEBUG", "") not in ("", "0")


def say_problems(findings, output):
    by_file = {}
    for f in findings:
        by_file.setdefault(f.file, []).append(f)
    lines = []
    for file, items in by_file.items():
        lines.append(file)
        for f in items:
            lines.append(f"  line {f.line}: {f.message}" if f.line else f"  {f.message}")
    n = len(findings)
    lines.append("")
    lines.append(f"The site was not built: {n} problem{'s' * (n != 1)} to fix (see docs/editing.md). "
                 f"{output}/ was left as it was.")
    return "\n".join(lines)


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
    """Return the exit status; print what the editor needs to know."""
    root = Path(args.root).resolve()
    for path in (root, root / "plugins"):
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))
    if str(ROOT) not in sys.path:
        sys.path.append(str(ROOT))  # checks/ of this project, when --root is a copy without it
    os.chdir(root)  # publishconf.py imports pelicanconf.py from the current folder
    from checks.build import build
    from checks.project import Project
    from checks.report import from_problem

    settings = root / (args.settings or ("publishconf.py" if args.publish else "pelicanconf.py"))
    output = Path(args.output)
    output = output if output.is_absolute() else root / output
    project = Project(root)
    try:
        from pelican.settings import read_settings
        read_settings(str(settings))  # a bad SITEURL stops here, with its own message
    except SystemExit as exc:
        print(f"{settings.name}: {exc}", file=sys.stderr)
        return 1

    findings = [from_problem(p, root, check="scan") for p in project.scan()]
    if findings:
        print(say_problems(findings, args.output), file=sys.stderr)
        return 1
    if args.no_swap:
        target = output
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        target = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
    cache = root / "cache"
    try:
        built, findings = build(project, project.pages(), target, settings_file=settings, cache_path=cache)
        if built.error is not None and debug():
            traceback.print_exception(built.error)
        if findings or not built.ok:
            if not findings:
                findings = [from_problem("the site did not build (no message); run again with DEBUG=1", root)]
            print(say_problems(findings, args.output), file=sys.stderr)
            return 1
        if not args.no_search_index:
            problem = search_index(target)
            if problem:
                print(f"{problem}\n{args.output}/ was left as it was.", file=sys.stderr)
                return 1
        if not args.no_swap:
            swap_in(target, output)
            target = None
    finally:
        if target is not None and not args.no_swap:
            shutil.rmtree(target, ignore_errors=True)
    print(f"Built {len(built.pages)} pages into {args.output}/.")
    return 0


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return run(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - an editor sees a sentence, a developer sets DEBUG=1
        if debug():
            traceback.print_exc()
        print(f"The build stopped unexpectedly: {type(exc).__name__}: {exc}\n"
              "Nothing in the output folder was changed. Run again with DEBUG=1 to see the details.",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
