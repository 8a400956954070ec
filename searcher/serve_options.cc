// The part of `newssearch serve` that newssearch itself holds: its options, for the
// command table, and the hand-over to newssearch-serve, the server's own binary (its
// threads and sockets stay out of the program every search starts).
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "common/cli/command_line.h"
#include "common/cli/exit_codes.h"
#include "searcher/serve.h"

namespace newsindex::cli {

namespace po = boost::program_options;

void serve_options(po::options_description& options) {
    options.add_options()("db", po::value<std::vector<std::string>>()->composing(),
                          "index location; repeat to serve several as one")(
        "port", po::value<Count>()->default_value({8080}, "8080"),
        "TCP port; 0 picks a free one (printed at start)")(
        "bind", po::value<std::string>()->default_value("127.0.0.1"),
        "address to listen on (0.0.0.0 or :: for every interface: anyone who can reach the "
        "machine can search the index)")("threads", po::value<Count>()->default_value({8}, "8"),
                                         "requests answered at once (1 to 256)")(
        "allow-host", po::value<std::vector<std::string>>()->composing(),
        "also answer requests whose Host header gives NAME (a reverse proxy's public name); "
        "repeatable. Without it only the --bind address and localhost are answered");
}

int exec_serve(int argc, char** argv) {
    std::error_code ec;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
    const std::filesystem::path server = self.parent_path() / "newssearch-serve";
    std::vector<char*> args;
    std::string name = "newssearch-serve";
    args.push_back(name.data());
    for (int i = 1; i < argc; ++i) args.push_back(argv[i]);
    args.push_back(nullptr);
    ::execv(server.c_str(), args.data());
    std::cerr << "newssearch serve: cannot run " << printable(server.string()) << ": "
              << std::strerror(errno) << " (it is installed beside newssearch)\n";
    return exit_code::kUsage;
}

}  // namespace newsindex::cli
