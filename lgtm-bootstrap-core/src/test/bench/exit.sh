#!/usr/bin/env bash
# Exit-time and production shutdown-bound measurements (ExitBench), each sample in a fresh JVM.
# Usage (from the repository root): lgtm-bootstrap-core/src/test/bench/exit.sh [bound|remote|all] [samples] [bounds]
#   bounds (remote only): comma-separated lgtm.shutdown.timeout values in ms, or "default" (the profile's own)
set -euo pipefail
cd "$(dirname "$0")/../../../.."            # repository root
mvn -B -q -o -pl lgtm-bootstrap-core -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test.cp -Dmdep.includeScope=test
core=lgtm-bootstrap-core
java -cp "$core/target/test-classes:$core/target/classes:$(cat $core/target/test.cp)" \
  io.github.lgtmbootstrap.core.bench.ExitBench "${1:-all}" "${2:-5}" "${3:-1000,default}"
