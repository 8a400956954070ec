// The newsindex subcommands. Each takes the arguments after "newsindex" (argv[0] is the
// subcommand name) and returns the process exit code.
#pragma once

namespace newsindex::cli {

int run_build(int argc, char** argv);
int run_compact(int argc, char** argv);
int run_entities(int argc, char** argv);
int run_ner_train(int argc, char** argv);
int run_ner_eval(int argc, char** argv);
int run_status(int argc, char** argv);
int run_check(int argc, char** argv);
int run_show(int argc, char** argv);

}  // namespace newsindex::cli
