#!/bin/sh
# Writes models/given_names.txt: the given names that a lone capitalised word is taken for
# (common/ner/name_lists.h). From the US census name frequencies that Debian's
# libtext-names-perl ships: a name used by at least 0.003% of people as a given name, and
# more often as a given name than as a surname ("Max", "Fiona"; not "Ford", "Chase",
# "Washington"). Run again after an upgrade of that package; the list is committed so that
# building needs no Perl.
set -eu
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/models/given_names.txt"
perl -MText::Names -e '
  Text::Names::prepareCommonNames();
  my %m = %Text::Names::commonMaleFirstnames;
  my %f = %Text::Names::commonFemaleFirstnames;
  my %s = %Text::Names::commonSurnames;
  my %all = (%m, %f);
  for my $n (sort keys %all) {
    my $g = ($m{$n} // 0) > ($f{$n} // 0) ? ($m{$n} // 0) : ($f{$n} // 0);
    next if $g < 0.003 || $g < ($s{$n} // 0) || $n !~ /^[A-Z]{2,}$/;
    print ucfirst(lc $n), "\n";
  }' >"$out.tmp"
{
  echo "# Given names (scripts/make_given_names.sh, from libtext-names-perl $(dpkg-query -W -f='${Version}' libtext-names-perl 2>/dev/null || echo '?'))."
  cat "$out.tmp"
} >"$out"
rm -f "$out.tmp"
echo "$(grep -vc '^#' "$out") given names in $out"
