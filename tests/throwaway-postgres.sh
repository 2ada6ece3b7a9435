#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test run: initdb in a temporary folder, a free loopback port, fsync off.
#   source tests/throwaway-postgres.sh && start_throwaway_postgres   # sets PG_TEST_CONNECTION, or fails with a message
#   stop_throwaway_postgres                                          # stops it and deletes its folder
# PostgreSQL refuses to run as root, so as root the cluster belongs to the "postgres" user that Debian's package creates.

find_pg_bin() {
    local candidate
    # POSTGRES_BIN picks one installation (a folder with initdb and pg_ctl); otherwise the newest Debian one.
    if [ -n "${POSTGRES_BIN:-}" ]; then
        [ -x "$POSTGRES_BIN/initdb" ] && [ -x "$POSTGRES_BIN/pg_ctl" ] && PG_BIN="$POSTGRES_BIN"
        [ -n "${PG_BIN:-}" ]
        return
    fi
    for candidate in /usr/lib/postgresql/*/bin; do
        if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then PG_BIN="$candidate"; fi
    done
    [ -n "${PG_BIN:-}" ] || { command -v initdb >/dev/null 2>&1 && PG_BIN="$(dirname "$(command -v initdb)")"; }
    [ -n "${PG_BIN:-}" ]
}

# A loopback port nothing listens on (bash's /dev/tcp: a refused connection means free).
free_port() {
    local port
    while true; do
        port=$(( 20000 + RANDOM % 40000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
}

as_cluster_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        su postgres -s /bin/sh -c "$1"
    else
        sh -c "$1"
    fi
}

start_throwaway_postgres() {
    PG_BIN=""
    if ! find_pg_bin; then
        echo "PostgreSQL is not installed (no initdb and pg_ctl in ${POSTGRES_BIN:-/usr/lib/postgresql/*/bin or on PATH})." >&2
        echo "Install it with: apt-get install -y postgresql" >&2
        return 1
    fi
    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
        echo "Running as root, but there is no 'postgres' user to own the test cluster (PostgreSQL refuses to run as root)." >&2
        return 1
    fi

    PG_TEST_ROOT="$(mktemp -d /tmp/microneedling-pg.XXXXXX)"
    chmod 755 "$PG_TEST_ROOT"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$PG_TEST_ROOT"; fi
    PG_TEST_PORT="$(free_port)"

    if ! as_cluster_owner "'$PG_BIN/initdb' -D '$PG_TEST_ROOT/data' -U postgres --auth=trust -E UTF8 --no-sync" >"$PG_TEST_ROOT/initdb.log" 2>&1; then
        echo "initdb failed; its output:" >&2
        cat "$PG_TEST_ROOT/initdb.log" >&2
        return 1
    fi
    if ! as_cluster_owner "'$PG_BIN/pg_ctl' -D '$PG_TEST_ROOT/data' -l '$PG_TEST_ROOT/postgres.log' -w -t 60 -o \"-p $PG_TEST_PORT -k '$PG_TEST_ROOT' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start" >/dev/null 2>&1; then
        echo "PostgreSQL did not start on port $PG_TEST_PORT; its log:" >&2
        cat "$PG_TEST_ROOT/postgres.log" >&2 2>/dev/null
        return 1
    fi

    export PG_TEST_CONNECTION="Host=127.0.0.1;Port=$PG_TEST_PORT;Username=postgres"
    echo "Throwaway PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PG_TEST_PORT ($PG_TEST_ROOT)."
}

stop_throwaway_postgres() {
    if [ -n "${PG_TEST_ROOT:-}" ] && [ -d "$PG_TEST_ROOT/data" ]; then
        as_cluster_owner "'$PG_BIN/pg_ctl' -D '$PG_TEST_ROOT/data' -m immediate -w stop" >/dev/null 2>&1 || true
    fi
    if [ -n "${PG_TEST_ROOT:-}" ]; then rm -rf "$PG_TEST_ROOT"; fi
}
