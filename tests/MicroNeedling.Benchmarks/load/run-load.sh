#!/usr/bin/env bash
# Load harness (issues 7 and 19): measures the clinic's pages under load and rewrites the "Pages under load" section of
# docs/performance.md. From the repository root:
#
#   tests/MicroNeedling.Benchmarks/load/run-load.sh                 # SQLite: small (~10k sittings), then large (~1M)
#   tests/MicroNeedling.Benchmarks/load/run-load.sh --sizes small   # one size only
#   tests/MicroNeedling.Benchmarks/load/run-load.sh --engine postgresql [--sizes small|large|"small large"] \
#       [--instances "1 2"]                                         # PostgreSQL, one and/or two app instances
#   tests/MicroNeedling.Benchmarks/load/run-load.sh --seeded-db FILE --email E --password P \
#       --patient-id N [--bookable FILE] [--label NAME] [--clinician-email E]   # any SQLite database you already have
#
# What it does, per size (and per instance count on PostgreSQL):
#   1. publishes src/MicroNeedling.Web in Release into a temp folder, and builds the harness's baselines
#      (tests/MicroNeedling.Benchmarks.Baselines: /bench/json, the Fortunes-style /bench/fortunes and the same page
#      anonymous at /bench/fortunes-anonymous) into that folder only; they are loaded through
#      ASPNETCORE_HOSTINGSTARTUPASSEMBLIES, never by the product; publishes the bare Fortunes app
#      (tests/MicroNeedling.Benchmarks.BareFortunes) beside it;
#   2. seeds a fresh database with `seed-demo --size <size> --bookable-out <file>`, cached under
#      tests/MicroNeedling.Benchmarks/load/.cache/<key>/ (git-ignored; LOAD_CACHE=DIR points elsewhere), so a re-run
#      skips seeding. SQLite: <key>/<size>/clinic.db, key = last commit of src/MicroNeedling.Clinic/Demo and the SQLite
#      migrations. PostgreSQL: <key>/postgresql-<size>/data (a stopped cluster's data directory, database
#      microneedling_load, user postgres, trust auth; VACUUM ANALYZE after the seed), key = last commit of the seeder
#      and the PostgreSQL migrations. Each run works on a copy (SQLite file; PostgreSQL `cp -a` of the data directory);
#   3. PostgreSQL only: starts that copy as a throwaway cluster on a free loopback port, like tests/throwaway-postgres.sh
#      (owned by the postgres user when run as root; fsync=off, synchronous_commit=off, full_page_writes=off,
#      max_connections=300: a benchmark cluster, not a durable one), pinned to core 0 with the app, so the app and its
#      database share one core as they do on SQLite, and wrk keeps core 1 to itself;
#   4. starts the app on 127.0.0.1 (pinned to core 0) and times process start -> first 200 of /Account/Login.
#      With --instances 2 (PostgreSQL): a second instance on PORT+1, also on core 0 (same CPU as one instance: the
#      figure is what a second process costs or gains, not a second core), started after the first answers, so it
#      reads the data-protection key the first one wrote to the database and accepts its cookies;
#   5. signs in as front desk through the real login form (curl, cookie jar, antiforgery token);
#   6. runs wrk (pinned to core 1; 16 connections, 2 threads; WARMUP s unmeasured, then DURATION s) on each page and on
#      the baselines (the Fortunes page signed in, then the same page anonymous, without the cookie), failing the run
#      if any GET answers anything but 200. With two instances one wrk spreads its threads over both ports (half the
#      connections each), so req/s and the percentiles come from one merged latency histogram;
#   7. signs in as a clinician and times each report (issue 18) with one connection, for the default period and a
#      year (on PostgreSQL once per size, with the first instance count);
#   8. runs the booking POST load (C# loop in tests/MicroNeedling.Benchmarks, `load-book`): 16 workers, each POST
#      books a different planned sitting; 302 = booked, 200 = refused by a booking rule; both are counted. With two
#      instances the workers alternate between them (one process, one latency list, slots never shared);
#   9. reads VmHWM/VmRSS of the app from /proc after the load (the larger instance's, with two);
#  10. SQLite small only (TELEMETRY=0 skips it): restarts the app with OTEL_EXPORTER_OTLP_ENDPOINT pointing at a
#      stand-in collector (`otlp-sink`, pinned to core 1, on PORT+10) and OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf,
#      signs in again, measures the signed-in Fortunes page and the week calendar ("..., telemetry on"), stops the app
#      (which flushes its exporters) and records what the sink received (0 requests: the app exported nothing);
#  11. runs the bare Fortunes app on the same database (pinned to core 0) and measures its /bench/fortunes
#      ("Fortunes, bare app"): Razor Pages, the clinic's DbContext and routing, nothing else;
#  12. writes tests/MicroNeedling.Benchmarks/load/results/<size>.json (SQLite) or postgresql-<size>-<n>.json.
# Finally `load-report` regenerates the "Pages under load" section of docs/performance.md from every JSON file in
# results/ (each table labelled with its run's commit and date: a PostgreSQL run does not redo the SQLite tables).
#
# The app runs with ASPNETCORE_ENVIRONMENT=Testing: outside Development and Testing it refuses plain HTTP
# (PlainHttpRefusal) and its cookies need HTTPS (__Host- prefix). The binaries are Release; Testing changes nothing
# else on the request path.
#
# Needs: dotnet, curl, wrk (installed with apt-get when missing), taskset (util-linux); PostgreSQL's server binaries
# (/usr/lib/postgresql/*/bin or POSTGRES_BIN) for --engine postgresql. No python3, no jq.
# Environment overrides: WARMUP (s, default 5), DURATION (s, default 10), CONNECTIONS (16), THREADS (2),
# BOOKINGS (300), PORT (5599; a second instance uses PORT+1, the OTLP sink PORT+10), TELEMETRY (1; 0 skips step 10),
# LOAD_CACHE (the seeded databases' folder), POSTGRES_BIN.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
cd "$repo"

