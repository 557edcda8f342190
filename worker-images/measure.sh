#!/usr/bin/env bash
# Measures the production worker images in one run, each next to the same application started with `java` on the
# full JDK that built it: size on disk, size as a gzip'ed tar, and the time from launch until the worker answered
# its first call (HTTP: `echo/echo`; Temporal: the first Nexus task of a workflow, through Temporal's test server,
# which the harness runs in its own JVM, outside the image), with the worker's CPU time and resident memory then.
# Launches of the variants take turns run by run; the table shows medians after one warm-up round.
#
#   worker-images/measure.sh [RUNS] [--write]   # after: mvn -B -DskipTests package -pl worker-images -am
#
# --write also records the table in docs/jlink-demo.md. Needs bash, tar, gzip and the JDK that built the images
# (JAVA_HOME, else the java on PATH).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
runs="${1:-5}"
write="${2:-}"
target="$here/target"
http="$target/http-image"
temporal="$target/temporal-image"
demo="$here/../jlink-demo/target/image"
doc="$here/../docs/jlink-demo.md"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
jdk_java="$java_home/bin/java"
jar="$(ls "$target"/worker-images-*.jar 2>/dev/null | head -1 || true)"

[[ -x "$http/bin/http-worker" && -x "$temporal/bin/temporal-worker" && -f "$target/harness-classpath.txt" \
   && -n "$jar" ]] || { echo "build first: mvn -B -DskipTests package -pl worker-images -am" >&2; exit 2; }

harness_cp="$target/test-classes:$(cat "$target/harness-classpath.txt")"
# what the Temporal launcher passes on JDK 24+ (17 rejects it); the harness runs Temporal's test server too
jvm_opts=()
major="$("$jdk_java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
if (( major >= 24 )); then jvm_opts=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED); fi
temporal_cp="$(ls "$temporal"/lib/app/*.jar | sort | paste -sd: -)"
http_main=(-m worker.images/worker.images.http.HttpWorker)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

measure() { # mode, then variants: -- LABEL COMMAND...
  local mode="$1"; shift
  # the harness's own log (the test server's, Temporal's) goes to a file, shown only if it fails
  "$jdk_java" ${jvm_opts[@]+"${jvm_opts[@]}"} -cp "$harness_cp" worker.images.Measure "$mode" --runs "$runs" \
    --warmup 1 --logs "$work/$mode" "$@" 2> "$work/$mode.err" || { cat "$work/$mode.err" >&2; exit 1; }
}

size_mib() { du -sk "$1" | awk '{printf "%.1f", $1 / 1024}'; }
gzip_mib() { tar -C "$1" -cf - . | gzip -6 | wc -c | awk '{printf "%.1f", $1 / 1048576}'; }
cds_mib() { du -kc "$1"/lib/server/classes.jsa "$1"/lib/app-cds.jsa 2>/dev/null | tail -1 | awk '{printf "%.1f", $1 / 1024}'; }
row() { # label, size column, "label<TAB>wall<TAB>cpu<TAB>rss" line
  local wall cpu rss
  IFS=$'\t' read -r _ wall cpu rss <<< "$3"
  printf '| %s | %s | %s ms | %s ms | %s MiB |\n' "$1" "$2" "$wall" "$cpu" "$(( rss / 1024 ))"
}

http_lines="$(measure http \
  -- shipped "$http/bin/http-worker" \
  -- c1 "$http/bin/java" -XX:TieredStopAtLevel=1 "${http_main[@]}" \
  -- serial "$http/bin/java" -XX:+UseSerialGC "${http_main[@]}" \
  -- nocds "$http/bin/java" -Xshare:off "${http_main[@]}" \
  -- jdk "$jdk_java" --module-path "$target/mods:$jar" "${http_main[@]}")"
temporal_lines="$(measure temporal \
  -- shipped "$temporal/bin/temporal-worker" \
  -- nocds "$temporal/bin/java" ${jvm_opts[@]+"${jvm_opts[@]}"} -Xshare:off -cp "$temporal_cp" \
       worker.images.temporal.TemporalWorker \
  -- jdk "$jdk_java" ${jvm_opts[@]+"${jvm_opts[@]}"} -cp "$temporal_cp" worker.images.temporal.TemporalWorker)"
line() { grep "^$2	" <<< "$1"; }
wall() { line "$1" "$2" | cut -f2; }

{
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, $(uname -sm), $("$jdk_java" -version 2>&1 | head -1);"
  echo "median of $runs runs after a warm-up round; load average $(cut -d' ' -f1-3 /proc/loadavg) (wall times grow"
  echo "with load, CPU times hardly)."
  echo
  echo "| Launch | On disk (gzip'ed tar) | first answer after | its CPU time by then | its memory (RSS) then |"
  echo "|---|---|---|---|---|"
  row "HTTP worker image \`bin/http-worker\` (CDS archive of JDK + SDK + app classes, $(cds_mib "$http") MiB)" \
    "$(size_mib "$http") MiB ($(gzip_mib "$http") MiB)" "$(line "$http_lines" shipped)"
  row "HTTP worker image, \`-XX:TieredStopAtLevel=1\`" "" "$(line "$http_lines" c1)"
  row "HTTP worker image, \`-XX:+UseSerialGC\`" "" "$(line "$http_lines" serial)"
  row "HTTP worker image, CDS off (\`-Xshare:off\`)" "" "$(line "$http_lines" nocds)"
  row "HTTP worker, \`java -m\` on the full JDK" "$(size_mib "$java_home") MiB + $(size_mib "$target/mods") MiB" \
    "$(line "$http_lines" jdk)"
  row "Temporal worker image \`bin/temporal-worker\` (CDS archive of JDK + class path, $(cds_mib "$temporal") MiB)" \
    "$(size_mib "$temporal") MiB ($(gzip_mib "$temporal") MiB)" "$(line "$temporal_lines" shipped)"
  row "Temporal worker image, CDS off (\`-Xshare:off\`)" "" "$(line "$temporal_lines" nocds)"
  row "Temporal worker, \`java -cp\` on the full JDK (same jars)" "$(size_mib "$java_home") MiB + $(size_mib "$temporal/lib/app") MiB" \
    "$(line "$temporal_lines" jdk)"
  if [[ -d "$demo" ]]; then
    echo "| (the demo image \`jlink-demo/target/image\`, for comparison) | $(size_mib "$demo") MiB ($(gzip_mib "$demo") MiB) | | | |"
  fi
  echo
  echo "Temporal worker image / \`java -cp\`, time to first Nexus task served: $(awk -v a="$(wall "$temporal_lines" shipped)" \
    -v b="$(wall "$temporal_lines" jdk)" 'BEGIN {printf "%.2f", a / b}')× (target ≤ 0.5×)."
} | tee "$work/table.md"

if [[ "$write" == "--write" ]]; then
  awk -v table="$work/table.md" '
    /<!-- worker-images:begin -->/ { print; while ((getline line < table) > 0) print line; skip=1; next }
    /<!-- worker-images:end -->/ { skip=0 }
    !skip { print }' "$doc" > "$work/doc.md"
  cp "$work/doc.md" "$doc"
  echo "recorded in $doc"
fi
