#!/usr/bin/env bash
# Smoke test of a real installation, on this machine, following deploy/README.md step by step:
# a throwaway PostgreSQL cluster set up with postgres-setup.sql, the app published in Release, `migrate`,
# `create-admin`, two instances on two ports with the same settings but different local storage folders,
# nginx from Debian in front with nginx-contests.conf (TLS with a throwaway certificate), a sign-in through nginx
# that the other instance honours, readiness, the public results page, backup.sh, a restore into a new database,
# `verify-audit`, and an instance on the restored database serving the same page. Files live in the database
# (Storage:Kind=Database): a document issued on instance A downloads from B and from the restored copy with the same
# bytes. Last, a payout batch scheduled through nginx is killed (-9) mid-way on the instance running it and the other
# instance finishes it, every payout sent once.
#
# Run as root (it installs nginx and PostgreSQL with apt when missing, like tests/run.sh, and runs PostgreSQL as an
# unprivileged user). Everything lives in one temporary folder and every process it starts is stopped on exit.
# Exit code 0 when every step held; the output ends with what was proved.
#   CONTESTS_SMOKE_APP=/path/to/published/app  skips the publish (reuse an earlier `dotnet publish -c Release` output).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
started=$SECONDS

log() { printf '[smoke] %s\n' "$*" >&2; }
proved=()
ok() { proved+=("$*"); log "ok ($((SECONDS - started)) s): $*"; }
fail() { log "FAILED: $*"; exit 1; }

[ "$(id -u)" = 0 ] || { log "run as root: it installs nginx with apt and runs PostgreSQL as an unprivileged user"; exit 2; }

