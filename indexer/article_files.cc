#include "indexer/article_files.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <system_error>

#include "common/cli/exit_codes.h"
#include "common/read/article_origin.h"
#include "common/read/article_reader.h"
#include "common/read/corpus_walker.h"
#include "common/read/file_records.h"
#include "common/read/metadata_table.h"

namespace newsindex::cli {

namespace {

// The file a command-line word names: as typed, else as printable() printed it (a name
// that is not UTF-8 shows as \xNN), so that a path copied from any output works.
std::filesystem::path typed_back(const std::string& word) {
    std::error_code ec;
    if (std::filesystem::exists(word, ec)) return word;
    if (const auto unescaped = from_printable(word);
        unescaped && *unescaped != word && std::filesystem::exists(*unescaped, ec))
        return *unescaped;
    return word;
}

// Every article of a file the walk found, as a build reads it: record by record where
// the format is read so (an archive, a WARC), else whole.
ReadResult read_origin(const ArticleOrigin& origin) {
    if (is_record_format(origin.format))
        if (const auto records = open_records(origin)) {
            ReadResult result;
            while (auto record = records->next())
                for (auto& article : parse_record(*record, origin, result.warnings))
                    result.articles.push_back(std::move(article));
            for (auto& warning : records->warnings()) result.warnings.push_back(warning);
            if (result.articles.empty())
                throw Error(ErrorKind::bad_input, result.warnings.empty()
                                                      ? "no articles in the file"
                                                      : result.warnings.front());
            return result;
        }
    return parse_file(read_file(origin.path, origin.format), origin);
}

void print_warnings(const CommandSpec& spec, const std::filesystem::path& file,
                    const ReadResult& result) {
    for (const auto& warning : result.warnings)
        std::cerr << spec.name << ": " << printable(file.string()) << ": " << one_line(warning)
                  << "\n";
}

// Every article file under `folder`, walked as a build walks it, with the ids and dates a
// build would give its articles.
int for_each_article_under(const CommandSpec& spec, const std::filesystem::path& folder,
                           const std::function<void(const Article&)>& fn) {
    int status = exit_code::kOk;
    const auto fail = [&](const std::filesystem::path& where, const std::string& why) {
        std::cerr << spec.name << ": " << printable(where.string()) << ": " << one_line(why)
                  << "\n";
        status = exit_code::kSomeFilesFailed;
    };
    std::error_code ec;
    const auto root = resolve_corpus_root(folder, ec);
    if (!root) {
        fail(folder, "cannot read: " + ec.message());
        return status;
    }
    // The tables beside the articles, as a build of the folder reads them.
    MetadataTables tables;
    for (const auto& table : find_metadata_tables(folder)) {
        std::vector<std::string> warnings;
        try {
            tables.load(table, warnings);
        } catch (const Error& e) {
            warnings.push_back(std::string(e.what()) + "; the table is not used");
        }
        for (const auto& warning : warnings)
            std::cerr << spec.name << ": " << printable(table.string()) << ": " << one_line(warning)
                      << "\n";
    }
    WalkCallbacks callbacks;
    callbacks.on_error = fail;
    callbacks.on_file = [&](const ArticleOrigin& found) {
        if (found.format == ArticleFormat::unsupported) return true;  // as a build skips it
        ArticleOrigin origin = found;
        origin.metadata = &tables;
        try {
            const ReadResult result = read_origin(origin);
            print_warnings(spec, origin.path, result);
            for (const auto& article : result.articles) fn(article);
        } catch (const Error& e) {
            // An empty file is no article, for a build too.
            if (std::filesystem::file_size(origin.path, ec) != 0 || ec) fail(origin.path, e.what());
        }
        return true;
    };
    walk_corpus(*root, callbacks);
    return status;
}

}  // namespace

int for_each_article(const CommandSpec& spec, const std::vector<std::string>& words,
                     const std::function<void(const Article&)>& fn) {
    int status = exit_code::kOk;
    for (const auto& word : words) {
        const std::filesystem::path file = typed_back(word);
        std::error_code ec;
        if (std::filesystem::is_directory(file, ec)) {
            status = std::max(status, for_each_article_under(spec, file, fn));
            continue;
        }
        ReadResult result;
        try {
            const ArticleFormat format = format_for_path(file);
            if (is_record_format(format)) {
                // Ids as a build of the file alone gives them.
                ArticleOrigin origin;
                origin.path = file;
                origin.root = std::filesystem::absolute(file).parent_path().string();
                origin.relative = file.filename().string();
                origin.format = format;
                result = read_origin(origin);
            } else {
                result = read_articles(file, format, file.string(), file.string());
            }
        } catch (const Error& e) {
            std::cerr << spec.name << ": " << printable(word) << ": " << one_line(e.what()) << "\n";
            status = exit_code::kSomeFilesFailed;
            continue;
        }
        print_warnings(spec, file, result);
        for (const auto& article : result.articles) fn(article);
    }
    return status;
}

std::optional<EntityExtractor> load_extractor(const CommandSpec& spec, const std::string& model) {
    try {
        return EntityExtractor(model.empty() ? default_model_path() : std::filesystem::path(model));
    } catch (const Error& e) {
        std::cerr << spec.name << ": " << one_line(e.what()) << "\n";
        return std::nullopt;
    }
}

nlohmann::ordered_json entities_json(const std::vector<Entity>& entities, bool with_mentions) {
    nlohmann::ordered_json by_kind = nlohmann::ordered_json::object();
    for (const auto kind : kEntityKinds)
        by_kind[std::string(entity_kind_name(kind))] = nlohmann::ordered_json::array();
    for (const auto& e : entities) {
        nlohmann::ordered_json entity = {{"name", e.name}, {"count", e.count}};
        if (with_mentions) entity["mentions"] = e.mentions;
        by_kind[std::string(entity_kind_name(e.kind))].push_back(std::move(entity));
    }
    return by_kind;
}

void print_json(const nlohmann::ordered_json& document) {
    std::cout << document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
              << "\n";
}

}  // namespace newsindex::cli
