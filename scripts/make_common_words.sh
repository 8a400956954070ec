#!/bin/sh
# Writes models/common_words.txt: English words that are no names on their own
# (common/ner/name_lists.h, is_common_word). From Debian's wamerican dictionary: the words
# it writes only in lower case ("rhino", "executor", "haunted"; not "Apollo", which it also
# spells with a capital, nor "turkey"/"Turkey"), less the common surnames of
# libtext-names-perl's US census list ("baker", "rice", "bush"), which name people. Run
# again after an upgrade of either package; the list is committed so that building needs
# neither.
set -eu
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/models/common_words.txt"
dict=/usr/share/dict/american-english
[ -f "$dict" ] || { echo "make_common_words.sh: no $dict (apt-get install wamerican)" >&2; exit 2; }
perl -MText::Names -e 'Text::Names::prepareCommonNames();
  print lc($_), "\n" for keys %Text::Names::commonSurnames' >"$out.surnames"
LC_ALL=C awk -v surnames="$out.surnames" '
  BEGIN { while ((getline s < surnames) > 0) surname[s] = 1 }
  { seen[$0] = 1; words[NR] = $0 }
  END {
    for (i = 1; i <= NR; i++) {
      w = words[i]
      if (w !~ /^[a-z][a-z-]*[a-z]$/ || length(w) < 3 || (w in surname)) continue
      cap = toupper(substr(w, 1, 1)) substr(w, 2)
      if ((cap in seen) || (toupper(w) in seen)) continue
      print w
    }
  }' "$dict" | LC_ALL=C sort -u >"$out.tmp"
{
  echo "# Words written only in lower case (scripts/make_common_words.sh, from wamerican $(dpkg-query -W -f='${Version}' wamerican 2>/dev/null || echo '?'), less common surnames)."
  cat "$out.tmp"
} >"$out"
rm -f "$out.tmp" "$out.surnames"
echo "$(grep -vc '^#' "$out") common words in $out"
