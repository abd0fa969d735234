"""farmscan as an Apache Spark job.

The per-page work stays in the farmscan binary; Spark does the shuffles:

1. fingerprint: each partition of page files runs `farmscan fingerprint`,
   giving one JSON record per page (about 2-4 KB: 4 bytes a shingle);
2. boilerplate: (site, paragraph) pairs are counted across the corpus
   and paragraphs a site repeats on 3+ pages are left out, as `scan` does;
3. candidates: a join on (SimHash block, value) for near-identical bodies
   (4 blocks of 16 bits: pairs within 3 bits share one), and a join on
   sampled shingles ("passage keys", 1 in 4) for excerpts and edited
   copies, each key pairing its holders with its first 8 holders;
4. verification: the containment of one shingle set in the other;
5. connected components of the verified pairs, by min-label propagation;
6. judging: each component's records go back through `farmscan judge
   --by-group --trimmed`, twice: once with no site a farm, to tally each
   site's farm evidence over the whole corpus as scan does, then with those
   site reputations, which picks originals and sets flags with the
   very rules of `scan`, and the rows are written in (path, record) order.

Usage (see scripts/spark-scan.sh):
  spark-submit farmscan_job.py --binary target/release/farmscan --output OUT.csv PATH...
  spark-submit farmscan_job.py --output OUT.csv PATH...
The second form needs the farmscan wheel installed in the executors' Python
(`pip install farmscan-*.whl`, or shipped with --archives as a virtual
environment): each executor then runs `python -m farmscan` with its own
interpreter, and no binary has to be copied to the nodes.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

from pyspark.sql import SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

EXTENSIONS = (".html", ".htm", ".xhtml", ".txt", ".warc", ".jsonl")
COLUMNS = ["path", "record", "url", "title", "lang", "words", "published", "simhash", "role", "original",
           "similarity", "wire", "junk_link_ratio", "date_lag_days", "flags", "status", "date_issue", "id"]
# The defaults of farmscan's configuration, which the binary applies too.
HAMMING_RADIUS = 3
MIN_SIMILARITY = 0.5
MIN_SHARED_SHINGLES = 20
SAMPLE = 4
MIN_SHARED_KEYS = 2
MAX_PARTNERS = 8
MIN_COMMON = 1000
BOILERPLATE_PAGES = 3
# Sites a passage of the web stands on, beside as many different stories.
WEB_BOILERPLATE_SITES = 10


# Share of a site's pages with farm evidence, at its lower bound, from which
# the site is a farm (scan's rule).
FARM_SITE_SHARE = 0.5


def share_lower_bound(hits, n, z=1.6449):
    """Wilson score lower bound, 95% one-sided, as scan computes it."""
    if n == 0:
        return 0.0
    p, z2 = hits / n, z * z
    centre = p + z2 / (2 * n)
    spread = z * ((p * (1 - p) / n + z2 / (4 * n * n)) ** 0.5)
    return max(0.0, (centre - spread) / (1 + z2 / n))


def page_files(roots):
    """The files `scan` would read under each root: hidden entries skipped,
    symlinks not followed, page kinds by name."""
    for root in roots:
        if os.path.isfile(root):
            yield root
            continue
        for d, dirs, files in os.walk(root, followlinks=False):
            dirs[:] = sorted(x for x in dirs if not x.startswith("."))
            for f in sorted(files):
                path = os.path.join(d, f)
                name = f.lower()[:-3] if f.lower().endswith(".gz") else f.lower()
                if not f.startswith(".") and name.endswith(EXTENSIONS) and os.path.isfile(path) and not os.path.islink(path):
                    yield path


def farmscan_command(binary):
    """The farmscan to run on an executor: the binary named, or the command
    line of the wheel installed in the executor's own Python."""
    return [binary] if binary else [sys.executable, "-m", "farmscan"]


