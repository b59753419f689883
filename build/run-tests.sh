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
    grep -E 'error|Error Message|Assert' "$log/$name.txt" | head -40 | sed 's/^/   /'
    summary=$(grep -E '^(Passed!|Failed!)' "$log/$name.txt" | tail -1)
    echo "   ${summary:-no summary (exit $r)}"
    p=$(sed -n 's/.*Passed: *\([0-9]*\).*/\1/p' <<<"$summary"); f=$(sed -n 's/.*Failed: *\([0-9]*\),.*/\1/p' <<<"$summary"); s=$(sed -n 's/.*Skipped: *\([0-9]*\).*/\1/p' <<<"$summary")
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
    if [ $r -ne 0 ]; then rc=1; [ -z "$summary" ] && { tail -30 "$log/$name.txt"; failed=$((failed + 1)); }; fi
done
echo "$passed passed, $failed failed, $skipped skipped"
exit $rc
