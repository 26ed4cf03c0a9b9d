#!/usr/bin/env bash
# The relay-privileges one-shot of docker-compose.yml: grants the relay's role the least it
# needs in each service database, with the relay's own script (relay-privileges.sql, run as
# the superuser), once the services' migrations have created the outbox tables and before
# the relay starts. Running it again changes nothing.
#
# It connects over PostgreSQL's Unix socket, shared with the server through a volume: the
# superuser then needs no login over the network, which the secured setup
# (docker-compose.secure.yml) does not give it.
set -euo pipefail

for database in orders inventory; do
	# Volumes made before the relay lost its membership of the service roles still have it:
	# taken away here (a warning, not an error, where there is none).
	psql -v ON_ERROR_STOP=1 -q -h /var/run/postgresql -U postgres -d "${database}" \
		-c "REVOKE ${database} FROM relay"
	psql -v ON_ERROR_STOP=1 -q -h /var/run/postgresql -U postgres -d "${database}" \
		-v relay=relay -v publication="waybill_${database}" -f /relay-privileges.sql -o /dev/null
	echo "relay privileges granted in ${database}"
done
