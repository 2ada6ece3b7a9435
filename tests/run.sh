#!/usr/bin/env bash
# Runs every test suite and ends with one line: "N passed, M failed".
# Installs Debian's Chromium for the browser suite when it is missing. Exits non-zero if any test failed
# or any suite did not run.
set -uo pipefail
cd "$(dirname "$0")/.."

SUITES=(MicroNeedling.Clinic.Tests MicroNeedling.Web.Tests MicroNeedling.Browser.Tests)

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
trap 'rm -rf "$RESULTS"' EXIT
total_passed=0
total_failed=0
missing=0
summary=()

for suite in "${SUITES[@]}"; do
    echo "Running $suite..."
    start=$(date +%s)
    dotnet test "tests/$suite" --no-build -nologo --logger "trx;LogFileName=$suite.trx" --results-directory "$RESULTS" \
        --logger "console;verbosity=minimal"
    seconds=$(( $(date +%s) - start ))
    trx="$RESULTS/$suite.trx"
    if [ ! -f "$trx" ]; then
        echo "Suite $suite did not produce results."
        missing=$((missing + 1))
        summary+=("$suite: did not run")
        continue
    fi
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    executed=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    failed=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    errored=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
    failed=$(( ${failed:-0} + ${errored:-0} ))
    if [ "${executed:-0}" -eq 0 ]; then
        echo "Suite $suite ran no test."
        missing=$((missing + 1))
    fi
    total_passed=$((total_passed + ${passed:-0}))
    total_failed=$((total_failed + failed))
    summary+=("$suite: ${passed:-0} passed, $failed failed in ${seconds}s")
done

echo
printf '%s\n' "${summary[@]}"
echo "${total_passed} passed, $((total_failed + missing)) failed"
if [ "$total_failed" -ne 0 ] || [ "$missing" -ne 0 ]; then
    exit 1
fi
