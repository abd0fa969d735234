"""farmscan as an Apache Spark job.

Spark moves the data; farmscan decides. Every page is read by
`farmscan fingerprint`, and every corpus-wide step runs as
`farmscan distributed STEP` on the lines Spark gathered for it, with the
user's configuration, so the job's report is the one `scan` writes. The job
itself holds no threshold, rule or column: it only numbers the pages in
scan's order (by path, then record), gathers lines by key, labels connected
components and streams the rows to the report.

A step's lines are `KEY<TAB>VALUE`. Spark gathers the lines of each key on
one executor and runs the step on them; what a value means is farmscan's
business. Keys `page:N` gather page N's lines, `group:G` a component's
(keyed here), `edge` holds the verified pairs, `eligible` the count of pages
that can match; the job reads these four, nothing else.

1. fingerprint: each partition of page files runs `farmscan fingerprint`;
   the records are numbered in scan's page order;
2. paragraphs, boilerplate: each paragraph's pages are gathered and
   farmscan marks the site and web boilerplate among them;
3. trim: each page leaves its boilerplate out and gives its SimHash blocks
   and passage keys;
4. candidates, passages: each block's and key's holders are gathered and
   farmscan pairs them, then sums each page's shared keys into pairs;
5. halves, verify: each pair's two pages are gathered and farmscan keeps
   the pairs whose bodies hold as copies (`edge`);
6. connected components of the edges, by min-label propagation;
7. evidence, farm-sites, judge: each component is judged once to tally
   each site's farm evidence over the corpus, the sites' tallies decide
   which are farms, and each component is judged again with them;
8. report: the rows, in page order, stream through `farmscan distributed
   report`, which writes the report.

Usage (see scripts/spark-scan.sh):
  spark-submit farmscan_job.py --binary target/release/farmscan --output OUT.csv [FARMSCAN FLAGS] PATH...
  spark-submit farmscan_job.py --output OUT.csv [FARMSCAN FLAGS] PATH...
FARMSCAN FLAGS are `--config FILE` and `--today DATE`, which fingerprinting
reads too, and any flag of `farmscan distributed` (`--min-similarity X`,
`--stale-days N`, `--format jsonl`, ...), given to every step; each takes
one value.
The second form needs the farmscan wheel installed in the executors' Python
(`pip install farmscan-*.whl`, or shipped with --archives as a virtual
environment): each executor then runs `python -m farmscan` with its own
interpreter, and no binary has to be copied to the nodes. The driver runs
farmscan too, to write the report.
"""
import argparse
import json
import os
import subprocess
import sys
import zlib

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

# The job's own options; every other flag is farmscan's (see the docstring).
OWN = {"--binary", "--output", "--partitions", "--config", "--today"}


def page_files(farmscan, roots):
    """The files `scan` would read under each root, as farmscan's own walk
    finds them (hidden entries skipped, symlinks not followed, page kinds
    by name)."""
    out = run_farmscan([*farmscan, "distributed", "files", *roots], "")
    return [line for line in out.splitlines() if line]


def farmscan_command(binary):
    """The farmscan to run on an executor: the binary named, or the command
    line of the wheel installed in the executor's own Python."""
    return [binary] if binary else [sys.executable, "-m", "farmscan"]


def run_farmscan(command, text):
    """Runs farmscan on `text`; its output, or an error with its message."""
    done = subprocess.run(command, input=text, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[-3:])}: exit {done.returncode}: {done.stderr.strip()}")
    return done.stdout


def fingerprint_partition(farmscan, flags):
    def run(paths):
        paths = list(paths)
        if paths:
            out = run_farmscan([*farmscan, "fingerprint", "-q", "-j", "1", *flags, *paths, "-o", "-"], "")
            yield from (line for line in out.splitlines() if line.strip())
    return run


def split_line(line):
    key, value = line.split("\t", 1)
    return key, value


def gathered(rdd, partitions):
    """The lines of each key on one partition (a stable hash of the key:
    Python's own string hash differs between executors)."""
    return rdd.partitionBy(partitions, lambda key: zlib.crc32(key.encode()))


def step(name, lines, farmscan, flags, partitions, *extra):
    """Runs `farmscan distributed NAME` on the lines gathered by key."""
    def run(pairs):
        text = "".join(f"{k}\t{v}\n" for k, v in pairs)
        if text:
            out = run_farmscan([*farmscan, "distributed", name, *extra, *flags], text)
            yield from (split_line(line) for line in out.splitlines() if line)
    return gathered(lines, partitions).mapPartitions(run)


def checkpointed(rdd):
    """The lines kept once made, as several steps read them."""
    rdd.localCheckpoint()
    return rdd


def is_page(kv):
    return kv[0].startswith("page:")


def page_number(kv):
    return int(kv[0].split(":", 1)[1])


def connected_components(ids, edges):
    """Min-label propagation: every page takes the smallest id reachable."""
    labels = ids.select(F.col("id"), F.col("id").alias("label"))
    both = edges.select("a", "b").union(edges.select(F.col("b").alias("a"), F.col("a").alias("b")))
    while True:
        proposals = both.join(labels, both.a == labels.id).select(F.col("b").alias("id"), F.col("label"))
        updated = labels.union(proposals).groupBy("id").agg(F.min("label").alias("label")).localCheckpoint()
        changed = updated.join(labels.withColumnRenamed("label", "old"), "id").where("label != old").count()
        labels = updated
        if changed == 0:
            return labels


