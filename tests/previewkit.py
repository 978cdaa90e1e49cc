"""Run the live preview (python -m iopguide.preview, what `make serve` runs) on a copy
of the project, for the preview tests and the bench's save -> reload step."""

import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Preview:
    """The preview as a child process; its terminal output is kept in .lines."""

    def __init__(self, project, output, index=False, port=None, extra=(), wait_for="Preview on", env=None):
        self.port = port or free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "iopguide.preview", "--root", str(project),
             "--output", str(output), "--port", str(self.port), *([] if index else ["--no-index"]), *extra],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT, env=env)
        self.lines = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        if wait_for:
            self.wait_for_log(wait_for, 60)

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def log(self):
        return "\n".join(self.lines)

    def wait_for_log(self, text, timeout=30, after=0):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if any(text in line for line in self.lines[after:]):
                return
            assert self.proc.poll() is None, "the preview stopped:\n" + self.log()
            time.sleep(0.02)
        raise AssertionError(f"no {text!r} in the preview's output:\n" + self.log())

    def get(self, path):
        with urllib.request.urlopen(self.origin + path, timeout=10) as response:
            return response.status, response.read().decode("utf-8")

    def wait_until(self, path, text, timeout=30):
        """Wait (generously: machines under load are slow) until the served page holds text."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                if text in self.get(path)[1]:
                    return
            except urllib.error.HTTPError:
                pass  # not there yet
            time.sleep(0.02)
        raise AssertionError(f"{path} never showed {text!r}:\n" + self.log())

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(20)
        self._reader.join(5)


def edit(path, old, new):
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
