#!/usr/bin/env bash
# Builds the solution and runs every test, the interop tests with the real npm clients included.
# Usage: ./test.sh [extra `dotnet test` arguments, e.g. --filter FullyQualifiedName~Interop]
# Ends with a line "N passed, N failed" (", N skipped" when some were) and exits non-zero if anything failed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

# The interop tests run scripts from tests/interop, and the load generator tests the Node generator in
# benchmarks/node-loadgen: install their node_modules exactly as the lockfiles say, when they are missing or older than
# the lockfile (npm writes node_modules/.package-lock.json on every install).
for dir in tests/interop benchmarks/node-loadgen; do
  if [[ ! -f $dir/node_modules/.package-lock.json || $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]]; then
    echo "== npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund)
  fi
done

results=artifacts/test-results
rm -rf "$results"
echo "== dotnet test"
status=0
dotnet test SocketIo.slnx -c Release --blame-hang-timeout 5m \
  --logger "console;verbosity=normal" --logger trx --results-directory "$results" "$@" || status=$?

# Count outcomes from the TRX files (one per test project): each test is one <UnitTestResult ... outcome="…">.
passed=0 failed=0 skipped=0
shopt -s nullglob
trx_files=("$results"/*.trx)
for trx in "${trx_files[@]}"; do
  while read -r outcome; do
    case $outcome in
      Passed) passed=$((passed + 1)) ;;
      NotExecuted | Inconclusive) skipped=$((skipped + 1)) ;;
      *) failed=$((failed + 1)) ;;
    esac
  done < <(grep -o '<UnitTestResult [^>]*' "$trx" | grep -o ' outcome="[A-Za-z]*"' | cut -d'"' -f2)
done

if ((${#trx_files[@]} == 0)); then
  echo "error: no test results in $results (did the build fail?)" >&2
  ((status != 0)) || status=1
elif ((passed + failed + skipped == 0)); then
  echo "error: no test ran" >&2
  ((status != 0)) || status=1
elif ((failed > 0 && status == 0)); then
  status=1
fi

# Name every failed test with the first lines of its message last, where a CI log's tail shows them.
if ((failed > 0)); then
  echo "== failed tests"
  for trx in "${trx_files[@]}"; do
    tests/failed-tests.py "$trx" || true
  done
fi

summary="$passed passed, $failed failed"
((skipped == 0)) || summary+=", $skipped skipped"
echo "$summary"
exit "$status"
