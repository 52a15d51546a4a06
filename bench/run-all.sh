#!/usr/bin/env bash
# Measures an OpenUID operator and writes docs/BENCHMARKS.md and docs/benchmarks.png (what is measured and how is
# described on that page).
#
# From a clean clone:   bench/run-all.sh
#
# It builds the jars, creates an embedded store with 1,048,576 salt buckets (first start), then, for Java 17 and
# (when installed) Temurin 25: the crypto-only ceiling, the JMH microbenchmarks (briefly), the heap of the salt table
# and of a 10M opt-out index, three cold starts (plain, with the openuid launcher, with an AppCDS archive), the load
# driver over every scenario with latency at half of saturation (and where its tail comes from: TailAnalysis), the
# server's heap after the load, and a JFR profile of each of a few scenarios (http-floor, generate, refresh, identity
# map v2 and v3).
# The server runs on core 0, the driver on core 1 (taskset, when available).
#
# Settings (environment variables):
#   WARMUP=10 DURATION=15   seconds of warm-up and of measurement per scenario (each warm-up goes on, by up to 30 s,
#                           until the server's JIT compilers are quiet: LoadDriver --settle)
#   SCENARIOS=all           or a comma-separated list (see LoadDriver)
#   JDKS="label=JAVA_HOME ..."   default: java-17 = the java on PATH, java-25 = /usr/lib/jvm/temurin-25-jdk-amd64
#   JMH_ARGS="-wi 1 -w 1 -i 3 -r 1 -f 1"   SKIP_JMH=1 leaves JMH out
#   HALF_SATURATION=generate,refresh   scenarios also run at half of saturation, with the tail analysis
#   PAIRED=generate,refresh  PAIRS=4  PAIRED_DURATION=24   scenarios also measured in windows alternating with the
#                           bare HTTP exchange (LoadDriver --paired-with http-floor): PAIRS pairs of windows sharing
#                           PAIRED_DURATION seconds; the token targets are read on these; empty skips them
#   PROFILES=http-floor,generate,refresh,map-v2-1000,map-v3-1000   PROFILE_SECONDS=15   scenarios profiled with JFR
#   DRIVER_OPTS="-XX:+UseZGC"   JVM options of the load driver's measured runs (a low-pause collector keeps the
#                               driver's own pauses out of the latency figures)
#   SLEEPING_DRIVER=http-floor,generate,refresh   scenarios measured a second time with a driver that sleeps between
#                           answers (--driver-wait block; the measured runs spin), for comparison; empty skips them
#   OPTOUTS=10000000        opt-outs in the heap measurement of the index
#   BUILD_DIR=DIR           build into DIR/<module> instead of <module>/target;  MVN_ARGS (e.g. -o);  SKIP_BUILD=1
#   OUT=bench/out           raw results (the store is kept there between runs);  PORT=18080
#   REPORT_OUT=docs         where BENCHMARKS.md and benchmarks.png are written
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${OUT:-$ROOT/bench/out}
REPORT_OUT=${REPORT_OUT:-$ROOT/docs}
WARMUP=${WARMUP:-10}
DURATION=${DURATION:-15}
SCENARIOS=${SCENARIOS:-all}
JMH_ARGS=${JMH_ARGS:--wi 1 -w 1 -i 3 -r 1 -f 1}
HALF_SATURATION=${HALF_SATURATION:-generate,refresh}
PAIRED=${PAIRED-generate,refresh}
PAIRS=${PAIRS:-4}
PAIRED_DURATION=${PAIRED_DURATION:-24}
PROFILES=${PROFILES:-http-floor,generate,refresh,map-v2-1000,map-v3-1000}
PROFILE_SECONDS=${PROFILE_SECONDS:-15}
DRIVER_OPTS=${DRIVER_OPTS:--XX:+UseZGC}
SLEEPING_DRIVER=${SLEEPING_DRIVER-http-floor,generate,refresh}
OPTOUTS=${OPTOUTS:-10000000}
PORT=${PORT:-18080}
STORE=$OUT/store
URL=http://127.0.0.1:$PORT

if [ -n "${BUILD_DIR:-}" ]; then
  MVN_BUILD=("-Dopenuid.buildDir=$BUILD_DIR/\${project.artifactId}")
  SERVER_JAR=$BUILD_DIR/openuid-server/openuid.jar
  BENCH_JAR=$BUILD_DIR/openuid-bench/benchmarks.jar
else
  MVN_BUILD=()
  SERVER_JAR=$ROOT/openuid-server/target/openuid.jar
  BENCH_JAR=$ROOT/openuid-bench/target/benchmarks.jar
fi

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

