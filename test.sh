#!/usr/bin/env bash
# Runs the test suite: installs the Debian packages the tests use when they are missing, then runs
# `mvn -B verify` with this script's arguments, e.g.
#   ./test.sh
#   ./test.sh -pl openuid-server -am -Dtest=GuideCommandsTest -Dsurefire.failIfNoSpecifiedTests=false
# The PostgreSQL tests run only with OPENUID_TEST_POSTGRES=1 (see README.md, "Run the tests").
set -euo pipefail
cd "$(dirname "$0")"

# What the tests need besides this checkout, one "program:Debian package" a line. A program is an absolute path
# (the tests call it there) or a command looked up on PATH.
REQUIRED=(
  javac:default-jdk-headless              # Java 17 or newer
  mvn:maven                               # Maven 3.8 or newer
  /usr/bin/chromium:chromium              # the browser tests (admin console, /docs page) ...
  /usr/bin/chromedriver:chromium-driver   # ... drive Debian's Chromium with its driver
  jq:jq                                   # the guides' commands, which the tests run
  curl:curl
  node:nodejs
  /usr/sbin/haproxy:haproxy                          # the cluster bench (OPENUID_TEST_CLUSTER=1) ...
  /usr/lib/postgresql/15/bin/initdb:postgresql        # ... and the throwaway PostgreSQL clusters of the tests
)

missing=()
for entry in "${REQUIRED[@]}"; do
  program="${entry%%:*}"
  if [[ "$program" == /* ]]; then
    [ -x "$program" ] && continue
  else
    command -v "$program" > /dev/null && continue
  fi
  missing+=("${entry#*:}")
done

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get > /dev/null; then
    echo "The tests need these Debian packages, which are not installed: ${missing[*]}" >&2
    echo "Install them as root (apt-get install ${missing[*]}) or run this script as root on Debian, which installs them." >&2
    exit 1
  fi
  echo "Installing the Debian packages the tests need: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q "${missing[@]}"
fi

exec mvn -B verify "$@"
