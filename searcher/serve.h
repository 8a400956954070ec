// `newssearch serve`: the search page and its JSON API over HTTP, a thin layer over
// NewsSearcher. README.md ("The web page") documents the endpoints and the limits.
#pragma once

#include <boost/program_options.hpp>

namespace newsindex::cli {

// The serve command's options (--db, --port, --bind, --threads, --allow-host), for
// main.cc's table.
void serve_options(boost::program_options::options_description& options);

// Serves until SIGINT or SIGTERM (then exits 0). Exit codes: 2 bad option or no usable
// index, 74 the address cannot be bound or the index cannot be read. newssearch-serve's
// main.
int run_serve(int argc, char** argv);

// `newssearch serve`: runs newssearch-serve, found beside this program, with the
// arguments after the command word; returns only when it cannot (exit code 2).
int exec_serve(int argc, char** argv);

}  // namespace newsindex::cli
