#!/usr/bin/env bash
# The include directions between the layers of common/, and no Xapian in the programs
# (scripts/check_layers.sh; the README's layout table names the rules).
set -euo pipefail
: "${PROJECT_ROOT:?run through ctest}"
exec bash "$PROJECT_ROOT/scripts/check_layers.sh" "$PROJECT_ROOT"
