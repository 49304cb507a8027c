#!/usr/bin/env bash
# Builds and runs every lgtm-bootstrap benchmark, then prints each result next to its baseline measured in the
# same run. Not part of the normal build or CI. Usage, from anywhere:
#
#   benchmarks/run.sh                      # everything, short settings (a few minutes on 2 cores)
#   INCLUDE=SpanBenchmark benchmarks/run.sh
#   FORKS=3 WARMUPS=5 ITERATIONS=10 TIME=5 STARTUP_ROUNDS=20 benchmarks/run.sh   # for numbers you publish
#
# Environment: INCLUDE (JMH regex), FORKS (1), WARMUPS (2), ITERATIONS (3), TIME (seconds per iteration, 2),
# STARTUP_ROUNDS (5; 0 skips the start-up comparison), SKIP_BUILD=1 to reuse the last build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # -am builds core, logback and testkit from this checkout; nothing is installed into the local repository.
  mvn -B -q -P benchmarks -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true
fi

jar="$root/benchmarks/target/benchmarks.jar"
agent="$root/benchmarks/target/agent/opentelemetry-javaagent.jar"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(java -version 2>&1 | head -1)"
exec java \
  -Dbench.include="${INCLUDE:-io.github.lgtmbootstrap.benchmarks.*Benchmark}" \
  -Dbench.forks="${FORKS:-1}" \
  -Dbench.warmups="${WARMUPS:-2}" \
  -Dbench.iterations="${ITERATIONS:-3}" \
  -Dbench.time="${TIME:-2}" \
  -Dstartup.rounds="${STARTUP_ROUNDS:-5}" \
  -Dbench.jar="$jar" \
  -Dbench.agent="$agent" \
  -cp "$jar" io.github.lgtmbootstrap.benchmarks.RunAll
