#include "common/read/metadata_table.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "common/base/content_hash.h"
#include "common/base/error.h"
#include "common/base/utf8.h"
#include "common/read/readers.h"

namespace newsindex {

namespace {

// Most bytes of a table read: a million rows of metadata fit well within it.
constexpr std::uintmax_t kMaxTableBytes = std::uintmax_t{512} << 20;

std::string lower(std::string_view text) {
    std::string out(readers::trim(text));
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// The rows of a CSV (RFC 4180) or TSV text, each with the line it starts on.
struct Row {
    std::size_t line = 0;
    std::vector<std::string> cells;
};

std::vector<Row> split_rows(std::string_view text, char separator) {
    std::vector<Row> rows;
    Row row{1, {}};
    std::string cell;
    bool quoted = false;
    bool any = false;
    std::size_t line = 1;
    const bool csv = separator == ',';
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                if (c == '\n') ++line;
                cell += c;
            }
            continue;
        }
        if (csv && c == '"' && cell.empty()) {
            quoted = true;
            any = true;
        } else if (c == separator) {
            row.cells.push_back(std::move(cell));
            cell.clear();
            any = true;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            if (any || !cell.empty()) {
                row.cells.push_back(std::move(cell));
                rows.push_back(std::move(row));
            }
            cell.clear();
            any = false;
            row = Row{++line, {}};
        } else {
            cell += c;
            any = true;
        }
    }
    if (any || !cell.empty()) {
        row.cells.push_back(std::move(cell));
        rows.push_back(std::move(row));
    }
    return rows;
}

// "./a/b" and "a//b" as "a/b": a name as the walk spells the same file.
std::string normal_relative(std::string_view name) {
    std::string out;
    while (!name.empty()) {
        const auto slash = name.find('/');
        const std::string_view part = name.substr(0, slash);
        if (!part.empty() && part != ".") {
            if (!out.empty()) out += '/';
            out += part;
        }
        if (slash == std::string_view::npos) break;
        name.remove_prefix(slash + 1);
    }
    return out;
}

}  // namespace

bool is_metadata_table_name(std::string_view file_name) {
    const std::string name = lower(file_name);
    return name == "newsindex-meta.tsv" || name == "newsindex-meta.csv";
}

void MetadataTables::load(const std::filesystem::path& table, std::vector<std::string>& warnings) {
    std::error_code ec;
    const auto canonical = std::filesystem::canonical(table, ec);
    if (ec) throw Error(ErrorKind::io, "cannot read: " + ec.message());
    std::ifstream in(canonical, std::ios::binary);
    if (!in) throw Error(ErrorKind::io, "cannot read");
    std::string text;
    text.resize(static_cast<std::size_t>(
        std::min(std::filesystem::file_size(canonical, ec), kMaxTableBytes)));
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    add(std::move(text), canonical.parent_path().string(),
        lower(canonical.extension().string()) == ".csv", warnings);
    tables_.push_back(canonical);
}

