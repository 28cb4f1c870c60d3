#!/usr/bin/env bash
# Composition benchmark: the same page (a layout and three static fragments of 4, 16 and 2 KB served by one nginx
# fragment server) composed by nginx SSI (one worker) and by the gateway (profile %bench), loaded by wrk on loopback.
# Usage: bench/compose/run.sh [duration-seconds] [connections]     (build the gateway first: see README.md)
# Env: WARMUP=seconds (30); CLOSE_WARMUP=seconds (10); GATEWAY_OPTS="-D..." extra JVM options for the gateway;
# JFR=/path/x.jfr records the gateway's uncached measured run; BENCH_USER/BENCH_PASSWORD (alice) for the signed-in run;
# ROUNDS (5) measured rounds of the headline; BASELINE_JAR=/path/quarkus-run.jar adds another gateway build to every
# round (an A/B of a change under the same conditions), started with BASELINE_OPTS (default: GATEWAY_OPTS), so
# BASELINE_JAR=bff-gateway/target/quarkus-app/quarkus-run.jar BASELINE_OPTS=... compares settings of one build;
# HEADLINE_ONLY=1 stops after the headline comparison (a quick probe of a change; the results table wants full runs).
set -euo pipefail
DURATION=${1:-10}
CONNECTIONS=${2:-16}
# Measured rounds of the headline comparison, each composer once per round (see below).
ROUNDS=${ROUNDS:-5}
# Warm-up before each measured run, the same for every composer. The gateway's C2 compiler was still busy after
# 10 s on this 2-core machine under load (half the JVM's CPU in the measured window), hence 30 s.
WARMUP=${WARMUP:-30}
# Before that, the same load with a new connection per request: a JIT-compiled server has compiled its accept and
# connection set-up path only if it has seen many connections (wrk's 16 keep-alive ones are not enough), and the
# 200 ms runs below open one connection per request like a visitor's browser. Without it the gateway's first byte
# took 1.8-2.4 ms instead of 0.9 ms (bench/compose probe, 2026-11-25).
CLOSE_WARMUP=${CLOSE_WARMUP:-10}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
WORK=$(mktemp -d /tmp/orrery-bench-compose.XXXXXX)
FRAG_PORT=18190 SSI_PORT=18191 GW_PORT=18192 BASE_PORT=18193
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/frag/nginx.pid" ] && kill "$(cat "$WORK/frag/nginx.pid")" 2>/dev/null || true
  [ -f "$WORK/ssi/nginx.pid" ] && kill "$(cat "$WORK/ssi/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT

need() { command -v "$1" >/dev/null || { echo "installing $2"; apt-get install -y -q "$2" >/dev/null; }; }
need nginx nginx
need wrk wrk
need curl curl
need python3 python3   # fragment bodies and the signed-in login (login.py)
[ -f /usr/lib/nginx/modules/ngx_http_echo_module.so ] || apt-get install -y -q libnginx-mod-http-echo >/dev/null
JAR="${GATEWAY_JAR:-$ROOT/bff-gateway/target/quarkus-app/quarkus-run.jar}"
[ -f "$JAR" ] || { echo "missing $JAR: ./mvnw -B -o -pl bff-gateway install -DskipTests"; exit 1; }

