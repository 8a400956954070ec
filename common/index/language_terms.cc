#include "common/index/language_terms.h"

#include <map>
#include <utility>

#include "common/base/accent_fold.h"
#include "common/index/schema.h"

namespace newsindex {

namespace {

// The stemmers Xapian 1.4 has, by ISO 639-1 code (Xapian::Stem takes these codes).
constexpr std::string_view kStemmed[] = {"ar", "hy", "eu", "ca", "da", "nl", "en", "fi", "fr",
                                         "de", "hu", "id", "ga", "it", "lt", "ne", "nb", "nn",
                                         "no", "pt", "ro", "ru", "es", "sv", "ta", "tr"};

bool is_stemmed(std::string_view language) {
    for (const auto code : kStemmed)
        if (code == language) return true;
    return false;
}

// The leading capitals of a term: its prefix ("Z", "ZS", "S", "").
std::size_t prefix_length(std::string_view term) {
    std::size_t n = 0;
    while (n < term.size() && term[n] >= 'A' && term[n] <= 'Z') ++n;
    return n;
}

struct Variant {
    Xapian::termcount wdf = 0;
    std::vector<Xapian::termpos> positions;
};

}  // namespace

Xapian::Stem stemmer_for(std::string_view language) {
    if (!is_stemmed(language)) return Xapian::Stem();
    try {
        return Xapian::Stem(std::string(language));
    } catch (const Xapian::InvalidArgumentError&) {
        return Xapian::Stem();
    }
}

std::vector<std::string> stemmed_languages() {
    return {std::begin(kStemmed), std::end(kStemmed)};
}

std::string language_term(std::string_view language) {
    return schema::boolean_term(schema::kLanguagePrefix, language);
}

void add_folded_terms(Xapian::Document& doc, const Xapian::Stem& stemmer) {
    std::map<std::string, Variant> variants;
    // Stems first ("Zdéput" -> "Zdeput"), then the words: a word's folded stem that a
    // stem's folding already gave is one term, counted once.
    for (const bool stems : {true, false}) {
        for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
            const std::string term = *it;
            if ((term[0] == 'Z') != stems || !has_foldable_accents(term)) continue;
            const std::size_t prefix = prefix_length(term);
            const std::string_view field =
                std::string_view(term).substr(stems ? 1 : 0, prefix - (stems ? 1 : 0));
            // Boolean terms (XP, XL, Q, ...) keep their spelling: only free text folds.
            if (!field.empty() && field != schema::kTitlePrefix) continue;
            Variant& folded = variants[fold_accents(term)];
            folded.wdf += it.get_wdf();
            for (auto pos = it.positionlist_begin(); pos != it.positionlist_end(); ++pos)
                folded.positions.push_back(*pos);
            if (stems || stemmer.is_none()) continue;
            // The stem a query typed without accents looks for.
            std::string stem = "Z";
            stem += field;
            stem += stemmer(fold_accents(term.substr(prefix)));
            if (!variants.contains(stem)) variants[stem].wdf = it.get_wdf();
        }
    }
    for (auto& [term, variant] : variants) {
        if (term.size() > schema::kMaxIdTermBytes) continue;
        for (const Xapian::termpos pos : variant.positions) doc.add_posting(term, pos, 0);
        doc.add_term(term, variant.wdf);
    }
}

}  // namespace newsindex
