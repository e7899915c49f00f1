#!/usr/bin/env bash
# Runs the test suites (xunit unit + integration, the Node conformance suites against the AOT plugin) and ends
# with one line: "tests: N passed, M failed, K skipped". Exit status is non-zero if anything failed.
#   scripts/run-tests.sh           every suite (make test; the release suites read dist/ from make dist)
#   scripts/run-tests.sh --check   the inner loop (make check): without the release suites and the soak test
# A plugin or emulator process still running 5 s after the suites counts as one failed test (scripts/survivors.mjs).
set -uo pipefail
cd "$(dirname "$0")/.."
CONFIG="${CONFIG:-Release}"
# Suites that need `make dist` (dist, install) or minutes of their own (soak): left to make test.
SLOW_SUITES="dist install soak"
mode=full
case "${1:-}" in
  "") ;;
  --check) mode=check ;;
  *) echo "usage: scripts/run-tests.sh [--check]" >&2; exit 2 ;;
esac
out=.out/test
rm -rf "$out" && mkdir -p "$out"
status=0
started=$(date +%s)
# Processes of ours already running (left by an earlier run, say) are not this run's survivors.
node scripts/survivors.mjs snapshot "$out/processes-before.json"

# The xunit projects run beside the first Node batch (they take one core for about 25 s); their output follows it.
echo "== dotnet test (unit, integration): beside the Node suites, its output after them"
dotnet test ModelArts.slnx -c "$CONFIG" --no-build --logger "console;verbosity=minimal" > "$out/dotnet.log" 2>&1 &
dotnet_pid=$!

# Two test files at a time (the cores of the machine the targets are measured on), except the suites that count
# the processes or memory of this whole checkout (processes, soak), which a suite beside them would change, and the
# dist suite, whose second release build rewrites the provider's and the SDK's obj/: those run afterwards, one at a time.
ALONE_SUITES="processes soak dist"
shared=() alone=()
for f in tests/conformance/*.test.mjs; do
  name=$(basename "$f" .test.mjs)
  if [ "$mode" = check ] && [[ " $SLOW_SUITES " == *" $name "* ]]; then continue; fi
  if [[ " $ALONE_SUITES " == *" $name "* ]]; then alone+=("./$name.test.mjs"); else shared+=("./$name.test.mjs"); fi
done
# node --test over some suites, its spec on stdout and its TAP in $out/conformance-<batch>.tap for the summary.
node_suites() {
  local batch=$1 concurrency=$2; shift 2
  (cd tests/conformance && PLUGIN="$PWD/../../bin/pulumi-resource-modelarts" EMULATOR_DLL="$PWD/../../emulator/bin/$CONFIG/net10.0/modelarts-emulator.dll" \
    node --import ../../tools/json-import-hook.mjs --test --test-concurrency="$concurrency" --test-reporter=spec --test-reporter-destination=stdout --test-reporter=tap --test-reporter-destination="$PWD/../../$out/conformance-$batch.tap" "$@") 2>&1 | tee "$out/conformance-$batch.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
}
echo "== conformance and end to end (Pulumi's own stubs and .NET SDK against the AOT plugin): $(( ${#shared[@]} + ${#alone[@]} )) suites"
[ ${#shared[@]} -gt 0 ] && node_suites shared 2 "${shared[@]}"
echo "== dotnet test (unit, integration)"
wait "$dotnet_pid" || status=1
cat "$out/dotnet.log"
[ ${#alone[@]} -gt 0 ] && node_suites alone 1 "${alone[@]}"

echo "== processes left behind (plugins, emulators of this checkout)"
survivors=0
node scripts/survivors.mjs check "$out/processes-before.json" || { survivors=1; status=1; }

passed=0; failed=0; skipped=0
# dotnet: "Passed!  - Failed:     0, Passed:    77, Skipped:     0, ..." (or "Failed!  - ...") per test assembly.
while read -r f p s; do passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s)); done < <(
  grep -E '^(Passed|Failed)!' "$out/dotnet.log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/')
for t in "$out"/conformance-*.tap; do
  [ -f "$t" ] || continue
  tap() { grep -E "^# $1 " "$t" | awk '{s+=$3} END {print s+0}'; }
  # node:test counts skipped and todo tests apart from passed ones; a cancelled test (its file died) failed.
  passed=$((passed + $(tap pass))); failed=$((failed + $(tap fail) + $(tap cancelled))); skipped=$((skipped + $(tap skipped) + $(tap todo)))
done
# A plugin or emulator that outlived the suites is a failed test: nothing we run may outlive what started it.
failed=$((failed + survivors))
# A suite that crashed before reporting counts as a failure, never as silence.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$passed" -eq 0 ]; then status=1; fi
echo "suites took $(( $(date +%s) - started )) s ($mode)"
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
