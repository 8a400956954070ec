// `newssearch alert NAME QUERY`: the matches of a saved search that are new since its last
// run, for cron to mail (common/search/alert_state.h keeps what each run reported).
#pragma once

#include <boost/program_options.hpp>

namespace newsindex::cli {

void alert_options(boost::program_options::options_description& options);
int run_alert(int argc, char** argv);

}  // namespace newsindex::cli
