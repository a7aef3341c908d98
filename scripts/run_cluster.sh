#!/usr/bin/env bash
# Several dashboard processes behind nginx, over one PostgreSQL store, all on loopback.
#
#   bash scripts/run_cluster.sh N            # N dashboard processes (1..16), default 2
#
# Starts, and stops them all on Ctrl-C (or SIGTERM):
#   - PostgreSQL from Debian's postgresql package, in its own data folder ($WENEXUS_CLUSTER_DIR/postgres,
#     default build/cluster/postgres), as the postgres user (PostgreSQL refuses to run as root), listening
#     on 127.0.0.1:$WENEXUS_PG_PORT (default 5433) with a password made at the first start
#     ($WENEXUS_CLUSTER_DIR/db-password, readable by this user only);
#   - N `streamlit run dashboard.py` on 127.0.0.1:8601.. with WENEXUS_STORE_URL pointing at it;
#   - nginx from Debian on 127.0.0.1:$WENEXUS_PROXY_PORT (default 8080): sticky sessions (a cookie
#     names the process; see the README's "Deploying for several organisations") and websocket upgrade.
# On its first start the store is filled from the data folder ($WENEXUS_DATA_DIR, default data/) with
# `python -m lib.cli data migrate-store`. Logs and process ids are in $WENEXUS_CLUSTER_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
processes=${1:-2}
if ! [[ "$processes" =~ ^[0-9]+$ ]] || [ "$processes" -lt 1 ] || [ "$processes" -gt 16 ]; then
  echo "Usage: scripts/run_cluster.sh N (1..16) / Pemakaian: scripts/run_cluster.sh N (1..16)" >&2
  exit 2
fi
state=$(mkdir -p "${WENEXUS_CLUSTER_DIR:-build/cluster}" && cd "${WENEXUS_CLUSTER_DIR:-build/cluster}" && pwd)
pg_port=${WENEXUS_PG_PORT:-5433}
proxy_port=${WENEXUS_PROXY_PORT:-8080}
first_app_port=${WENEXUS_APP_PORT:-8601}
data=${WENEXUS_DATA_DIR:-$repo/data}

[ "${WENEXUS_SKIP_SETUP:-0}" = 1 ] || bash scripts/setup.sh cluster
python=${WENEXUS_PYTHON:-$repo/.venv/bin/python}
[ -x "$python" ] || python=$(command -v python3)
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$pg_bin" ] || ! command -v nginx >/dev/null; then
  echo "PostgreSQL and nginx are needed / Diperlukan PostgreSQL dan nginx (bash scripts/setup.sh cluster)" >&2
  exit 1
fi

# PostgreSQL runs as the postgres user when this script runs as root, as this user otherwise.
as_server() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pgdata=$state/postgres
pids=$state/pids
mkdir -p "$pids" "$state/logs"
chmod 711 "$state"

if [ ! -f "$pgdata/PG_VERSION" ]; then
  umask 077
  "$python" -c 'import secrets; print(secrets.token_urlsafe(24))' > "$state/db-password"
  umask 022
  mkdir -p "$pgdata"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$pgdata"
  chmod 700 "$pgdata"
  pwfile=$state/.initdb-password
  install -m 600 "$state/db-password" "$pwfile"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$pwfile"
  if ! as_server "$pg_bin/initdb" -D "$pgdata" -U wenexus --pwfile="$pwfile" --auth=scram-sha-256 -E UTF8 \
      --no-locale > "$state/logs/initdb.log" 2>&1; then
    echo "initdb failed / initdb gagal: $state/logs/initdb.log (the postgres user must be able to reach $state)" >&2
    exit 1
  fi
  rm -f "$pwfile"
fi
password=$(cat "$state/db-password")
url="postgresql://wenexus:${password}@127.0.0.1:${pg_port}/wenexus"

