#!/usr/bin/env bash
# Daily compressed dump of the Contests database; keeps 30 days. Run from cron as the postgres user:
#   15 2 * * * /opt/contests/deploy/backup.sh /var/backups/contests
set -euo pipefail
dir=${1:-/var/backups/contests}
mkdir -p "$dir"
file="$dir/contests-$(date -u +%Y%m%dT%H%M%SZ).dump"
pg_dump --format=custom --compress=9 --file="$file" contests
find "$dir" -name 'contests-*.dump' -mtime +30 -delete
echo "backup written: $file"
