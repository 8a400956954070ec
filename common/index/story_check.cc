#include "common/index/story_check.h"

#include <unordered_map>

#include "common/index/schema.h"
#include "common/story/fingerprint.h"

namespace newsindex::stories {

std::vector<std::string> check_stories(const Xapian::Database& db) {
    std::vector<std::string> problems;
    const Xapian::doccount articles = db.get_doccount();
    if (const Xapian::doccount with_story = db.get_value_freq(schema::kStorySlot);
        with_story != articles)
        problems.push_back(std::to_string(articles - with_story) +
                           " articles have no story (build --full gives them one)");
    // Each article's story value, then each story term's articles against it: one pass
    // over the values and the story terms' posting lists, not a term list per article.
    std::unordered_map<Xapian::docid, std::string> stories;
    for (auto it = db.valuestream_begin(schema::kStorySlot);
         it != db.valuestream_end(schema::kStorySlot); ++it)
        stories.emplace(it.get_docid(), *it);
    Xapian::doccount disagree = 0;
    std::unordered_map<Xapian::docid, int> terms;
    const std::string prefix(schema::kStoryPrefix);
    for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
        const std::string story = (*term).substr(prefix.size());
        for (auto it = db.postlist_begin(*term); it != db.postlist_end(*term); ++it) {
            ++terms[*it];
            const auto value = stories.find(*it);
            if (value == stories.end() || value->second != story) ++disagree;
        }
    }
    for (const auto& [id, story] : stories)
        if (terms[id] != 1) ++disagree;
    if (disagree > 0)
        problems.push_back(std::to_string(disagree) +
                           " story terms disagree with their articles' story values");
    Xapian::doccount unreadable = 0;
    for (auto it = db.valuestream_begin(schema::kStorySignatureSlot);
         it != db.valuestream_end(schema::kStorySignatureSlot); ++it)
        if (!decode_signature(*it)) ++unreadable;
    if (unreadable > 0)
        problems.push_back(std::to_string(unreadable) +
                           " articles have an unreadable story signature");
    return problems;
}

}  // namespace newsindex::stories
