// Reading the shared datasets' CoNLL format: "# doc: <id>" lines, one
// "token<TAB>tag[<TAB>orig_tag]" line per token, a blank line after each sentence.
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "common/ner/tags.h"

namespace newsindex::ner {

struct LabeledSentence {
    std::vector<std::string> words;
    std::vector<Tag> tags;  // from column 2; labels other than PER/ORG/LOC read as O
    long doc = 0;           // 0-based "# doc:" position within its input
    long input = 0;         // which input it came from (set by the caller)
    // Training only: per token, a bit mask (bit t = Tag t) of the tags the trainer may
    // take as the truth there (latent labels, see free_title_labels). Empty: the gold tags.
    std::vector<std::uint8_t> allowed;
};

// Selects documents by their 0-based position among the "# doc:" blocks of one input
// (sentences before the first "# doc:" line count as document 0). mod == 0 selects all.
struct DocSelection {
    int mod = 0;
    int rem = 0;
    bool exclude = false;  // true: drop the selected documents (training); false: keep only them
    bool keeps(long doc_index) const {
        if (mod <= 0) return true;
        const bool selected = doc_index % mod == rem;
        return exclude ? !selected : selected;
    }
    bool valid() const { return mod == 0 || (mod > 0 && rem >= 0 && rem < mod); }
};

struct ConllStats {
    long documents = 0;       // documents seen
    long kept_documents = 0;  // documents selected
};

// Appends the selected sentences of `in` to `out`.
ConllStats read_conll(std::istream& in, const DocSelection& selection,
                      std::vector<LabeledSentence>& out);

}  // namespace newsindex::ner
