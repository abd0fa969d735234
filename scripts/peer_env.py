"""The Python peers farmscan is measured against, in virtual environments
of their own under target/, made on first use: target/peer-venv (trafilatura,
htmldate, datasketch) by python(), others by venv_python() with a name and
packages (bench-extractors' target/extractor-venv). Imported by the
evaluation scripts beside it."""
import os, shutil, subprocess, sys

PACKAGES = ["trafilatura", "htmldate", "datasketch", "lxml_html_clean"]


def venv_python(name, packages):
    """The interpreter of target/NAME, a virtual environment holding
    `packages`, made on first use. Each set of peers has its own, so that
    adding one never changes the versions another is measured with."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    venv = os.path.join(root, "target", name)
    exe = os.path.join(venv, "bin", "python")
    if not os.path.exists(exe):
        print(f"installing the Python peers ({', '.join(packages)}) into {venv}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        try:
            subprocess.run([os.path.join(venv, "bin", "pip"), "install", "-q", *packages], check=True)
        except BaseException:
            # A half-made environment would be taken as ready next time.
            shutil.rmtree(venv, ignore_errors=True)
            raise
    return exe


def python():
    """The peer environment's interpreter, installing it when missing."""
    return venv_python("peer-venv", PACKAGES)


def run(code, *args):
    """Runs `code` in the peer environment with `args`; returns its stdout."""
    return subprocess.run([python(), "-c", code, *args], check=True, capture_output=True, text=True).stdout
