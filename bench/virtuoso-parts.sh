#!/usr/bin/env bash
# Virtuoso's side of a push in parts: a generated cohort's N-Triples (asps-kg generate --format nt) sent
# to Virtuoso's Graph Store endpoint once as one PUT, and once as a PUT and POSTs of about PART_MB each,
# cut before a case's `a asps:PatientCase` line (so no blank node spans two parts, as GraphStorePush
# cuts); per request its status, wall time and Virtuoso's CPU seconds, then COUNT(*) of each graph on
# /sparql. On a shared machine wall time measures the load; the CPU seconds measure Virtuoso.
#
#   bench/virtuoso-parts.sh COHORT.nt BASE VIRTUOSO-PID PART_MB [single|parts|both]
#   e.g. bench/virtuoso-parts.sh cohort/cohort.nt http://127.0.0.1:8890 "$(pgrep -x virtuoso-t)" 500
# Needs curl, awk, bc; user dba / password dba (DBA_USER, DBA_PASSWORD to change).
set -euo pipefail
FILE=$1 BASE=$2 VPID=$3 PART_MB=$4 WHAT=${5:-both}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/virtuoso-parts.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
HZ=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$VPID/stat"; }
send() { # method file graph
    local v0 t0 code t1 v1
    v0=$(cpu) t0=$(date +%s.%N)
    code=$(curl -s -o /dev/null -w '%{http_code}' --digest -u "${DBA_USER:-dba}:${DBA_PASSWORD:-dba}" -X "$1" \
        -H 'Content-Type: application/n-triples' --data-binary "@$2" "$BASE/sparql-graph-crud-auth?graph=$3")
    t1=$(date +%s.%N) v1=$(cpu)
    printf '%s %s: %d lines, %d bytes -> HTTP %s, %.1f s wall, %.2f s Virtuoso CPU\n' "$1" "$3" \
        "$(wc -l <"$2")" "$(stat -c %s "$2")" "$code" "$(echo "$t1 - $t0" | bc)" "$(echo "($v1 - $v0) / $HZ" | bc -l)"
}
count() {
    curl -s -G --data-urlencode "query=SELECT (COUNT(*) AS ?n) WHERE { GRAPH <$1> { ?s ?p ?o } }" \
        -H 'Accept: text/csv' "$BASE/sparql" | tail -1
}
if [[ $WHAT != parts ]]; then
    send PUT "$FILE" urn:push-rate:single
    echo "COUNT urn:push-rate:single: $(count urn:push-rate:single)"
fi
if [[ $WHAT != single ]]; then
    awk -v limit=$((PART_MB * 1000000)) -v dir="$WORK" '
        BEGIN { n = 1; f = dir "/part-1.nt" }
        / <http:\/\/www.w3.org\/1999\/02\/22-rdf-syntax-ns#type> <https:\/\/w3id.org\/asps-kg\/PatientCase> \.$/ {
            if (size > limit) { close(f); n++; f = dir "/part-" n ".nt"; size = 0 }
        }
        { print > f; size += length($0) + 1 }' "$FILE"
    method=PUT
    for p in $(ls "$WORK"/part-*.nt | sort -V); do
        send "$method" "$p" urn:push-rate:parts
        method=POST
    done
    echo "COUNT urn:push-rate:parts: $(count urn:push-rate:parts)"
fi
