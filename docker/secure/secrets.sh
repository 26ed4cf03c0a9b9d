#!/usr/bin/env bash
# The secrets one-shot of docker-compose.secure.yml: on the first start, makes the secured
# setup's key material and passwords, each in the volume of the one container that needs
# it, owned by the user that container runs as and readable by it alone; later starts find
# them made and keep them.
#
#   /secrets/ca        ca.crt, the CA every client trusts (public)
#   /secrets/postgres  server.crt and server.key for PostgreSQL (uid 999, the postgres
#                      images' user), and roles/NAME, the roles' passwords it sets once
#   /secrets/kafka     server.p12, the broker's key store, its password, and the broker's
#                      JAAS file (uid 1000, the apache/kafka image's user)
#   /secrets/NAME      password, the role's and Kafka user's password, for relay, orders and
#                      inventory (uid 10001, the application images' user); the one file of
#                      its container's Spring config tree
#
# The server certificate names postgres, kafka, localhost and 127.0.0.1: the containers
# reach the servers by their service names, a client on the host by the published ports.
# The CA's key is thrown away once it has signed: nothing else is ever signed with it.
# Needs bash and openssl (the JRE image has both).
set -euo pipefail

POSTGRES_UID=999
KAFKA_UID=1000
APPLICATION_UID=10001
USERS=(relay orders inventory)

made() {
	[ -s /secrets/ca/ca.crt ] && [ -s /secrets/postgres/server.key ] && [ -s /secrets/kafka/server.p12 ] \
		&& for user in "${USERS[@]}"; do [ -s "/secrets/${user}/password" ] || return 1; done
}
if made; then
	echo "secrets: made at an earlier start, kept"
	exit 0
fi

umask 077
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
cd "${work}"

# the CA and the server certificate, EC P-256 as the embedded stack's
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
	-subj /CN=waybill-compose-ca -addext basicConstraints=critical,CA:TRUE \
	-addext keyUsage=critical,keyCertSign,cRLSign -keyout ca.key -out ca.crt 2> /dev/null
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=localhost \
	-keyout server.key -out server.csr 2> /dev/null
printf '%s\n' 'basicConstraints=CA:FALSE' 'keyUsage=critical,digitalSignature' 'extendedKeyUsage=serverAuth' \
	'subjectAltName=DNS:postgres,DNS:kafka,DNS:localhost,IP:127.0.0.1' > server.ext
openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -set_serial "0x$(openssl rand -hex 16)" -days 3650 \
	-extfile server.ext -out server.crt 2> /dev/null

# Kafka's key store: PKCS-12 with a password, as the official image's configuration takes it
# (a PEM key store file needs an encrypted key and no store password, which it cannot give)
openssl rand -hex 24 | tr -d '\n' > keystore-password
openssl pkcs12 -export -name server -in server.crt -inkey server.key -certfile ca.crt \
	-passout file:keystore-password -out server.p12

# place FILE INTO OWNER MODE
place() {
	install -o "$3" -g "$3" -m "$4" "$1" "$2"
}

mkdir -p /secrets/ca /secrets/postgres/roles /secrets/kafka
place ca.crt /secrets/ca/ca.crt 0 0444
chmod 0755 /secrets/ca

place server.crt /secrets/postgres/server.crt "${POSTGRES_UID}" 0444
# PostgreSQL refuses a key file others may read
place server.key /secrets/postgres/server.key "${POSTGRES_UID}" 0600

place server.p12 /secrets/kafka/server.p12 "${KAFKA_UID}" 0400
place keystore-password /secrets/kafka/keystore-password "${KAFKA_UID}" 0400
# SCRAM needs the broker's login module for its SASL listeners; the credentials are the
# users' the kafka-access one-shot makes
printf '%s\n' 'KafkaServer {' '  org.apache.kafka.common.security.scram.ScramLoginModule required;' '};' \
	> kafka_server_jaas.conf
place kafka_server_jaas.conf /secrets/kafka/kafka_server_jaas.conf "${KAFKA_UID}" 0400
chown "${KAFKA_UID}:${KAFKA_UID}" /secrets/kafka
chmod 0700 /secrets/kafka

for user in "${USERS[@]}"; do
	# without a line break: the file's content is the password, for Spring's config tree too
	openssl rand -hex 24 | tr -d '\n' > "${user}.password"
	place "${user}.password" "/secrets/${user}/password" "${APPLICATION_UID}" 0400
	chown "${APPLICATION_UID}:${APPLICATION_UID}" "/secrets/${user}"
	chmod 0500 "/secrets/${user}"
	place "${user}.password" "/secrets/postgres/roles/${user}" "${POSTGRES_UID}" 0400
done
chown -R "${POSTGRES_UID}:${POSTGRES_UID}" /secrets/postgres
chmod 0700 /secrets/postgres /secrets/postgres/roles

echo "secrets: CA, server certificate and passwords for ${USERS[*]} made"
