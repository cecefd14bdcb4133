#!/usr/bin/env bash
# Runs every test: unit (Core), integration on SQLite and on a throwaway PostgreSQL cluster (Web),
# and browser tests on Debian's Chromium (E2E). Installs what is missing (as root, via apt): Chromium, PostgreSQL,
# poppler-utils (pdftotext, pdftoppm), qpdf and zbar-tools (zbarimg) for the document tests.
# Beside them, the deployment smoke test (deploy/smoke.sh: two published instances behind nginx, a backup restored), counted as
# one test; it needs root and apt-get (it installs nginx), else it is counted skipped. CONTESTS_SMOKE=0 skips it too.
# Ends with one line: "N passed, N failed, N skipped". Exit code is dotnet test's, or 1 when only the smoke test failed.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

log() { printf '[run.sh] %s\n' "$*" >&2; }

# --- prerequisites ---------------------------------------------------------------------------------
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
command -v zbarimg >/dev/null 2>&1 || need+=(zbar-tools)
pg_bin=""
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && pg_bin="$d"; done
[ -n "$pg_bin" ] || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    log "installing: ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
      || { log "apt-get install failed"; exit 1; }
    for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && pg_bin="$d"; done
  else
    log "missing ${need[*]}: install them (sudo apt-get install ${need[*]}) or run as root"; exit 1
  fi
fi

# --- throwaway PostgreSQL cluster -------------------------------------------------------------------
# initdb refuses root, so the cluster runs as an unprivileged user. Bound to 127.0.0.1 only.
pg_dir=$(mktemp -d /tmp/contests-pg.XXXXXX)
pg_port=${CONTESTS_PG_PORT:-55432}
as_pg() { if [ "$(id -u)" = 0 ]; then su pgtest -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
if [ "$(id -u)" = 0 ]; then
  id -u pgtest >/dev/null 2>&1 || useradd -r -M -s /bin/sh pgtest
  chown pgtest "$pg_dir"
fi
stop_pg() {
  as_pg "$pg_bin/pg_ctl -D $pg_dir/data -m immediate stop" >/dev/null 2>&1
  rm -rf "$pg_dir"
}
trap stop_pg EXIT
as_pg "$pg_bin/initdb -D $pg_dir/data -U postgres --auth=trust -E UTF8 --no-locale" >"$pg_dir/initdb.log" 2>&1 \
  || { cat "$pg_dir/initdb.log"; log "initdb failed"; exit 1; }
as_pg "$pg_bin/pg_ctl -D $pg_dir/data -l $pg_dir/pg.log -o \"-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c max_connections=300\" -w start" >/dev/null \
  || { cat "$pg_dir/pg.log"; log "PostgreSQL did not start"; exit 1; }
export CONTESTS_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Pooling=true"
log "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"

# --- tests ------------------------------------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out=$(mktemp /tmp/contests-test.XXXXXX.log)
# Release: the tests run the code as it ships (and faster), and the smoke test publishes this build instead of compiling
# the app a second time.
dotnet build Contests.sln -c Release -nologo -clp:ErrorsOnly 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}
built=$rc

# --- the deployment smoke test, one test in the count, run beside the test assemblies ----------------------------
# run.sh publishes this Release build and the script runs it as an installation would; most of its time is waiting for processes, so it
# runs in the background while dotnet test runs, and its output is printed after the tests'.
smoke_passed=0 smoke_failed=0 smoke_skipped=0 smoke_pid="" smoke_log=$(mktemp /tmp/contests-smoke.XXXXXX.log)
if [ "$built" -ne 0 ]; then
  smoke_skipped=1; log "deploy smoke test skipped: the build failed"
elif [ "${CONTESTS_SMOKE:-1}" = 0 ]; then
  smoke_skipped=1; log "deploy smoke test skipped: CONTESTS_SMOKE=0"
elif [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  smoke_skipped=1; log "deploy smoke test skipped: it needs root and apt-get (it installs nginx and runs PostgreSQL as another user)"
else
  log "deploy smoke test (deploy/smoke.sh) started in the background; its output follows the tests'"
  smoke_app=$(mktemp -d /tmp/contests-published.XXXXXX)
  (dotnet publish src/Contests.Web -c Release --no-build -nologo -v q -o "$smoke_app" >"$smoke_log" 2>&1 \
     && CONTESTS_SMOKE_APP=$smoke_app bash "$root/deploy/smoke.sh" >>"$smoke_log" 2>&1) &
  smoke_pid=$!
fi

if [ "$rc" -eq 0 ]; then
  results=$(mktemp -d /tmp/contests-results.XXXXXX)
  dotnet test Contests.sln -c Release --no-build -nologo -v q --logger trx --results-directory "$results" 2>&1 | tee -a "$out"
  rc=${PIPESTATUS[0]}
  # Where the time went: the ten test classes that took longest (sum of their tests' durations), to stderr.
  log "slowest test classes (sum of test durations, seconds):"
  cat "$results"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*' \
    | sed -n 's/.*testName="\([^"]*\)".*duration="\([0-9]*\):\([0-9]*\):\([0-9.]*\)".*/\2 \3 \4 \1/p' \
    | awk '{name=$0; sub(/^[^ ]+ [^ ]+ [^ ]+ /, "", name); sub(/\(.*$/, "", name); sub(/\.[^.]*$/, "", name)
            t[name]+=$1*3600+$2*60+$3}
           END {for (n in t) printf "%8.1f  %s\n", t[n], n}' | sort -rn | head -10 >&2
  # The failed tests' messages and the top of their stack traces, to stderr (the trx files are deleted next).
  cat "$results"/*.trx 2>/dev/null | awk '
    /<UnitTestResult / { failed = ($0 ~ /outcome="Failed"/)
                         if (failed) { n = 0; name = $0; sub(/.*testName="/, "", name); sub(/".*/, "", name); gsub(/&quot;/, "\"", name)
                                       print "[run.sh] FAILED " name } }
    failed && /<(Message|StackTrace)>/ { keep = 1 }
    failed && keep && n < 40 { line = $0; gsub(/<[^>]*>/, "", line); gsub(/&lt;/, "<", line); gsub(/&gt;/, ">", line)
                               gsub(/&quot;/, "\"", line); gsub(/&apos;/, "\047", line); gsub(/&amp;/, "\\&", line)
                               print "    " line; n++ }
    /<\/(Message|StackTrace)>/ { keep = 0 }
    /<\/UnitTestResult>/ { failed = 0 }' >&2
  rm -rf "$results"
fi

if [ -n "$smoke_pid" ]; then
  if wait "$smoke_pid"; then smoke_passed=1; else smoke_failed=1; fi
  cat "$smoke_log" >&2
  if [ "$smoke_failed" = 1 ]; then
    log "FAILED deploy/smoke.sh (its output above says which step)"
    [ "$rc" -ne 0 ] || rc=1
  fi
fi
rm -rf "$smoke_log" "${smoke_app:-}"
awk -v sp="$smoke_passed" -v sf="$smoke_failed" -v ss="$smoke_skipped" \
    '/^(Passed|Failed)! +- Failed:/ {gsub(",",""); f+=$4; p+=$6; s+=$8}
     END {printf "%d passed, %d failed, %d skipped\n", p + sp, f + sf, s + ss}' "$out"
rm -f "$out"
exit "$rc"
