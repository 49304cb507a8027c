#!/usr/bin/env bash
# Start-up, exit-time and footprint measurements for lgtm-bootstrap-core, side by side in one run.
# Usage (from the repository root, after `mvn -B -q -o -pl lgtm-bootstrap-core install -DskipTests`):
#   lgtm-bootstrap-core/src/test/bench/measure.sh [samples-per-cell, default 7]
set -euo pipefail
cd "$(dirname "$0")/../../.."            # lgtm-bootstrap-core
out=target/bench
mkdir -p "$out"
mvn -B -q -o test-compile
mvn -B -q -o dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$out/jdk.cp"
mvn -B -q -o -f src/test/bench/okhttp-variant.pom.xml dependency:build-classpath \
  -DincludeScope=runtime -Dmdep.outputFile="$PWD/$out/okhttp-deps.cp"
# The variant's class path has core's jar from ~/.m2; use this checkout's classes instead.
tr ':' '\n' < "$out/okhttp-deps.cp" | grep -v '/lgtm-bootstrap-core-' | paste -sd: > "$out/okhttp.cp"
sed -i "s|^|$PWD/target/classes:|" "$out/okhttp.cp"
sed -i "s|^|$PWD/target/classes:|" "$out/jdk.cp"
# Only the probe on the probes' class path (not the test add-ons or test resources).
rm -rf "$out/probe-classes" && mkdir -p "$out/probe-classes/io/github/lgtmbootstrap/core/bench"
cp target/test-classes/io/github/lgtmbootstrap/core/bench/StartupProbe*.class "$out/probe-classes/io/github/lgtmbootstrap/core/bench/"
java -Dprobe.classes="$PWD/$out/probe-classes" -cp "target/test-classes:$(cat "$out/jdk.cp")" \
  io.github.lgtmbootstrap.core.bench.Measure "$out/jdk.cp" "$out/okhttp.cp" "${1:-7}"
