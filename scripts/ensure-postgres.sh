#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on the local socket and that the current OS user has a role
# that may create databases (Django creates and drops its own test database).
set -euo pipefail
if ! pg_isready -q 2>/dev/null; then
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "PostgreSQL not found: installing Debian's postgresql package"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  version=$(ls /etc/postgresql | sort -n | tail -n 1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_isready -q && break; sleep 1; done
  pg_isready
fi
me=$(id -un)
if ! psql -d postgres -Atc "select 1" >/dev/null 2>&1; then
  su postgres -c "createuser --superuser '$me'" 2>/dev/null || true
fi
if [ "$(psql -d postgres -Atc "select rolcreatedb or rolsuper from pg_roles where rolname = current_user")" != "t" ]; then
  echo "The PostgreSQL role '$me' may not create databases." >&2
  exit 1
fi
echo "PostgreSQL is ready (role $me)."
