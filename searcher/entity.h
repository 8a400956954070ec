// `newssearch entity KIND NAME`: an entity's page on the command line, what the page's
// /entity shows (common/search/entity_profile.h).
#pragma once

#include <boost/program_options.hpp>

namespace newsindex::cli {

void entity_options(boost::program_options::options_description& options);
int run_entity(int argc, char** argv);

}  // namespace newsindex::cli
