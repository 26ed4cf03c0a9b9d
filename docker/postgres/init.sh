#!/usr/bin/env bash
# Creates the service databases and their roles on the first start of the PostgreSQL
# container (the entrypoint runs scripts in /docker-entrypoint-initdb.d once). Each service
# owns its database and reaches no other; the relay may read the WAL (REPLICATION) and
# connect to both, and is a member of no service role. What it may do inside each database
# (read the outbox, mark rows published, keep its capture record) is granted once the
# services' migrations have created those tables: the relay-privileges one-shot runs the
# relay's relay-privileges.sql then, before the relay starts.
#
# A role's password comes from the file ${ROLE}_DB_PASSWORD_FILE names when that is set
# (docker-compose.secure.yml: generated, never in the environment), else from
# ${ROLE}_DB_PASSWORD. psql reads either itself (\set from the file, \getenv), so that no
# password is on a command line.
set -euo pipefail

passwords=""
for role in orders inventory relay; do
	file_variable="${role^^}_DB_PASSWORD_FILE"
	if [ -n "${!file_variable:-}" ]; then
		passwords+="\\set ${role}_password \`cat ${!file_variable}\`"$'\n'
	else
		passwords+="\\getenv ${role}_password ${role^^}_DB_PASSWORD"$'\n'
	fi
done

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
${passwords}
CREATE ROLE orders LOGIN PASSWORD :'orders_password';
CREATE ROLE inventory LOGIN PASSWORD :'inventory_password';
CREATE ROLE relay LOGIN REPLICATION PASSWORD :'relay_password';
CREATE DATABASE orders OWNER orders;
CREATE DATABASE inventory OWNER inventory;
-- only the owner (as the owner) and the relay connect; the other service does not
REVOKE CONNECT, TEMPORARY ON DATABASE orders FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE inventory FROM PUBLIC;
GRANT CONNECT ON DATABASE orders TO relay;
GRANT CONNECT ON DATABASE inventory TO relay;
SQL
