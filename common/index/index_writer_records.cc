// IndexWriter's methods for single records of a file read record by record (a JSON Lines
// file, an archive, a WARC), which an incremental build replaces one by one rather than
// replacing the whole file.

#include <cstdlib>

#include "common/index/index_writer.h"
#include "common/index/schema.h"
#include "common/index/story_assigner.h"
#include "common/index/value_stream.h"
#include "common/index/xapian_error.h"
#include "common/read/file_records.h"

namespace newsindex {

std::optional<std::unordered_map<std::string, IndexWriter::IndexedRecord>>
IndexWriter::indexed_records(const std::string& file_key) const {
    return xapian_guard(
        name_, [&]() -> std::optional<std::unordered_map<std::string, IndexedRecord>> {
            std::unordered_map<std::string, IndexedRecord> records;
            const std::string term = schema::file_term(file_key);
            ValueStream states(db_, schema::kRecordSlot);
            for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it) {
                std::string state = states.at(*it);
                const std::string key(record_state_key(state));
                if (key.empty()) return std::nullopt;
                IndexedRecord& record = records[key];
                record.state = std::move(state);
                record.articles.push_back(*it);
            }
            return records;
        });
}

void IndexWriter::remove_articles(const std::vector<Xapian::docid>& articles) {
    xapian_guard(name_, [&] {
        for (const Xapian::docid id : articles) {
            try {
                if (keeps_spelling()) spelling_changes_.remove(db_.get_document(id));
                db_.delete_document(id);
                articles_changed();
            } catch (const Xapian::DocNotFoundError&) {
                // Already gone: nothing to remove.
            }
        }
    });
}

void IndexWriter::replace_articles(const std::vector<ArticleDocument>& articles) {
    xapian_guard(name_, [&] {
        if (!articles.empty()) articles_changed();
        for (const auto& article : articles) {
            if (keeps_spelling())
                if (const auto old = db_.postlist_begin(article.id_term);
                    old != db_.postlist_end(article.id_term))
                    spelling_changes_.remove(db_.get_document(*old, Xapian::DOC_ASSUME_VALID));
        }
        std::set<std::string> left;
        add_articles(articles, left);
        split_stories(left);
    });
}

void IndexWriter::set_first_article_state(const std::string& file_key, std::uintmax_t size,
                                          std::int64_t mtime_ns, const std::string& content_hash) {
    xapian_guard(name_, [&] {
        const std::string term = schema::file_term(file_key);
        const auto first = db_.postlist_begin(term);
        if (first == db_.postlist_end(term)) return;
        Xapian::Document doc = db_.get_document(*first);
        doc.add_value(schema::kFileSizeSlot, std::to_string(size));
        doc.add_value(schema::kFileMtimeSlot, std::to_string(mtime_ns));
        doc.add_value(schema::kFileHashSlot, content_hash);
        db_.replace_document(*first, doc);
    });
}

bool IndexWriter::remove_article(const std::string& id_term) {
    return xapian_guard(name_, [&] {
        const auto old = db_.postlist_begin(id_term);
        if (old == db_.postlist_end(id_term)) return false;
        if (keeps_spelling())
            spelling_changes_.remove(db_.get_document(*old, Xapian::DOC_ASSUME_VALID));
        articles_changed();
        const std::string story = stories::story_of(db_, *old);
        db_.delete_document(*old);
        if (!story.empty()) split_stories({story});
        return true;
    });
}

}  // namespace newsindex