sizes="small large"
engine="sqlite" instances="1"
seeded_db="" email="" password="" patient_id="" bookable="" label="custom" clinician_email=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --engine) engine="$(tr '[:upper:]' '[:lower:]' <<<"$2")"; shift 2 ;;
    --instances) instances="$2"; shift 2 ;;
    --seeded-db) seeded_db="$2"; shift 2 ;;
    --email) email="$2"; shift 2 ;;
    --clinician-email) clinician_email="$2"; shift 2 ;;
    --password) password="$2"; shift 2 ;;
    --patient-id) patient_id="$2"; shift 2 ;;
    --bookable) bookable="$2"; shift 2 ;;
    --label) label="$2"; shift 2 ;;
    -h|--help) sed -n '2,61p' "$0"; exit 0 ;;
    *) echo "Unknown argument: $1" >&2; exit 2 ;;
  esac
done
case "$engine" in
  sqlite) [[ "$instances" == 1 ]] || { echo "--instances applies to --engine postgresql only (SQLite runs one instance)." >&2; exit 2; } ;;
  postgresql|postgres) engine="postgresql"
    [[ -z "$seeded_db" ]] || { echo "--seeded-db is a SQLite file; it does not go with --engine postgresql." >&2; exit 2; }
    for n in $instances; do [[ "$n" =~ ^[12]$ ]] || { echo "--instances takes 1, 2 or \"1 2\"." >&2; exit 2; }; done ;;
  *) echo "--engine is sqlite or postgresql, not \"$engine\"." >&2; exit 2 ;;
esac
if [[ -n "$seeded_db" ]]; then
  sizes="$label"
  [[ -n "$email" && -n "$password" ]] || { echo "--seeded-db needs --email and --password" >&2; exit 2; }
fi

WARMUP="${WARMUP:-5}"
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
BOOKINGS="${BOOKINGS:-300}"
PORT="${PORT:-5599}"
TELEMETRY="${TELEMETRY:-1}"
cache_root="${LOAD_CACHE:-$here/.cache}"
base="http://127.0.0.1:$PORT"
started_at=$(date +%s)

if ! command -v wrk >/dev/null; then
  echo "Installing wrk (Debian package)..."
  apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi

