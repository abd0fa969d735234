#!/usr/bin/env bash
# Runs farmscan as a Spark job in local mode on 2 cores and writes the page
# report. Installs pyspark into a virtual environment of its own if missing
# (Java 17 must be on the machine). On a cluster, run
# scripts/spark/farmscan_job.py with spark-submit --master ... instead, with
# the farmscan binary on every node.
#
# Usage: scripts/spark-scan.sh PATH... OUT.csv
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
if [ $# -lt 2 ]; then
  echo "usage: $0 PATH... OUT.csv" >&2
  exit 2
fi
out=${!#}
paths=("${@:1:$#-1}")
venv="$root/target/spark-venv"
if [ ! -x "$venv/bin/spark-submit" ]; then
  echo "installing pyspark into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q pyspark
fi
[ -x "$root/target/release/farmscan" ] || (cd "$root" && cargo build --release -q)
export PYSPARK_PYTHON="$venv/bin/python"
"$venv/bin/spark-submit" --master "local[2]" --driver-memory 2g \
  "$here/spark/farmscan_job.py" --binary "$root/target/release/farmscan" --output "$out" "${paths[@]}"
