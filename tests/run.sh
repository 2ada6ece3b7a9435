#!/usr/bin/env bash
# Runs every test suite and ends with one line: "N passed, M failed".
# The service-layer and HTTP suites run twice, the same tests on each engine: on SQLite, then on a throwaway
# PostgreSQL cluster this script starts (tests/throwaway-postgres.sh) and stops at the end. The browser suite runs on
# SQLite. Installs Debian's Chromium for the browser suite when it is missing. Exits non-zero if any test failed, any
# suite did not run, or PostgreSQL could not be started (its suites are never skipped).
set -uo pipefail
cd "$(dirname "$0")/.."
source tests/throwaway-postgres.sh

# suite:engine
RUNS=(MicroNeedling.Clinic.Tests:Sqlite MicroNeedling.Web.Tests:Sqlite MicroNeedling.Browser.Tests:Sqlite
      MicroNeedling.Clinic.Tests:PostgreSQL MicroNeedling.Web.Tests:PostgreSQL)

if ! command -v chromium >/dev/null 2>&1; then
    echo "Chromium is missing; installing Debian's chromium package..."
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null \
        || { echo "Could not install chromium; the browser suite cannot run."; echo "0 passed, 1 failed"; exit 1; }
fi

echo "Building the solution..."
if ! dotnet build MicroNeedling.sln -nologo -v quiet; then
    echo "Build failed."
    echo "0 passed, 1 failed"
    exit 1
fi

RESULTS="$(mktemp -d)"
trap 'stop_throwaway_postgres; rm -rf "$RESULTS"' EXIT
total_passed=0
total_failed=0
missing=0
summary=()

postgres_up=0
echo "Starting a throwaway PostgreSQL cluster..."
if start_throwaway_postgres; then
    postgres_up=1
else
    echo "PostgreSQL could not be started (see above), so the PostgreSQL suites cannot run. They count as failed."
fi

for run in "${RUNS[@]}"; do
    suite="${run%%:*}"
    engine="${run##*:}"
    name="$suite ($engine)"
    if [ "$engine" = PostgreSQL ] && [ "$postgres_up" -ne 1 ]; then
        missing=$((missing + 1))
        summary+=("$name: did not run, PostgreSQL could not be started")
        continue
    fi
    echo "Running $name..."
    start=$(date +%s)
    trx="$RESULTS/$suite.$engine.trx"
    MICRONEEDLING_TEST_PROVIDER="$engine" MICRONEEDLING_TEST_POSTGRES="${PG_TEST_CONNECTION:-}" \
        dotnet test "tests/$suite" --no-build -nologo --logger "trx;LogFileName=$trx" \
        --logger "console;verbosity=minimal"
    seconds=$(( $(date +%s) - start ))
    if [ ! -f "$trx" ]; then
        echo "Suite $name did not produce results."
        missing=$((missing + 1))
        summary+=("$name: did not run")
        continue
    fi
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    total=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
    executed=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    failed=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    errored=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
    failed=$(( ${failed:-0} + ${errored:-0} ))
    if [ "${executed:-0}" -eq 0 ]; then
        echo "Suite $name ran no test."
        missing=$((missing + 1))
    fi
    total_passed=$((total_passed + ${passed:-0}))
    total_failed=$((total_failed + failed))
    skipped=$(( ${total:-0} - ${executed:-0} ))
    summary+=("$name: ${passed:-0} passed, $failed failed, $skipped skipped (other engine only) in ${seconds}s")
done

echo
printf '%s\n' "${summary[@]}"
echo "${total_passed} passed, $((total_failed + missing)) failed"
if [ "$total_failed" -ne 0 ] || [ "$missing" -ne 0 ]; then
    exit 1
fi