def fingerprint_partition(binary):
    def run(paths):
        paths = list(paths)
        if not paths:
            return
        out = subprocess.run([*farmscan_command(binary), "fingerprint", "-q", "-j", "1", *paths, "-o", "-"],
                             check=True, capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.strip():
                yield line
    return run


def csv_cell(value):
    """A JSON report value as the CSV report writes it: lists joined with
    ';', absent values empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(value)
    return value


def judge_partition(binary):
    def run(lines):
        lines = list(lines)
        if not lines:
            return
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
            f.write("\n".join(lines) + "\n")
            name = f.name
        try:
            out = subprocess.run([*farmscan_command(binary), "judge", "--by-group", "--trimmed", "--format", "jsonl", name],
                                 check=True, capture_output=True, text=True).stdout
        finally:
            os.unlink(name)
        for line in out.splitlines():
            yield line
    return run


def connected_components(spark, ids, edges):
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


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--binary", help="the farmscan binary on every node (default: the installed wheel, "
                    "run as `python -m farmscan` by each executor's Python)")
    ap.add_argument("--output", required=True)
    ap.add_argument("--partitions", type=int, default=4)
    args = ap.parse_args()
    spark = SparkSession.builder.appName("farmscan").getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    sc = spark.sparkContext

    # 1. Fingerprints, one record a page.
    files = list(page_files(args.paths))
    raw = sc.parallelize(files, max(1, min(args.partitions, len(files)))).mapPartitions(fingerprint_partition(args.binary))
    records = spark.read.json(raw)
    # Ids in (path, record) order, as scan numbers its pages, by a
    # distributed sort rather than a single-partition window.
    indexed = records.orderBy("path", F.col("record").asc_nulls_first()).rdd.zipWithIndex()
    schema = T.StructType(records.schema.fields + [T.StructField("id", T.LongType(), False)])
    records = spark.createDataFrame(indexed.map(lambda ri: (*ri[0], ri[1])), schema).localCheckpoint()
    n_pages = records.count()

    # 2. Boilerplate: paragraphs a site repeats on 3+ of its pages, and
    #    passages of the web (below).
    paras = records.where(F.col("site").isNotNull()).select(
        "id", "site", F.posexplode("paragraphs").alias("pos", "shingles")
    ).where(F.size("shingles") > 0).withColumn("pkey", F.sha2(F.to_json("shingles"), 256))
    boiler = (paras.select("id", "site", "pkey").distinct().groupBy("site", "pkey").count()
              .where(F.col("count") >= BOILERPLATE_PAGES).select("site", "pkey"))
    # Web boilerplate, as scan finds it: a passage on pages of 10+ sites that
    # mostly stands beside different stories (each page's longest other
    # paragraph).
    # (Among paragraphs of equal length the order differs from scan's; only
    # the count of distinct stories can move by it.)
    all_paras = records.select(
        "id", "site", F.posexplode("paragraphs").alias("pos", "shingles")
    ).where(F.size("shingles") > 0).withColumn("pkey", F.sha2(F.to_json("shingles"), 256))
    by_size = Window.partitionBy("id").orderBy(F.desc("size"), F.desc("pkey"))
    ranked = (all_paras.withColumn("size", F.size("shingles")).dropDuplicates(["id", "pkey"])
              .withColumn("rank", F.row_number().over(by_size)))
    firsts = ranked.groupBy("id").agg(
        F.max(F.when(F.col("rank") == 1, F.col("pkey"))).alias("first"),
        F.max(F.when(F.col("rank") == 2, F.col("pkey"))).alias("second"))
    beside = (ranked.join(firsts, "id")
              .withColumn("story", F.coalesce(F.when(F.col("pkey") == F.col("first"), F.col("second"))
                                              .otherwise(F.col("first")), F.lit("")))
              .groupBy("pkey").agg(F.countDistinct("site").alias("sites"),
                                   F.countDistinct("story").alias("stories"), F.count("*").alias("pages")))
    web = beside.where((F.col("sites") >= WEB_BOILERPLATE_SITES) & (F.col("stories") >= WEB_BOILERPLATE_SITES)
                       & (F.col("stories") * 2 >= F.col("pages"))).select("pkey")
    dropped = (paras.join(boiler, ["site", "pkey"]).select("id", "pos")
               .union(all_paras.join(web, "pkey").select("id", "pos")).distinct()
               .withColumn("drop", F.lit(True)))
    kept = (records.select("id", F.posexplode("paragraphs").alias("pos", "shingles"))
            .join(dropped, ["id", "pos"], "left")
            .withColumn("shingles", F.when(F.col("drop"), F.array().cast("array<bigint>")).otherwise(F.col("shingles"))))
    trimmed = kept.groupBy("id").agg(F.sort_array(F.collect_list(F.struct("pos", "shingles"))).alias("ps")).select(
        "id", F.col("ps.shingles").alias("trimmed"))
    records = (records.join(trimmed, "id", "left")
               .withColumn("trimmed", F.coalesce("trimmed", F.col("paragraphs")))
               .withColumn("set", F.array_distinct(F.flatten("trimmed"))).localCheckpoint())

    ok = records.where((F.col("status") == "ok") & (F.size("set") >= MIN_SHARED_SHINGLES))
    halves = ok.select(
        "id",
        F.conv(F.substring("simhash", 1, 8), 16, 10).cast("long").alias("hi"),
        F.conv(F.substring("simhash", 9, 8), 16, 10).cast("long").alias("lo"),
    )

    # 3a. SimHash blocks: equal 16-bit block, then within the radius.
    blocks = halves.select("id", "hi", "lo", F.explode(F.array(
        F.struct(F.lit(0).alias("b"), (F.col("lo").bitwiseAND(0xFFFF)).alias("v")),
        F.struct(F.lit(1).alias("b"), F.shiftright("lo", 16).alias("v")),
        F.struct(F.lit(2).alias("b"), (F.col("hi").bitwiseAND(0xFFFF)).alias("v")),
        F.struct(F.lit(3).alias("b"), F.shiftright("hi", 16).alias("v")),
    )).alias("blk")).select("id", "hi", "lo", "blk.b", "blk.v")
    x, y = blocks.alias("x"), blocks.alias("y")
    near = (x.join(y, (F.col("x.b") == F.col("y.b")) & (F.col("x.v") == F.col("y.v")) & (F.col("x.id") < F.col("y.id")))
            .where(F.bit_count(F.col("x.hi").bitwiseXOR(F.col("y.hi"))) + F.bit_count(F.col("x.lo").bitwiseXOR(F.col("y.lo"))) <= HAMMING_RADIUS)
            .select(F.col("x.id").alias("a"), F.col("y.id").alias("b")))

    # 3b. Passage keys: each holder meets the key's first holders.
    keys = ok.select("id", F.explode("set").alias("k")).where(F.col("k") % SAMPLE == 0)
    max_holders = max(n_pages // 100, MIN_COMMON)
    df = keys.groupBy("k").count().where((F.col("count") > 1) & (F.col("count") <= max_holders)).select("k")
    ranked = keys.join(df, "k").withColumn("rn", F.row_number().over(Window.partitionBy("k").orderBy("id")))
    firsts = ranked.where(F.col("rn") <= MAX_PARTNERS).select("k", F.col("id").alias("first"), F.col("rn").alias("frn"))
    passages = (ranked.join(firsts, "k").where(F.col("frn") < F.col("rn"))
                .groupBy(F.col("first").alias("a"), F.col("id").alias("b")).count()
                .where(F.col("count") >= MIN_SHARED_KEYS).select("a", "b"))

    # 4. Verification on the texts.
    sets = ok.select("id", "set")
    sa, sb = sets.alias("sa"), sets.alias("sb")
    edges = (near.union(passages).distinct()
             .join(sa, F.col("a") == F.col("sa.id")).join(sb, F.col("b") == F.col("sb.id"))
             .withColumn("shared", F.size(F.array_intersect("sa.set", "sb.set")))
             .where((F.col("shared") >= MIN_SHARED_SHINGLES) & (
                 (F.col("shared") / F.size("sa.set") >= MIN_SIMILARITY) | (F.col("shared") / F.size("sb.set") >= MIN_SIMILARITY)))
             .select("a", "b").localCheckpoint())

    # 5. Components; 6. each judged by the binary with scan's rules.
    labels = connected_components(spark, records.select("id"), edges)
    grouped = records.join(labels, "id").withColumn("group", F.col("label"))
    out_records = (grouped.withColumn("paragraphs", F.col("trimmed")).drop("id", "label", "trimmed", "set")
                   .repartition(args.partitions, "group").localCheckpoint())

    # Site reputations over the whole corpus, as scan reads them: a first
    # judging with no site a farm; then each site's pages padded with junk
    # links or copying another site's page, at the share's lower bound.
    def judged(with_farm):
        return with_farm.toJSON().mapPartitions(judge_partition(args.binary)).map(json.loads)

    first = judged(out_records.withColumn("farm_site", F.lit(False)))
    first = spark.createDataFrame(first.map(lambda r: (r["path"], r["record"], r["role"], r["original"] or "",
                                                       ";".join(r["flags"]), r["status"])),
                                  "path string, record long, role string, original string, flags string, status string")
    label = F.when(F.col("record").isNull(), F.col("path")).otherwise(F.concat_ws("#", "path", F.col("record").cast("string")))
    site_of = out_records.select(label.alias("label"), "site_name")
    tally = (first.withColumn("label", label).join(site_of, "label")
             .join(site_of.select(F.col("label").alias("original"), F.col("site_name").alias("original_site")),
                   "original", "left")
             .where(F.col("status") == "ok")
             .withColumn("evidence", (F.array_contains(F.split("flags", ";"), "junk_links")
                                      | ((F.col("role") == "copy") & (F.col("original_site") != F.col("site_name"))))
                         .cast("int"))
             .groupBy("site_name").agg(F.sum("evidence").alias("farm"), F.count("*").alias("pages")))
    farm_sites = {r["site_name"] for r in tally.collect() if share_lower_bound(r["farm"], r["pages"]) >= FARM_SITE_SHARE}
    farm = F.col("site_name").isin(list(farm_sites)) if farm_sites else F.lit(False)
    rows = judged(out_records.withColumn("farm_site", farm))
    ordered = rows.sortBy(lambda r: (r["path"], r["record"] if r["record"] is not None else -1))

    with open(args.output, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        for r in ordered.toLocalIterator():
            w.writerow([csv_cell(r.get(c)) for c in COLUMNS])
    print(f"{n_pages} pages, {edges.count()} verified pairs, report in {args.output}", file=sys.stderr)
    spark.stop()


if __name__ == "__main__":
    main()
