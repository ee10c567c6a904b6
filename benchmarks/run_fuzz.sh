#!/usr/bin/env bash
# The fuzz properties with thousands of cases each (the default test run tries 40).
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZ_EXAMPLES="${FUZZ_EXAMPLES:-3000}" python -m pytest -q -p no:randomly tests/test_fuzz.py "$@"
