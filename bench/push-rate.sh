#!/usr/bin/env bash
# The push rate of one N-Triples file into a Graph Store's cases graph, with what the store spent on it.
#
#   bench/push-rate.sh serve STORE FILE            a copy of STORE served by `asps-kg serve --allow-writes`
#                                                  (-Xmx512m, limits raised), then one PUT of FILE (Basic)
#   bench/push-rate.sh url URL USER PASS PID FILE  an endpoint already running as process PID, with
#                                                  HTTP Digest, e.g. Virtuoso's .../sparql-graph-crud-auth
#
# One line: HTTP status, triples stored (the answer's tripleCount, or COUNT(*) on the endpoint's
# /sparql), wall time and triples/s, the store process's CPU seconds (user+system, all its threads) and
# triples per CPU-second, the load average and the share of time some task waited for a CPU
# (/proc/pressure/cpu) during the PUT; for serve also its old generation in use (jstat, sampled every
# 10 s) and peak resident memory. On a shared machine wall time measures the machine's load; the CPU
# seconds measure the store (docs/benchmarks.md, "Why the push to serve took 919 s").
# Needs target/asps-kg.jar (JAR=... for another), curl, jstat and python3.
set -euo pipefail
JAR=${JAR:-$(pwd)/target/asps-kg.jar}
GRAPH=${GRAPH:-https://w3id.org/asps-kg/graph/cases}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/push-rate.XXXXXX")
cleanup() {
    set +e # a stopped process's status must not stop the cleanup
    [[ -n "${JSTAT:-}" ]] && kill "$JSTAT" 2>/dev/null
    [[ -n "${SAMPLER:-}" ]] && kill "$SAMPLER" 2>/dev/null
    [[ -n "${SERVER:-}" ]] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

cpu_of() { awk '{print $14 + $15}' "/proc/$1/stat"; }
cpu_wait() { awk '/^some/ {sub("total=", "", $5); print $5}' /proc/pressure/cpu 2>/dev/null || echo 0; }

case "${1:-}" in
serve)
    STORE=$2 FILE=$3
    cp -r "$STORE" "$WORK/store"
    mkdir "$WORK/upload"
    echo 'loader: push-rate' >"$WORK/passwd"
    java -Xmx512m -jar "$JAR" serve --store "$WORK/store" --port 0 --allow-writes \
        --password-file "$WORK/passwd" --max-body 100000000000 --body-timeout 86400000 \
        --upload-dir "$WORK/upload" >"$WORK/serve.log" 2>&1 &
    SERVER=$!
    until grep -q 'Ctrl-C stops' "$WORK/serve.log"; do
        kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 1; }
        sleep 2
    done
    BASE=$(grep -o 'http://[0-9.:]*/asps' "$WORK/serve.log" | head -1)
    URL="$BASE/data?graph=$GRAPH" AUTH=(-u loader:push-rate) PID=$SERVER
    jstat -gc "$PID" 10000 >"$WORK/jstat" &
    JSTAT=$!
    ;;
url)
    URL="$2?graph=$GRAPH" AUTH=(--digest -u "$3:$4") PID=$5 FILE=$6
    BASE=${2%/*}
    ;;
*)
    sed -n '2,15p' "$0" >&2
    exit 2
    ;;
esac

(while sleep 30; do cut -d' ' -f1 /proc/loadavg; done) >"$WORK/load" &
SAMPLER=$!
CPU0=$(cpu_of "$PID") WAIT0=$(cpu_wait) T0=$(date +%s.%N)
STATUS=$(curl -s -o "$WORK/answer" -w '%{http_code}' "${AUTH[@]}" -T "$FILE" \
    -H 'Content-Type: application/n-triples' "$URL")
T1=$(date +%s.%N) CPU1=$(cpu_of "$PID") WAIT1=$(cpu_wait)
cut -d' ' -f1 /proc/loadavg >>"$WORK/load"
if grep -q tripleCount "$WORK/answer"; then
    N=$(grep tripleCount "$WORK/answer" | tr -dc 0-9)
else
    N=$(curl -s "$BASE/sparql" -H 'Accept: text/csv' \
        --data-urlencode "query=SELECT (COUNT(*) AS ?n) { GRAPH <$GRAPH> { ?s ?p ?o } }" | tail -1 | tr -dc 0-9)
fi
HWM=$(awk '/VmHWM/ {print $2}' "/proc/$PID/status")
python3 - "$STATUS" "${N:-0}" "$T0" "$T1" "$CPU0" "$CPU1" "$WAIT0" "$WAIT1" "$HWM" "$WORK" <<'PY'
import os, sys
status, n, t0, t1, c0, c1, w0, w1, hwm, work = sys.argv[1:]
n, wall = int(n), float(t1) - float(t0)
cpu = (float(c1) - float(c0)) / os.sysconf("SC_CLK_TCK")
# the kernel adds to this total in steps of about 2 s, so a short PUT can read a little over 100 %
waited = min(1.0, (int(w1) - int(w0)) / 1e6 / wall)
loads = [float(x) for x in open(f"{work}/load").read().split()]
line = (f"HTTP {status}, {n:,} triples in {wall:,.1f} s: {n / wall:,.0f} triples/s; store CPU {cpu:,.1f} s: "
        f"{n / max(cpu, 0.01):,.0f} triples per CPU-second ({cpu / wall:.0%} of one core); load average "
        f"{min(loads):.1f}-{max(loads):.1f}, some task waiting for a CPU {waited:.0%} of the time; "
        f"peak RSS {int(hwm) / 1024:,.0f} MB")
if os.path.exists(f"{work}/jstat"):
    rows = [r.split() for r in open(f"{work}/jstat").read().splitlines()[1:] if r.strip()]
    if rows:
        line += f"; old generation in use at most {max(float(r[7]) for r in rows) / 1024:,.0f} MB"
print(line)
PY
