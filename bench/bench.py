"""`make bench`: page weight, Lighthouse and build times; writes bench/results.md.

Not a test: numbers vary with the machine. Run from the repository root:
    .venv/bin/python -m bench.bench [--runs 7] [--skip-lighthouse] [--sizes 100,1000]

1. Builds the real site into bench/work/site (pelican + Pagefind), several times.
2. Serves it with iopguide/serve.py as a static host would: the
   `_headers` headers, gzip for text. Loads every page in Chromium
   (Playwright, cold cache, one context per page) and records every response
   the browser really asks for until the load event, so counts and bytes are
   what a visitor downloads on arrival.
3. Runs Lighthouse 12 (bench/node_modules, mobile form factor, default
   simulated throttling) on every page.
4. Times synthetic sites of 100 and 1,000 pages with and without the
   continuum plugin (interleaved); inside those builds (bench/plugin_cost.py),
   the plugin's own code and what its tables add to Pelican's link
   resolution and writing; at 100 pages, the machine instructions of one
   build of each, counted by valgrind's callgrind (a count does not move with
   the machine's speed); and a rebuild after editing one page with the
   content cache on. Run only the overhead part:
   .venv/bin/python -m bench.bench --only plugin-overhead
5. Screenshots: every page, full length, at 375 px, into bench/work/screenshots/
   for a person to look at (they were a test asserting only a file size).
   Run only this step: .venv/bin/python -m bench.bench --only screenshots
6. Live preview: save -> reloaded page. Runs the preview (what `make
   serve` runs) on a copy of the project, opens a page in Chromium, saves an
   edit and times until the page has reloaded by itself with the new words.
   Run only this step: .venv/bin/python -m bench.bench --only preview-reload
"""

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import re
import runpy
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from iopguide.header import parse_header
from iopguide.serve import StaticServer

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORK = BENCH / "work"

SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"

KB = 1024
BUDGET_FIRST = 14 * KB      # first response (headers + gzip body) fits the first TCP round trip
BUDGET_TOTAL = 45 * KB      # everything loaded on arrival, gzip
BUDGET_REQUESTS = 5
BUDGET_PLUGIN_OVERHEAD = 0.05
# Instructions are counted (callgrind) up to this size: a build of 1,000 pages
# would take about 25 minutes under callgrind.
INSTRUCTIONS_MAX_PAGES = 100

# The site's own plugin list (the theme needs every part: i18n's t(), ...).
PLUGINS_WITH = list(runpy.run_path(str(ROOT / "pelicanconf.py"))["PLUGINS"])
# The theme calls the continuum part's `continuum_checked` filter; without that
# part the "without" builds load iopguide's other parts one by one (each is a
# plugin of its own) and bench/plugins/continuum_off, which only registers that
# filter as identity (no data, no markers): the theme's floor cost.
PLUGINS_WITHOUT = ["iopguide.guard", "iopguide.pages", "continuum_off", "iopguide.i18n",
                   *[name for name in PLUGINS_WITH if name != "iopguide"]]
PLUGIN_PATHS = [str(ROOT), str(BENCH / "plugins")]
SIDES = {"without": PLUGINS_WITHOUT, "with": PLUGINS_WITH}


def synth_settings(label, cache):
    """The -e settings of a "with" or "without" build of a synthetic site."""
    return {"PLUGINS": SIDES[label], "PLUGIN_PATHS": PLUGIN_PATHS, "CACHE_PATH": str(cache)}
MARKER_RE = re.compile(r"^[ \t]*<!--\s*continuum:[a-z]+\s*-->[ \t]*\n?", re.M)


def log(msg):
    print(msg, flush=True)


def kb(n):
    return f"{n / KB:.1f}"


