"""Time spent inside the continuum plugin during one build, measured directly.

The with/without comparison in bench.py is the plugin's whole cost, but on a
noisy machine a few percent drowns in run-to-run spread. This runs one
Pelican build in this process with the plugin's import and each signal
handler timed, and prints JSON: {"import": s, "handlers": {name: s}, "build": s}.

    python -m bench.plugin_cost CONTENT OUTPUT CACHE_PATH
"""

import json
import runpy
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HANDLERS = ("on_get_generators", "on_generator_init", "on_content_object_init", "on_all_generators_finalized",
            "on_finalized", "checked")


def main(content, output, cache):
    started = time.perf_counter()
    from pelican import main as pelican_main   # Pelican's own import is not the plugin's cost
    spent = {}
    t = time.perf_counter()
    import iopguide.continuum.plugin as plugin
    spent["import"] = time.perf_counter() - t
    handlers = {}

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                handlers[name] = handlers.get(name, 0.0) + time.perf_counter() - t0
        return wrapper

    for name in HANDLERS:          # register() looks these up when Pelican loads the plugin
        setattr(plugin, name, timed(name, getattr(plugin, name)))
    sys.argv = ["pelican", content, "-o", output, "-s", str(ROOT / "pelicanconf.py"), "--fatal", "warnings", "-q",
                "-e", f"PLUGINS={json.dumps(runpy.run_path(str(ROOT / 'pelicanconf.py'))['PLUGINS'])}",
                f"PLUGIN_PATHS={json.dumps([str(ROOT)])}", f"CACHE_PATH={json.dumps(cache)}"]
    try:
        pelican_main()
    except SystemExit as exc:
        if exc.code:
            raise
    assert handlers.get("on_get_generators"), "the timed plugin did not run"
    spent["handlers"] = handlers
    spent["build"] = time.perf_counter() - started
    print(json.dumps(spent))


if __name__ == "__main__":
    main(*sys.argv[1:4])