started=()
stop_all() {
  trap - INT TERM EXIT
  echo "Stopping / Menghentikan ..." >&2
  if [ -f "$state/nginx.pid" ]; then kill -QUIT "$(cat "$state/nginx.pid")" 2>/dev/null || true; fi
  for pid in "${started[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${started[@]}"; do wait "$pid" 2>/dev/null || true; done
  as_server "$pg_bin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null 2>&1 || true
  rm -f "$pids"/*.pid
  exit 0
}
trap stop_all INT TERM EXIT

as_server "$pg_bin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 start \
  -o "-p $pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$pgdata -c max_connections=200" >/dev/null
"$python" - "$url" <<'EOF'
import sys
import psycopg
url = sys.argv[1]
with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
    if not connection.execute("SELECT 1 FROM pg_database WHERE datname = 'wenexus'").fetchone():
        connection.execute("CREATE DATABASE wenexus")
EOF
export WENEXUS_STORE_URL=$url WENEXUS_STORE_COPY_DIR=$state/copies
if "$python" -m lib.cli data versions --lang en | grep -q "^ *v[0-9]"; then
  echo "The store already holds data / Penyimpanan sudah berisi data" >&2
else
  "$python" -m lib.cli data migrate-store --from "$data" --to "$url"
fi

# One cookie secret for every process: a browser moved to another process keeps its XSRF cookie valid.
export STREAMLIT_SERVER_COOKIE_SECRET=$("$python" -c "import secrets; print(secrets.token_hex(32))")
upstreams=""
for index in $(seq 0 $((processes - 1))); do
  port=$((first_app_port + index))
  "$python" scripts/serve.py --server.port "$port" --server.address 127.0.0.1 \
    --server.headless true --browser.gatherUsageStats false --server.fileWatcherType none \
    > "$state/logs/dashboard-$port.log" 2>&1 &
  started+=("$!")
  echo "$!" > "$pids/dashboard-$port.pid"
  upstreams+="        server 127.0.0.1:$port max_fails=1 fail_timeout=10s;"$'\n'
done

mkdir -p "$state/nginx"
worker_user=""
if [ "$(id -u)" = 0 ]; then
  worker_user="user www-data;"
  chown www-data "$state/nginx"
fi
cat > "$state/nginx.conf" <<EOF
# Written by scripts/run_cluster.sh; explained in README.md, "Deploying for several organisations".
$worker_user
worker_processes 1;
pid $state/nginx.pid;
error_log $state/logs/nginx-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $state/nginx/body;
    proxy_temp_path $state/nginx/proxy;
    fastcgi_temp_path $state/nginx/fastcgi;
    uwsgi_temp_path $state/nginx/uwsgi;
    scgi_temp_path $state/nginx/scgi;
    client_max_body_size 11m;                  # the data page takes files up to 10 MB
    # Streamlit serves its JavaScript and CSS uncompressed (7-11 MB on a first visit); compressed here
    # they travel in about a quarter of that, which on a slow link in Kupang is seconds.
    gzip on;
    gzip_comp_level 5;
    gzip_min_length 1024;
    gzip_proxied any;
    gzip_vary on;
    gzip_types text/css application/javascript text/javascript application/json image/svg+xml text/plain;

    # Websocket: Streamlit's page talks over /_stcore/stream; the upgrade is passed on.
    map \$http_upgrade \$connection_upgrade { default upgrade; "" close; }
    # Sticky sessions: a browser's first request is sent to a process by a random key, which comes back
    # as the cookie wenexus_backend; every later request (the websocket, uploads, media) carries it
    # and goes to the same process, which holds the session.
    map \$cookie_wenexus_backend \$wenexus_sticky { "" \$request_id; default \$cookie_wenexus_backend; }

    upstream dashboard {
        hash \$wenexus_sticky consistent;
$upstreams    }

    server {
        listen 127.0.0.1:$proxy_port;
        location / {
            proxy_pass http://dashboard;
            proxy_http_version 1.1;
            proxy_set_header Upgrade \$http_upgrade;
            proxy_set_header Connection \$connection_upgrade;
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_read_timeout 1d;              # a session's websocket stays open while the tab is
            proxy_send_timeout 1d;
            proxy_buffering off;
            add_header Set-Cookie "wenexus_backend=\$wenexus_sticky; Path=/; HttpOnly; SameSite=Lax";
        }
    }
}
EOF
nginx -t -q -c "$state/nginx.conf" -p "$state/nginx" 2> "$state/logs/nginx-test.log" || {
  cat "$state/logs/nginx-test.log" >&2; exit 1; }
nginx -c "$state/nginx.conf" -p "$state/nginx" -g "daemon off;" &
started+=("$!")
echo "$!" > "$pids/nginx.pid"

healthy() {   # every URL answers /_stcore/health within 120 s
  "$python" - "$@" <<'EOF'
import sys, time, urllib.request
deadline = time.monotonic() + 120
for url in sys.argv[1:]:
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    break
        except OSError:
            pass
        if time.monotonic() > deadline:
            sys.exit(1)
        time.sleep(0.5)
EOF
}
backends=()
for index in $(seq 0 $((processes - 1))); do backends+=("http://127.0.0.1:$((first_app_port + index))"); done
healthy "${backends[@]}" "http://127.0.0.1:$proxy_port" &
started+=("$!")                                   # waited for in the background: Ctrl-C stops at once
if wait "$!"; then
  echo "Ready / Siap: http://127.0.0.1:$proxy_port ($processes processes over PostgreSQL; Ctrl-C stops all)"
else
  echo "A process does not answer / Sebuah proses tidak menjawab: see $state/logs" >&2
fi
unset 'started[-1]'
wait -n "${started[@]}" || true
echo "A process ended / Sebuah proses berhenti: see $state/logs" >&2
