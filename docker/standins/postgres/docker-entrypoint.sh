#!/usr/bin/env bash
# The stand-in's entry point, honouring what the official postgres image's does and this
# project relies on: POSTGRES_USER, POSTGRES_PASSWORD and POSTGRES_DB on the first start,
# the scripts in /docker-entrypoint-initdb.d (*.sh run, *.sql fed to psql) once, then the
# server in the foreground with the arguments given ("postgres -c name=value ..."). As the
# official image, it logs "database system is ready to accept connections" once for the
# temporary server the scripts run against and once for the real one, which is what
# Testcontainers waits for.
set -euo pipefail

export PGDATA="${PGDATA:-/var/lib/postgresql/data}"
export POSTGRES_USER="${POSTGRES_USER:-postgres}"
export POSTGRES_DB="${POSTGRES_DB:-${POSTGRES_USER}}"

if [ "$(id -u)" = 0 ]; then
	mkdir -p "${PGDATA}" /var/run/postgresql
	chown -R postgres:postgres "${PGDATA}" /var/run/postgresql
	chmod 700 "${PGDATA}"
	exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

if [ ! -s "${PGDATA}/PG_VERSION" ]; then
	if [ -z "${POSTGRES_PASSWORD:-}" ]; then
		echo "POSTGRES_PASSWORD is not set: the stand-in, like the official image, needs one" >&2
		exit 1
	fi
	initdb --username="${POSTGRES_USER}" --pwfile=<(printf '%s\n' "${POSTGRES_PASSWORD}") \
		--auth-local=trust --auth-host=scram-sha-256 -D "${PGDATA}" > /dev/null
	printf 'host all all all scram-sha-256\nhost replication all all scram-sha-256\n' >> "${PGDATA}/pg_hba.conf"
	pg_ctl -D "${PGDATA}" -o "-c listen_addresses='' -c unix_socket_directories=/var/run/postgresql" -w start
	if [ "${POSTGRES_DB}" != postgres ]; then
		psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER}" --dbname postgres \
			-c "CREATE DATABASE \"${POSTGRES_DB}\""
	fi
	for script in /docker-entrypoint-initdb.d/*; do
		case "${script}" in
			*.sh) echo "running ${script}"; bash "${script}" ;;
			*.sql) echo "running ${script}"; psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER}" \
				--dbname "${POSTGRES_DB}" -f "${script}" ;;
			*) ;;
		esac
	done
	pg_ctl -D "${PGDATA}" -m fast -w stop
fi

if [ "${1:-postgres}" = postgres ]; then
	shift || true
	exec postgres -c listen_addresses='*' -c unix_socket_directories=/var/run/postgresql "$@"
fi
exec "$@"
