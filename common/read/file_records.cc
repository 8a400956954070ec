#include "common/read/file_records.h"

#include "common/base/content_hash.h"
#include "common/base/error.h"
#include "common/read/archive_records.h"
#include "common/read/jsonl_lines.h"
#include "common/read/mbox_records.h"
#include "common/read/metadata_table.h"
#include "common/read/readers.h"

namespace newsindex {

namespace {

// A JSON Lines file's lines as records, keyed by line number.
class JsonlRecords : public RecordReader {
public:
    explicit JsonlRecords(const std::filesystem::path& file) : lines_(file) {}
    bool streamable() const { return lines_.streamable(); }

    std::optional<FileRecord> next() override {
        auto line = lines_.next();
        if (!line) return std::nullopt;
        FileRecord record;
        record.key = std::to_string(line->number);
        record.line = line->number;
        record.format = ArticleFormat::jsonl;
        record.bytes = std::move(line->text);
        return record;
    }
    std::vector<std::string> warnings() const override { return lines_.warnings(); }
    std::string content_hash() const override { return lines_.content_hash(); }

private:
    JsonlLineReader lines_;
};

}  // namespace

bool is_record_format(ArticleFormat format) {
    return format == ArticleFormat::jsonl || format == ArticleFormat::archive ||
           format == ArticleFormat::mail;
}

std::unique_ptr<RecordReader> open_records(const ArticleOrigin& origin) {
    if (origin.format == ArticleFormat::jsonl) {
        auto lines = std::make_unique<JsonlRecords>(origin.path);
        if (!lines->streamable()) return nullptr;
        return lines;
    }
    if (origin.format == ArticleFormat::archive) return readers::open_archive_records(origin);
    if (origin.format == ArticleFormat::mail) return readers::open_mbox_records(origin);
    return nullptr;
}

std::vector<Article> parse_record(const FileRecord& record, const ArticleOrigin& origin,
                                  std::vector<std::string>& warnings) {
    std::vector<Article> articles;
    if (record.format == ArticleFormat::jsonl && record.line > 0) {
        if (auto article = parse_jsonl_line(JsonlLine{record.line, record.bytes}, origin, warnings))
            articles.push_back(std::move(*article));
        return articles;
    }
    const std::string prefix = record.label.empty() ? "" : record.label + ": ";
    if (!record.truncation.empty()) warnings.push_back(prefix + record.truncation);
    try {
        ReadResult result = readers::parse_content(record.bytes, record.format, record.id,
                                                   record.id, origin.article_key(record.id));
        for (auto& warning : result.warnings) warnings.push_back(prefix + warning);
        articles = std::move(result.articles);
    } catch (const Error& e) {
        warnings.push_back(prefix + e.what());
        return articles;
    }
    for (auto& article : articles) {
        if (!record.url.empty()) article.url = record.url;
        // The container's date comes before one guessed from the path.
        if (record.date && (!article.date || article.date_source == "path")) {
            article.date = record.date;
            article.date_source = record.date_source;
        }
        apply_metadata(origin, article);
    }
    return articles;
}

std::string record_state(const FileRecord& record, std::string_view extra) {
    if (extra.empty()) return record.key + ' ' + content_hash(record.bytes);
    Fnv1a64 hash;
    hash.update(record.bytes);
    hash.update(std::string_view("\0", 1));
    hash.update(extra);
    return record.key + ' ' + hash.hex();
}

std::string_view record_state_key(std::string_view state) {
    const auto space = state.rfind(' ');
    return space == std::string_view::npos ? std::string_view{} : state.substr(0, space);
}

}  // namespace newsindex
