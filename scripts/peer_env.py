"""The Python peers farmscan is measured against (trafilatura, htmldate,
datasketch), in a virtual environment of their own under target/, made on
first use. Imported by the evaluation scripts beside it."""
import os, subprocess, sys

PACKAGES = ["trafilatura", "htmldate", "datasketch", "lxml_html_clean"]


def python():
    """The peer environment's interpreter, installing it when missing."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    venv = os.path.join(root, "target", "peer-venv")
    exe = os.path.join(venv, "bin", "python")
    if not os.path.exists(exe):
        print(f"installing the Python peers ({', '.join(PACKAGES)}) into {venv}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([os.path.join(venv, "bin", "pip"), "install", "-q", *PACKAGES], check=True)
    return exe


def run(code, *args):
    """Runs `code` in the peer environment with `args`; returns its stdout."""
    return subprocess.run([python(), "-c", code, *args], check=True, capture_output=True, text=True).stdout
