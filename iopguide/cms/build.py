"""Assemble the page editor (cms/) into a folder to serve on its own origin.

    python -m iopguide.cms.build [--out cms/build] [--repo owner/name] [--branch main]
                                  [--auth-url https://auth.your.domain]

It copies cms/index.html, admin.js, header-format.js and _headers, writes
config.json (cms/config.json plus the Sources choices from
content/data/sources.yaml and the backend: where the repository is and how
editors sign in), and self-hosts the CMS bundle from cms/node_modules (pinned
in cms/package-lock.json; `make cms` installs it): the bundle's three fonts,
which it would load from a CDN, are copied from their npm packages and the
bundle is pointed at the copies. If a new bundle asks for other fonts, this
stops and names them, so nothing is ever loaded from a third party.

Nothing here is part of the public site: output/ and content/extra/_headers are
never touched.
"""

import argparse
import json
import re
import shutil
import sys
from pathlib import Path

from ..problems import ContentError
from .config import with_sources

ROOT = Path(__file__).resolve().parents[2]
CMS = ROOT / "cms"
MODULES = CMS / "node_modules"
BUNDLE = MODULES / "@sveltia" / "cms" / "dist" / "sveltia-cms.mjs"
FONT_URL = re.compile(r"https://cdn\.jsdelivr\.net/fontsource/fonts/(?P<name>[a-z0-9-]+)(?P<variable>:vf)?"
                      r"@(?P<version>[0-9.]+)/(?P<file>[a-z0-9-]+\.woff2)")
COPIED = ("index.html", "admin.js", "header-format.js", "_headers")
CSP_MARK = "<!-- content-security-policy: iopguide/cms/build.py writes the policy from cms/_headers here -->"
LOCAL_REPO = "local/iop-guide"  # `make cms` works on the local clone: no repository is contacted


class BuildError(Exception):
    pass


def font_package(match):
    """The npm package and file that hold a font the bundle names by CDN address."""
    scope = "@fontsource-variable" if match["variable"] else "@fontsource"
    package = MODULES / scope / match["name"]
    source = package / "files" / f"{match['name']}-{match['file']}"
    if not source.is_file():
        raise BuildError(f"the editor needs the font {match[0]}; add \"{scope}/{match['name']}\": "
                         f"\"{match['version']}\" to cms/package.json and run `make cms`")
    installed = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    if installed != match["version"]:
        raise BuildError(f"the editor asks for {scope}/{match['name']} {match['version']} but "
                         f"{installed} is installed: pin {match['version']} in cms/package.json")
    return source


def self_host_bundle(out):
    """Copy the bundle with its fonts pointed at fonts/, and the fonts beside it."""
    if not BUNDLE.is_file():
        raise BuildError(f"{BUNDLE.relative_to(ROOT)} is missing: run `make cms` (it runs npm ci in cms/)")
    text = BUNDLE.read_text(encoding="utf-8")
    fonts = out / "fonts"
    fonts.mkdir()

    def local(match):
        source = font_package(match)
        shutil.copyfile(source, fonts / source.name)
        return f"fonts/{source.name}"

    text, count = FONT_URL.subn(local, text)
    left = sorted(set(re.findall(r"https://cdn\.jsdelivr\.net/[^\s)'\"`]+", text)))
    if left or not count:
        raise BuildError("the editor's bundle loads files from a CDN this script does not self-host: "
                         + (", ".join(left) or "no fonts found where expected") + "; update iopguide/cms/build.py")
    (out / BUNDLE.name).write_text(text, encoding="utf-8")


def policy(headers_text):
    for line in headers_text.splitlines():
        name, _, value = line.strip().partition(":")
        if name == "Content-Security-Policy":
            return value.strip()
    raise BuildError("cms/_headers has no Content-Security-Policy")


def meta_policy(csp):
    """The policy for a <meta> tag: frame-ancestors is ignored there (the header sends it)."""
    return "; ".join(d for d in csp.split("; ") if not d.startswith("frame-ancestors"))


def backend(repo, branch, auth_url):
    settings = {"name": "github", "repo": repo or LOCAL_REPO, "branch": branch}
    if auth_url:
        settings["base_url"] = auth_url
    return settings


def build(out, repo=None, branch="main", auth_url=None):
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name in COPIED:
        shutil.copyfile(CMS / name, out / name)
    page = (out / "index.html").read_text(encoding="utf-8")
    if CSP_MARK not in page:
        raise BuildError("cms/index.html lost its content-security-policy marker")
    csp = meta_policy(policy((CMS / "_headers").read_text(encoding="utf-8")))
    page = page.replace(CSP_MARK, f'<meta http-equiv="Content-Security-Policy" content="{csp}">')
    (out / "index.html").write_text(page, encoding="utf-8")
    config = json.loads((CMS / "config.json").read_text(encoding="utf-8"))
    config = with_sources(config)
    config["backend"] = backend(repo, branch, auth_url)
    (out / "config.json").write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    self_host_bundle(out)
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(CMS / "build"))
    parser.add_argument("--repo", help="owner/name of the GitHub repository (left out: the local clone only)")
    parser.add_argument("--branch", default="main")
    parser.add_argument("--auth-url", help="the OAuth service editors sign in through (see docs/editing.md)")
    args = parser.parse_args(argv)
    if args.repo and not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", args.repo):
        print(f"--repo: '{args.repo}' is not owner/name")
        return 2
    try:
        out = build(args.out, args.repo, args.branch, args.auth_url)
    except (BuildError, ContentError) as exc:
        print(f"make cms: {exc}")
        return 1
    print(f"The page editor is in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
