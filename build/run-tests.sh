#!/bin/bash
# Runs every test project and prints one closing line "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
: "${TEAMFW_BIN:?TEAMFW_BIN must point at the built binary}"
export TEAMFW_BIN
log=$(mktemp -d /tmp/teamfw-test.XXXXXX)
trap 'rm -rf "$log"' EXIT
passed=0 failed=0 skipped=0 rc=0
for proj in tests/TeamFw.Tests tests/TeamFw.Native.Tests tests/TeamFw.IntegrationTests; do
    name=$(basename "$proj")
    echo "== $name"
    dotnet test "$proj" -c Release --nologo -v:q --logger "console;verbosity=normal" >"$log/$name.txt" 2>&1
    r=$?
    grep -E '^\s+(Failed|Skipped) ' "$log/$name.txt" | sed 's/^/   /'
    if [ $r -ne 0 ]; then grep -E -A 8 '^\s+Failed |error [A-Z]+[0-9]+' "$log/$name.txt" | head -80 | sed 's/^/   /'; fi
    # The normal-verbosity console logger ends with "Total tests: N / Passed: N / Failed: N / Skipped: N".
    p=$(sed -n 's/^ *Passed: *\([0-9][0-9]*\) *$/\1/p' "$log/$name.txt" | tail -1)
    f=$(sed -n 's/^ *Failed: *\([0-9][0-9]*\) *$/\1/p' "$log/$name.txt" | tail -1)
    s=$(sed -n 's/^ *Skipped: *\([0-9][0-9]*\) *$/\1/p' "$log/$name.txt" | tail -1)
    t=$(sed -n 's/^ *Total tests: *\([0-9][0-9]*\) *$/\1/p' "$log/$name.txt" | tail -1)
    summary=""
    [ -n "$t" ] && summary="$t tests: ${p:-0} passed, ${f:-0} failed, ${s:-0} skipped"
    echo "   ${summary:-no summary (exit $r)}"
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
    if [ $r -ne 0 ]; then rc=1; [ -z "$summary" ] && { tail -30 "$log/$name.txt"; failed=$((failed + 1)); }; fi
done
echo "$passed passed, $failed failed, $skipped skipped"
exit $rc
