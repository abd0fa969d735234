#!/usr/bin/env bash
# Runs farmscan as a Spark job in local mode on 2 cores and writes the page
# report. Installs pyspark into a virtual environment of its own if missing
# (Java 17 must be on the machine). On a cluster, run
# scripts/spark/farmscan_job.py with spark-submit --master ... instead, with
# the farmscan binary or the farmscan wheel on every node.
#
# Usage: scripts/spark-scan.sh [FLAG VALUE]... PATH... OUT.csv
# Each FLAG (--config FILE, --min-similarity X, ...) goes to farmscan with its
# value, as scan takes it. With FARMSCAN_WHEEL=path/to/farmscan-*.whl the
# wheel is installed into the job's Python and the executors run it instead
# of a built binary.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
flags=()
while [ $# -gt 0 ] && [[ $1 == --* ]]; do
  flags+=("$1" "${2:?$1 needs a value}")
  shift 2
done
if [ $# -lt 2 ]; then
  echo "usage: $0 [FLAG VALUE]... PATH... OUT.csv" >&2
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
if [ -n "${FARMSCAN_WHEEL:-}" ]; then
  # The same version number would be taken as installed: reinstall it.
  "$venv/bin/pip" install -q "$FARMSCAN_WHEEL"
  "$venv/bin/pip" install -q --force-reinstall --no-deps "$FARMSCAN_WHEEL"
  farmscan=()
else
  [ -x "$root/target/release/farmscan" ] || (cd "$root" && cargo build --release -q)
  farmscan=(--binary "$root/target/release/farmscan")
fi
export PYSPARK_PYTHON="$venv/bin/python"
"$venv/bin/spark-submit" --master "local[2]" --driver-memory 2g \
  "$here/spark/farmscan_job.py" "${farmscan[@]}" ${flags[@]+"${flags[@]}"} --output "$out" "${paths[@]}"