# ---- building ---------------------------------------------------------------
def build_env():
    """Bytecode on, as on an editor's machine: the warm-up build writes the .pyc
    files and the timed builds measure steady state, not Python compiling iopguide/."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return dict(env, COLUMNS="200")


def pelican_cmd(content, output, extra=None, settings="pelicanconf.py"):
    cmd = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(ROOT / settings),
           "--fatal", "warnings", "-q"]
    if extra:
        # One -e with every pair: Pelican keeps only the last -e given.
        cmd += ["-e", *(f"{key}={json.dumps(value)}" for key, value in extra.items())]
    return cmd


def pelican(content, output, extra=None, settings="pelicanconf.py"):
    """Run one pelican build; return wall seconds (raises on failure)."""
    cmd = pelican_cmd(content, output, extra, settings)
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=build_env())
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed: {' '.join(cmd)}\n{result.stdout}\n{result.stderr}")
    return seconds


def pagefind(output):
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(output), "--quiet"], cwd=ROOT, check=True)
    return time.perf_counter() - start


def fresh(path):
    if path.exists():
        shutil.rmtree(path)
    return path


def median_of(runs, fn):
    times = [fn() for _ in range(runs)]
    return statistics.median(times), times


def build_real_site(runs):
    site = WORK / "site"
    pel, pel_times = median_of(runs, lambda: pelican(ROOT / "content", fresh(site)))
    pf, _ = median_of(runs, lambda: pagefind(site))
    return site, {"pelican": pel, "pelican_runs": pel_times, "pagefind": pf}


def make_synthetic(n, with_markers):
    """bench/work/synth-N-{with,without}/: a copy of content/ (its data files and
    real pages, which the continuum data links to) plus synthetic pages up to
    N pages in all. Each synthetic page is a copy of a real page's text with
    valid metadata; "with" pages carry <!-- continuum:table -->, "without"
    pages are identical minus every marker line (real pages' too)."""
    dest = fresh(WORK / f"synth-{n}-{'with' if with_markers else 'without'}")
    shutil.copytree(ROOT / "content", dest)
    pages = sorted((dest / "pages").glob("*.md"))
    model = (ROOT / "content" / "pages" / "what-is-iop.md").read_text(encoding="utf-8")
    header = parse_header(model)
    body = MARKER_RE.sub("", "\n" + "\n".join(model.splitlines()[header.end:]))
    meta = {key: " " + value for key, value in header.metadata.items()}
    for i in range(n - len(pages)):
        marker = "\n<!-- continuum:table -->\n\n" if with_markers else "\n"
        (dest / "pages" / f"synthetic-{i:04d}.md").write_text(
            f"Title: Synthetic page {i}\n"
            f"Summary: A generated page for the build benchmark, number {i}.\n"
            f"Reviewed:{meta['reviewed']}\nNext-review:{meta['next-review']}\n"
            f"Sources:{meta['sources']}\nOrder: {1000 + i}\n"
            f"{body.rstrip()}\n{marker}", encoding="utf-8")
    if not with_markers:
        for page in pages:
            page.write_text(MARKER_RE.sub("", page.read_text(encoding="utf-8")), encoding="utf-8")
    assert len(list((dest / "pages").glob("*.md"))) == max(n, len(pages))
    return dest


def time_synthetic(n, runs):
    """Build the "without" and "with" sites in turn (A, B, A, B, ...), so a
    slow spell of the machine lands on both sides instead of on one."""
    builds = {}
    for label in SIDES:
        markers = label == "with"
        content = make_synthetic(n, markers)
        extra = synth_settings(label, fresh(WORK / f"cache-synth-{n}-{label}"))
        output = WORK / f"out-{n}-{label}"
        pelican(content, fresh(output), extra)  # warm-up: disk cache, .pyc files, template bytecode
        # Proof the settings took effect: only the real plugin leaves its files in CACHE_PATH.
        ran = any('id="continuum-table"' in page.read_text(encoding="utf-8") for page in output.rglob("index.html"))
        assert ran == markers, f"{label} build: continuum plugin {'ran' if ran else 'did not run'}; check the -e settings"
        builds[label] = (content, output, extra)
    times = {label: [] for label in builds}
    for _ in range(runs):
        for label, (content, output, extra) in builds.items():
            times[label].append(pelican(content, fresh(output), extra))
    out = {label: {"median": statistics.median(t), "runs": t} for label, t in times.items()}
    out["tables_rendered"] = sum('id="continuum-table"' in p.read_text(encoding="utf-8")
                                 for p in builds["with"][1].rglob("index.html"))
    # Each "with" build is paired with the "without" build just before it,
    # so the two saw the same machine; the overhead is the median of the
    # pairs' ratios. On this kind of shared VM (speed swinging 10-45 % from
    # run to run) that was the steadiest of the estimators tried over three
    # full runs; the ratio of the medians and of the fastest runs are
    # reported beside it.
    out["paired"] = [w / wo for w, wo in zip(times["with"], times["without"])]
    out["overhead"] = statistics.median(out["paired"]) - 1
    out["overhead_of_medians"] = out["with"]["median"] / out["without"]["median"] - 1
    out["overhead_of_fastest"] = min(times["with"]) / min(times["without"]) - 1
    return out


def time_parts(n, runs):
    """Where the plugin's cost goes in builds of the N-page sites, timed in
    processor seconds inside the build by bench/plugin_cost.py: the plugin's
    own code, and the part of Pelican's link resolution and writing that grows
    with the tables. "without" and "with" builds in turn, after a warm-up of each."""
    samples = {label: [] for label in SIDES}
    for i in range(runs + 1):
        for label in samples:
            content, output = WORK / f"synth-{n}-{label}", WORK / f"out-{n}-parts-{label}"
            result = subprocess.run([sys.executable, "-m", "bench.plugin_cost", str(content), str(fresh(output)),
                                     str(WORK / f"cache-parts-{n}-{label}"), label],
                                    cwd=ROOT, capture_output=True, text=True, env=build_env())
            if result.returncode != 0:
                raise SystemExit(f"plugin_cost.py failed:\n{result.stdout}\n{result.stderr}")
            if i:                                              # the first round is the warm-up
                samples[label].append(json.loads(result.stdout.strip().splitlines()[-1]))
    med = lambda label, key: statistics.median(s.get(key, 0.0) for s in samples[label])  # noqa: E731
    inside = [s["import"] + sum(s["handlers"].values()) for s in samples["with"]]
    build = {label: [s["build"] for s in samples[label]] for label in samples}
    base = statistics.median(build["without"])
    return {"import": med("with", "import"),
            "handlers": statistics.median(sum(s["handlers"].values()) for s in samples["with"]),
            "inside": statistics.median(inside),
            "share": statistics.median(x / s["build"] for x, s in zip(inside, samples["with"])),
            # What the tables add to Pelican's own work, as a share of the build without them.
            "links": (med("with", "links") - med("without", "links")) / base,
            "write": (med("with", "write") - med("without", "write")) / base,
            "cpu_without": build["without"], "cpu_with": build["with"],
            # The fastest build of each side: the least disturbed by the rest of the machine.
            "overhead_cpu_fastest": min(build["with"]) / min(build["without"]) - 1}


def count_instructions(n):
    """Machine instructions of one build of the N-page "without" and "with"
    sites, counted by valgrind's callgrind: the same count however busy the
    machine is, where the wall-clock ratios above move by more than the
    budget. Each build under callgrind takes about 2.5 minutes at 100 pages;
    the two run at once. None when valgrind is not installed."""
    if not shutil.which("valgrind"):
        return None
    running = {}
    for label in SIDES:
        content = WORK / f"synth-{n}-{label}"
        extra = synth_settings(label, WORK / f"cache-callgrind-{n}-{label}")
        output = WORK / f"out-{n}-callgrind-{label}"
        pelican(content, fresh(output), extra)  # warm-up: .pyc files, the plugin's pass cache and compiled templates
        cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={WORK / f'callgrind-{n}-{label}.out'}",
               *pelican_cmd(content, fresh(output), extra)]
        running[label] = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                          env=dict(build_env(), PYTHONHASHSEED="0"))
    counts = {}
    for label, proc in running.items():
        out, err = proc.communicate()
        found = re.search(r"Collected : (\d+)", err)
        if proc.returncode != 0 or not found:
            raise SystemExit(f"callgrind build failed ({label}):\n{out}\n{err}")
        counts[label] = int(found.group(1))
    return {**counts, "overhead": counts["with"] / counts["without"] - 1}


