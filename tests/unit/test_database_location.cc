#include <doctest/doctest.h>

#include <cstdlib>

#include "common/cli/database_location.h"

using newsindex::database_path;

namespace {
// Sets or clears an environment variable for the scope of one test.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        value ? setenv(name, value, 1) : unsetenv(name);
    }
    ~ScopedEnv() { old_ ? setenv(name_, old_->c_str(), 1) : unsetenv(name_); }

private:
    const char* name_;
    std::optional<std::string> old_;
};
}  // namespace

TEST_CASE("database location: option, then environment, then XDG default") {
    ScopedEnv db("NEWSINDEX_DB", nullptr);
    ScopedEnv xdg("XDG_DATA_HOME", nullptr);
    ScopedEnv home("HOME", "/home/reporter");
    CHECK(database_path(std::string("/srv/index")) == "/srv/index");
    CHECK(database_path(std::nullopt) == "/home/reporter/.local/share/newsindex/index");
    {
        ScopedEnv xdg_set("XDG_DATA_HOME", "/data");
        CHECK(database_path(std::nullopt) == "/data/newsindex/index");
        ScopedEnv db_set("NEWSINDEX_DB", "/env/index");
        CHECK(database_path(std::nullopt) == "/env/index");
        CHECK(database_path(std::string("/opt/index")) == "/opt/index");
    }
}