void MetadataTables::add(std::string text, const std::string& folder, bool csv,
                         std::vector<std::string>& warnings) {
    if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    if (const std::size_t bad = utf8::repair(text))
        warnings.push_back("replaced " + std::to_string(bad) + " invalid UTF-8 byte sequences");
    const char separator = csv ? ',' : '\t';
    const std::vector<Row> rows = split_rows(text, separator);
    if (rows.empty()) throw Error(ErrorKind::bad_input, "empty table, no header row");

    std::map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < rows[0].cells.size(); ++i)
        column.emplace(lower(rows[0].cells[i]), i);
    const auto find = [&](std::initializer_list<const char*> names) -> std::optional<std::size_t> {
        for (const char* name : names)
            if (const auto it = column.find(name); it != column.end()) return it->second;
        return std::nullopt;
    };
    const auto file_column = find({"file", "path", "filename"});
    const auto id_column = find({"id"});
    if (!file_column && !id_column)
        throw Error(ErrorKind::bad_input, "the header row names no file or id column");
    const auto date_column = find({"date", "published", "pubdate"});
    const auto title_column = find({"title", "headline"});
    const auto source_column = find({"source", "publisher"});
    const auto url_column = find({"url", "source_url", "link"});
    const auto author_column = find({"author", "byline"});

    auto& target = file_column ? files_ : articles_;
    const std::size_t name_column = file_column ? *file_column : *id_column;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const Row& row = rows[r];
        const auto cell = [&](std::optional<std::size_t> c) -> std::string {
            if (!c || *c >= row.cells.size()) return {};
            return readers::collapse_whitespace(row.cells[*c]);
        };
        const std::string name = normal_relative(cell(name_column));
        if (name.empty()) {
            warnings.push_back("line " + std::to_string(row.line) + ": no " +
                               (file_column ? "file" : "id") + ", row not used");
            continue;
        }
        MetadataRow out;
        if (const std::string date = cell(date_column); !date.empty()) {
            out.date = parse_date(date);
            if (!out.date)
                warnings.push_back("line " + std::to_string(row.line) + ": no date in \"" + date +
                                   "\"");
        }
        out.title = cell(title_column);
        out.source = cell(source_column);
        out.url = cell(url_column);
        out.author = cell(author_column);
        Fnv1a64 hash;
        for (const std::string* field : {&out.title, &out.source, &out.url, &out.author}) {
            hash.update(*field);
            hash.update(std::string_view("\x1f", 1));
        }
        if (out.date) hash.update(out.date->compact());
        out.hash = hash.hex();
        target.insert_or_assign(folder + '/' + name, std::move(out));
    }
}

bool MetadataTables::is_table(const std::filesystem::path& path) const {
    return std::find(tables_.begin(), tables_.end(), path) != tables_.end();
}

std::string MetadataTables::file_state(std::string_view file_key) const {
    Fnv1a64 hash;
    bool any = false;
    if (const auto it = files_.find(file_key); it != files_.end()) {
        hash.update(it->second.hash);
        any = true;
    }
    // Rows naming one article of the file: "file#3", "file!/member".
    for (auto it = articles_.lower_bound(file_key);
         it != articles_.end() && std::string_view(it->first).starts_with(file_key); ++it) {
        const std::string_view rest = std::string_view(it->first).substr(file_key.size());
        if (!rest.empty() && rest.front() != '#' && !rest.starts_with("!/")) continue;
        hash.update(it->first);
        hash.update(it->second.hash);
        any = true;
    }
    return any ? hash.hex() : std::string();
}

void MetadataTables::apply(Article& article, std::string_view file_key,
                           std::string_view article_key) const {
    const auto apply_row = [&](const MetadataRow& row) {
        if (row.date) {
            article.date = row.date;
            article.date_source = "metadata table";
        }
        if (!row.title.empty()) article.title = readers::make_title(row.title);
        if (!row.source.empty()) article.source = row.source;
        if (!row.url.empty()) article.url = row.url;
        if (!row.author.empty()) article.author = row.author;
    };
    if (const auto it = files_.find(file_key); it != files_.end()) apply_row(it->second);
    if (const auto it = articles_.find(article_key); it != articles_.end()) apply_row(it->second);
}

std::vector<std::filesystem::path> find_metadata_tables(const std::filesystem::path& root) {
    namespace fs = std::filesystem;
    std::vector<fs::path> tables;
    std::error_code ec;
    if (!fs::is_directory(root, ec)) return tables;
    for (fs::recursive_directory_iterator
             it(root, fs::directory_options::skip_permission_denied, ec),
         end;
         !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.starts_with('.')) {
            if (it->is_directory(ec)) it.disable_recursion_pending();
            continue;
        }
        if (is_metadata_table_name(name) && it->is_regular_file(ec)) tables.push_back(it->path());
    }
    std::sort(tables.begin(), tables.end());
    return tables;
}

void apply_metadata(const ArticleOrigin& origin, Article& article) {
    if (origin.metadata != nullptr)
        origin.metadata->apply(article, origin.key(), origin.article_key(article.id));
}

}  // namespace newsindex
