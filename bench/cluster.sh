#!/usr/bin/env bash
# The cluster bench (docs/reliability.md): 3 OpenUID nodes on a PostgreSQL primary and synchronous replica behind
# HAProxy, verified SDK traffic through HAProxy, one event of operations per scenario.
#
#   bench/cluster.sh rolling-upgrade|rotation|kill-node|pg-failover|network [--short]
#   bench/cluster.sh all [--short]          # every scenario, each on a fresh cluster; figures in
#                                           # openuid-cluster/target/cluster-results/ (summary.md, <scenario>.json)
#
# Needs Java 17+, Maven, PostgreSQL's server binaries (Debian's postgresql package) and HAProxy (installed from
# Debian's packages when missing and running as root). Traffic goes to 127.0.0.1 only; every loop is bounded.
# OPENUID_CLUSTER_KEEP=1 keeps the run directories (node, PostgreSQL and HAProxy logs); OPENUID_NODE_<KEY>=value
# sets OPENUID_<KEY> on every node. Set SKIP_BUILD=1 to reuse the jars already built.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ]; then
  missing=""
  [ -x /usr/sbin/haproxy ] || missing="$missing haproxy"
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql"
  if [ -n "$missing" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q $missing
  fi
fi

if [ -z "${SKIP_BUILD:-}" ]; then
  # an existing shaded jar would be shaded again and keep its old copies of changed openuid-core/-store classes
  rm -f openuid-server/target/openuid.jar openuid-server/target/original-openuid.jar
  mvn -B -q -pl openuid-cluster -am package -DskipTests
fi
exec java -Dopenuid.jar=openuid-server/target/openuid.jar -jar openuid-cluster/target/openuid-cluster.jar "$@"
