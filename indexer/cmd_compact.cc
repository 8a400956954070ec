// newsindex compact
#include <iostream>

#include "common/cli/command_line.h"
#include "common/cli/database_location.h"
#include "common/cli/exit_codes.h"
#include "common/index/index_compact.h"
#include "indexer/commands.h"
#include "indexer/terminate_handler.h"

namespace newsindex::cli {

namespace po = boost::program_options;

namespace {

const CommandSpec kSpec{
    "newsindex compact", "",
    "Compacts the index with Xapian's compactor: smaller and faster to search, the same\n"
    "articles. A sharded index is compacted shard by shard and stays sharded; --output\n"
    "writes one compacted database of all its articles instead, leaving the index as it is.\n"
    "Builds wait meanwhile; searches go on, and see the compacted index once it is in place.",
    "Database: --db, else $NEWSINDEX_DB, else ${XDG_DATA_HOME:-~/.local/share}/newsindex/index.\n"
    "Exit codes: 0 ok, 2 usage error or no usable index, 74 a read or write failed\n"
    "(disk full), 75 the index is locked by a build, 77 no permission to write the index.\n"};

}  // namespace

int run_compact(int argc, char** argv) {
    po::options_description options("Options");
    options.add_options()("db", po::value<std::string>(), "index location")(
        "output,o", po::value<std::string>(),
        "write one merged, compacted database there (it must not exist)");
    po::variables_map values;
    if (auto stop = parse_command_line(argc, argv, kSpec, options, values)) return *stop;
    const auto db = database_path(values.count("db") ? std::optional(values["db"].as<std::string>())
                                                     : std::nullopt);
    report_failures_on_terminate(kSpec.name);
    try {
        if (values.count("output")) {
            const std::filesystem::path output = values["output"].as<std::string>();
            merge_index(db, output);
            std::cout << "newsindex: " << db.string() << " compacted into " << output.string()
                      << '\n';
        } else {
            compact_index(db);
            std::cout << "newsindex: " << db.string() << " compacted\n";
        }
        return exit_code::kOk;
    } catch (const Error& e) {
        return report_index_error(kSpec, e);
    }
}

}  // namespace newsindex::cli
