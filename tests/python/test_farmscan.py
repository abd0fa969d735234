"""The Python package, installed from its wheel: the `farmscan` command it
puts on PATH, the API's tables and texts against the Rust binary built by
cargo, and the Parquet report read back by pyarrow, polars and DuckDB.

Run in a virtual environment holding the wheel (see scripts/test-python);
FARMSCAN_CARGO_BIN names the binary cargo built (default
target/release/farmscan).
"""

import _thread
import csv
import io
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import farmscan

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"
CARGO_BIN = Path(os.environ.get("FARMSCAN_CARGO_BIN", ROOT / "target" / "release" / "farmscan"))
# The command the wheel installed, beside this interpreter.
WHEEL_CLI = Path(sys.executable).parent / "farmscan"


def run(binary, *args, check=True):
    done = subprocess.run([str(binary), *map(str, args)], capture_output=True)
    if check and done.returncode not in (0, 1):
        raise AssertionError(f"{binary} {args}: exit {done.returncode}: {done.stderr.decode()}")
    return done


@pytest.fixture(scope="session")
def farm(tmp_path_factory):
    """A labelled farm corpus (seed 1), made from the shared evaluation data."""
    out = tmp_path_factory.mktemp("farm") / "corpus"
    data = ROOT.parent / "shared" / "data" / "article-extraction-benchmark"
    if not data.is_dir():
        pytest.skip(f"the farm corpus is made from {data}, which is missing")
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make-farm-corpus"), str(out), "--seed", "1",
         "--binary", str(CARGO_BIN)],
        check=True, capture_output=True,
    )
    return out


@pytest.fixture(params=["sample", "farm"])
def corpus(request):
    return SAMPLE if request.param == "sample" else request.getfixturevalue("farm")


def read_parquet(source):
    # Without reader threads, as the package reads: pyarrow's threads can
    # abort the interpreter at exit (see farmscan/__init__.py).
    return pq.read_table(source, use_threads=False)