# --- prerequisites ---------------------------------------------------------------------------------
pg_bin=""
find_pg() { for d in /usr/lib/postgresql/*/bin; do if [ -x "$d/initdb" ]; then pg_bin="$d"; fi; done; }
find_pg
need=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
{ [ -n "$pg_bin" ] && command -v pg_dump >/dev/null 2>&1; } || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  log "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || fail "apt-get install ${need[*]}"
  find_pg
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

# --- the temporary folder and what runs in it ---------------------------------------------------------
tmp=$(mktemp -d /tmp/contests-smoke.XXXXXX)
chmod 755 "$tmp"   # PostgreSQL (pgtest) and nginx's workers must reach their folders inside it
pids=()
nginx_pid=""
as_pg() { su pgtest -s /bin/sh -c "$*"; }
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -n "$nginx_pid" ]; then kill -QUIT "$nginx_pid" 2>/dev/null || true; fi
  for pid in "${pids[@]}" $nginx_pid; do wait "$pid" 2>/dev/null || true; done
  # No app process may outlive the script (one did, when $! was a shell between it and the app): any process still
  # working in the app's folder is a failure, and killed for good.
  local cwd left
  for left in /proc/[0-9]*; do
    cwd=$(readlink "$left/cwd" 2>/dev/null) || continue
    if [ -n "${app:-}" ] && [ "$cwd" = "$(readlink -f "$app")" ]; then
      kill -9 "${left#/proc/}" 2>/dev/null || true
      log "FAILED: process ${left#/proc/} ($(tr '\0' ' ' <"$left/cmdline" 2>/dev/null | cut -c 1-80)) outlived the script's kill"
      [ "$rc" -ne 0 ] || rc=1
    fi
  done
  if [ -f "$tmp/pg/data/postmaster.pid" ]; then as_pg "$pg_bin/pg_ctl -D $tmp/pg/data -m immediate stop" >/dev/null 2>&1 || true; fi
  if [ "$rc" -ne 0 ]; then
    for f in "$tmp"/*.log "$tmp"/nginx/error.log; do
      if [ -s "$f" ]; then log "--- last lines of $(basename "$f")"; tail -n 8 "$f" | cut -c 1-400 >&2; fi
    done
  fi
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A free TCP port on 127.0.0.1 (nothing answers on it), never one handed out before: free_port VAR. Below Linux's
# ephemeral range (32768 and up), so that no outgoing connection of a test running beside this script takes it meanwhile.
taken=" "
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 12000))
    case "$taken" in *" $p "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then taken+="$p "; printf -v "$1" '%s' "$p"; return; fi
  done
}
free_port pg_port; free_port port_a; free_port port_b; free_port port_c; free_port http_port; free_port https_port

# --- 1. the published app ------------------------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ -n "${CONTESTS_SMOKE_APP:-}" ]; then
  app=$CONTESTS_SMOKE_APP
  log "using the app published in $app"
else
  app="$tmp/app"
  log "dotnet publish -c Release …"
  dotnet publish "$root/src/Contests.Web" -c Release -nologo -v q -o "$app" >"$tmp/publish.log" 2>&1 || fail "dotnet publish"
fi
[ -x "$app/Contests.Web" ] || fail "no Contests.Web executable in $app"
after_publish=$SECONDS

# --- 2. PostgreSQL: a throwaway cluster, then postgres-setup.sql -----------------------------------------
id -u pgtest >/dev/null 2>&1 || useradd -r -M -s /bin/sh pgtest
mkdir "$tmp/pg"; chown pgtest "$tmp/pg"
as_pg "$pg_bin/initdb -D $tmp/pg/data -U postgres --auth=trust -E UTF8 --no-locale" >"$tmp/initdb.log" 2>&1 || fail "initdb"
as_pg "$pg_bin/pg_ctl -D $tmp/pg/data -l $tmp/pg/pg.log -o \"-c listen_addresses=127.0.0.1 -p $pg_port -k $tmp/pg\" -w start" >/dev/null \
  || { cat "$tmp/pg/pg.log" >&2; fail "PostgreSQL did not start"; }
export PGHOST=127.0.0.1 PGPORT=$pg_port PGUSER=postgres
db_password="smoke-$RANDOM$RANDOM"
psql -q -v ON_ERROR_STOP=1 -v pw="'$db_password'" -d postgres -f "$root/deploy/postgres-setup.sql" >/dev/null || fail "postgres-setup.sql"
ok "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port; role and database made by postgres-setup.sql"

# --- 3. configuration, as /etc/contests/contests.env in deploy/README.md -----------------------------------
openssl req -x509 -newkey rsa:2048 -sha256 -days 2 -nodes -subj "/CN=contests-keys-smoke" \
  -keyout "$tmp/keys.key" -out "$tmp/keys.crt" >/dev/null 2>&1 || fail "openssl (key certificate)"
key_password="keys-$RANDOM$RANDOM"
openssl pkcs12 -export -inkey "$tmp/keys.key" -in "$tmp/keys.crt" -out "$tmp/keys.pfx" -passout "pass:$key_password" || fail "openssl pkcs12"
rm "$tmp/keys.key"
connection="Host=127.0.0.1;Port=$pg_port;Database=contests;Username=contests;Password=$db_password"
cat >"$tmp/contests.env" <<EOF
ASPNETCORE_ENVIRONMENT="Production"
Database__Provider="Postgres"
ConnectionStrings__Contests="$connection"
Database__MigrateOnStartup="false"
Security__TrustedProxies__0="127.0.0.1"
DataProtection__Certificate="$tmp/keys.pfx"
DataProtection__CertificatePassword="$key_password"
Storage__Kind="Database"
EOF
# …plus what the systemd unit sets for every instance (JSON log lines with the request and the user).
sed -n 's/^Environment=//p' "$root/deploy/contests@.service" | sed 's/^"\(.*\)"$/\1/' \
  | while IFS='=' read -r name value; do printf '%s="%s"\n' "$name" "$value"; done >>"$tmp/contests.env"
chmod 600 "$tmp/contests.env"

# Runs the app (a verb, or the web app) with contests.env plus VAR=value overrides: contests NAME=VALUE… -- ARGS…
contests() {
  local overrides=()
  while [ "$1" != "--" ]; do overrides+=("$1"); shift; done
  shift
  (set -a; . "$tmp/contests.env"; for o in "${overrides[@]}"; do export "${o?}"; done; set +a; cd "$app"; exec ./Contests.Web "$@")
}

# --- 4. migrate, create-admin, and content for the public pages --------------------------------------------
contests -- migrate >"$tmp/migrate.log" 2>&1 || fail "migrate"
ok "migrate: $(grep -o 'schema at V[0-9]*\|Schema up to date at V[0-9]*' "$tmp/migrate.log" | tail -n 1)"
admin_password="Smoke-admin-$RANDOM-$RANDOM"
CONTESTS_ADMIN_PASSWORD=$admin_password contests -- create-admin --user jefe --name "Jefe de la instalación" >"$tmp/create-admin.log" 2>&1 \
  || fail "create-admin"
ok "create-admin: $(tail -n 1 "$tmp/create-admin.log")"
# A published round gives the results page something to show (a real install would have its own rounds).
contests -- seed-demo >"$tmp/seed-demo.log" 2>&1 || fail "seed-demo"

# --- 5. two instances, same settings, different local storage folders ---------------------------------------
start_instance() { # NAME PORT STORAGE [CONNECTION]
  # One subshell that becomes the app (exec), so that $! is the app's own pid and the cleanup's kill reaches it (a
  # backgrounded function call would add a shell in between, and the app would outlive the script).
  # Smoke-only, for the kill -9 step: a batch pauses per payout inside its transaction (off by default), and a job whose
  # process died is fetched again after 10 s instead of the 5 min default (with PostgreSQL the invisibility slides while
  # a job runs, so a long job is never taken twice while its process lives).
  (set -a; . "$tmp/contests.env"; Storage__Path=$3; ConnectionStrings__Contests=${4:-$connection}
   Payouts__TestDelayPerPayout=${batch_pause:-00:00:00}; Scheduling__InvisibilityTimeout=00:00:10; set +a; cd "$app"
   exec ./Contests.Web --urls "http://127.0.0.1:$2") >"$tmp/$1.log" 2>&1 &
  pids+=($!)
}
wait_ready() { # PORT NAME: a start-up takes seconds on a quiet machine, a minute or more on a loaded one
  local deadline=$((SECONDS + 180))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if curl -fsS -o /dev/null "http://127.0.0.1:$1/health/ready" 2>/dev/null; then return 0; fi
    sleep 0.25
  done
  fail "instance $2 (port $1) not ready after 180 s"
}
batch_pause=00:00:04
start_instance instance-a "$port_a" "$tmp/files-a"
start_instance instance-b "$port_b" "$tmp/files-b"
batch_pause=""
wait_ready "$port_a" a; wait_ready "$port_b" b
for p in "$port_a" "$port_b"; do
  body=$(curl -sS -w ' %{http_code}' "http://127.0.0.1:$p/health/ready")
  [ "$body" = "Healthy 200" ] || fail "/health/ready on port $p answered '$body'"
done
ok "two instances (ports $port_a, $port_b; storage $tmp/files-a and files-b): /health/ready answers Healthy 200 on both"
for name in instance-a instance-b; do
  [ -s "$tmp/$name.log" ] || fail "$name wrote no log"
  if grep -v '^{.*}$' "$tmp/$name.log" | grep -q .; then grep -v '^{.*}$' "$tmp/$name.log" | head -n 3 >&2; fail "$name wrote a log line that is not JSON"; fi
done
ok "logs on stdout are JSON lines, one object per line, as the systemd unit's settings ask ($(wc -l <"$tmp/instance-a.log") lines from a)"

# --- 6. nginx from Debian, with deploy/nginx-contests.conf ----------------------------------------------------
mkdir -p "$tmp/nginx"
openssl req -x509 -newkey rsa:2048 -sha256 -days 2 -nodes -subj "/CN=contests.example.org" \
  -addext "subjectAltName=DNS:contests.example.org" -keyout "$tmp/nginx/tls.key" -out "$tmp/nginx/tls.crt" >/dev/null 2>&1 \
  || fail "openssl (TLS certificate)"
sed -e "s#127\.0\.0\.1:5001#127.0.0.1:$port_a#" -e "s#127\.0\.0\.1:5002#127.0.0.1:$port_b#" \
    -e "s#listen 80;#listen 127.0.0.1:$http_port;#" -e "s#listen 443 ssl#listen 127.0.0.1:$https_port ssl#" \
    -e "s#/etc/letsencrypt/live/contests\.example\.org/fullchain\.pem#$tmp/nginx/tls.crt#" \
    -e "s#/etc/letsencrypt/live/contests\.example\.org/privkey\.pem#$tmp/nginx/tls.key#" \
    "$root/deploy/nginx-contests.conf" >"$tmp/nginx/contests.conf"
if grep -Eq '5001|5002|listen 80;|listen 443|letsencrypt' "$tmp/nginx/contests.conf"; then
  fail "deploy/nginx-contests.conf changed shape: the smoke test's substitutions no longer apply"
fi
cat >"$tmp/nginx/nginx.conf" <<EOF
worker_processes 1;
error_log $tmp/nginx/error.log warn;
pid $tmp/nginx/nginx.pid;
events { worker_connections 256; }
http {
    log_format upstream '\$request_method \$request_uri \$status \$upstream_addr';
    access_log $tmp/nginx/access.log upstream;
    client_body_temp_path $tmp/nginx/body;
    proxy_temp_path $tmp/nginx/proxy;
    fastcgi_temp_path $tmp/nginx/fastcgi;
    uwsgi_temp_path $tmp/nginx/uwsgi;
    scgi_temp_path $tmp/nginx/scgi;
    include $tmp/nginx/contests.conf;
}
EOF
"$nginx_bin" -t -q -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -g 'daemon off;' 2>"$tmp/nginx-test.log" || { cat "$tmp/nginx-test.log" >&2; fail "nginx -t"; }
"$nginx_bin" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -g 'daemon off;' 2>"$tmp/nginx-run.log" &
nginx_pid=$!
site="https://contests.example.org:$https_port"
jar="$tmp/cookies.txt"
through_nginx() { # PATH [curl options…]: over TLS, checked against the throwaway certificate
  curl -sS --cacert "$tmp/nginx/tls.crt" --resolve "contests.example.org:$https_port:127.0.0.1" -b "$jar" -c "$jar" "$site$1" "${@:2}"
}
for _ in $(seq 1 40); do through_nginx /health/live -o /dev/null 2>/dev/null && break; sleep 0.25; done
[ "$(through_nginx /health/ready)" = "Healthy" ] || fail "/health/ready through nginx"
redirect=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' -H "Host: contests.example.org" "http://127.0.0.1:$http_port/account/login")
[ "$redirect" = "301 https://contests.example.org/account/login" ] || fail "plain HTTP was not sent to HTTPS ($redirect)"
ok "nginx $("$nginx_bin" -v 2>&1 | sed 's#.*/##') with deploy/nginx-contests.conf: TLS verified against the certificate, HTTP sent to HTTPS (301)"

# --- 7. sign in through nginx; the other instance honours the cookie ------------------------------------------
# The upstream that served the latest request for PATH, from nginx's access log.
served_by() { grep " $1 " "$tmp/nginx/access.log" | tail -n 1 | awk '{print $4}'; }
login_page=$(through_nginx /account/login)
token=$(grep -o '<input[^>]*name="__RequestVerificationToken"[^>]*>' <<<"$login_page" | head -n 1 | grep -o 'value="[^"]*"' | sed 's/^value="//; s/"$//')
[ -n "$token" ] || fail "no antiforgery token on the sign-in page"
status=$(through_nginx /account/login -o /dev/null -w '%{http_code}' --data-urlencode "UserName=jefe" \
  --data-urlencode "Password=$admin_password" --data-urlencode "__RequestVerificationToken=$token")
[ "$status" = 302 ] || fail "sign-in through nginx answered $status, not 302"
signed_in_on=$(served_by /account/login)
status=$(through_nginx /admin/users -o /dev/null -w '%{http_code}')
[ "$status" = 200 ] || fail "the page after sign-in answered $status through nginx"
next_on=$(served_by /admin/users)
[ -n "$signed_in_on" ] && [ "$signed_in_on" != "$next_on" ] \
  || fail "sign-in and the next request were both served by ${next_on:-?} (nginx should alternate between idle instances)"
# The cookies as a header (the jar's are Secure, which curl keeps for HTTPS): hit each instance directly with them.
cookies=$(sed 's/^#HttpOnly_//' "$jar" | awk -F '\t' '!/^#/ && NF >= 7 {printf "%s%s=%s", (n++ ? "; " : ""), $6, $7}')
for p in "$port_a" "$port_b"; do
  status=$(curl -sS -o /dev/null -w '%{http_code}' -H "Cookie: $cookies" "http://127.0.0.1:$p/admin/users")
  [ "$status" = 200 ] || fail "instance on port $p answered $status to the signed-in cookie"
  status=$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$p/admin/users")
  [ "$status" = 302 ] || fail "instance on port $p answered $status without a cookie (expected a redirect to sign in)"
done
ok "signed in through nginx on $signed_in_on, next request served by $next_on; the cookie opens /admin/users on both instances directly (302 without it): data-protection keys shared, encrypted with the deployment's certificate"

# --- 7b. files every instance can reach (Storage:Kind=Database; the instances' folders differ) ---------------------
# As the demo's officer: void the paying round's acta on instance A and issue it again there (a new PDF written by A),
# then download the new document directly from B. The bytes must match the SHA-256 recorded with the document.
officer_jar="$tmp/officer-cookies.txt"
as_officer() { curl -sS --cacert "$tmp/nginx/tls.crt" --resolve "contests.example.org:$https_port:127.0.0.1" -b "$officer_jar" -c "$officer_jar" "$site$1" "${@:2}"; }
officer_token=$(as_officer /account/login | grep -o '<input[^>]*name="__RequestVerificationToken"[^>]*>' | head -n 1 | grep -o 'value="[^"]*"' | sed 's/^value="//; s/"$//')
status=$(as_officer /account/login -o /dev/null -w '%{http_code}' --data-urlencode "UserName=oficial" --data-urlencode "Password=pachamama2026" \
  --data-urlencode "__RequestVerificationToken=$officer_token")
[ "$status" = 302 ] || fail "the demo officer's sign-in answered $status"
officer_cookies=$(sed 's/^#HttpOnly_//' "$officer_jar" | awk -F '\t' '!/^#/ && NF >= 7 {printf "%s%s=%s", (n++ ? "; " : ""), $6, $7}')
on() { # PORT PATH [curl options…]: straight to one instance, as the officer
  curl -sS -H "Cookie: $officer_cookies" -H "Host: contests.example.org" -H "X-Forwarded-Proto: https" "http://127.0.0.1:$1$2" "${@:3}"
}
sql() { psql -XAtq -v ON_ERROR_STOP=1 -d "${2:-contests}" -c "$1"; }
read -r acta_id acta_round <<<"$(sql "SELECT id, round_id FROM documents WHERE kind = 'Acta' AND state = 'Valid' ORDER BY id LIMIT 1" | tr '|' ' ')"
[ -n "$acta_id" ] || fail "the demo has no valid acta to issue again"
page_token=$(on "$port_a" "/rounds/$acta_round/documents" | grep -o '<input[^>]*name="__RequestVerificationToken"[^>]*>' | head -n 1 | grep -o 'value="[^"]*"' | sed 's/^value="//; s/"$//')
[ -n "$page_token" ] || fail "no antiforgery token on the round's documents page (instance A)"
status=$(on "$port_a" "/documents/$acta_id/void" -o /dev/null -w '%{http_code}' --data-urlencode "Void.VoidReason=Prueba de humo: se emite de nuevo" \
  --data-urlencode "__RequestVerificationToken=$page_token")
[ "$status" = 302 ] || fail "voiding the acta on instance A answered $status"
location=$(on "$port_a" "/rounds/$acta_round/documents/records/acta" -o /dev/null -D - --data-urlencode "__RequestVerificationToken=$page_token" \
  | tr -d '\r' | grep -i '^location:' || true)
new_doc=$(grep -o 'record-[0-9]*' <<<"$location" | grep -o '[0-9]\+' || true)
[ -n "$new_doc" ] || fail "issuing the acta again on instance A answered '$location'"
doc_sha=$(sql "SELECT sha256 FROM documents WHERE id = $new_doc")
[ "$(sql "SELECT count(*) FROM stored_files WHERE key = 'documents/${doc_sha:0:2}/$doc_sha.pdf'")" = 1 ] || fail "document $new_doc's file is not in stored_files"
if [ -n "$(find "$tmp/files-a" "$tmp/files-b" -name "$doc_sha.pdf" 2>/dev/null)" ]; then fail "document $new_doc's file was written to an instance's folder"; fi
status=$(on "$port_b" "/documents/$new_doc/file" -o "$tmp/document-from-b.pdf" -w '%{http_code}')
[ "$status" = 200 ] || fail "instance B answered $status for document $new_doc written by A"
[ "$(sha256sum <"$tmp/document-from-b.pdf" | cut -c 1-64)" = "$doc_sha" ] || fail "instance B served other bytes than A wrote for document $new_doc"
ok "files in the database: acta $new_doc issued on instance A (its folder $tmp/files-a holds no copy), downloaded from instance B (folder files-b): $(wc -c <"$tmp/document-from-b.pdf") bytes, sha256 ${doc_sha:0:16}… as recorded"

# --- 8. the public results page ------------------------------------------------------------------------------
# Anonymous (no cookie jar): a signed-in user's home is the staff dashboard, not the public one.
round=$(curl -sS --cacert "$tmp/nginx/tls.crt" --resolve "contests.example.org:$https_port:127.0.0.1" "$site/public" | grep -o 'href="/public/rounds/[0-9]*/results"' | head -n 1 | grep -o '[0-9]\+' || true)
[ -n "$round" ] || fail "the public home (/public) lists no round with results"
results_path="/public/rounds/$round/results"
status=$(curl -sS --cacert "$tmp/nginx/tls.crt" --resolve "contests.example.org:$https_port:127.0.0.1" "$site$results_path" \
  -o "$tmp/results-nginx.html" -w '%{http_code}')
[ "$status" = 200 ] || fail "$results_path through nginx answered $status"
# The part of the page that is the data (<main>…</main>): the layout around it carries per-request antiforgery tokens.
main_of() { # PORT FILE
  curl -sS -H "Host: contests.example.org" -H "X-Forwarded-Proto: https" "http://127.0.0.1:$1$results_path" \
    | awk '/<main>/ {on = 1} on {print} /<\/main>/ {on = 0}' >"$2"
  [ -s "$2" ] || fail "no <main> in $results_path on port $1"
}
main_of "$port_a" "$tmp/main-before-backup.html"
ok "public results page $results_path served through nginx (200, $(wc -c <"$tmp/results-nginx.html") bytes)"

# --- 9. backup.sh, restore into a new database, verify-audit, an instance on the restored copy ----------------
mkdir "$tmp/backups"
bash "$root/deploy/backup.sh" "$tmp/backups" >"$tmp/backup.log" 2>&1 || fail "backup.sh"
dump=$(sed -n 's/^backup written: //p' "$tmp/backup.log")
[ -s "$dump" ] || fail "backup.sh wrote no dump"
main_of "$port_a" "$tmp/main-after-backup.html"
cmp -s "$tmp/main-before-backup.html" "$tmp/main-after-backup.html" || fail "the results page changed while the backup ran"
createdb -O contests contests_restored || fail "createdb contests_restored"
pg_restore --exit-on-error -d contests_restored "$dump" 2>"$tmp/restore.log" || fail "pg_restore"
restored="Host=127.0.0.1;Port=$pg_port;Database=contests_restored;Username=contests;Password=$db_password"
ok "backup.sh wrote $(basename "$dump") ($(wc -c <"$dump") bytes); pg_restore into a new database contests_restored"
contests "ConnectionStrings__Contests=$restored" -- verify-audit >"$tmp/verify-audit.log" 2>&1 \
  || { cat "$tmp/verify-audit.log" >&2; fail "verify-audit on the restored database"; }
grep -q '^Audit chain intact' "$tmp/verify-audit.log" || fail "verify-audit did not say intact"
ok "verify-audit on the restored database: $(head -n 1 "$tmp/verify-audit.log")"
start_instance instance-restored "$port_c" "$tmp/files-c" "$restored"
wait_ready "$port_c" restored
main_of "$port_c" "$tmp/main-restored.html"
cmp -s "$tmp/main-after-backup.html" "$tmp/main-restored.html" \
  || { diff "$tmp/main-after-backup.html" "$tmp/main-restored.html" | head -n 20 >&2; fail "the restored copy serves another results page"; }
ok "an instance on the restored database serves the same results page: $(wc -c <"$tmp/main-restored.html") bytes of <main>, audit anchor included, identical"
status=$(on "$port_c" "/documents/$new_doc/file" -o "$tmp/document-restored.pdf" -w '%{http_code}')
[ "$status" = 200 ] || fail "the restored instance answered $status for document $new_doc"
cmp -s "$tmp/document-from-b.pdf" "$tmp/document-restored.pdf" || fail "the restored instance served other bytes for document $new_doc"
ok "the backup holds the files: the instance on the restored database (its own empty folder files-c) serves document $new_doc with the same sha256"

# --- 10. kill -9 in the middle of a payout batch: the other instance finishes it, every payout sent once -------------
# As the demo's finance officer, through nginx: approve the paying round's payouts that can be (bank payouts with a
# verified account), put them in a batch executed now; both instances run Hangfire servers and one of them takes it.
# Each payout pauses 4 s inside the batch's transaction (Payouts__TestDelayPerPayout, smoke only), so the instance that
# logged "stage: executing" is killed mid-way; the job comes back to the other after the invisibility timeout.
finance_jar="$tmp/finance-cookies.txt"
as_finance() { curl -sS --cacert "$tmp/nginx/tls.crt" --resolve "contests.example.org:$https_port:127.0.0.1" -b "$finance_jar" -c "$finance_jar" "$site$1" "${@:2}"; }
token_of() { grep -o '<input[^>]*name="__RequestVerificationToken"[^>]*>' | head -n 1 | grep -o 'value="[^"]*"' | sed 's/^value="//; s/"$//'; }
finance_token=$(as_finance /account/login | token_of)
status=$(as_finance /account/login -o /dev/null -w '%{http_code}' --data-urlencode "UserName=finanzas" --data-urlencode "Password=pachamama2026" \
  --data-urlencode "__RequestVerificationToken=$finance_token")
[ "$status" = 302 ] || fail "the demo finance officer's sign-in answered $status"
paying=$(sql "SELECT round_id FROM payouts GROUP BY round_id ORDER BY count(*) DESC LIMIT 1")
[ -n "$paying" ] || fail "the demo has no payouts"
finance_token=$(as_finance "/rounds/$paying/payouts" | token_of)
for id in $(sql "SELECT id FROM payouts WHERE round_id = $paying AND state = 'Pending' AND method <> 'Cash' ORDER BY id"); do
  as_finance "/rounds/$paying/payouts/approve" -o /dev/null --data-urlencode "selected=$id" --data-urlencode "__RequestVerificationToken=$finance_token"
done
approved=$(sql "SELECT id FROM payouts WHERE round_id = $paying AND state = 'Approved' AND method <> 'Cash' ORDER BY id")
[ -n "$approved" ] || fail "no payout of round $paying could be approved"
selected=(); for id in $approved; do selected+=(--data-urlencode "selected=$id"); done
location=$(as_finance "/rounds/$paying/payouts/batch" -o /dev/null -w '%{http_code} %{redirect_url}' "${selected[@]}" \
  --data-urlencode "Batch.ExecuteAt=" --data-urlencode "__RequestVerificationToken=$finance_token")
batch_id=$(grep -o '/payouts/batches/[0-9]*$' <<<"$location" | grep -o '[0-9]\+' || true)
[ -n "$batch_id" ] || fail "scheduling the batch through nginx answered '$location'"
batch_size=$(wc -w <<<"$approved")
victim=""; deadline=$((SECONDS + 60))
while [ -z "$victim" ] && [ "$SECONDS" -lt "$deadline" ]; do
  for name in instance-a instance-b; do
    if grep -q "\"Batch $batch_id stage: executing\"" "$tmp/$name.log"; then victim=$name; fi
  done
  [ -n "$victim" ] || sleep 0.2
done
[ -n "$victim" ] || fail "no instance started executing batch $batch_id within 60 s"
sleep 2   # inside the transaction, between two payouts
victim_pid=${pids[$([ "$victim" = instance-a ] && echo 0 || echo 1)]}
killed_at=$SECONDS
kill -9 "$victim_pid"
wait "$victim_pid" 2>/dev/null || true
survivor=$([ "$victim" = instance-a ] && echo instance-b || echo instance-a)
[ "$(sql "SELECT state FROM payout_batches WHERE id = $batch_id")" != Executed ] || fail "batch $batch_id was executed before the kill"
deadline=$((SECONDS + 90))
until [ "$(sql "SELECT state FROM payout_batches WHERE id = $batch_id")" = Executed ]; do
  [ "$SECONDS" -lt "$deadline" ] || fail "batch $batch_id not executed 90 s after $victim was killed"
  sleep 0.5
done
grep -q "\"Batch $batch_id stage: committed\"" "$tmp/$survivor.log" || fail "the batch was not committed by $survivor"
sent=$(sql "SELECT count(*) FROM payouts WHERE batch_id = $batch_id AND state = 'Sent'")
[ "$sent" = "$batch_size" ] || fail "batch $batch_id: $sent of $batch_size payouts sent"
twice=$(sql "SELECT count(*) FROM (SELECT p.id FROM payouts p JOIN audit_records a ON a.entity_type = 'Payout' AND a.entity_id = p.id::text
  AND a.after LIKE '%\"State\":\"Sent\"%' WHERE p.batch_id = $batch_id GROUP BY p.id HAVING count(*) <> 1) x")
[ "$twice" = 0 ] || fail "batch $batch_id: $twice payout(s) without exactly one 'sent' audit record"
survivor_port=$([ "$survivor" = instance-a ] && echo "$port_a" || echo "$port_b")
finance_cookies=$(sed 's/^#HttpOnly_//' "$finance_jar" | awk -F '\t' '!/^#/ && NF >= 7 {printf "%s%s=%s", (n++ ? "; " : ""), $6, $7}')
curl -sS -H "Cookie: $finance_cookies" -H "Host: contests.example.org" -H "X-Forwarded-Proto: https" \
  "http://127.0.0.1:$survivor_port/payouts/batches/$batch_id/file.csv" -o "$tmp/batch.csv" -w '%{http_code}' | grep -q 200 \
  || fail "the survivor did not serve batch $batch_id's bank file"
for id in $approved; do
  e2e=$(sql "SELECT end_to_end_id FROM payouts WHERE id = $id")
  [ "$(grep -c -- "$e2e" "$tmp/batch.csv")" = 1 ] || fail "payout $e2e is not on exactly one line of the bank file"
done
ok "kill -9 mid-batch: batch $batch_id ($batch_size payouts, scheduled through nginx) started on $victim, killed inside its transaction; $survivor executed it $((SECONDS - killed_at)) s later; each payout Sent once (one 'Sent' audit record each, one line each in the bank file)"

# --- summary -----------------------------------------------------------------------------------------------
log "summary: all ${#proved[@]} steps held ($((SECONDS - after_publish)) s after the publish, $((SECONDS - started)) s in all):"
for p in "${proved[@]}"; do printf '  - %s\n' "$p"; done
echo "SMOKE PASSED"