def split_flags(argv):
    """The job's arguments, and farmscan's flags (each with its one value)."""
    own, farmscan, rest = [], [], list(argv)
    while rest:
        arg = rest.pop(0)
        name = arg.split("=", 1)[0]
        if not arg.startswith("--") or name in OWN or arg in ("--help", "-h"):
            own.append(arg)
            if name in OWN and "=" not in arg and rest:
                own.append(rest.pop(0))
        else:
            farmscan.append(arg)
            if "=" not in arg and rest:
                farmscan.append(rest.pop(0))
    return own, farmscan


def without_flag(flags, name):
    """`flags` (each with its one value) without `name`."""
    out, rest = [], list(flags)
    while rest:
        arg = rest.pop(0)
        value = [] if "=" in arg or not rest else [rest.pop(0)]
        if arg.split("=", 1)[0] != name:
            out += [arg, *value]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--binary", help="the farmscan binary on every node (default: the installed wheel, "
                    "run as `python -m farmscan` by each executor's Python)")
    ap.add_argument("--output", required=True)
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--config", help="farmscan's configuration file, for every farmscan run")
    ap.add_argument("--today", help="the day of the scan, for fingerprinting (farmscan fingerprint --today)")
    own, flags = split_flags(sys.argv[1:])
    args = ap.parse_args(own)
    if args.config:
        flags += ["--config", os.path.abspath(args.config)]
    # Every farmscan flag goes to fingerprint, which reads the pages; the
    # later steps read records, so the size cap is fingerprint's alone.
    read_flags = [*flags, *(["--today", args.today] if args.today else [])]
    flags = without_flag(flags, "--max-bytes")
    farmscan = farmscan_command(args.binary)
    spark = SparkSession.builder.appName("farmscan").getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    sc = spark.sparkContext
    n = args.partitions

    def run(name, lines, *extra):
        return step(name, lines, farmscan, flags, n, *extra)

    # 1. Fingerprints, numbered in scan's page order: by path, then record
    #    (a file's own page first), as a distributed sort.
    files = page_files(farmscan, args.paths)
    records = sc.parallelize(files, max(1, min(n, len(files)))).mapPartitions(fingerprint_partition(farmscan, read_flags))

    def order(line):
        r = json.loads(line)
        return r["path"], -1 if r["record"] is None else r["record"]

    numbered = records.sortBy(order).zipWithIndex().map(lambda li: (str(li[1]), li[0]))

    # 2.-3. Boilerplate, decided per paragraph; pages trimmed of it.
    paragraphs = checkpointed(run("paragraphs", numbered))
    boilerplate = run("boilerplate", paragraphs.filter(lambda kv: not is_page(kv)))
    trimmed = checkpointed(run("trim", paragraphs.filter(is_page).union(boilerplate)))
    pages = checkpointed(trimmed.filter(is_page))
    eligible = trimmed.filter(lambda kv: kv[0] == "eligible").map(lambda kv: json.loads(kv[1])["eligible"]).sum()

    # 4.-5. Candidate pairs, then the pairs that verify.
    keys = trimmed.filter(lambda kv: not is_page(kv) and kv[0] != "eligible")
    pairs = run("passages", run("candidates", keys, "--eligible", str(eligible)))
    edges = checkpointed(run("verify", run("halves", pages.union(pairs))))

    # 6. Components.
    ends = edges.map(lambda kv: json.loads(kv[1])["edge"]).map(lambda e: (e["a"], e["b"]))
    ids = spark.createDataFrame(pages.map(lambda kv: (page_number(kv),)), "id long")
    labels = connected_components(ids, spark.createDataFrame(ends, "a long, b long"))
    label = labels.rdd.map(lambda r: (r["id"], f"group:{r['label']}"))
    grouped = checkpointed(pages.map(lambda kv: (page_number(kv), kv[1])).join(label).map(lambda x: (x[1][1], x[1][0]))
               .union(edges.map(lambda kv: (json.loads(kv[1])["edge"]["a"], kv[1])).join(label)
                      .map(lambda x: (x[1][1], x[1][0]))))

    # 7. Site reputations over the whole corpus, then the verdicts.
    farm_sites = run("farm-sites", run("evidence", grouped))
    rows = run("judge", grouped.union(farm_sites)).sortBy(lambda kv: int(kv[0]))

    # 8. The report, written by farmscan from the rows in page order.
    report = subprocess.Popen([*farmscan, "distributed", "report", *flags, "-o", args.output],
                              stdin=subprocess.PIPE, text=True)
    for k, v in rows.toLocalIterator():
        report.stdin.write(f"{k}\t{v}\n")
    report.stdin.close()
    if report.wait() != 0:
        raise RuntimeError(f"farmscan distributed report: exit {report.returncode}")
    print(f"{ids.count()} pages, {edges.count()} verified pairs, report in {args.output}", file=sys.stderr)
    spark.stop()


if __name__ == "__main__":
    main()
