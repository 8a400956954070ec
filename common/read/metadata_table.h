// Metadata tables: a newsindex-meta.tsv or newsindex-meta.csv beside article files, or a
// table given with `build --meta FILE`, that tells the date, title, source, url and
// author of the articles it names, over what the readers found.
//
// The first row names the columns (case-insensitive; unknown ones are ignored): `file`,
// a path relative to the table's folder, names every article of that file; else `id`,
// an article id relative to the table's folder ("bundle.zip!/2010/a.html",
// "feed.jsonl#3"), names one article. `date`, `title`, `source`, `url` (or `source_url`,
// `link`) and `author` give the fields; an empty cell leaves the reader's value.
// A .csv is RFC 4180 (quotes, commas and line breaks in quoted cells); anything else is
// tab-separated.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/article.h"
#include "common/read/article_origin.h"

namespace newsindex {

// The file name a table beside the articles has.
bool is_metadata_table_name(std::string_view file_name);

struct MetadataRow {
    std::optional<Date> date;
    std::string title;
    std::string source;
    std::string url;
    std::string author;
    std::string hash;  // of the cells, to tell a changed row
};

class MetadataTables {
public:
    // Reads a table; rows the table cannot use (no name, a bad date) are warnings, one
    // line each ("line 7: ..."). Throws Error (io) when it cannot be read, (bad_input)
    // when its header names neither a `file` nor an `id` column.
    void load(const std::filesystem::path& table, std::vector<std::string>& warnings);
    // The same for a table's text, its names relative to `folder` (canonical); `csv` for
    // RFC 4180, else tab-separated.
    void add(std::string text, const std::string& folder, bool csv,
             std::vector<std::string>& warnings);

    bool empty() const { return files_.empty() && articles_.empty(); }
    // Whether `path` (canonical) is one of the tables read.
    bool is_table(const std::filesystem::path& path) const;

    // What the tables say of the file with this key (canonical root '/' relative path)
    // and its articles: a hash, empty when they name none of them. Part of the file's
    // state: a changed row makes the file's articles be read again.
    std::string file_state(std::string_view file_key) const;
    // The table's fields over the article's (`article_key`: canonical root '/' id).
    void apply(Article& article, std::string_view file_key, std::string_view article_key) const;

private:
    std::map<std::string, MetadataRow, std::less<>> files_;     // by file key
    std::map<std::string, MetadataRow, std::less<>> articles_;  // by article key
    std::vector<std::filesystem::path> tables_;
};

// The tables beside the articles under `root` (newsindex-meta.tsv, newsindex-meta.csv),
// hidden folders left out as the walk leaves them; none for a file.
std::vector<std::filesystem::path> find_metadata_tables(const std::filesystem::path& root);

// origin.metadata's fields over the article's, if it has tables.
void apply_metadata(const ArticleOrigin& origin, Article& article);

}  // namespace newsindex
