#!/usr/bin/env bash
# Runs every test suite (xunit unit + integration, the Node conformance suite against the AOT plugin)
# and ends with one line: "tests: N passed, M failed". Exit status is non-zero if anything failed, and a
# plugin or emulator process still running 5 s after the suites counts as one failed test (scripts/survivors.mjs).
set -uo pipefail
cd "$(dirname "$0")/.."
CONFIG="${CONFIG:-Release}"
out=.out/test
rm -rf "$out" && mkdir -p "$out"
status=0
# Processes of ours already running (left by an earlier run, say) are not this run's survivors.
node scripts/survivors.mjs snapshot "$out/processes-before.json"

echo "== dotnet test (unit, integration)"
dotnet test ModelArts.slnx -c "$CONFIG" --no-build --logger "console;verbosity=minimal" 2>&1 | tee "$out/dotnet.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

if [ -d tests/conformance ] && [ -f package.json ]; then
  echo "== conformance and end to end (Pulumi's own stubs and .NET SDK against the AOT plugin)"
  (cd tests/conformance && PLUGIN="$PWD/../../bin/pulumi-resource-modelarts" EMULATOR_DLL="$PWD/../../emulator/bin/$CONFIG/net10.0/modelarts-emulator.dll" \
    node --import ../../tools/json-import-hook.mjs --test --test-reporter=spec --test-reporter-destination=stdout --test-reporter=tap --test-reporter-destination="$PWD/../../$out/conformance.tap" ./*.test.mjs) 2>&1 | tee "$out/conformance.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
fi

echo "== processes left behind (plugins, emulators of this checkout)"
survivors=0
node scripts/survivors.mjs check "$out/processes-before.json" || { survivors=1; status=1; }

passed=0; failed=0
# dotnet: "Passed!  - Failed:     0, Passed:    77, Skipped: ..." (or "Failed!  - ...") per test assembly.
while read -r f p; do passed=$((passed + p)); failed=$((failed + f)); done < <(
  grep -E '^(Passed|Failed)!' "$out/dotnet.log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+).*/\1 \2/')
if [ -f "$out/conformance.tap" ]; then
  p=$(grep -E '^# pass ' "$out/conformance.tap" | awk '{s+=$3} END {print s+0}')
  f=$(grep -E '^# fail ' "$out/conformance.tap" | awk '{s+=$3} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
fi
# A plugin or emulator that outlived the suites is a failed test: nothing we run may outlive what started it.
failed=$((failed + survivors))
# A suite that crashed before reporting counts as a failure, never as silence.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$passed" -eq 0 ]; then status=1; fi
echo "tests: $passed passed, $failed failed"
exit "$status"
