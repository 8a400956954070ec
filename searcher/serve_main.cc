// newssearch-serve: the server behind `newssearch serve` (see serve_options.cc).
#include "searcher/serve.h"

int main(int argc, char** argv) {
    return newsindex::cli::run_serve(argc, argv);
}