# PostgreSQL refuses to run as root: as root the cluster belongs to the "postgres" user (as in tests/throwaway-postgres.sh).
as_cluster_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}
# The same, pinned to core 0: the server and every backend it forks inherit the affinity.
on_core0_as_cluster_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then taskset -c 0 su postgres -s /bin/sh -c "$1"; else taskset -c 0 sh -c "$1"; fi
}
PG_BIN=""
if [[ "$engine" == postgresql ]]; then
  if [[ -n "${POSTGRES_BIN:-}" ]]; then PG_BIN="$POSTGRES_BIN"
  else for candidate in /usr/lib/postgresql/*/bin; do [[ -x "$candidate/initdb" && -x "$candidate/pg_ctl" ]] && PG_BIN="$candidate"; done; fi
  [[ -n "$PG_BIN" && -x "$PG_BIN/pg_ctl" ]] || { echo "PostgreSQL is not installed (no initdb and pg_ctl); apt-get install -y postgresql." >&2; exit 1; }
  if [[ "$(id -u)" -eq 0 ]] && ! id postgres >/dev/null 2>&1; then echo "Running as root, but there is no 'postgres' user to own the cluster." >&2; exit 1; fi
fi

# A loopback port nothing listens on (bash's /dev/tcp: a refused connection means free).
free_port() {
  local port
  while true; do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}

# The cluster's settings, on every start: a benchmark cluster (nothing here needs to survive a crash).
pg_options() { echo "-p $1 -k '$2' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"; }

work="$(mktemp -d /tmp/microneedling-load.XXXXXX)"
chmod 711 "$work"   # the postgres user reaches its folder inside
app_pids=() sink_pid="" cluster_data=""
cleanup() {
  local pid
  for pid in "${app_pids[@]}" $sink_pid; do
    if kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  done
  if [[ -n "$cluster_data" && -f "$cluster_data/postmaster.pid" ]]; then
    as_cluster_owner "'$PG_BIN/pg_ctl' -D '$cluster_data' -m immediate -w stop" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== Publishing the app (Release) into $work/app"
dotnet publish src/MicroNeedling.Web -c Release -o "$work/app" --nologo -v q >/dev/null
echo "== Building the baselines and the load tool into $work only"
dotnet build tests/MicroNeedling.Benchmarks.Baselines -c Release -o "$work/baselines" --nologo -v q >/dev/null
cp "$work/baselines/MicroNeedling.Benchmarks.Baselines.dll" "$work/app/"
# The app's deps.json does not list the baselines, so the host would not resolve them; a deps file that names only
# the baselines' assembly is added to the run with `dotnet exec --additional-deps` (the published app itself stays
# untouched). Everything the baselines use, the app already ships: the build's own deps file would point the host at
# portable-layout paths of native libraries, which the app's linux-x64 (ReadyToRun) publish does not have.
cat > "$work/baselines.deps.json" <<'DEPS'
{
  "runtimeTarget": { "name": ".NETCoreApp,Version=v10.0" },
  "targets": {
    ".NETCoreApp,Version=v10.0": {
      "MicroNeedling.Benchmarks.Baselines/1.0.0": { "runtime": { "MicroNeedling.Benchmarks.Baselines.dll": {} } }
    }
  },
  "libraries": {
    "MicroNeedling.Benchmarks.Baselines/1.0.0": { "type": "project", "serviceable": false, "sha512": "" }
  }
}
DEPS
echo "== Publishing the bare Fortunes app (Release) into $work/bare"
dotnet publish tests/MicroNeedling.Benchmarks.BareFortunes -c Release -o "$work/bare" --nologo -v q >/dev/null
dotnet build tests/MicroNeedling.Benchmarks -c Release -o "$work/tool" --nologo -v q >/dev/null
tool=(dotnet "$work/tool/MicroNeedling.Benchmarks.dll")

results="$here/results"
mkdir -p "$results"
commit="$(git rev-parse --short HEAD)"
# A seeded database depends only on the seeder and its engine's schema: a change anywhere else in src/ reuses it.
if [[ "$engine" == postgresql ]]; then
  seed_inputs=(src/MicroNeedling.Clinic/Demo src/MicroNeedling.Clinic/Data/Migrations/PostgreSql)
else
  seed_inputs=(src/MicroNeedling.Clinic/Demo src/MicroNeedling.Clinic/Data/Migrations/Sqlite)
fi
src_commit="$(git log -1 --format=%h -- "${seed_inputs[@]}")"
dirty=""; git diff --quiet HEAD -- "${seed_inputs[@]}" || dirty="-dirty"

# Reads the long-history patient, the accounts and the password from a seed log (seed-demo's own output).
read_seed_log() {
  local log="$1"
  seed_log="$log"
  patient_id="$(grep -m1 -o 'Long-history patient: [0-9]*' "$log" | grep -o '[0-9]*$')"
  # seed-demo prints "Seeded staff accounts (..., reception@demo.clinic) share this password, shown only now: <password>";
  # reception@demo.clinic is the seeded front-desk account.
  local line; line="$(grep -m1 'share this password' "$log")"
  email="reception@demo.clinic"
  grep -q "$email" <<<"$line" || email=""
  clinician_email="clinician01@demo.clinic"
  grep -q "$clinician_email" <<<"$line" || clinician_email=""
  password="$(awk '{print $NF}' <<<"$line")"
  [[ -n "$patient_id" && -n "$email" && -n "$password" ]] || { echo "Could not read the long-history patient or the front-desk account from $log" >&2; exit 1; }
}

# Seeds (or reuses) the SQLite database of one size. Sets db, email, password, patient_id, bookable, seed_log.
seed() {
  local size="$1" cache="$cache_root/$src_commit$dirty/$1"
  if [[ -n "$dirty" || ! -f "$cache/clinic.db" ]]; then
    rm -rf "$cache"; mkdir -p "$cache"
    echo "== Seeding the $size database (seed-demo --size $size)"
    local t0=$(date +%s)
    ConnectionStrings__Clinic="Data Source=$cache/clinic.db" ASPNETCORE_ENVIRONMENT=Testing \
      dotnet "$work/app/MicroNeedling.Web.dll" seed-demo --size "$size" --bookable-out "$cache/bookable.txt" > "$cache/seed.log"
    echo "   seeded in $(( $(date +%s) - t0 )) s"
  else
    echo "== Reusing the seeded $size database from $cache"
  fi
  db="$cache/clinic.db"; bookable="$cache/bookable.txt"
  read_seed_log "$cache/seed.log"
}

# Seeds (or reuses) the PostgreSQL cluster of one size: initdb, start, seed-demo, VACUUM ANALYZE, stop. Sets
# pg_cache, email, password, patient_id, bookable, seed_log.
seed_pg() {
  local size="$1"
  pg_cache="$cache_root/$src_commit$dirty/postgresql-$size"
  if [[ -f "$pg_cache/data/postmaster.pid" ]]; then
    echo "The cached cluster $pg_cache/data is running (a seed in progress?); wait for it, or stop it." >&2; exit 1
  fi
  if [[ -n "$dirty" || ! -f "$pg_cache/data/PG_VERSION" || ! -s "$pg_cache/bookable.txt" ]] || ! grep -q 'share this password' "$pg_cache/seed.log" 2>/dev/null; then
    rm -rf "$pg_cache"; mkdir -p "$pg_cache"; chmod 755 "$pg_cache"
    [[ "$(id -u)" -ne 0 ]] || chown postgres "$pg_cache"
    echo "== Seeding the $size PostgreSQL database (initdb, seed-demo --size $size, VACUUM ANALYZE)"
    local t0=$(date +%s) port; port="$(free_port)"
    as_cluster_owner "'$PG_BIN/initdb' -D '$pg_cache/data' -U postgres --auth=trust -E UTF8 --no-sync" > "$pg_cache/initdb.log" 2>&1
    cluster_data="$pg_cache/data"
    as_cluster_owner "'$PG_BIN/pg_ctl' -D '$pg_cache/data' -l '$pg_cache/postgres.log' -w -t 120 -o \"$(pg_options "$port" "$pg_cache")\" start" >/dev/null
    ConnectionStrings__Clinic="Host=127.0.0.1;Port=$port;Username=postgres;Database=microneedling_load" Database__Provider=PostgreSQL \
      ASPNETCORE_ENVIRONMENT=Testing dotnet "$work/app/MicroNeedling.Web.dll" seed-demo --size "$size" --bookable-out "$pg_cache/bookable.txt" > "$pg_cache/seed.log"
    echo "seeded in $(( $(date +%s) - t0 )) s" >> "$pg_cache/seed.log"
    as_cluster_owner "'$PG_BIN/psql' -h 127.0.0.1 -p $port -U postgres -d microneedling_load -c 'VACUUM ANALYZE'" >> "$pg_cache/seed.log" 2>&1
    as_cluster_owner "'$PG_BIN/pg_ctl' -D '$pg_cache/data' -m fast -w stop" >/dev/null
    cluster_data=""
    echo "   seeded in $(( $(date +%s) - t0 )) s"
  else
    echo "== Reusing the seeded $size PostgreSQL cluster from $pg_cache"
  fi
  bookable="$pg_cache/bookable.txt"
  read_seed_log "$pg_cache/seed.log"
}

# A run's own copy of the cached cluster, started on a free port pinned to core 0 (with the app). Sets db_env.
start_cluster() {
  local run="$work/pg"
  rm -rf "$run"; mkdir -p "$run"; chmod 755 "$run"
  cp -a "$pg_cache/data" "$run/data"
  if [[ "$(id -u)" -eq 0 ]]; then chown -R postgres "$run"; fi
  pg_port="$(free_port)"
  cluster_data="$run/data"
  on_core0_as_cluster_owner "'$PG_BIN/pg_ctl' -D '$run/data' -l '$run/postgres.log' -w -t 120 -o \"$(pg_options "$pg_port" "$run")\" start" >/dev/null \
    || { cat "$run/postgres.log" >&2; echo "PostgreSQL did not start." >&2; exit 1; }
  db_env=(Database__Provider=PostgreSQL "ConnectionStrings__Clinic=Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=microneedling_load")
}

stop_cluster() {
  as_cluster_owner "'$PG_BIN/pg_ctl' -D '$cluster_data' -m fast -w stop" >/dev/null
  cluster_data=""
}

# Starts N instances of the app (ports PORT, PORT+1), each pinned to core 0, one after the other; extra arguments are
# environment variables for them. Sets app_pids, app_ports and cold_start_ms (the first instance's).
start_apps() {
  local n="$1" k port t0; shift
  app_pids=() app_ports=()
  for ((k = 1; k <= n; k++)); do
    port=$((PORT + k - 1))
    t0=$(date +%s%N)
    env "${db_env[@]}" "$@" ASPNETCORE_ENVIRONMENT=Testing \
      ASPNETCORE_HOSTINGSTARTUPASSEMBLIES=MicroNeedling.Benchmarks.Baselines Logging__LogLevel__Default=Warning \
      taskset -c 0 dotnet exec --additional-deps "$work/baselines.deps.json" "$work/app/MicroNeedling.Web.dll" --urls "http://127.0.0.1:$port" > "$work/app$k.log" 2>&1 &
    app_pids+=("$!") app_ports+=("$port")
    until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/Account/Login" || true)" == 200 ]]; do
      kill -0 "${app_pids[-1]}" 2>/dev/null || { cat "$work/app$k.log" >&2; echo "The app (instance $k) exited during start-up." >&2; exit 1; }
      sleep 0.02
    done
    (( k > 1 )) || cold_start_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  done
}

# SIGTERM: the host stops gracefully (and flushes its exporters, when telemetry is on).
stop_apps() {
  local pid
  for pid in "${app_pids[@]}"; do kill "$pid"; wait "$pid" 2>/dev/null || true; done
  app_pids=() app_ports=()
}

# After the app under test stops: the bare Fortunes app (tests/MicroNeedling.Benchmarks.BareFortunes) on the same
# database, pinned to core 0 as the app was, and its /bench/fortunes measured anonymous ("Fortunes, bare app").
measure_bare_app() {
  env "${db_env[@]}" ASPNETCORE_ENVIRONMENT=Testing \
    taskset -c 0 dotnet "$work/bare/MicroNeedling.Benchmarks.BareFortunes.dll" --urls "$base" > "$work/bare.log" 2>&1 &
  app_pids=("$!") app_ports=("$PORT")
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/bench/fortunes" || true)" == 200 ]]; do
    kill -0 "${app_pids[0]}" 2>/dev/null || { cat "$work/bare.log" >&2; echo "The bare Fortunes app exited during start-up." >&2; exit 1; }
    sleep 0.02
  done
  measure "Fortunes, bare app" "/bench/fortunes" anonymous
  stop_apps
}

# Signs in through the real login form; leaves the session in $work/jar and its Cookie header in $cookie.
sign_in() {
  rm -f "$work/jar"
  local token
  token="$(curl -s -c "$work/jar" -b "$work/jar" "$base/Account/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')"
  [[ -n "$token" ]] || token="$(curl -s -c "$work/jar" -b "$work/jar" "$base/Account/Login" | grep -o '__RequestVerificationToken[^>]*' | grep -o 'value="[^"]*"' | sed 's/value="//;s/"$//')"
  local status
  status="$(curl -s -o /dev/null -w '%{http_code}' -c "$work/jar" -b "$work/jar" "$base/Account/Login" \
    --data-urlencode "Input.Email=$1" --data-urlencode "Input.Password=$2" --data-urlencode "__RequestVerificationToken=$token")"
  [[ "$status" == 302 ]] || { echo "Sign-in as $1 failed (HTTP $status)." >&2; exit 1; }
  cookie="$(awk -F'\t' 'NF>=7 && $1 !~ /^# / {printf "%s%s=%s", sep, $6, $7; sep="; "}' "$work/jar")"
}

# wrk over every running instance: one thread per instance in turn (page.lua reads WRK_PORTS), so one latency
# histogram covers all of them. Arguments: cookie, connections, threads, seconds, path.
run_wrk() {
  local threads="$3"
  (( threads % ${#app_ports[@]} == 0 )) || threads=${#app_ports[@]}
  WRK_COOKIE="$1" WRK_PORTS="${app_ports[*]}" taskset -c 1 wrk -t"$threads" -c"$2" -d"${4}s" -s "$here/page.lua" "$base$5"
}

# The GC counters through /bench/gc; with more than one instance they would not add up per request, so none.
gc_figures() {
  if [[ ${#app_ports[@]} -eq 1 ]]; then curl -s "$base/bench/gc"; else echo null; fi
}

# Measures one GET page with wrk; appends a JSON object to $pages_json. A third argument "anonymous" sends no cookie.
measure() {
  local name="$1" path="$2" status sent port
  # A browser keeps the renewed cookie the app sends once a minute (the session check rebuilds the principal then);
  # wrk cannot, so each page starts from a fresh sign-in, as a browser's cookie would be.
  if [[ "${3:-}" == anonymous ]]; then sent=""
  else [[ "$path" == /bench/json ]] || sign_in "$email" "$password"; sent="$cookie"; fi
  for port in "${app_ports[@]}"; do
    status="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $sent" "http://127.0.0.1:$port$path")"
    [[ "$status" == 200 ]] || { echo "$name ($path) answers $status on port $port, not 200: nothing to measure." >&2; exit 1; }
  done
  run_wrk "$sent" "$CONNECTIONS" "$THREADS" "$WARMUP" "$path" >/dev/null
  local line gc_before gc_after
  gc_before="$(gc_figures)"
  line="$(run_wrk "$sent" "$CONNECTIONS" "$THREADS" "$DURATION" "$path" | grep '^RESULT')"
  gc_after="$(gc_figures)"
  echo "   $name: ${line#RESULT }"
  local non200; non200="$(grep -o 'non200=[0-9]*' <<<"$line" | cut -d= -f2)"
  [[ "$non200" == 0 ]] || { echo "$name ($path): $non200 responses were not 200. The run is void." >&2; exit 1; }
  field() { grep -o "$1=[0-9.]*" <<<"$line" | cut -d= -f2; }
  pages_json+="${pages_json:+,}
    {\"name\": \"$name\", \"path\": \"$path\", \"rps\": $(field rps), \"p50Ms\": $(field p50), \"p95Ms\": $(field p95), \"p99Ms\": $(field p99), \"requests\": $(field requests), \"non200\": $non200, \"socketErrors\": $(field socket_errors), \"gcBefore\": $gc_before, \"gcAfter\": $gc_after}"
}

# Measures one report with one connection (a user waiting for it) on the first instance; appends to $reports_json.
measure_report() {
  local name="$1" path="$2" status
  status="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base$path")"
  [[ "$status" == 200 ]] || { echo "$name ($path) answers $status, not 200: nothing to measure." >&2; exit 1; }
  WRK_COOKIE="$cookie" taskset -c 1 wrk -t1 -c1 -d"${WARMUP}s" -s "$here/page.lua" "$base$path" >/dev/null
  local line; line="$(WRK_COOKIE="$cookie" taskset -c 1 wrk -t1 -c1 -d"${DURATION}s" -s "$here/page.lua" "$base$path" | grep '^RESULT')"
  echo "   $name: ${line#RESULT }"
  local non200; non200="$(grep -o 'non200=[0-9]*' <<<"$line" | cut -d= -f2)"
  [[ "$non200" == 0 ]] || { echo "$name ($path): $non200 responses were not 200. The run is void." >&2; exit 1; }
  field() { grep -o "$1=[0-9.]*" <<<"$line" | cut -d= -f2; }
  reports_json+="${reports_json:+,}
    {\"name\": \"$name\", \"path\": \"$path\", \"p50Ms\": $(field p50), \"p95Ms\": $(field p95), \"p99Ms\": $(field p99), \"requests\": $(field requests)}"
}

# Telemetry on (step 10): the app again, exporting to the stand-in collector; sets telemetry_json.
measure_with_telemetry() {
  local sink_port=$((PORT + 10)) endpoint
  endpoint="http://127.0.0.1:$sink_port"
  taskset -c 1 "${tool[@]}" otlp-sink --port "$sink_port" > "$work/sink.log" 2>&1 &
  sink_pid=$!
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$endpoint/count" || true)" == 200 ]]; do
    kill -0 "$sink_pid" 2>/dev/null || { cat "$work/sink.log" >&2; echo "The OTLP sink exited during start-up." >&2; exit 1; }
    sleep 0.05
  done
  echo "   telemetry on: OTEL_EXPORTER_OTLP_ENDPOINT=$endpoint (http/protobuf)"
  # The figure reported as the cold start stays the first (telemetry off) start's.
  local cold_start_off=$cold_start_ms
  start_apps 1 "OTEL_EXPORTER_OTLP_ENDPOINT=$endpoint" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
  echo "   cold start with telemetry on: $cold_start_ms ms"
  cold_start_ms=$cold_start_off
  sign_in "$email" "$password"
  measure "Fortunes baseline, telemetry on" "/bench/fortunes"
  measure "Week calendar, one clinician, telemetry on" "$week_path"
  stop_apps
  local counts; counts="$(curl -s "$endpoint/count")"
  kill "$sink_pid"; wait "$sink_pid" 2>/dev/null || true; sink_pid=""
  echo "   the OTLP sink received: $counts"
  grep -q '"requests":[1-9]' <<<"$counts" || echo "   NOTE: the app sent no telemetry at all (is OpenTelemetry in this build?); the 'telemetry on' rows measure nothing extra."
  telemetry_json="{\"endpoint\": \"$endpoint\", \"protocol\": \"http/protobuf\", \"sink\": $counts}"
}

machine="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%d GiB", $2/1048576}' /proc/meminfo)"
for size in $sizes; do
  echo "== Size: $size ($engine)"
  if [[ "$engine" == postgresql ]]; then seed_pg "$size"; run_counts="$instances"
  elif [[ -n "$seeded_db" ]]; then db="$seeded_db"; seed_log=""; run_counts=1
  else seed "$size"; run_counts=1; fi
  reports_measured=""

  for n in $run_counts; do
    if [[ "$engine" == postgresql ]]; then
      start_cluster
      echo "   PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $pg_port (core 0), $n app instance(s)"
    else
      cp "$db" "$work/run.db"
      # The copy's dirty pages are flushed before the clock starts, so the cold start times the app, not the writeback.
      sync
      db_env=("ConnectionStrings__Clinic=Data Source=$work/run.db")
    fi
    start_apps "$n"
    echo "   cold start to the first login page: $cold_start_ms ms"
    sign_in "$email" "$password"

    # A clinician id and today's date (clinic-local) come from the day calendar's own links.
    day_html="$(curl -s -H "Cookie: $cookie" "$base/Calendar")"
    # On a day no clinician works (a Sunday, or a Saturday off) the grid has no clinician links; the "Week of" list
    # always names them. Either way, the first clinician it offers.
    clinician_id="$( { grep -o 'clinicianId=[^&"]*' <<<"$day_html" | grep -v 'clinicianId=$' | cut -d= -f2;
      sed -n '/name="clinicianId"/,/<\/select>/p' <<<"$day_html" | grep -o 'option value="[^"]\+"' | cut -d'"' -f2; } | head -1 || true)"
    today="$(grep -o 'date=[0-9-]*' <<<"$day_html" | head -1 | cut -d= -f2 || true)"
    [[ -n "$clinician_id" ]] || { echo "No clinician on the calendar; the database holds no active clinician." >&2; exit 1; }
    week_path="/Calendar?view=week&clinicianId=$clinician_id${today:+&date=$today}"

    pages_json=""
    measure "JSON baseline" "/bench/json"
    measure "Fortunes baseline" "/bench/fortunes"
    measure "Fortunes baseline, anonymous" "/bench/fortunes-anonymous" anonymous
    measure "Week calendar, one clinician" "$week_path"
    measure "Day calendar, all clinicians" "/Calendar?view=day&by=clinician${today:+&date=$today}"
    if [[ -n "$patient_id" ]]; then measure "Patient with a long history" "/Patients/Details/$patient_id"; else echo "   no --patient-id: the patient page is not measured"; fi
    measure "Patients search" "/Patients?q=smi"

    # The reports (issue 18), as one clinician reads them: one connection, so the figure is what a user waits for a
    # report to render, not queueing behind 15 others. Clinicians read all five; the seeded clinician01 shares the
    # front desk's password. The default period is the last 12 weeks by week; a year by month is what an owner asks
    # for at the year's end. One user on one connection does not depend on the instance count: measured once per size.
    reports_json=""
    if [[ -n "$reports_measured" ]]; then
      echo "   reports: measured with $reports_measured instance(s) already"
    elif [[ -n "$clinician_email" ]]; then
      sign_in "$clinician_email" "$password"
      report_today="$(date -u +%Y-%m-%d)"
      year_from="$(date -u -d "$report_today -364 days" +%Y-%m-%d)"
      for report in utilisation no-shows courses screening adverse-events; do
        measure_report "$report, last 12 weeks by week" "/Reports/$report"
        measure_report "$report, a year by month" "/Reports/$report?from=$year_from&to=$report_today&by=month"
      done
      reports_measured="$n"
    else
      echo "   no clinician account in the seed log: the reports are not measured"
    fi

    booking_json="null"
    if [[ -s "${bookable:-}" ]]; then
      echo "   booking POSTs ($BOOKINGS at most, $CONNECTIONS workers over $n instance(s))"
      bases="$(printf 'http://127.0.0.1:%s,' "${app_ports[@]}")"
      booking_json="$("${tool[@]}" load-book --base "${bases%,}" --cookie "$cookie" --sittings "$bookable" \
        --count "$BOOKINGS" --workers "$CONNECTIONS" --seconds 60)"
      echo "   booking: $booking_json"
    else
      echo "   no bookable sittings list: the booking POST is not measured"
    fi

    hwm_kb=0 rss_kb=0
    for pid in "${app_pids[@]}"; do
      h="$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")"; r="$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")"
      (( h > hwm_kb )) && hwm_kb=$h; (( r > rss_kb )) && rss_kb=$r
    done
    stop_apps

    telemetry_json="null"
    if [[ "$engine" == sqlite && "$size" == small && -z "$seeded_db" && "$TELEMETRY" != 0 ]]; then measure_with_telemetry; fi

    measure_bare_app
    postgres_json="null"
    if [[ "$engine" == postgresql ]]; then
      postgres_json="{\"version\": \"$("$PG_BIN/postgres" --version | awk '{print $3}')\", \"settings\": \"fsync=off, synchronous_commit=off, full_page_writes=off, max_connections=300\", \"pinned\": \"core 0, with the app\"}"
      stop_cluster
      out="$results/postgresql-$size-$n.json"
    else
      out="$results/$size.json"
    fi

    # The seed's table of row counts: "  Bookings   1,019,253" (one booking per sitting).
    sittings="$(awk '$1 == "Bookings" && $2 ~ /^[0-9,]+$/ {gsub(",", "", $2); print $2; exit}' "$seed_log" 2>/dev/null || true)"
    cat > "$out" <<JSON
{
  "engine": "$engine",
  "size": "$size",
  "instances": $n,
  "sittings": ${sittings:-null},
  "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "commit": "$commit$dirty",
  "machine": "$machine",
  "dotnet": "$(dotnet --version)",
  "postgres": $postgres_json,
  "connections": $CONNECTIONS, "threads": $THREADS, "warmupSeconds": $WARMUP, "durationSeconds": $DURATION,
  "coldStartMs": $cold_start_ms,
  "vmHwmKb": $hwm_kb,
  "vmRssKb": $rss_kb,
  "pages": [$pages_json
  ],
  "reports": [$reports_json
  ],
  "booking": $booking_json,
  "telemetry": $telemetry_json
}
JSON
    echo "   RSS after the load: VmHWM $((hwm_kb / 1024)) MB, VmRSS $((rss_kb / 1024)) MB; written $out"
  done
done

"${tool[@]}" load-report --results "$results" --doc "$repo/docs/performance.md" \
  --command "tests/MicroNeedling.Benchmarks/load/run-load.sh" --seconds "$(( $(date +%s) - started_at ))"
echo "== Done in $(( $(date +%s) - started_at )) s; docs/performance.md rewritten."
