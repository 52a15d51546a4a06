#!/usr/bin/env bash
# Interleaved A/B of two builds of the operator: the same load scenarios against each, alternating A and B round
# after round on the same machine, so that what the neighbours do to the host falls on both alike. Writes a summary
# (medians over rounds of requests or identities per server CPU-second, and B/A) to bench/ab/NAME.md.
#
#   bench/ab.sh NAME A B [SCENARIOS]
#
#   A, B        each a git revision of this repository (built from a clean export of it) or the path of a built
#               openuid.jar (used as it is)
#   SCENARIOS   comma-separated load driver scenarios (default http-floor,generate,refresh,map-v2-1000,map-v3-1000)
#
# Settings (environment variables):
#   ROUNDS=4              rounds; odd rounds run A first, even rounds B first
#   WARMUP=6 DURATION=9   seconds of warm-up and of measurement per scenario and server start (three windows)
#   JDKS="label=JAVA_HOME ..."   default: java-17 = the java on PATH, java-25 = /usr/lib/jvm/temurin-25-jdk-amd64
#   OUT=bench/out/ab-NAME raw results and the two stores (each build creates its own with 1,048,576 buckets)
#   AB_OUT=bench/ab       where NAME.md is written;  PORT=18180;  MVN_ARGS (e.g. -o)
#
# The load driver is the one of this checkout (openuid-bench/target/benchmarks.jar, built when missing); the server
# runs pinned to core 0 and the driver to core 1, as in bench/run-all.sh.
set -euo pipefail

if [ $# -lt 3 ]; then
  sed -n '2,20p' "$0" >&2
  exit 2
fi
NAME=$1 REF_A=$2 REF_B=$3
SCENARIOS=${4:-http-floor,generate,refresh,map-v2-1000,map-v3-1000}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${OUT:-$ROOT/bench/out/ab-$NAME}
AB_OUT=${AB_OUT:-$ROOT/bench/ab}
ROUNDS=${ROUNDS:-4}
WARMUP=${WARMUP:-6}
DURATION=${DURATION:-9}
PORT=${PORT:-18180}
URL=http://127.0.0.1:$PORT
BENCH_JAR=$ROOT/openuid-bench/target/benchmarks.jar

if [ -z "${JDKS:-}" ]; then
  JDKS="java-17=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && JDKS="$JDKS java-25=/usr/lib/jvm/temurin-25-jdk-amd64"
fi
PIN_SERVER=()
PIN_DRIVER=()
if command -v taskset > /dev/null && [ "$(nproc)" -ge 2 ]; then
  PIN_SERVER=(taskset -c 0)
  PIN_DRIVER=(taskset -c 1)
fi

export OPENUID_LOG_FORMAT=text
export OPENUID_KEY_ROTATION_ENABLED=false
export OPENUID_SALT_ROTATION_ENABLED=false
export OPENUID_OPS_PORT=-1
export OPENUID_SHUTDOWN_UNREADY_MILLIS=0
export OPENUID_CSTG_RATE_LIMIT_PER_IP_PER_SECOND=0
export OPENUID_CSTG_RATE_LIMIT_PER_SITE_PER_SECOND=0

log() { echo "== $*" >&2; }
mkdir -p "$OUT" "$AB_OUT"
rm -f "$OUT/results.jsonl"

# Echoes the jar of a revision or jar path, building it when needed, and a one-line description to $OUT/VARIANT.txt.
build() { # VARIANT REF
  local variant=$1 ref=$2
  if [ -f "$ref" ]; then
    readlink -f "$ref" > "$OUT/$variant.jar.txt"
    echo "\`$(basename "$ref")\` ($(date -u -r "$ref" +%Y-%m-%dT%H:%MZ))" > "$OUT/$variant.txt"
    return
  fi
  local commit
  commit=$(cd "$ROOT" && git rev-parse --verify "$ref^{commit}")
  local src=$OUT/src-$variant
  if [ ! -f "$src/openuid-server/target/openuid.jar" ] || [ "$(cat "$src/.commit" 2> /dev/null)" != "$commit" ]; then
    log "building $variant = $ref ($commit)"
    rm -rf "$src"
    mkdir -p "$src"
    (cd "$ROOT" && git archive "$commit") | tar -x -C "$src"
    (cd "$src" && mvn -B -q ${MVN_ARGS:-} -DskipTests -pl openuid-server -am package) >&2
    echo "$commit" > "$src/.commit"
  fi
  echo "$src/openuid-server/target/openuid.jar" > "$OUT/$variant.jar.txt"
  (cd "$ROOT" && git log -1 --format='`%h` %s' "$commit" | cut -c1-140) > "$OUT/$variant.txt"
}

build A "$REF_A"
build B "$REF_B"
if [ ! -f "$BENCH_JAR" ]; then
  log "building the load driver"
  (cd "$ROOT" && mvn -B -q ${MVN_ARGS:-} -DskipTests -pl openuid-bench -am package) >&2
fi

SERVER_PID=
stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2> /dev/null || true
    wait "$SERVER_PID" 2> /dev/null || true
    SERVER_PID=
  fi
}
trap stop_server EXIT