# --- fragments, manifests, layout -------------------------------------------------------------------------------
mkdir -p "$WORK/frag/www/f" "$WORK/frag/www/.well-known/orrery" "$WORK/ssi/www" "$WORK/logs"
fragment() { # name bytes
  python3 -c "import sys; n=int(sys.argv[2]); body='<p>'+('lorem ipsum '*n)[:n-8]+'</p>\n'; sys.stdout.write('<section class=\"f-'+sys.argv[1]+'\">'+body[:n-len(sys.argv[1])-30]+'</section>\n')" "$1" "$2"
}
fragment a 4096 > "$WORK/frag/www/f/a.html"
fragment b 16384 > "$WORK/frag/www/f/b.html"
fragment c 2048 > "$WORK/frag/www/f/c.html"
manifest() { # path-of-b version [cacheable]
  local cacheable=${3:-false}
  cat > "$WORK/frag/www/.well-known/orrery/manifest.json" <<JSON
{"name":"bench","version":"$2","fragments":[
 {"id":"a","path":"/f/a.html","timeoutMs":1000,"required":false,"primary":false,"cacheable":$cacheable},
 {"id":"b","path":"$1","timeoutMs":1000,"required":false,"primary":false,"cacheable":$cacheable},
 {"id":"c","path":"/f/c.html","timeoutMs":1000,"required":false,"primary":false,"cacheable":$cacheable}],
 "assets":[],"routes":[]}
JSON
  chmod a+r "$WORK/frag/www/.well-known/orrery/manifest.json"
}
manifest /f/b.html fast
# The SSI layout is the gateway's bench layout as rendered (same head, same markup), with SSI includes in the slots.
layout() { # path-of-b
  cat <<HTML
<!DOCTYPE html>
<html lang="en" data-style-guide="daylight">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/orrery/style/tokens.css" crossorigin="anonymous">
  <link rel="stylesheet" href="/orrery/style/base.css" crossorigin="anonymous">
  <title>Bench · Orrery</title>
</head>
<body>
  <header class="site-header"><div data-slot="bench:a"><!--# include virtual="/f/a.html" --></div></header>
  <main><div data-slot="bench:b"><!--# include virtual="$1" --></div></main>
  <footer><div data-slot="bench:c"><!--# include virtual="/f/c.html" --></div></footer>
</body>
</html>
HTML
}
layout /f/b.html > "$WORK/ssi/www/index.html"
layout /slow/b.html > "$WORK/ssi/www/slow.html"

