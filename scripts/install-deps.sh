#!/bin/sh
# Installs everything newsindex needs to build, test and run, from Debian 12 packages.
# Run as root (or with sudo). Safe to run again: apt-get skips what is installed.
set -eu

packages="
  build-essential cmake pkg-config
  libxapian-dev xapian-tools
  zlib1g-dev
  libboost-program-options-dev
  nlohmann-json3-dev
  libsimdjson-dev
  libgumbo-dev
  libarchive-dev
  libicu-dev
  libcld2-dev
  libxml2-dev
  libgmime-3.0-dev
  libpoppler-cpp-dev
  libcmark-dev
  doctest-dev
  iso-codes
  xz-utils
"
# Tests and CI only: the sanitizer runtime and libFuzzer come with clang; the GeoNames city
# names are what bench/train_model.sh builds the tagger's gazetteer from; libtext-names-perl's
# given-name frequencies make models/given_names.txt (scripts/make_given_names.sh), and with
# wamerican's dictionary models/common_words.txt (scripts/make_common_words.sh); curl, Chromium,
# its WebDriver and Selenium test the page of newssearch serve (tests/e2e/test_serve.sh).
if [ "${1:-}" = "--dev" ]; then
  packages="$packages clang libclang-rt-14-dev clang-format jq time libgeonames-common libtext-names-perl wamerican"
  # groff renders the manual pages for their test (tests/e2e/test_query_features.sh).
  packages="$packages groff-base"
  # bzip2 makes the .bz2 file of tests/e2e/test_containers.sh.
  packages="$packages bzip2"
  packages="$packages curl chromium chromium-driver python3-selenium"
  # feedparser reads the Atom feed of newssearch serve (/feed.atom) as a feed reader would.
  packages="$packages python3-feedparser"
fi

missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

export DEBIAN_FRONTEND=noninteractive
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