# The operator under test: no background jobs, no admin or ops listener, client-side generate not rate limited.
export OPENUID_LOG_FORMAT=text
export OPENUID_KEY_ROTATION_ENABLED=false
export OPENUID_SALT_ROTATION_ENABLED=false
export OPENUID_OPS_PORT=-1
export OPENUID_SHUTDOWN_UNREADY_MILLIS=0
export OPENUID_CSTG_RATE_LIMIT_PER_IP_PER_SECOND=0
export OPENUID_CSTG_RATE_LIMIT_PER_SITE_PER_SECOND=0

mkdir -p "$OUT" "$REPORT_OUT"
rm -f "$OUT/results.jsonl" "$OUT/sleeping-driver.jsonl" "$OUT/profiled.jsonl" "$OUT/commands.txt" "$OUT"/jmh-*.json "$OUT"/profile-*.md "$OUT"/*.jfr \
  "$OUT"/tail-*.txt "$OUT"/vm-*.log

log() { echo "== $*" >&2; }

# Runs a command and records it (paths relative to the repository) for the report.
run() {
  local line="$*"
  echo "${line//$ROOT\//}" >> "$OUT/commands.txt"
  "$@"
}

SERVER_PID=
start_server() { # JAVA_HOME LABEL [JVM options...]
  local jh=$1 label=$2
  shift 2
  echo "${PIN_SERVER[*]} $jh/bin/java $* -jar ${SERVER_JAR//$ROOT\//} serve --store ${STORE//$ROOT\//} --port $PORT --bind 127.0.0.1 --admin-port -1 &" \
    >> "$OUT/commands.txt"
  "${PIN_SERVER[@]}" "$jh/bin/java" "$@" -jar "$SERVER_JAR" serve --store "$STORE" --port "$PORT" --bind 127.0.0.1 \
    --admin-port -1 > "$OUT/server-$label.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    grep -Eq "listening on|operator started in" "$OUT/server-$label.log" && return 0
    kill -0 "$SERVER_PID" 2> /dev/null || { cat "$OUT/server-$label.log" >&2; return 1; }
    sleep 0.2
  done
  log "the server did not start"; return 1
}

stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2> /dev/null || true
    wait "$SERVER_PID" 2> /dev/null || true
    SERVER_PID=
  fi
}
trap stop_server EXIT

# Three starts timed to the first answered generate.  LABEL JAVA WHAT [JVM options...]
cold_starts() {
  local label=$1 java=$2 what=$3
  shift 3
  for i in 1 2 3; do
    run "${PIN_DRIVER[@]}" "$java" -cp "$BENCH_JAR" org.openuid.bench.load.LoadDriver coldstart --url "$URL" \
      --credentials "$STORE/demo-credentials.json" --label "$label" --what "$what" --out "$OUT/results.jsonl" \
      --log "$OUT/coldstart-$label-$what-$i.log" -- "${PIN_SERVER[@]}" "$java" "$@" -jar "$SERVER_JAR" serve \
      --store "$STORE" --port "$PORT" --bind 127.0.0.1 --admin-port -1
  done
}

# The default start, the `openuid` launcher beside the jar (a class-data archive in its own cache directory): one
# start that writes the archive when it stops (its first start), then three starts timed like cold_starts.
#   JAVA_HOME LABEL
launcher_cold_starts() {
  local jh=$1 label=$2 launcher
  launcher=$(dirname "$SERVER_JAR")/openuid
  export JAVA_HOME=$jh OPENUID_CLASS_CACHE_DIR=$OUT/class-cache-$label
  rm -rf "$OPENUID_CLASS_CACHE_DIR"
  run "${PIN_DRIVER[@]}" "$jh/bin/java" -cp "$BENCH_JAR" org.openuid.bench.load.LoadDriver coldstart --url "$URL" \
    --credentials "$STORE/demo-credentials.json" --label "$label" --what launcher-first --log "$OUT/coldstart-$label-launcher-first.log" \
    -- "${PIN_SERVER[@]}" "$launcher" serve --store "$STORE" --port "$PORT" --bind 127.0.0.1 --admin-port -1 > /dev/null
  # the JVM writes the archive as it stops (JDK 25: a second JVM assembles it); wait for it
  for _ in $(seq 1 120); do
    ls "$OPENUID_CLASS_CACHE_DIR"/openuid-*.jsa "$OPENUID_CLASS_CACHE_DIR"/openuid-*.aot > /dev/null 2>&1 \
      && ! ls "$OPENUID_CLASS_CACHE_DIR"/*.config > /dev/null 2>&1 && break
    sleep 1
  done
  for i in 1 2 3; do
    run "${PIN_DRIVER[@]}" "$jh/bin/java" -cp "$BENCH_JAR" org.openuid.bench.load.LoadDriver coldstart --url "$URL" \
      --credentials "$STORE/demo-credentials.json" --label "$label" --what launcher --out "$OUT/results.jsonl" \
      --log "$OUT/coldstart-$label-launcher-$i.log" -- "${PIN_SERVER[@]}" "$launcher" serve \
      --store "$STORE" --port "$PORT" --bind 127.0.0.1 --admin-port -1
  done
  unset JAVA_HOME OPENUID_CLASS_CACHE_DIR
}

# A training run (every scenario briefly) writes an archive, then three starts use it.
#   JAVA_HOME LABEL WHAT ARCHIVE WRITE_OPTION USE_OPTION
archived_cold_starts() {
  local jh=$1 label=$2 what=$3 archive=$4 write=$5 use=$6
  rm -f "$archive"
  start_server "$jh" "$label-$what-training" "$write=$archive"
  run "${PIN_DRIVER[@]}" "$jh/bin/java" -cp "$BENCH_JAR" org.openuid.bench.load.LoadDriver run --url "$URL" \
    --credentials "$STORE/demo-credentials.json" --server-pid "$SERVER_PID" --scenarios all --warmup 0.5 --settle 0 --duration 0.5 \
    --label "$label-$what-training" > /dev/null
  stop_server
  cold_starts "$label" "$jh/bin/java" "$what" "$use=$archive"
}

if [ -z "${SKIP_BUILD:-}" ]; then
  log "building"
  (cd "$ROOT" && run mvn -B -q ${MVN_ARGS:-} "${MVN_BUILD[@]}" -DskipTests package)
fi

{
  echo "date=$(date -u +%Y-%m-%dT%H:%MZ)"
  echo "commit=$(cd "$ROOT" && git rev-parse --short HEAD 2> /dev/null || echo unknown)"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "cores=$(nproc)"
  echo "kernel=$(uname -r)"
  echo "memory=$(free -g | awk '/Mem:/ {print $2 " GB"}')"
  echo "load average at start=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "pinning=${PIN_SERVER[*]:-none} (server), ${PIN_DRIVER[*]:-none} (driver)"
  echo "warm-up and measurement per scenario=${WARMUP} s, ${DURATION} s"
  for entry in $JDKS; do echo "${entry%%=*}=$("${entry#*=}/bin/java" -version 2>&1 | head -2 | tail -1)"; done
} > "$OUT/env.txt"

FIRST_JDK=${JDKS%% *}
FIRST_JDK=${FIRST_JDK#*=}
if [ ! -f "$STORE/openuid.mv.db" ]; then
  log "first start: creating the store with 1,048,576 salt buckets"
  start_server "$FIRST_JDK" bootstrap
  stop_server
fi

for entry in $JDKS; do
  label=${entry%%=*}
  jh=${entry#*=}
  java=$jh/bin/java
  log "$label: crypto-only ceiling"
  run "${PIN_SERVER[@]}" "$java" -cp "$BENCH_JAR" org.openuid.bench.CeilingProbe --seconds 5 --label "$label" --out "$OUT/results.jsonl"

  if [ -z "${SKIP_JMH:-}" ]; then
    log "$label: JMH"
    # shellcheck disable=SC2086
    run "${PIN_DRIVER[@]}" "$java" -jar "$BENCH_JAR" $JMH_ARGS -rf json -rff "$OUT/jmh-$label.json" > "$OUT/jmh-$label.log" 2>&1 \
      || log "JMH failed, see $OUT/jmh-$label.log"
  fi

  log "$label: heap of the salt table and of $OPTOUTS opt-outs"
  run "${PIN_DRIVER[@]}" "$java" -Xmx6g -cp "$BENCH_JAR" org.openuid.bench.HeapProbe --buckets 1048576 --optouts "$OPTOUTS" \
    --label "$label" --out "$OUT/results.jsonl"

  log "$label: cold start"
  cold_starts "$label" "$java" plain

  log "$label: cold start with the openuid launcher (the default start)"
  launcher_cold_starts "$jh" "$label"

  log "$label: cold start with an application class-data archive"
  archived_cold_starts "$jh" "$label" appcds "$OUT/cds-$label.jsa" -XX:ArchiveClassesAtExit -XX:SharedArchiveFile

  if "$java" -XX:AOTCacheOutput="$OUT/probe.aot" -version > /dev/null 2>&1; then
    log "$label: cold start with an ahead-of-time cache (JDK 25 and later)"
    rm -f "$OUT/probe.aot"
    archived_cold_starts "$jh" "$label" aot "$OUT/aot-$label.aot" -XX:AOTCacheOutput -XX:AOTCache
  fi

  log "$label: load"
  # The load runs record what the JVM does besides serving (safepoints and GC pauses in a log on the driver's clock,
  # compilations in a flight recording of only that event) for the tail analysis of the half-saturation runs.
  rm -f "$OUT/vm-$label.log"
  start_server "$jh" "$label" -Xlog:safepoint=info,gc=info:file="$OUT/vm-$label.log":timenanos,tags \
    -XX:StartFlightRecording=settings="$ROOT/bench/tail.jfc",filename="$OUT/load-$label.jfr",dumponexit=true
  # shellcheck disable=SC2086
  run "${PIN_DRIVER[@]}" "$java" $DRIVER_OPTS -cp "$BENCH_JAR" org.openuid.bench.load.LoadDriver run --url "$URL" \
    --credentials "$STORE/demo-credentials.json" --server-pid "$SERVER_PID" --scenarios "$SCENARIOS" \
    --half-saturation "$HALF_SATURATION" --warmup "$WARMUP" --duration "$DURATION" --label "$label" \
    --out "$OUT/results.jsonl" --tail-dir "$OUT" || log "some load run was invalid (see above)"
  if [ -n "$PAIRED" ]; then
    # shellcheck disable=SC2086
    run "${PIN_DRIVER[@]}" "$java" $DRIVER_OPTS -cp "$BENCH_JAR" org.openuid.bench.load.LoadDriver run --url "$URL" \
      --credentials "$STORE/demo-credentials.json" --server-pid "$SERVER_PID" --scenarios "$PAIRED" \
      --paired-with http-floor --pairs "$PAIRS" --warmup "$WARMUP" --duration "$PAIRED_DURATION" --label "$label" \
      --out "$OUT/results.jsonl" || log "some paired run was invalid (see above)"
  fi
  if [ -n "$SLEEPING_DRIVER" ]; then
    # shellcheck disable=SC2086
    run "${PIN_DRIVER[@]}" "$java" $DRIVER_OPTS -cp "$BENCH_JAR" org.openuid.bench.load.LoadDriver run --url "$URL" \
      --credentials "$STORE/demo-credentials.json" --server-pid "$SERVER_PID" --scenarios "$SLEEPING_DRIVER" \
      --driver-wait block --warmup "$WARMUP" --duration "$DURATION" --label "$label" \
      --out "$OUT/sleeping-driver.jsonl" || log "some run with a sleeping driver was invalid (see above)"
  fi
  run "$java" -cp "$BENCH_JAR" org.openuid.bench.load.LoadDriver heap --server-pid "$SERVER_PID" --what server \
    --label "$label" --out "$OUT/results.jsonl"
  stop_server
  for s in ${HALF_SATURATION//,/ }; do
    [ -f "$OUT/tail-$label-$s.txt" ] || continue
    run "$java" -cp "$BENCH_JAR" org.openuid.bench.TailAnalysis --tail "$OUT/tail-$label-$s.txt" \
      --vm-log "$OUT/vm-$label.log" --jfr "$OUT/load-$label.jfr" --label "$label" --scenario "$s" \
      --out "$OUT/results.jsonl" > /dev/null
  done

  log "$label: profiles of ${PROFILES//,/, }"
  sed -e 's|<setting name="period" control="method-sampling-java-interval">[^<]*<|<setting name="period" control="method-sampling-java-interval">1 ms<|' \
    "$jh/lib/jfr/profile.jfc" > "$OUT/cpu-$label.jfc"
  start_server "$jh" "$label-profile"
  for s in ${PROFILES//,/ }; do
    run "$jh/bin/jcmd" "$SERVER_PID" JFR.start name="$s" settings="$OUT/cpu-$label.jfc" delay="$((WARMUP + 2))s" \
      duration="${PROFILE_SECONDS}s" filename="$OUT/profile-$label-$s.jfr" > /dev/null
    # shellcheck disable=SC2086
    run "${PIN_DRIVER[@]}" "$java" $DRIVER_OPTS -cp "$BENCH_JAR" org.openuid.bench.load.LoadDriver run --url "$URL" \
      --credentials "$STORE/demo-credentials.json" --server-pid "$SERVER_PID" --scenarios "$s" \
      --warmup "$((WARMUP + 2))" --settle 0 --duration "$PROFILE_SECONDS" --label "$label" --out "$OUT/profiled.jsonl" > /dev/null \
      || log "the profiled $s run was invalid"
    "$jh/bin/jcmd" "$SERVER_PID" JFR.stop name="$s" > /dev/null 2>&1 || true
  done
  stop_server
  for s in ${PROFILES//,/ }; do
    [ -f "$OUT/profile-$label-$s.jfr" ] || continue
    run "$java" -cp "$BENCH_JAR" org.openuid.bench.JfrSummary "$OUT/profile-$label-$s.jfr" 25 \
      --load "$OUT/profiled.jsonl" --scenario "$s" > "$OUT/profile-$label-$s.md"
  done
done

log "report"
run java -cp "$BENCH_JAR" org.openuid.bench.report.BenchReport --in "$OUT" --out "$REPORT_OUT" --notes "$ROOT/bench/notes.md" \
  --ab "$ROOT/bench/ab"
