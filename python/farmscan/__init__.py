"""farmscan from Python: find content-farm pages in a web crawl.

    import farmscan
    pages = farmscan.scan("crawl/")        # a pyarrow.Table, one row per page
    df = pages.to_pandas()                 # or polars.from_arrow(pages)

`scan`, `extract` and `explain` run the same code as the `farmscan` command
(which this package also installs) and reach the same verdicts. Options are
the command line's flags as keywords: `min_similarity=0.6` is
`--min-similarity 0.6`. Errors are raised as `FarmscanError` with the
command line's message; Ctrl-C stops a run and raises KeyboardInterrupt.
"""

import io
import json
import os
from typing import Iterable, List, Optional, Union

from farmscan import _native
from farmscan._native import FarmscanError, __version__

__all__ = ["scan", "extract", "explain", "FarmscanError", "__version__"]

PathLike = Union[str, "os.PathLike[str]"]

# The thresholds `scan` takes as keywords, each a flag of `farmscan scan`
# (`farmscan settings` prints them with their defaults and meanings).
THRESHOLDS = tuple(_native.THRESHOLDS)


def _paths(paths: Union[PathLike, Iterable[PathLike]]) -> List[str]:
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    listed = [os.fspath(p) for p in paths]
    if not listed:
        raise ValueError("no paths given")
    return listed


def _flags(**options) -> List[str]:
    """Keyword options as flags: a value gives `--name value`, a list the
    flag once per item, True the bare flag; None and False leave it out."""
    argv: List[str] = []
    for name, value in options.items():
        if value is None or value is False:
            continue
        flag = "--" + name.replace("_", "-")
        if value is True:
            argv.append(flag)
            continue
        values = value if isinstance(value, (list, tuple)) else [value]
        for v in values:
            text = v.isoformat() if hasattr(v, "isoformat") else os.fspath(v) if isinstance(v, os.PathLike) else str(v)
            argv += [flag, text]
    return argv


def scan(
    paths: Union[PathLike, Iterable[PathLike]],
    originals: Optional[Union[PathLike, Iterable[PathLike]]] = None,
    index: Optional[PathLike] = None,
    *,
    config: Optional[PathLike] = None,
    today=None,
    jobs: Optional[int] = None,
    progress: bool = False,
    **thresholds,
) -> "pyarrow.Table":
    """Scans files and folders and returns the page report, one row per
    page, with the columns of `farmscan scan` typed: `published` a date,
    `words`, `record` and `date_lag_days` integers, `similarity` and
    `junk_link_ratio` floats, `flags` and `date_issue` lists of strings,
    null where the CSV has an empty field.

    originals: pages that are originals by definition (`--originals`).
    index: an originals index made with `farmscan index add` (`--index`).
    thresholds: any of THRESHOLDS (`farmscan settings` lists them with
    their defaults), as the flags of the same names.
    jobs: worker threads (all cores by default).
    progress: show the progress bar and per-file notes on stderr.
    """
    unknown = sorted(set(thresholds) - set(THRESHOLDS))
    if unknown:
        raise TypeError(f"scan() got unknown thresholds {unknown}; known: {list(THRESHOLDS)}")
    argv = ["scan", "--quiet"] if not progress else ["scan"]
    argv += _flags(
        originals=None if originals is None else _paths(originals),
        index=index,
        config=config,
        today=today,
        **thresholds,
    )
    data = _native.scan([*argv, "--", *_paths(paths)], jobs)
    # Imported here, not with the package: the `farmscan` command imports
    # the package too, and pyarrow would add a third of a second to it.
    import pyarrow.parquet

    # One row group in memory: threads gain nothing, and pyarrow's reader
    # threads made this interpreter abort at exit in about a third of runs
    # ("terminate called without an active exception", pyarrow 26, with no
    # farmscan code involved); without them, none in 40.
    return pyarrow.parquet.read_table(io.BytesIO(data), use_threads=False)


def extract(
    paths: Union[PathLike, Iterable[PathLike]],
    *,
    format: str = "records",
    today=None,
    jobs: Optional[int] = None,
):
    """What farmscan read from each page, before matching, as
    `farmscan extract` prints it: with format="records" (the default) a
    list of dicts, the objects of `--format jsonl` (path, record, url,
    title, published, lang, text, links, dates, status, id); with
    format="text" the readable text."""
    if format not in ("records", "text"):
        raise ValueError(f"format must be 'records' or 'text', not {format!r}")
    cli_format = "jsonl" if format == "records" else "text"
    argv = ["extract", "--format", cli_format, *_flags(today=today), "--", *_paths(paths)]
    out = _native.extract(argv, jobs)
    if format == "text":
        return out
    return [json.loads(line) for line in out.splitlines() if line]


def explain(
    path: PathLike,
    against: Optional[PathLike] = None,
    corpus: Optional[Union[PathLike, Iterable[PathLike]]] = None,
    *,
    config: Optional[PathLike] = None,
    today=None,
) -> str:
    """Why one page got its flags, as `farmscan explain` prints it: its
    dates and where they came from, its link lists, and the original it
    matches. corpus: the pages it was scanned with, to judge it among them."""
    argv = ["explain"]
    argv += _flags(
        against=against,
        corpus=None if corpus is None else _paths(corpus),
        config=config,
        today=today,
    )
    return _native.explain([*argv, "--", os.fspath(path)])