cat > "$WORK/frag/nginx.conf" <<CONF
load_module /usr/lib/nginx/modules/ngx_http_echo_module.so;
worker_processes 1;
pid $WORK/frag/nginx.pid;
error_log $WORK/logs/frag-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 100000;
  server {
    listen 127.0.0.1:$FRAG_PORT;
    root $WORK/frag/www;
    default_type text/html;
    location = /.well-known/orrery/manifest.json { default_type application/json; }
    # fresh for 60 s: nginx SSI never reuses it; the gateway does only in the "cached" run (manifest cacheable=true)
    location /f/ { add_header Cache-Control "max-age=60"; }
    location /slow/ { echo_sleep 0.2; echo_location /f/b.html; }
  }
}
CONF
cat > "$WORK/ssi/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/ssi/nginx.pid;
error_log $WORK/logs/ssi-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 100000;
  upstream fragments { server 127.0.0.1:$FRAG_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$SSI_PORT;
    root $WORK/ssi/www;
    default_type text/html;
    location = / { ssi on; try_files /index.html =404; }
    location = /slow { ssi on; try_files /slow.html =404; }
    location / { proxy_pass http://fragments; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
CONF
chmod -R a+rX "$WORK" # nginx workers run as an unprivileged user
nginx -c "$WORK/frag/nginx.conf" -p "$WORK/frag" -g 'daemon on;'
nginx -c "$WORK/ssi/nginx.conf" -p "$WORK/ssi" -g 'daemon on;'
sleep 0.5

start_gateway() { # name port jar [jvm options]
  "$JAVA_HOME/bin/java" -Xmx256m ${4:-} -Dquarkus.profile=bench -Dquarkus.http.port="$2" -Dquarkus.management.port=$(($2 + 1000)) \
    -Dgateway.frontends.bench.url=http://127.0.0.1:$FRAG_PORT -jar "$3" > "$WORK/logs/$1.log" 2>&1 &
  PIDS+=("$!")
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$2/bench" 2>/dev/null | grep -q 'f-c' && break
    sleep 0.5
  done
  curl -fs "http://127.0.0.1:$2/bench" | grep -q 'f-c' || { echo "$1 not composing; see $WORK/logs"; exit 1; }
}
start_gateway gateway "$GW_PORT" "$JAR" "${GATEWAY_OPTS:-}"
GW_PID=${PIDS[-1]}
if [ -n "${BASELINE_JAR:-}" ]; then # another build of the gateway, measured in the same rounds (A/B of a change)
  start_gateway baseline "$BASE_PORT" "$BASELINE_JAR" "${BASELINE_OPTS-${GATEWAY_OPTS:-}}"
  BASE_PID=${PIDS[-1]}
fi

ssi_worker() { pgrep -P "$(cat "$WORK/ssi/nginx.pid")" | head -1; }
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
sys_ticks() { awk '{print $15}' "/proc/$1/stat"; }
TICK=$(getconf CLK_TCK)

warm() { # url [wrk header]: the same warm-up for every composer (JIT for the gateway): new connections, then keep-alive
  local header=()
  [ -z "${2:-}" ] || header=(-H "$2")
  wrk -t1 -c4 -d"${CLOSE_WARMUP}s" -H 'Connection: close' "${header[@]}" "$1" > /dev/null
  wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" "${header[@]}" "$1" > /dev/null
}

measure() { # name url pid [wrk header]: one measured run; appends "rps cpu_us" to $WORK/<name>.runs
  local name=$1 url=$2 pid=$3 before after out
  local header=()
  [ -z "${4:-}" ] || header=(-H "$4")
  before=$(cpu_ticks "$pid") sys_before=$(sys_ticks "$pid")
  if [ -n "${JFR:-}" ] && [ "$name" = gateway ] && [ ! -f "$JFR" ]; then # JFR=/path/file.jfr: the gateway's first run
    "$JAVA_HOME/bin/jcmd" "$pid" JFR.start settings="${JFR_SETTINGS:-profile}" duration="${DURATION}s" filename="$JFR" > /dev/null
  fi
  out=$(wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "${header[@]}" "$url")
  after=$(cpu_ticks "$pid") sys_after=$(sys_ticks "$pid")
  local rps p50 p99 requests
  rps=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
  p50=$(awk '$1=="50%" {print $2}' <<< "$out")
  p99=$(awk '$1=="99%" {print $2}' <<< "$out")
  requests=$(awk '/requests in/ {print $1}' <<< "$out")
  local cpu_us=$(( (after - before) * 1000000 / TICK / requests ))
  local sys_us=$(( (sys_after - sys_before) * 1000000 / TICK / requests ))
  printf '%-14s %10s req/s  p50 %-8s p99 %-8s CPU %5s us/request (kernel %s)\n' "$name" "$rps" "$p50" "$p99" "$cpu_us" "$sys_us"
  echo "$rps $cpu_us" >> "$WORK/$name.runs"
  echo "$rps" > "$WORK/$name.rps"
}

load() { # name url pid [wrk header]: warm-up, then one measured run
  warm "$2" "${4:-}"
  measure "$@"
}

median() { sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

timed() { # name url: mean TTFB and total over 10 requests, in ms
  local name=$1 url=$2
  curl -s -o /dev/null "$url"
  for _ in $(seq 1 10); do curl -s -o /dev/null -w '%{time_starttransfer} %{time_total}\n' "$url"; done |
    awk -v n="$name" '{t+=$1; s+=$2} END {printf "%-10s TTFB %6.1f ms  total %6.1f ms  (slowest fragment 200 ms)\n", n, t/NR*1000, s/NR*1000}'
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== throughput: $CONNECTIONS connections, ${ROUNDS} rounds of ${DURATION}s, three fragments (4, 16, 2 KB)"
# Rounds alternate the composers, so a slow minute of this machine (nginx alone moved 73-97 us/page between runs)
# hits both alike; the headline is the median of the per-round ratios.
warm "http://127.0.0.1:$SSI_PORT/"
warm "http://127.0.0.1:$GW_PORT/bench"
[ -z "${BASE_PID:-}" ] || warm "http://127.0.0.1:$BASE_PORT/bench"
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round (load $(cut -d' ' -f1 /proc/loadavg))"
  measure nginx-ssi "http://127.0.0.1:$SSI_PORT/" "$(ssi_worker)"
  measure gateway "http://127.0.0.1:$GW_PORT/bench" "$GW_PID"
  [ -z "${BASE_PID:-}" ] || measure baseline "http://127.0.0.1:$BASE_PORT/bench" "$BASE_PID"
done
for name in nginx-ssi gateway ${BASE_PID:+baseline}; do
  printf '%-14s median %10s req/s  CPU %5s us/request\n' "$name" "$(cut -d' ' -f1 "$WORK/$name.runs" | median)" \
    "$(cut -d' ' -f2 "$WORK/$name.runs" | median)"
done
cut -d' ' -f1 "$WORK/nginx-ssi.runs" | median > "$WORK/nginx-ssi.rps" # the reference of the ratios below
ratios() { paste -d' ' "$WORK/$1.runs" "$WORK/nginx-ssi.runs" | awk '{printf "%.3f\n", $1/$3}'; }
echo "per-round ratios gateway / nginx SSI: $(ratios gateway | tr '\n' ' ')"
ratios gateway | median | awk '{printf "ratio gateway / nginx SSI (every fragment fetched, median of rounds): %.2f\n", $1}'
if [ -n "${BASE_PID:-}" ]; then
  echo "per-round ratios baseline / nginx SSI: $(ratios baseline | tr '\n' ' ')"
  ratios baseline | median | awk '{printf "ratio baseline / nginx SSI (median of rounds): %.2f\n", $1}'
fi
echo "load after throughput: $(cut -d' ' -f1-3 /proc/loadavg)"
[ -z "${HEADLINE_ONLY:-}" ] || exit 0

echo "== gateway, signed in: the same page through the security chain (OIDC session cookie, token relay, CSRF token)"
if COOKIE=$(python3 "$ROOT/bench/compose/login.py" "http://127.0.0.1:$GW_PORT/bench/signed-in" \
    "${BENCH_USER:-alice}" "${BENCH_PASSWORD:-alice-orrery}" 2> "$WORK/logs/login.log"); then
  load gateway-signed-in "http://127.0.0.1:$GW_PORT/bench/signed-in" "$GW_PID" "Cookie: $COOKIE"
  awk -v g="$(cat "$WORK/gateway-signed-in.rps")" -v n="$(cat "$WORK/nginx-ssi.rps")" 'BEGIN {printf "ratio gateway signed in / nginx SSI (anonymous): %.2f\n", g/n}'
else
  echo "skipped: no login through Keycloak ($(cat "$WORK/logs/login.log"); is ./orrery up running?)"
fi
echo "load after signed-in run: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== gateway with fragments fresh by Cache-Control (manifest cacheable=true; max-age=60; nginx SSI cannot do this)"
manifest /f/b.html cached true
for _ in $(seq 1 40); do curl -s --raw "http://127.0.0.1:$GW_PORT/bench" | grep -q 'desc="hit 200"' && break; sleep 0.5; done
load gateway-cached "http://127.0.0.1:$GW_PORT/bench" "$GW_PID"
awk -v g="$(cat "$WORK/gateway-cached.rps")" -v n="$(cat "$WORK/nginx-ssi.rps")" 'BEGIN {printf "ratio gateway (fresh copies) / nginx SSI: %.2f\n", g/n}'
echo "load after cached run: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== one fragment (16 KB) delayed 200 ms"
manifest /slow/b.html slow
for _ in $(seq 1 40); do curl -s "http://127.0.0.1:$GW_PORT/bench" -o /dev/null -w '%{time_total}' | awk '{exit !($1 > 0.19)}' && break; sleep 0.5; done
timed nginx-ssi "http://127.0.0.1:$SSI_PORT/slow"
timed gateway "http://127.0.0.1:$GW_PORT/bench"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
