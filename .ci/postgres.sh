#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests, installing Debian's
# postgresql package first when no server binary is on the machine, and
# prints the URL to reach it (for ENTITYSCREEN_POSTGRES_URL). The server
# listens on 127.0.0.1 only, trusts local connections, and keeps its data
# in a new temporary folder; stop it with:
#   pg_ctl -D "$(dirname URL's data folder)" stop   (see the stop line printed on stderr)
#
# Usage: url=$(bash .ci/postgres.sh) || exit 1   (PGTEST_PORT=N to choose the port)
set -euo pipefail

# PGTEST_PORT picks the port; by default the first of 54329 to 54399 that
# nothing listens on, so that two runs on one machine do not clash.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port="${PGTEST_PORT:-}"
if [ -z "$port" ]; then
	for p in $(seq 54329 54399); do
		if ! port_in_use "$p"; then
			port=$p
			break
		fi
	done
	if [ -z "$port" ]; then
		echo "no free port from 54329 to 54399 (set PGTEST_PORT)" >&2
		exit 1
	fi
fi

bindir() {
	ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

if [ -z "$(bindir)" ]; then
	echo "installing postgresql from the Debian packages" >&2
	apt-get update >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >&2
fi
bin=$(bindir)
if [ -z "$bin" ]; then
	echo "no PostgreSQL server binaries after installing postgresql" >&2
	exit 1
fi

data=$(mktemp -d /tmp/entityscreen-pg.XXXXXX)
# initdb refuses to run as root: the server runs as the postgres user.
chown postgres: "$data"
runas() { su postgres -s /bin/sh -c "$*"; }
runas "'$bin/initdb' -D '$data/db' -A trust -U postgres --no-sync" >"$data/initdb.log" 2>&1 || {
	cat "$data/initdb.log" >&2
	exit 1
}
runas "'$bin/pg_ctl' -D '$data/db' -l '$data/server.log' -w -o \"-p $port -k '$data' -c listen_addresses=127.0.0.1 -c fsync=off\" start" >&2 || {
	cat "$data/server.log" >&2
	exit 1
}
echo "stop with: su postgres -s /bin/sh -c \"'$bin/pg_ctl' -D '$data/db' stop\"" >&2
echo "postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
