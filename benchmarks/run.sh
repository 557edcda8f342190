#!/usr/bin/env bash
# Runs every benchmark part and prints one report of ratios, each measured against its baseline in the same run:
#   1. in-process dispatch (JMH): ours vs the official SDK vs the Jackson limit, 16 B and 64 KiB
#   2. HTTP on loopback: our NexusHttpServer vs a bare com.sun.net.httpserver handler, 64 keep-alive connections
#   3. Temporal test server: our temporal.nexus worker vs Temporal's own worker with an official-SDK service
#   4. jlink image vs `java` on the full JDK: size, time and CPU to first response (jlink-demo/measure.sh, the
#      jlink issue's own script; SKIP_JLINK=1 leaves it out)
#   5. production worker images (HTTP, Temporal) vs `java` on the full JDK: size, gzip'ed size, time and CPU to the
#      first answer / first Nexus task (worker-images/measure.sh; SKIP_WORKER_IMAGES=1 leaves it out)
# About 10-13 minutes on 2 cores (more if the machine is busy). QUICK=1 runs a short smoke version (~3 min) whose
# figures are not worth quoting. MVN_FLAGS adds Maven flags (e.g. MVN_FLAGS=-o once dependencies are downloaded).
# The report is printed and saved to benchmarks/target/results/report.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
results=$root/benchmarks/target/results

jlink=0
if [[ "${SKIP_JLINK:-0}" != 1 && -x jlink-demo/measure.sh ]] && command -v curl > /dev/null; then
  jlink=1
fi
workers=0
[[ "${SKIP_WORKER_IMAGES:-0}" != 1 && -x worker-images/measure.sh ]] && workers=1
modules=benchmarks
[[ $jlink == 1 ]] && modules=$modules,jlink-demo
[[ $workers == 1 ]] && modules=$modules,worker-images
echo "== building $modules (mvn package -pl $modules -am, tests skipped)"
# shellcheck disable=SC2086
mvn -B -q ${MVN_FLAGS:-} package -pl "$modules" -am -DskipTests

cp="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")"
# Temporal 1.38.0 is built against the official SDK 0.5.0-alpha; part 1 measures 0.6.0-alpha
temporal_cp=$(echo "$cp" | sed "s#[^:]*nexus-sdk-0\.6\.0-alpha\.jar#$root/benchmarks/target/temporal-lib/nexus-sdk-0.5.0-alpha.jar#")
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
log="-Dorg.slf4j.simpleLogger.defaultLogLevel=error"

if [[ "${QUICK:-0}" == 1 ]]; then
  dispatch="-Dbench.rounds=1 -Dbench.warmup=2 -Dbench.measure=2"
  http="-Dbench.rounds=1 -Dbench.http.warmup=3 -Dbench.http.measure=4"
  temporal="-Dbench.temporal.warmup=1 -Dbench.temporal.batches=2"
else
  dispatch="-Dbench.rounds=3"
  http="-Dbench.rounds=3"
  temporal="-Dbench.temporal.warmup=3 -Dbench.temporal.batches=5"
fi

rm -rf "$results"
mkdir -p "$results"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u +%s)

echo "== part 1: in-process dispatch (JMH)"
# shellcheck disable=SC2086
"$java" $log $dispatch -Dbench.results="$results" -cp "$cp" nexusrpc.benchmarks.dispatch.DispatchRun

echo "== part 2: HTTP on loopback"
# shellcheck disable=SC2086
"$java" $log $http -Dbench.results="$results" -cp "$cp" nexusrpc.benchmarks.http.HttpRun

echo "== part 3: Temporal test server"
# shellcheck disable=SC2086
# recorded with JFR (both variants alike) for the per-stage table 3b; deep stacks so gRPC frames are not cut
"$java" $log $temporal -Xmx1g -Dbench.results="$results" -XX:FlightRecorderOptions:stackdepth=256 \
  -XX:StartFlightRecording=filename="$results/temporal.jfr",settings=profile \
  -cp "$temporal_cp" nexusrpc.benchmarks.temporal.TemporalRun
"$java" -cp "$cp" nexusrpc.benchmarks.temporal.StageProfile "$results/temporal.jfr" "$results"

if [[ $jlink == 1 ]]; then
  echo "== part 4: jlink image vs the full JDK (jlink-demo/measure.sh)"
  runs=5
  [[ "${QUICK:-0}" == 1 ]] && runs=1
  { echo "### 4. jlink image vs \`java\` on the full JDK (jlink-demo/measure.sh, $runs runs)"; echo
    jlink-demo/measure.sh "$runs"; } > "$results/4-jlink.md"
fi

if [[ $workers == 1 ]]; then
  echo "== part 5: production worker images vs the full JDK (worker-images/measure.sh)"
  runs=5
  [[ "${QUICK:-0}" == 1 ]] && runs=1
  { echo "### 5. Production worker images vs \`java\` on the full JDK (worker-images/measure.sh, $runs runs)"; echo
    worker-images/measure.sh "$runs"; } > "$results/5-worker-images.md"
fi

minutes=$(( ($(date -u +%s) - started + 59) / 60 ))
{
  echo "## Benchmark report"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'), ${minutes} min"
  echo "- machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(uname -sr)"
  echo "- JDK: $("$java" -version 2>&1 | head -2 | tail -1)"
  echo "- load average (1/5/15 min) before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
  [[ "${QUICK:-0}" == 1 ]] && echo "- QUICK=1 smoke run: too short to quote"
  echo
  cat "$results"/1-dispatch.md
  echo
  cat "$results"/2-http.md
  echo
  cat "$results"/3-temporal.md
  if [[ -f "$results"/3b-temporal-stages.md ]]; then echo; cat "$results"/3b-temporal-stages.md; fi
  if [[ -f "$results"/4-jlink.md ]]; then echo; cat "$results"/4-jlink.md; fi
  if [[ -f "$results"/5-worker-images.md ]]; then echo; cat "$results"/5-worker-images.md; fi
} > "$results/report.md"
echo
cat "$results/report.md"
