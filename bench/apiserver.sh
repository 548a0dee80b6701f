#!/usr/bin/env bash
# Builds the bench module and runs the API server benchmark (see BENCHMARKS.md).
# Arguments go to the harness, for example: bench/apiserver.sh --store=embedded --seconds=5
# MAVEN_FLAGS adds Maven flags (for example -o offline); BENCH_JAVA_OPTS replaces the JVM flags.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
major="$("$JAVA_HOME/bin/java" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print v[1]; exit}')"
if [ "$major" -ge 24 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
cd "$here"
mvn -B -q ${MAVEN_FLAGS:-} -pl bench -am package -DskipTests
export TIDEWATER_LOG_LEVEL="${TIDEWATER_LOG_LEVEL:-WARN}"
exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:--Xms1g -Xmx2g --enable-native-access=ALL-UNNAMED} \
  -cp 'bench/target/classes:bench/target/lib/*' io.tidewater.bench.apiserver.ApiServerBench "$@"