def time_cached_rebuild(n, runs):
    """Cold build with the content cache written, then rebuilds after editing one page."""
    content = WORK / f"synth-{n}-with"
    cache = WORK / f"cache-{n}"
    output = WORK / f"out-{n}-cached"
    extra = {"PLUGINS": PLUGINS_WITH, "PLUGIN_PATHS": PLUGIN_PATHS, "CACHE_CONTENT": True,
             "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(cache)}
    fresh(cache)
    cold = pelican(content, fresh(output), extra)
    assert (cache / "PagesGenerator-Readers").exists(), "the content cache was not written; check the -e settings"
    page = content / "pages" / "synthetic-0000.md"
    original = page.read_text(encoding="utf-8")
    times = []
    try:
        for i in range(runs):
            page.write_text(original + f"\nEdited for the benchmark ({i}).\n", encoding="utf-8")
            times.append(pelican(content, output, extra))
    finally:
        page.write_text(original, encoding="utf-8")
    return {"cold_with_cache_write": cold, "rebuild_median": statistics.median(times), "runs": times}


# ---- page weight ------------------------------------------------------------
def site_pages(root):
    pages = []
    for f in sorted(Path(root).rglob("*.html")):
        rel = f.relative_to(root)
        if rel.parts[0] == "pagefind":
            continue
        url = "/" + rel.as_posix()
        pages.append(url[: -len("index.html")] if url.endswith("/index.html") else url)
    return pages


def kind_of(resource_type, url):
    if resource_type == "document":
        return "html"
    if resource_type == "stylesheet" or url.endswith(".css"):
        return "css"
    if resource_type == "script" or url.endswith((".js", ".mjs")):
        return "js"
    return "other"


def header_bytes(status, headers):
    return len(f"HTTP/1.1 {status} OK\r\n") + sum(len(h["name"]) + len(h["value"]) + 4 for h in headers) + 2


def measure_weights(browser, origin, pages):
    rows = []
    for url in pages:
        context = browser.new_context(viewport={"width": 412, "height": 823})
        page = context.new_page()
        responses = []
        page.on("response", lambda r, seen=responses: seen.append(r))  # Playwright cannot wrap list.append itself
        page.goto(origin + url, wait_until="load")
        page.wait_for_timeout(300)  # anything a script fetches right after load
        row = {"url": url, "requests": 0, "first": 0,
               **{f"{k}_{m}": 0 for k in ("html", "css", "js", "other") for m in ("raw", "gz")}}
        for i, resp in enumerate(responses):
            body = resp.body()
            kind = kind_of(resp.request.resource_type, resp.url)
            gz = len(gzip.compress(body, compresslevel=6, mtime=0)) if kind != "other" or body[:2] != b"\x89P" else len(body)
            row["requests"] += 1
            row[f"{kind}_raw"] += len(body)
            row[f"{kind}_gz"] += gz
            if i == 0:
                row["first"] = header_bytes(resp.status, resp.headers_array()) + gz
        row["urls"] = [r.url.removeprefix(origin) for r in responses]
        row["raw"] = sum(row[f"{k}_raw"] for k in ("html", "css", "js", "other"))
        row["gz"] = sum(row[f"{k}_gz"] for k in ("html", "css", "js", "other"))
        rows.append(row)
        context.close()
    return rows


def measure_search(browser, origin):
    """What one search costs: Pagefind's files load only when a search runs."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(origin + "/search/", wait_until="load")
    page.wait_for_timeout(500)  # let the favicon and anything else from the load finish first
    responses = []
    page.on("response", lambda r: responses.append(r))
    field = page.locator("[data-search-form] input[type=search]")
    field.fill("insurance")
    field.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('[data-search-list] li').length > 0", timeout=15000)
    page.wait_for_timeout(300)
    total = sum(len(gzip.compress(r.body(), 6, mtime=0)) for r in responses)
    raw = sum(len(r.body()) for r in responses)
    found = page.locator("[data-search-list] li").count()
    context.close()
    return {"requests": len(responses), "raw": raw, "gz": total, "results": found,
            "urls": [r.url.removeprefix(origin) for r in responses]}


def screenshots(browser, origin, pages, width=375):
    """Full-page screenshots of every page at `width` px, for a person to look at."""
    out = fresh(WORK / "screenshots")
    out.mkdir(parents=True)
    for url in pages:
        context = browser.new_context(viewport={"width": width, "height": 812})
        page = context.new_page()
        page.goto(origin + url, wait_until="load")
        page.wait_for_timeout(50)
        page.screenshot(path=str(out / f"{url.strip('/').replace('/', '_').removesuffix('.html') or 'home'}.png"),
                        full_page=True)
        context.close()
    return out


# ---- Lighthouse ---------------------------------------------------------------
def lighthouse(origin, url):
    out = WORK / "lighthouse" / (url.strip("/").replace("/", "_") or "home")
    out.parent.mkdir(parents=True, exist_ok=True)
    flags = "--headless=new " + " ".join(CHROMIUM_ARGS)
    env = dict(os.environ)
    if SYSTEM_CHROMIUM.exists():
        env["CHROME_PATH"] = str(SYSTEM_CHROMIUM)
    cmd = [str(LIGHTHOUSE), origin + url, "--quiet", "--output=json", f"--output-path={out}.json",
           "--form-factor=mobile", f"--chrome-flags={flags}"]
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=180)
    if result.returncode != 0:
        return {"url": url, "error": (result.stderr or result.stdout).strip().splitlines()[-1:]}
    data = json.loads(Path(f"{out}.json").read_text(encoding="utf-8"))
    audits = data["audits"]
    scores = {k: round(v["score"] * 100) if v["score"] is not None else None for k, v in data["categories"].items()}
    failing = sorted(f"{ref['id']} ({v['score']:.2f})" for cat in data["categories"].values() for ref in cat["auditRefs"]
                     if ref.get("weight") and (v := audits[ref["id"]]).get("score") is not None and v["score"] < 1)
    return {"url": url, **scores, "lcp": audits["largest-contentful-paint"]["numericValue"],
            "cls": audits["cumulative-layout-shift"]["numericValue"],
            "tbt": audits["total-blocking-time"]["numericValue"], "failing": failing,
            "warnings": data.get("runWarnings", [])}


# ---- report -----------------------------------------------------------------
def _test_helper(name):
    """A module of tests/ (previewkit, sitebuild), loaded from its file: `tests`
    is not a package here, and an installed distribution ships a top-level
    `tests` package that `import tests.x` would find instead."""
    import importlib.util
    if name not in _helpers:
        spec = importlib.util.spec_from_file_location(f"_bench_{name}", ROOT / "tests" / f"{name}.py")
        _helpers[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(_helpers[name])
    return _helpers[name]


_helpers = {}


def measure_preview_reload(browser, runs):
    """Seconds from saving a page to the open page showing the edit, reloaded by
    the preview's own script (no test harness navigation), and to the error box
    after a bad save. Each save changes the words, so every one is a real rebuild.

    The clock stops at the reloaded page's DOMContentLoaded (an event, so no
    polling interval is measured; Playwright's own wait for a selector backs off
    to 500 ms steps across a navigation), once the page holds what was saved."""
    Preview, edit = _test_helper("previewkit").Preview, _test_helper("previewkit").edit
    copy_project = _test_helper("sitebuild").copy_project
    work = fresh(WORK / "preview")
    project = copy_project(work / "project")
    server = Preview(project, work / "out")
    page_file = project / "content/pages/faq.md"
    good, bad, fixed = [], [], []

    def reloaded(page, holds, save):
        start = time.perf_counter()
        save()
        deadline = start + 60
        while True:
            page.wait_for_event("domcontentloaded", timeout=max(1, deadline - time.perf_counter()) * 1000)
            if holds(page.content()):
                return time.perf_counter() - start

    try:
        page = browser.new_context().new_page()
        page.goto(server.origin + "/faq/")
        page.wait_for_load_state("load")
        page.wait_for_timeout(500)  # the event stream is connected
        edit(page_file, "\n## ", "\nReloadMarker0 here.\n\n## ")
        page.locator("text=ReloadMarker0").wait_for(timeout=60_000)
        page.wait_for_timeout(300)
        for i in range(1, runs + 1):
            good.append(reloaded(page, lambda html, i=i: f"ReloadMarker{i}" in html,
                                 lambda i=i: edit(page_file, f"ReloadMarker{i - 1}", f"ReloadMarker{i}")))
            page.wait_for_timeout(300)
            bad.append(reloaded(page, lambda html: "preview-problem" in html,
                                lambda: edit(page_file, "Reviewed: ", "Reviewed: 2026-13-")))
            page.wait_for_timeout(300)
            fixed.append(reloaded(page, lambda html: "preview-problem" not in html,
                                  lambda: edit(page_file, "Reviewed: 2026-13-", "Reviewed: ")))
            page.wait_for_timeout(300)
        page.context.close()
    finally:
        server.stop()
    rebuilds = [float(m) for m in re.findall(r"rebuilt in ([0-9.]+) s", server.log())[1:]]
    return {"save_to_reloaded": good, "save_to_error_shown": bad, "fix_to_reloaded": fixed,
            "pelican_rebuild": rebuilds}


def preview_section(p):
    med = statistics.median
    return ["## Live preview: save -> reloaded page", "",
            table(["What", "Median s", "Runs s"], [
                ["Save a page -> the open page has reloaded with the edit", f"{med(p['save_to_reloaded']):.2f}",
                 ", ".join(f"{t:.2f}" for t in p["save_to_reloaded"])],
                ["Save a bad edit -> the error box is on the open page", f"{med(p['save_to_error_shown']):.2f}",
                 ", ".join(f"{t:.2f}" for t in p["save_to_error_shown"])],
                ["Save the fix -> the page has reloaded without the box", f"{med(p['fix_to_reloaded']):.2f}",
                 ", ".join(f"{t:.2f}" for t in p["fix_to_reloaded"])],
                ["of which: the Pelican rebuild itself (the preview's log)",
                 f"{med(p['pelican_rebuild']):.2f}" if p["pelican_rebuild"] else "-", ""],
            ]), "",
            "the preview (python -m iopguide.preview) on a copy of the project (no search index), one Chromium tab on /faq/; "
            "each time runs from the file write until the page, reloaded by itself (server-sent events from the "
            "preview), fires DOMContentLoaded holding the edit. The watcher waits for 30 ms of quiet before a "
            "build; the build runs in the preview's long-lived worker (reader cache warm).",
            ""]


def table(headers, rows):
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---:" if i else "---" for i in range(len(headers))) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def overhead_lines(synth, runs):
    """The plugin-overhead paragraphs of results.md, a list of lines per size."""
    md = []
    for n, s in synth.items():
        runs_all = s["without"]["runs"] + s["with"]["runs"]
        spread = (max(s["without"]["runs"]) - min(s["without"]["runs"])) / s["without"]["median"]
        verdict = "within" if abs(s["overhead"]) <= spread else "larger than"
        md += [f"At {n} pages the overhead is {s['overhead'] * 100:+.1f} % (median of the {len(s['paired'])} paired "
               f"ratios: {', '.join(f'{(r - 1) * 100:+.1f}' for r in s['paired'])} %). Ratio of the medians "
               f"{s['overhead_of_medians'] * 100:+.1f} %; of the fastest runs {s['overhead_of_fastest'] * 100:+.1f} % "
               f"({min(s['with']['runs']):.2f} / {min(s['without']['runs']):.2f} s). The run-to-run spread of the "
               f"*without* builds was {spread * 100:.1f} % (all runs {min(runs_all):.2f}-{max(runs_all):.2f} s), so "
               f"the overhead is {verdict} the noise.", ""]
        d = s["direct"]
        rest = d["overhead_cpu_fastest"] - d["share"] - d["links"] - d["write"]
        md += [f"Measured inside the build (bench/plugin_cost.py, {n} pages, processor time, median of {runs} runs "
               f"of each): the plugin's own import and signal handlers take {d['inside'] * 1000:.0f} ms (import "
               f"{d['import'] * 1000:.0f} ms, handlers {d['handlers'] * 1000:.0f} ms), {d['share'] * 100:.1f} % of "
               f"the build. What the tables add to Pelican's own work: resolving their {{filename}} links "
               f"{d['links'] * 100:+.1f} %, rendering and writing the bigger pages {d['write'] * 100:+.1f} % of the "
               f"build without them. The fastest build of each side (processor time): "
               f"{min(d['cpu_with']):.2f} s with, {min(d['cpu_without']):.2f} s without, "
               f"{d['overhead_cpu_fastest'] * 100:+.1f} %; what those parts leave unexplained: {rest * 100:+.1f} %.",
               ""]
        ins = s.get("instructions")
        if ins:
            md += [f"Counted by callgrind ({n} pages, one build of each, PYTHONHASHSEED=0): "
                   f"{ins['with'] / 1e9:.2f} billion instructions with the plugin, {ins['without'] / 1e9:.2f} billion "
                   f"without: {ins['overhead'] * 100:+.1f} %. A count does not move with the machine's speed; it "
                   "leaves out waiting for the disk and the memory.", ""]
    return md


def report(site_times, weights, search, lh, synth, cached, runs, versions):
    ok = lambda b: "holds" if b else "MISSED"  # noqa: E731
    md = ["# Benchmark results", "",
          f"Generated by `make bench` on {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC; "
          f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {versions}. "
          f"Build times are the median of {runs} runs. Numbers depend on the machine: compare runs on one machine.", ""]
    worst_first = max(r["first"] for r in weights)
    worst_total = max(r["gz"] for r in weights)
    worst_req = max(r["requests"] for r in weights)
    budgets = [("First response ≤ 14 KB (headers + gzip HTML)", f"{kb(worst_first)} KB (largest)", ok(worst_first <= BUDGET_FIRST)),
               ("Total on load ≤ 45 KB gzip", f"{kb(worst_total)} KB (largest)", ok(worst_total <= BUDGET_TOTAL)),
               (f"Requests on load ≤ {BUDGET_REQUESTS}", f"{worst_req} (most)", ok(worst_req <= BUDGET_REQUESTS))]
    if lh:
        good = [r for r in lh if "error" not in r]
        all100 = bool(good) and len(good) == len(lh) and all(
            r[c] == 100 for r in good for c in ("performance", "accessibility", "best-practices", "seo"))
        budgets.append(("Lighthouse 100/100/100/100 on every page", f"{len(good)}/{len(lh)} pages measured", ok(all100)))
    for n, s in synth.items():
        ins = s.get("instructions")
        # The verdict: the instruction count where there is one (the same in every run), else the
        # median of the paired wall-clock ratios (which on this machine move by more than the budget).
        verdict = ins["overhead"] if ins else s["overhead"]
        basis = "instructions counted by callgrind" if ins else "median of paired runs"
        budgets.append((f"continuum plugin overhead ≤ 5 % ({n} pages; {basis})",
                        (f"{ins['overhead'] * 100:+.1f} % instructions; " if ins else "") +
                        f"wall clock {s['overhead'] * 100:+.1f} % (medians {s['overhead_of_medians'] * 100:+.1f} %, "
                        f"fastest {s['overhead_of_fastest'] * 100:+.1f} %); processor time, fastest "
                        f"{s['direct']['overhead_cpu_fastest'] * 100:+.1f} %; in plugin code "
                        f"{s['direct']['share'] * 100:.1f} %",
                        ok(verdict <= BUDGET_PLUGIN_OVERHEAD)))
    md += ["## Budgets", "", table(["Budget", "Measured", "Verdict"], budgets), ""]

    md += ["## Page weight (what the browser requests on load)", "",
           "Each page loaded in Chromium with a cold cache (one new context per page) from iopguide/serve.py, "
           "which sends the `_headers` headers and gzips text as a static host does. Every response up to the "
           "load event (+300 ms) is counted, the favicon included. Raw = decoded bytes; gzip = that body "
           "gzipped at level 6 (PNG/WASM counted as is). First response = status line + headers + gzip HTML. "
           "Sizes in KB (1,024 bytes).", "",
           table(["Page", "Req.", "First", "HTML raw/gz", "CSS raw/gz", "JS raw/gz", "Other raw/gz", "Total raw", "Total gz"],
                 [[r["url"], r["requests"], kb(r["first"]), f"{kb(r['html_raw'])} / {kb(r['html_gz'])}",
                   f"{kb(r['css_raw'])} / {kb(r['css_gz'])}", f"{kb(r['js_raw'])} / {kb(r['js_gz'])}",
                   f"{kb(r['other_raw'])} / {kb(r['other_gz'])}", kb(r["raw"]), kb(r["gz"])] for r in weights]), ""]
    md += ["Requests on the heaviest page: " + ", ".join(max(weights, key=lambda r: r["gz"])["urls"]), ""]
    if search:
        md += ["**Search (Pagefind).** Pagefind's script, WebAssembly and index files are not requested when a "
               "page loads; they load only when someone runs a search on /search/, so they are not in the "
               f"table above. One search for “insurance” cost {search['requests']} more requests, "
               f"{kb(search['raw'])} KB raw / {kb(search['gz'])} KB gzip ({search['results']} results): "
               + ", ".join(search["urls"]) + ".", ""]

    if lh:
        md += ["## Lighthouse 12 (mobile form factor, simulated throttling)", "",
               table(["Page", "Perf.", "A11y", "Best pr.", "SEO", "LCP ms", "CLS", "TBT ms", "Audits below 1"],
                     [[r["url"], "error", "", "", "", "", "", "", "; ".join(r["error"])] if "error" in r else
                      [r["url"], r["performance"], r["accessibility"], r["best-practices"], r["seo"],
                       f"{r['lcp']:.0f}", f"{r['cls']:.3f}", f"{r['tbt']:.0f}", "; ".join(r["failing"]) or "none"]
                      for r in lh]), ""]
    else:
        md += ["## Lighthouse", "", "Skipped (--skip-lighthouse).", ""]

    md += ["## Build time", "", table(["Build", "Median s", "Runs s"], [
        ["Real site: pelican", f"{site_times['pelican']:.2f}", ", ".join(f"{t:.2f}" for t in site_times["pelican_runs"])],
        ["Real site: Pagefind index", f"{site_times['pagefind']:.2f}", ""],
        *[[f"{n} pages, {label} continuum", f"{s[label]['median']:.2f}", ", ".join(f"{t:.2f}" for t in s[label]["runs"])]
          for n, s in synth.items() for label in ("without", "with")],
        *[[f"{n} pages, cold build writing the content cache", f"{c['cold_with_cache_write']:.2f}", ""]
          for n, c in cached.items()],
        *[[f"{n} pages, rebuild after editing one page (cache on)", f"{c['rebuild_median']:.2f}",
           ", ".join(f"{t:.2f}" for t in c["runs"])] for n, c in cached.items()],
    ]), ""]
    md += overhead_lines(synth, runs)
    md += ["Times are wall-clock seconds of a whole `python -m pelican ... --fatal warnings` process "
           "(Python start-up, about 0.3-0.5 s, included), after one warm-up build. The *with* and *without* "
           "builds of a size run in turn (without, with, without, with, ...); each with/without pair saw the "
           "same machine, and the overhead is the median of the pairs' ratios; the ratios of the medians and of "
           "the fastest runs are shown too. Bytecode writing is on (the "
           "warm-up writes the .pyc files), as on an editor's machine.", "",
           "**Plugin overhead method.** Synthetic sites copy content/ (the continuum data links to the real "
           "pages, so they must exist) and add generated pages, each a copy of what-is-iop.md's text with valid "
           "metadata, up to 100 or 1,000 pages. *With*: every generated page carries `<!-- continuum:table -->`, "
           "and the real plugin loads, checks the data file and renders one table per page "
           + ", ".join(f"({s['tables_rendered']} pages with a table at {n} pages)" for n, s in synth.items()) +
           ". *Without*: the same pages with every marker line removed, and instead of the plugin a stub "
           "(bench/plugins/continuum_off) that only registers the theme's `continuum_checked` filter as a "
           "no-op, since the theme needs it. So the ratio is the plugin's whole cost, table rendering "
           "included: with/without - 1.", ""]
    return "\n".join(md) + "\n", budgets


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--out", default=str(BENCH / "results.md"))
    parser.add_argument("--only", choices=["preview-reload", "screenshots", "plugin-overhead"],
                        help="run one step and print its figures")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    if args.only == "plugin-overhead":
        for n in (int(s) for s in args.sizes.split(",") if s):
            log(f"synthetic site, {n} pages ({args.runs} runs each)...")
            synth = {n: time_synthetic(n, args.runs)}
            synth[n]["direct"] = time_parts(n, args.runs)
            synth[n]["instructions"] = count_instructions(n) if n <= INSTRUCTIONS_MAX_PAGES else None
            print("\n".join(overhead_lines(synth, args.runs)))
        return

    from playwright.sync_api import sync_playwright
    launch = {"args": CHROMIUM_ARGS}
    if SYSTEM_CHROMIUM.exists():
        launch["executable_path"] = str(SYSTEM_CHROMIUM)
    if args.only == "screenshots":
        site = WORK / "site"
        pelican(ROOT / "content", fresh(site))
        with StaticServer(site) as srv, sync_playwright() as pw:
            browser = pw.chromium.launch(**launch)
            out = screenshots(browser, srv.origin, site_pages(site))
            browser.close()
        print(f"{len(list(out.glob('*.png')))} screenshots in {out.relative_to(ROOT)}/")
        return
    log("live preview: save -> reloaded page...")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(**launch)
        preview = measure_preview_reload(browser, args.runs)
        browser.close()
    if args.only == "preview-reload":
        print("\n".join(preview_section(preview)))
        return

    log("building the real site...")
    site, site_times = build_real_site(args.runs)

    with StaticServer(site, compress=True, cache_control="public, max-age=0, must-revalidate") as srv, \
            sync_playwright() as pw:
        browser = pw.chromium.launch(**launch)
        pages = site_pages(site)
        log(f"page weight: {len(pages)} pages...")
        weights = measure_weights(browser, srv.origin, pages)
        log("screenshots at 375 px...")
        shots = screenshots(browser, srv.origin, pages)
        search = measure_search(browser, srv.origin)
        versions = f"Chromium {browser.version}"
        browser.close()
        lh = []
        if not args.skip_lighthouse:
            for url in pages:
                log(f"lighthouse {url}...")
                for attempt in range(3):  # noqa: B007 (read after the loop) Chromium's trace sometimes misses navStart (NO_NAVSTART): retry
                    result = lighthouse(srv.origin, url)
                    if "error" not in result:
                        break
                result["attempts"] = attempt + 1
                lh.append(result)
            versions += ", Lighthouse " + subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True,
                                                         text=True).stdout.strip()

    synth, cached = {}, {}
    for n in (int(s) for s in args.sizes.split(",") if s):
        runs = args.runs
        log(f"synthetic site, {n} pages ({runs} runs each)...")
        synth[n] = time_synthetic(n, runs)
        synth[n]["direct"] = time_parts(n, runs)
        synth[n]["instructions"] = count_instructions(n) if n <= INSTRUCTIONS_MAX_PAGES else None
        cached[n] = time_cached_rebuild(n, runs)

    md, budgets = report(site_times, weights, search, lh, synth, cached, args.runs, versions)
    md += "\n" + "\n".join(preview_section(preview))
    md += f"\nScreenshots of every page at 375 px (full length): {shots.relative_to(ROOT)}/ (not committed).\n"
    Path(args.out).write_text(md, encoding="utf-8")
    (WORK / "results.json").write_text(json.dumps({"site": site_times, "weights": weights, "search": search,
                                                   "lighthouse": lh, "synthetic": synth, "cached": cached,
                                                   "preview": preview},
                                                  indent=2, default=str), encoding="utf-8")
    print(md)
    missed = [b for b in budgets if b[2] != "holds"]
    print(f"{len(budgets) - len(missed)} of {len(budgets)} budgets hold" + (
        "; missed: " + "; ".join(b[0] for b in missed) if missed else "."))


if __name__ == "__main__":
    main()
