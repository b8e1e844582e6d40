#!/usr/bin/env bash
# The project's test command: lint, type-check, import contracts, then the test suite.
# Usage: bash scripts/check.sh [extra pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
pip install -q -e ".[dev]"
echo "== ruff"
ruff check src tests
echo "== mypy (strict, src/)"
mypy
echo "== import-linter"
lint-imports
echo "== pytest"
python -m pytest -q "$@"