start_server() { # JAVA_HOME VARIANT LOG
  local jh=$1 variant=$2 logfile=$3
  "${PIN_SERVER[@]}" "$jh/bin/java" -jar "$(cat "$OUT/$variant.jar.txt")" serve --store "$OUT/store-$variant" \
    --port "$PORT" --bind 127.0.0.1 --admin-port -1 > "$logfile" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 900); do
    grep -Eq "listening on|operator started in" "$logfile" && return 0
    kill -0 "$SERVER_PID" 2> /dev/null || { cat "$logfile" >&2; return 1; }
    sleep 0.2
  done
  log "the server did not start"; return 1
}

for entry in $JDKS; do
  label=${entry%%=*}
  jh=${entry#*=}
  for r in $(seq 1 "$ROUNDS"); do
    if [ $((r % 2)) -eq 1 ]; then order="A B"; else order="B A"; fi
    for v in $order; do
      log "$label round $r: $v"
      start_server "$jh" "$v" "$OUT/server-$v-$label-$r.log"
      "${PIN_DRIVER[@]}" "$jh/bin/java" -XX:+UseZGC -cp "$BENCH_JAR" org.openuid.bench.load.LoadDriver run --url "$URL" \
        --credentials "$OUT/store-$v/demo-credentials.json" --server-pid "$SERVER_PID" --scenarios "$SCENARIOS" \
        --warmup "$WARMUP" --duration "$DURATION" --label "$v|$label|$r" --out "$OUT/results.jsonl" > /dev/null \
        || log "$label round $r $v: some run was invalid"
      stop_server
    done
  done
done

# Summary: per JDK and scenario, the median over rounds (each round's best window) of A and B, and B/A.
{
  echo "### $NAME"
  echo
  echo "Interleaved A/B, $ROUNDS rounds per JDK (A first in odd rounds, B first in even ones), ${WARMUP} s warm-up and"
  echo "${DURATION} s measured per scenario and server start, $(date -u +%Y-%m-%d), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores."
  echo
  echo "* A: $(cat "$OUT/A.txt")"
  echo "* B: $(cat "$OUT/B.txt")"
  echo
  echo "| JDK | scenario | unit | A median | B median | B / A | A rounds | B rounds | invalid runs |"
  echo "| --- | --- | --- | ---: | ---: | ---: | --- | --- | ---: |"
  jq -rs '
    def med: sort | if length == 0 then null elif length % 2 == 1 then .[length / 2 | floor]
             else (.[length / 2 - 1] + .[length / 2]) / 2 end;
    def fmt: if . == null then "–" else (. | round | tostring) end;
    map(select(.type == "load" and .rate == 0) | (.label | split("|")) as $l
        | {v: $l[0], jdk: $l[1], scenario, valid,
           x: (if .identities_per_request > 1 then .server_identities_per_cpu_second else .server_requests_per_cpu_second end),
           unit: (if .identities_per_request > 1 then "identities/CPU-s" else "requests/CPU-s" end)})
    | group_by([.jdk, .scenario]) | .[]
    | (map(select(.v == "A" and .valid) | .x)) as $a | (map(select(.v == "B" and .valid) | .x)) as $b
    | "| \(.[0].jdk) | \(.[0].scenario) | \(.[0].unit) | \($a | med | fmt) | \($b | med | fmt) | "
      + (if ($a | med) != null and ($b | med) != null then "\((($b | med) / ($a | med) * 100 | round) / 100)" else "–" end)
      + " | \($a | map(fmt) | join(", ")) | \($b | map(fmt) | join(", ")) | \(map(select(.valid | not)) | length) |"
  ' "$OUT/results.jsonl"
} > "$AB_OUT/$NAME.md"
cat "$AB_OUT/$NAME.md"
