#!/usr/bin/env bash
# Load harness (issue 7): measures the clinic's pages under load and rewrites the "Pages under load" section of
# docs/performance.md. From the repository root:
#
#   tests/MicroNeedling.Benchmarks/load/run-load.sh                 # small (~10k sittings), then large (~1M)
#   tests/MicroNeedling.Benchmarks/load/run-load.sh --sizes small   # one size only
#   tests/MicroNeedling.Benchmarks/load/run-load.sh --seeded-db FILE --email E --password P \
#       --patient-id N [--bookable FILE] [--label NAME] [--clinician-email E]   # any database you already have
#
# What it does, per size:
#   1. publishes src/MicroNeedling.Web in Release into a temp folder, and builds the harness's baselines
#      (tests/MicroNeedling.Benchmarks.Baselines: /bench/json and the Fortunes-style /bench/fortunes) into that
#      folder only; they are loaded through ASPNETCORE_HOSTINGSTARTUPASSEMBLIES, never by the product;
#   2. seeds a fresh SQLite database with `seed-demo --size <size> --bookable-out <file>` (cached under
#      tests/MicroNeedling.Benchmarks/load/.cache/<last commit of the seeder and the SQLite migrations>/, git-ignored,
#      so a re-run skips seeding);
#   3. starts the app on 127.0.0.1 (pinned to core 0) and times process start -> first 200 of /Account/Login;
#   4. signs in as front desk through the real login form (curl, cookie jar, antiforgery token);
#   5. runs wrk (pinned to core 1; 16 connections, 2 threads; WARMUP s unmeasured, then DURATION s) on each page
#      and on the baselines (the Fortunes page signed in, then the same page at /bench/fortunes-anonymous without
#      the cookie),
#      failing the run if any GET answers anything but 200;
#   6. signs in as a clinician and times each report (issue 18) with one connection, for the default period and a year;
#   7. runs the booking POST load (C# loop in tests/MicroNeedling.Benchmarks, `load-book`): 16 workers, each POST
#      books a different planned sitting; 302 = booked, 200 = refused by a booking rule; both are counted;
#   8. reads VmHWM/VmRSS of the app from /proc after the load;
#   9. writes tests/MicroNeedling.Benchmarks/load/results/<size>.json.
# Finally `load-report` regenerates the "Pages under load" section of docs/performance.md from the JSON files.
#
# The app runs with ASPNETCORE_ENVIRONMENT=Testing: outside Development and Testing it refuses plain HTTP
# (PlainHttpRefusal) and its cookies need HTTPS (__Host- prefix). The binaries are Release; Testing changes nothing
# else on the request path.
#
# Needs: dotnet, curl, wrk (installed with apt-get when missing), taskset (util-linux). No python3, no jq.
# Environment overrides: WARMUP (s, default 5), DURATION (s, default 10), CONNECTIONS (16), THREADS (2),
# BOOKINGS (300), PORT (5599).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
cd "$repo"

sizes="small large"
seeded_db="" email="" password="" patient_id="" bookable="" label="custom" clinician_email=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --seeded-db) seeded_db="$2"; shift 2 ;;
    --email) email="$2"; shift 2 ;;
    --clinician-email) clinician_email="$2"; shift 2 ;;
    --password) password="$2"; shift 2 ;;
    --patient-id) patient_id="$2"; shift 2 ;;
    --bookable) bookable="$2"; shift 2 ;;
    --label) label="$2"; shift 2 ;;
    -h|--help) sed -n '2,35p' "$0"; exit 0 ;;
    *) echo "Unknown argument: $1" >&2; exit 2 ;;
  esac
done
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
base="http://127.0.0.1:$PORT"
started_at=$(date +%s)

if ! command -v wrk >/dev/null; then
  echo "Installing wrk (Debian package)..."
  apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi

work="$(mktemp -d /tmp/microneedling-load.XXXXXX)"
app_pid=""
cleanup() {
  if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; fi
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
# A seeded database depends only on the seeder and the SQLite schema: a change anywhere else in src/ reuses it.
seed_inputs=(src/MicroNeedling.Clinic/Demo src/MicroNeedling.Clinic/Data/Migrations/Sqlite)
src_commit="$(git log -1 --format=%h -- "${seed_inputs[@]}")"
dirty=""; git diff --quiet HEAD -- "${seed_inputs[@]}" || dirty="-dirty"

# Seeds (or reuses) the database of one size. Sets db, email, password, patient_id, bookable.
seed() {
  local size="$1" cache="$here/.cache/$src_commit$dirty/$1"
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
  patient_id="$(grep -m1 -o 'Long-history patient: [0-9]*' "$cache/seed.log" | grep -o '[0-9]*$')"
  # seed-demo prints "Seeded staff accounts (..., reception@demo.clinic) share this password, shown only now: <password>";
  # reception@demo.clinic is the seeded front-desk account.
  local line; line="$(grep -m1 'share this password' "$cache/seed.log")"
  email="reception@demo.clinic"
  grep -q "$email" <<<"$line" || email=""
  clinician_email="clinician01@demo.clinic"
  grep -q "$clinician_email" <<<"$line" || clinician_email=""
  password="$(awk '{print $NF}' <<<"$line")"
  [[ -n "$patient_id" && -n "$email" && -n "$password" ]] || { echo "Could not read the long-history patient or the front-desk account from $cache/seed.log" >&2; exit 1; }
}

# Starts the app on a copy of the database; sets app_pid and cold_start_ms.
start_app() {
  cp "$1" "$work/run.db"
  local t0; t0=$(date +%s%N)
  ConnectionStrings__Clinic="Data Source=$work/run.db" ASPNETCORE_ENVIRONMENT=Testing \
    ASPNETCORE_HOSTINGSTARTUPASSEMBLIES=MicroNeedling.Benchmarks.Baselines Logging__LogLevel__Default=Warning \
    taskset -c 0 dotnet exec --additional-deps "$work/baselines.deps.json" "$work/app/MicroNeedling.Web.dll" --urls "$base" > "$work/app.log" 2>&1 &
  app_pid=$!
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/Account/Login" || true)" == 200 ]]; do
    kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log" >&2; echo "The app exited during start-up." >&2; exit 1; }
    sleep 0.02
  done
  cold_start_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
}

stop_app() {
  kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
}

# After the app under test stops: the bare Fortunes app (tests/MicroNeedling.Benchmarks.BareFortunes) on the same
# database, pinned to core 0 as the app was, and its /bench/fortunes measured anonymous ("Fortunes, bare app").
measure_bare_app() {
  ConnectionStrings__Clinic="Data Source=$work/run.db" ASPNETCORE_ENVIRONMENT=Testing \
    taskset -c 0 dotnet "$work/bare/MicroNeedling.Benchmarks.BareFortunes.dll" --urls "$base" > "$work/bare.log" 2>&1 &
  app_pid=$!
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/bench/fortunes" || true)" == 200 ]]; do
    kill -0 "$app_pid" 2>/dev/null || { cat "$work/bare.log" >&2; echo "The bare Fortunes app exited during start-up." >&2; exit 1; }
    sleep 0.02
  done
  measure "Fortunes, bare app" "/bench/fortunes" anonymous
  stop_app
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

# Measures one GET page with wrk; appends a JSON object to $pages_json. A third argument "anonymous" sends no cookie.
measure() {
  local name="$1" path="$2" status sent
  # A browser keeps the renewed cookie the app sends once a minute (the session check rebuilds the principal then);
  # wrk cannot, so each page starts from a fresh sign-in, as a browser's cookie would be.
  if [[ "${3:-}" == anonymous ]]; then sent=""
  else [[ "$path" == /bench/json ]] || sign_in "$email" "$password"; sent="$cookie"; fi
  status="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $sent" "$base$path")"
  [[ "$status" == 200 ]] || { echo "$name ($path) answers $status, not 200: nothing to measure." >&2; exit 1; }
  WRK_COOKIE="$sent" taskset -c 1 wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$here/page.lua" "$base$path" >/dev/null
  local line gc_before gc_after
  gc_before="$(curl -s "$base/bench/gc")"
  line="$(WRK_COOKIE="$sent" taskset -c 1 wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "$here/page.lua" "$base$path" | grep '^RESULT')"
  gc_after="$(curl -s "$base/bench/gc")"
  echo "   $name: ${line#RESULT }"
  local non200; non200="$(grep -o 'non200=[0-9]*' <<<"$line" | cut -d= -f2)"
  [[ "$non200" == 0 ]] || { echo "$name ($path): $non200 responses were not 200. The run is void." >&2; exit 1; }
  field() { grep -o "$1=[0-9.]*" <<<"$line" | cut -d= -f2; }
  pages_json+="${pages_json:+,}
    {\"name\": \"$name\", \"path\": \"$path\", \"rps\": $(field rps), \"p50Ms\": $(field p50), \"p95Ms\": $(field p95), \"p99Ms\": $(field p99), \"requests\": $(field requests), \"non200\": $non200, \"socketErrors\": $(field socket_errors), \"gcBefore\": $gc_before, \"gcAfter\": $gc_after}"
}

