// newsindex: builds and inspects a newsindex database. Each subcommand lives in its own
// file; this one only dispatches.
#include <cstring>
#include <iostream>
#include <string_view>
#include <vector>

#include "common/base/version.h"
#include "common/cli/command_line.h"
#include "common/cli/exit_codes.h"
#include "common/cli/near_miss.h"
#include "indexer/commands.h"

namespace {

constexpr std::string_view kUsage = R"(usage: newsindex COMMAND [OPTIONS] [ARGS]

Commands:
  build DIR...        index the articles under DIR (updates an existing index)
  status              articles, folders, last run and size of the index
  check               verify the index
  compact             compact the index (or merge its shards into one database)
  entities FILE...    print the named entities of each article (DIR: every file)
  show FILE|DIR...    print what the index would store for each article
  ner-train FILE...   train the entity tagger on annotated CoNLL files
  ner-eval FILE...    score the entity tagger on annotated CoNLL files

Run 'newsindex COMMAND --help' for the options of one command.

Exit codes: 0 ok, 1 some files failed (check: index damaged), 2 usage error or
no usable index, 74 a read or write of the index failed (disk full), 75 index locked
by another run, 77 no permission to write the index, 130/143 interrupted by
SIGINT/SIGTERM.
)";

}  // namespace

int main(int argc, char** argv) {
    using namespace newsindex;
    if (argc < 2) {
        std::cerr << kUsage;
        return exit_code::kUsage;
    }
    const std::string_view command = argv[1];
    if (command == "--help" || command == "-h" || command == "help") {
        std::cout << kUsage;
        return exit_code::kOk;
    }
    if (command == "--version") {
        std::cout << "newsindex " << version() << '\n';
        return exit_code::kOk;
    }
    const struct {
        std::string_view name;
        int (*run)(int, char**);
    } commands[] = {
        {"build", cli::run_build},       {"status", cli::run_status},
        {"check", cli::run_check},       {"compact", cli::run_compact},
        {"entities", cli::run_entities}, {"ner-train", cli::run_ner_train},
        {"ner-eval", cli::run_ner_eval}, {"show", cli::run_show},
    };
    for (const auto& c : commands)
        if (c.name == command) return c.run(argc - 1, argv + 1);
    std::vector<std::string_view> names;
    for (const auto& c : commands) names.push_back(c.name);
    std::cerr << "newsindex: unknown command '" << one_line(command) << "'";
    if (const auto nearest = nearest_name(command, names))
        std::cerr << "; did you mean '" << *nearest << "'?";
    std::cerr << " (see 'newsindex --help')\n";
    return exit_code::kUsage;
}
