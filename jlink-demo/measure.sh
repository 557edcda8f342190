#!/usr/bin/env bash
# Measures the jlink image against the same application launched with `java` on the full JDK, in one run:
# size on disk, time from process start to the first successful Nexus response (serve + curl), resident memory
# after that response, and the wall time of a one-shot `call` command.
#
#   jlink-demo/measure.sh [RUNS]          # after: mvn -B -DskipTests package -pl jlink-demo -am
#   jlink-demo/measure.sh [RUNS] --write  # also records the table in docs/jlink-demo.md
#
# Needs bash, curl and the JDK that built the image (JAVA_HOME, else the java on PATH).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
runs="${1:-5}"
write="${2:-}"
image="$here/target/image"
jar="$(ls "$here"/target/jlink-demo-*.jar 2>/dev/null | grep -v -- '-tests' | head -1 || true)"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
jdk_java="$java_home/bin/java"
doc="$here/../docs/jlink-demo.md"

[[ -x "$image/bin/nexus-demo" && -n "$jar" ]] || {
  echo "build first: mvn -B -DskipTests package -pl jlink-demo -am" >&2; exit 2; }
command -v curl >/dev/null || { echo "measure.sh needs curl" >&2; exit 2; }

image_cmd=("$image/bin/nexus-demo")
jdk_cmd=("$jdk_java" --module-path "$here/target/mods:$jar" -m jlink.demo/jlink.demo.Main)
work="$(mktemp -d)"
server_pid=""
cleanup() { [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# CPU time (user + system) a process used so far, in ms: unlike wall time it hardly depends on machine load.
cpu_ms() {
  local f; f=($(sed 's/^.*) //' "/proc/$1/stat"))  # fields after "(comm)": utime is the 12th, stime the 13th
  echo $(( (f[11] + f[12]) * 1000 / $(getconf CLK_TCK) ))
}

# One run: start `serve --port 0`, wait for its URL, POST greeting/hello until it answers 200.
# Prints "<wall ms to first response> <server CPU ms by then> <rss KiB>".
first_response() {
  local out="$work/serve.out" url="" t0 code=""
  : > "$out"
  t0=$(now_ms)
  env NEXUS_DEMO_OPTS="${EXTRA_OPTS:-}" "$@" serve --port 0 > "$out" 2> "$work/serve.err" &
  server_pid=$!
  for _ in $(seq 1 6000); do
    url="$(grep -o 'http://127.0.0.1:[0-9]*/' "$out" | head -1 || true)"
    [[ -n "$url" ]] && break
    sleep 0.005
  done
  [[ -n "$url" ]] || { echo "the server did not start: $(cat "$work/serve.err")" >&2; exit 1; }
  for _ in $(seq 1 6000); do
    code="$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
            -d '{"name":"Ada"}' "${url}greeting/hello" || true)"
    [[ "$code" == 200 ]] && break
    sleep 0.005
  done
  [[ "$code" == 200 ]] || { echo "no successful response from $url" >&2; exit 1; }
  echo "$(( $(now_ms) - t0 )) $(cpu_ms "$server_pid") $(ps -o rss= -p "$server_pid" | tr -d ' ')"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
}

# `call start greeting hello` against a running server, a one-shot CLI's start-up cost: "<wall ms> <CPU ms>".
call_time() {
  local url="$1"; shift
  local TIMEFORMAT='%R %U %S' t
  t="$( { time "$@" call start greeting hello '{"name":"Ada"}' --endpoint "$url" > /dev/null; } 2>&1 )"
  awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' <<< "$t"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
col() { printf '%s\n' "$@" | median; }

measure() { # label, command...
  local label="$1"; shift
  local wall=() cpu=() rss=() cwall=() ccpu=() r
  for _ in $(seq 1 "$runs"); do
    r=($(first_response "$@")); wall+=("${r[0]}"); cpu+=("${r[1]}"); rss+=("${r[2]}")
  done
  # a server of the image answers the calls, so only the client's start-up differs between the rows
  "${image_cmd[@]}" serve --port 0 > "$work/s.out" 2>/dev/null & local sp=$!
  local url=""
  for _ in $(seq 1 6000); do
    url="$(grep -o 'http://127.0.0.1:[0-9]*/' "$work/s.out" | head -1 || true)"; [[ -n "$url" ]] && break; sleep 0.005
  done
  for _ in $(seq 1 "$runs"); do
    r=($(call_time "$url" env NEXUS_DEMO_OPTS="${EXTRA_OPTS:-}" "$@")); cwall+=("${r[0]}"); ccpu+=("${r[1]}")
  done
  kill "$sp"; wait "$sp" 2>/dev/null || true
  printf '| %s | %s ms | %s ms | %s MiB | %s ms | %s ms |\n' "$label" "$(col "${wall[@]}")" "$(col "${cpu[@]}")" \
    "$(( $(col "${rss[@]}") / 1024 ))" "$(col "${cwall[@]}")" "$(col "${ccpu[@]}")"
}

size_mib() { du -sk "$@" | awk '{s+=$1} END {printf "%.0f", s/1024}'; }
image_size="$(size_mib "$image")"
cds_size="$(du -k "$image"/lib/server/*.jsa 2>/dev/null | awk '{s+=$1} END {printf "%.0f", s/1024}')"
temporal_size="$( [[ -d "$image/lib/temporal" ]] && size_mib "$image/lib/temporal" || echo 0)"
jdk_size="$(size_mib "$java_home")"
app_size="$(size_mib "$here/target/mods" "$jar")"

{
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, $(uname -sm), $("$jdk_java" -version 2>&1 | head -1);"
  echo "median of $runs runs; load average $(cut -d' ' -f1-3 /proc/loadavg) (wall times grow with load, CPU times hardly)."
  echo
  echo "| Launch | \`serve\`: first response after | its CPU time by then | its memory (RSS) then | \`call\` wall time | \`call\` CPU time |"
  echo "|---|---|---|---|---|---|"
  measure "jlink image \`bin/nexus-demo\` (CDS archive of JDK + app classes)" "${image_cmd[@]}"
  EXTRA_OPTS="-Xshare:off" measure "jlink image, CDS off (\`-Xshare:off\`)" "${image_cmd[@]}"
  measure "\`java -m\` on the full JDK (module path)" "${jdk_cmd[@]}"
  echo
  echo "| On disk | Size |"
  echo "|---|---|"
  echo "| jlink image \`jlink-demo/target/image\`, all it needs to run | ${image_size} MiB: CDS archive ${cds_size:-0} MiB, Temporal mode's class-path jars (\`lib/temporal\`) ${temporal_size} MiB, the rest $(( image_size - ${cds_size:-0} - temporal_size )) MiB |"
  echo "| full JDK (\`$java_home\`) + application jars | ${jdk_size} MiB + ${app_size} MiB |"
} | tee "$work/table.md"

if [[ "$write" == "--write" ]]; then
  [[ -f "$doc" ]] || { echo "$doc not found" >&2; exit 2; }
  awk -v table="$work/table.md" '
    /<!-- measure:begin -->/ { print; while ((getline line < table) > 0) print line; skip=1; next }
    /<!-- measure:end -->/ { skip=0 }
    !skip { print }' "$doc" > "$work/doc.md"
  cp "$work/doc.md" "$doc"
  echo "recorded in $doc"
fi
