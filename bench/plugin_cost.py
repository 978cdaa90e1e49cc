"""Where the continuum plugin's cost goes in one build, measured directly.

The with/without comparison in bench.py is the plugin's whole cost, but on a
noisy machine a few percent drowns in run-to-run spread. This runs one
Pelican build in this process and times, in processor seconds (what the
build does, not what else the machine does meanwhile):

- the plugin's import and each of its signal handlers (the "with" site only);
- Pelican's own resolution of the pages' {filename} links (Content._update_content),
  which grows with the links each table carries;
- Pelican's writer (Writer.write_file), which renders and writes the bigger pages;
- the whole build, Pelican's import included.

It prints JSON: {"import": s, "handlers": {name: s}, "links": s, "write": s, "build": s}.

    python -m bench.plugin_cost CONTENT OUTPUT CACHE_PATH [with|without]

"with" and "without" are bench.py's two sides (synth_settings).
"""

import json
import sys
import time

HANDLERS = ("on_get_generators", "on_generator_init", "on_content_object_init", "on_all_generators_finalized",
            "on_finalized", "checked")


def timed(spent, key, fn):
    def wrapper(*args, **kwargs):
        t0 = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[key] = spent.get(key, 0.0) + time.process_time() - t0
    return wrapper


def main(content, output, cache, label="with"):
    from bench.bench import pelican_cmd, synth_settings   # the bench's, not the build's
    started = time.process_time()
    from pelican import main as pelican_main   # Pelican's own import is not the plugin's cost
    from pelican.contents import Content
    from pelican.writers import Writer
    spent, handlers = {}, {}
    Content._update_content = timed(spent, "links", Content._update_content)
    Writer.write_file = timed(spent, "write", Writer.write_file)
    if label == "with":
        t = time.process_time()
        import iopguide.continuum.plugin as plugin
        spent["import"] = time.process_time() - t
        for name in HANDLERS:          # register() looks these up when Pelican loads the plugin
            setattr(plugin, name, timed(handlers, name, getattr(plugin, name)))
    # The same command line as bench.py's builds, run in this process.
    sys.argv = ["pelican", *pelican_cmd(content, output, synth_settings(label, cache))[3:]]
    try:
        pelican_main()
    except SystemExit as exc:
        if exc.code:
            raise
    if label == "with":
        assert handlers.get("on_get_generators"), "the timed plugin did not run"
        spent["handlers"] = handlers
    spent["build"] = time.process_time() - started
    print(json.dumps(spent))


if __name__ == "__main__":
    main(*sys.argv[1:5])