def csv_rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def as_csv_field(value):
    """A typed value written as the CSV writes it."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


def assert_table_matches_csv(table, rows):
    assert table.num_rows == len(rows)
    assert table.column_names == list(rows[0].keys())
    for got, want in zip(table.to_pylist(), rows):
        for column, field in want.items():
            value = got[column]
            if isinstance(value, float):
                assert value == float(field), (column, got["path"])
            else:
                assert as_csv_field(value) == field, (column, got["path"])


def test_the_wheel_installs_the_command_line_that_cargo_builds(corpus, tmp_path):
    assert WHEEL_CLI.exists(), "the wheel did not install a farmscan command"
    assert run(WHEEL_CLI, "--version").stdout == run(CARGO_BIN, "--version").stdout
    assert run(WHEEL_CLI, "scan", corpus).stdout == run(CARGO_BIN, "scan", corpus).stdout
    # Exit codes are the contract pipelines gate on: 1 over the bound, 2 on error.
    assert run(WHEEL_CLI, "check", corpus).returncode == run(CARGO_BIN, "check", corpus).returncode == 1
    missing = run(WHEEL_CLI, "scan", tmp_path / "missing", check=False)
    assert missing.returncode == 2
    assert missing.stderr == run(CARGO_BIN, "scan", tmp_path / "missing", check=False).stderr


def test_scan_returns_the_cli_report_with_typed_columns(corpus):
    table = farmscan.scan(corpus)
    assert_table_matches_csv(table, csv_rows(run(CARGO_BIN, "scan", corpus).stdout.decode()))
    schema = table.schema
    assert schema.field("published").type == pa.date32()
    assert schema.field("words").type == pa.int64()
    assert schema.field("date_lag_days").type == pa.int64()
    assert schema.field("similarity").type == pa.float64()
    assert schema.field("flags").type == pa.list_(pa.string())
    frame = table.to_pandas()
    assert "copy" in {f for flags in frame["flags"] for f in flags}


def test_thresholds_are_the_cli_flags(corpus):
    strict = farmscan.scan(corpus, min_similarity=0.95, junk_ratio=5.0)
    want = run(CARGO_BIN, "scan", corpus, "--min-similarity", "0.95", "--junk-ratio", "5").stdout.decode()
    assert_table_matches_csv(strict, csv_rows(want))
    assert strict.to_pylist() != farmscan.scan(corpus).to_pylist()
    with pytest.raises(TypeError, match="min_similiarity"):
        farmscan.scan(corpus, min_similiarity=0.5)


def test_errors_carry_the_cli_message(tmp_path):
    missing = tmp_path / "missing"
    cli = run(CARGO_BIN, "scan", missing, check=False).stderr.decode().strip()
    with pytest.raises(farmscan.FarmscanError) as raised:
        farmscan.scan(missing)
    assert cli == f"farmscan: {raised.value}"
    cli = run(CARGO_BIN, "scan", SAMPLE, "--min-similarity", "2", check=False).stderr.decode().strip()
    with pytest.raises(farmscan.FarmscanError) as raised:
        farmscan.scan(SAMPLE, min_similarity=2)
    assert cli == f"farmscan: {raised.value}"


def test_extract_and_explain_return_what_the_cli_prints(corpus):
    jsonl = run(CARGO_BIN, "extract", "--format", "jsonl", corpus).stdout.decode()
    assert farmscan.extract(corpus) == [json.loads(line) for line in jsonl.splitlines()]
    assert farmscan.extract(corpus, format="text") == run(CARGO_BIN, "extract", corpus).stdout.decode()
    page = sorted(p for p in Path(corpus).rglob("*") if p.suffix in (".html", ".txt"))[0]
    cli = run(CARGO_BIN, "explain", page, "--corpus", corpus).stdout.decode()
    assert farmscan.explain(page, corpus=corpus) == cli
    assert "role" in cli or "copy" in cli or "unique" in cli


def test_parquet_report_round_trips_with_its_types(farm, tmp_path):
    args = ["scan", farm, "--pairs", tmp_path / "pairs.csv", "--sites", tmp_path / "sites.csv"]
    run(CARGO_BIN, *args, "-o", tmp_path / "pages.csv")
    run(CARGO_BIN, "scan", farm, "--format", "parquet", "-o", tmp_path / "pages.parquet",
        "--pairs", tmp_path / "pairs.parquet", "--sites", tmp_path / "sites.parquet")
    for name in ("pages", "pairs", "sites"):
        table = read_parquet(tmp_path / f"{name}.parquet")
        rows = csv_rows((tmp_path / f"{name}.csv").read_text())
        assert rows, name
        if name == "sites":
            assert table.schema.field("copied_from_sites").type == pa.list_(pa.string())
            assert table.schema.field("pages").type == pa.int64()
        if name == "pairs":
            assert table.schema.field("hamming").type == pa.int64()
        assert_table_matches_csv(table, rows)
    pages = read_parquet(tmp_path / "pages.parquet")
    assert pages.schema.field("published").type == pa.date32()
    assert pages.to_pylist() == farmscan.scan(farm).to_pylist()
    copies = sum(1 for r in pages.to_pylist() if "copy" in r["flags"])
    assert copies > 0

    polars = pytest.importorskip("polars")
    frame = polars.read_parquet(tmp_path / "pages.parquet")
    assert frame.height == pages.num_rows
    assert frame.schema["published"] == polars.Date
    assert frame.filter(polars.col("flags").list.contains("copy")).height == copies
    assert polars.from_arrow(farmscan.scan(farm)).equals(frame)

    duckdb = pytest.importorskip("duckdb")
    flagged = duckdb.sql(
        f"select count(*) from read_parquet('{tmp_path / 'pages.parquet'}') where list_contains(flags, 'copy')"
    ).fetchall()[0][0]
    assert flagged == copies


def test_parquet_is_refused_on_a_terminal_only(tmp_path):
    # Piped standard output takes the bytes.
    piped = run(CARGO_BIN, "scan", SAMPLE, "--format", "parquet")
    assert piped.stdout[:4] == b"PAR1"
    assert read_parquet(io.BytesIO(piped.stdout)).num_rows == farmscan.scan(SAMPLE).num_rows
    # A terminal does not; the message names the flag to give a file.
    import pty

    controller, terminal = pty.openpty()
    try:
        done = subprocess.run([str(CARGO_BIN), "scan", str(SAMPLE), "--format", "parquet"],
                              stdout=terminal, stderr=subprocess.PIPE)
    finally:
        os.close(terminal)
        os.close(controller)
    assert done.returncode == 2
    assert b"Parquet is binary and standard output is a terminal: give -o a file" in done.stderr


def test_ctrl_c_stops_a_scan_and_the_next_one_runs(tmp_path):
    words = "the harbor council voted on tuesday to extend the strike talks".split()
    with open(tmp_path / "big.jsonl", "w") as f:
        for i in range(40_000):
            text = " ".join(words[(i + j) % len(words)] + str(j % 97) for j in range(250))
            f.write(json.dumps({"id": str(i), "text": text}) + "\n")
    # Ctrl-C half a second in, while the scan (seconds long) reads pages:
    # had the scan ended first, the interrupt would land outside the block.
    threading.Timer(0.5, _thread.interrupt_main).start()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        farmscan.scan(tmp_path / "big.jsonl")
    interrupted = time.monotonic() - started
    # After an interruption the next run is whole.
    assert_table_matches_csv(farmscan.scan(SAMPLE), csv_rows(run(CARGO_BIN, "scan", SAMPLE).stdout.decode()))
    # The reading loop stopped rather than ran on to the end behind the
    # KeyboardInterrupt: a ratio against the whole scan in the same run,
    # with a wide margin (the whole scan takes over ten times as long).
    started = time.monotonic()
    farmscan.scan(tmp_path / "big.jsonl")
    assert interrupted < (time.monotonic() - started) / 2


def test_each_scan_in_a_process_takes_its_own_day(tmp_path):
    # The day of the scan travels with each run, not with the process: a
    # page whose text shows a day after it is not read as published then,
    # and the same page scanned as of a later day is.
    page = tmp_path / "story.html"
    page.write_text(
        "<html><head><title>Harbor talks</title></head>"
        "<body><article><h1>Harbor talks</h1><p>Published 20 January 2026</p>"
        + "<p>The harbor board met on Tuesday and voted to extend the talks with the union for two more weeks.</p>" * 8
        + "</article></body></html>"
    )
    early = farmscan.scan(page, today="2026-01-05").column("published").to_pylist()
    later = farmscan.scan(page, today="2026-02-01").column("published").to_pylist()
    again = farmscan.scan(page, today="2026-01-05").column("published").to_pylist()
    assert early == [None] and again == early
    assert str(later[0]) == "2026-01-20"
