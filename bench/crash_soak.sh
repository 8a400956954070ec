#!/usr/bin/env bash
# The long version of tests/e2e/test_crash.sh: SIGKILL a build at many points (default
# 200) and prove the index always passes `newsindex check` and ends equal to a clean build.
#
#   bench/crash_soak.sh [BUILD_DIR] [KILL_POINTS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-build}" && pwd)
echo "machine: $(nproc) cores, $(uname -srm); date: $(date -u +%FT%TZ)"
NEWSINDEX="$build/newsindex" NEWSSEARCH="$build/newssearch" FIXTURES="$root/tests/fixtures" \
    PROJECT_ROOT="$root" SHARED="$root/../shared" KILL_POINTS="${2:-200}" \
    bash "$root/tests/e2e/test_crash.sh"
