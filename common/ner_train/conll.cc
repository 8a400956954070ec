#include "common/ner_train/conll.h"

#include <string_view>

namespace newsindex::ner {

ConllStats read_conll(std::istream& in, const DocSelection& selection,
                      std::vector<LabeledSentence>& out) {
    ConllStats stats;
    long doc = 0;
    bool doc_counted = false;
    LabeledSentence current;
    auto flush = [&] {
        current.doc = doc;
        if (!current.words.empty() && selection.keeps(doc)) out.push_back(std::move(current));
        current = LabeledSentence{};
    };
    auto count_doc = [&] {
        if (doc_counted) return;
        doc_counted = true;
        ++stats.documents;
        if (selection.keeps(doc)) ++stats.kept_documents;
    };
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.rfind("# doc:", 0) == 0) {
            flush();
            if (doc_counted) ++doc;
            doc_counted = false;
            count_doc();
            continue;
        }
        if (line.empty()) {
            flush();
            continue;
        }
        if (line[0] == '#' && line.find('\t') == std::string::npos) continue;  // other comments
        count_doc();
        const std::string_view l = line;
        const auto tab = l.find('\t');
        std::string_view word = l.substr(0, tab);
        Tag tag = Tag::O;
        if (tab != std::string_view::npos) {
            std::string_view rest = l.substr(tab + 1);
            tag = tag_from_name(rest.substr(0, rest.find('\t')));
        }
        current.words.emplace_back(word);
        current.tags.push_back(tag);
    }
    flush();
    return stats;
}

}  // namespace newsindex::ner
