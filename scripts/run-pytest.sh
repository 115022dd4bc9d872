#!/usr/bin/env bash
# Runs pytest; "no tests collected" (exit code 5) is a failure, not a success.
set -u
label=$1; shift
echo "=== familienbuero test suite on ${label} ==="
.venv/bin/pytest "$@"
rc=$?
if [ "$rc" -eq 5 ]; then
  echo "pytest collected no tests on ${label}: treating as failure" >&2
  exit 1
fi
exit "$rc"
