#!/usr/bin/env bash
# Creates the service databases and least-privilege roles on the first start of the
# PostgreSQL container (the entrypoint runs scripts in /docker-entrypoint-initdb.d once).
# Each service owns its database; the relay may read the WAL (REPLICATION) and is a member
# of the service roles only so that it may create its publication of each outbox table
# (CREATE PUBLICATION ... WITH (publish = 'insert') needs the table's owner and CREATE on
# the database, which membership of the owning role gives). The services create their
# tables when they start; the relay creates the publications when it starts after them.
set -euo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
	-v orders_password="$ORDERS_DB_PASSWORD" \
	-v inventory_password="$INVENTORY_DB_PASSWORD" \
	-v relay_password="$RELAY_DB_PASSWORD" <<'SQL'
CREATE ROLE orders LOGIN PASSWORD :'orders_password';
CREATE ROLE inventory LOGIN PASSWORD :'inventory_password';
CREATE ROLE relay LOGIN REPLICATION PASSWORD :'relay_password';
CREATE DATABASE orders OWNER orders;
CREATE DATABASE inventory OWNER inventory;
GRANT orders TO relay;
GRANT inventory TO relay;
SQL