# Measures one report with one connection (a user waiting for it); appends a JSON object to $reports_json.
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

for size in $sizes; do
  echo "== Size: $size"
  if [[ -n "$seeded_db" ]]; then db="$seeded_db"; else seed "$size"; fi
  start_app "$db"
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

  pages_json=""
  measure "JSON baseline" "/bench/json"
  measure "Fortunes baseline" "/bench/fortunes"
  measure "Fortunes baseline, anonymous" "/bench/fortunes-anonymous" anonymous
  measure "Week calendar, one clinician" "/Calendar?view=week&clinicianId=$clinician_id${today:+&date=$today}"
  measure "Day calendar, all clinicians" "/Calendar?view=day&by=clinician${today:+&date=$today}"
  if [[ -n "$patient_id" ]]; then measure "Patient with a long history" "/Patients/Details/$patient_id"; else echo "   no --patient-id: the patient page is not measured"; fi
  measure "Patients search" "/Patients?q=smi"

  # The reports (issue 18), as one clinician reads them: one connection, so the figure is what a user waits for a
  # report to render, not queueing behind 15 others. Clinicians read all five; the seeded clinician01 shares the
  # front desk's password. The default period is the last 12 weeks by week; a year by month is what an owner asks for
  # at the year's end.
  reports_json=""
  if [[ -n "$clinician_email" ]]; then
    sign_in "$clinician_email" "$password"
    report_today="$(date -u +%Y-%m-%d)"
    year_from="$(date -u -d "$report_today -364 days" +%Y-%m-%d)"
    for report in utilisation no-shows courses screening adverse-events; do
      measure_report "$report, last 12 weeks by week" "/Reports/$report"
      measure_report "$report, a year by month" "/Reports/$report?from=$year_from&to=$report_today&by=month"
    done
  else
    echo "   no clinician account in the seed log: the reports are not measured"
  fi

  booking_json="null"
  if [[ -s "${bookable:-}" ]]; then
    echo "   booking POSTs ($BOOKINGS at most, $CONNECTIONS workers)"
    booking_json="$("${tool[@]}" load-book --base "$base" --cookie "$cookie" --sittings "$bookable" \
      --count "$BOOKINGS" --workers "$CONNECTIONS" --seconds 60)"
    echo "   booking: $booking_json"
  else
    echo "   no bookable sittings list: the booking POST is not measured"
  fi

  hwm_kb="$(awk '/VmHWM/ {print $2}' "/proc/$app_pid/status")"
  rss_kb="$(awk '/VmRSS/ {print $2}' "/proc/$app_pid/status")"
  stop_app
  measure_bare_app

  # The seed's table of row counts: "  Bookings   1,019,253" (one booking per sitting).
  sittings="$(awk '$1 == "Bookings" && $2 ~ /^[0-9,]+$/ {gsub(",", "", $2); print $2; exit}' "$here/.cache/$src_commit$dirty/$size/seed.log" 2>/dev/null || true)"
  cat > "$results/$size.json" <<EOF
{
  "size": "$size",
  "sittings": ${sittings:-null},
  "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "commit": "$commit$dirty",
  "machine": "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%d GiB", $2/1048576}' /proc/meminfo)",
  "dotnet": "$(dotnet --version)",
  "connections": $CONNECTIONS, "threads": $THREADS, "warmupSeconds": $WARMUP, "durationSeconds": $DURATION,
  "coldStartMs": $cold_start_ms,
  "vmHwmKb": $hwm_kb,
  "vmRssKb": $rss_kb,
  "pages": [$pages_json
  ],
  "reports": [$reports_json
  ],
  "booking": $booking_json
}
EOF
  echo "   RSS after the load: VmHWM $((hwm_kb / 1024)) MB, VmRSS $((rss_kb / 1024)) MB; written $results/$size.json"
done

"${tool[@]}" load-report --results "$results" --doc "$repo/docs/performance.md" \
  --command "tests/MicroNeedling.Benchmarks/load/run-load.sh" --seconds "$(( $(date +%s) - started_at ))"
echo "== Done in $(( $(date +%s) - started_at )) s; docs/performance.md rewritten."
