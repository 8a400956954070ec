#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "common/base/error.h"
#include "common/search/alert_state.h"
#include "tests/unit/temp_dir.h"

using namespace newsindex;
using newsindex::testing::TempDir;
using newsindex::testing::write_file;

TEST_CASE("alert state: ids with newlines and backslashes come back as they were") {
    TempDir dir;
    const auto file = alert_state_path(dir.path() / "index", "desk");
    CHECK(file == dir.path() / "index.alerts" / "desk");
    CHECK(load_alert_state(file).ids.empty());  // before the first run
    const std::vector<std::string> ids = {"a.txt", "odd\nname.txt", "back\\slash\\n.txt", ""};
    save_alert_state(file, "said\nmore", ids);
    const AlertState state = load_alert_state(file);
    CHECK(state.query == "said\nmore");
    CHECK(state.ids.size() == ids.size());
    for (const auto& id : ids) CHECK(state.ids.contains(id));
    CHECK_FALSE(std::filesystem::exists(file.string() + ".new"));
}

TEST_CASE("alert state: names, a damaged file, a file that cannot be replaced") {
    CHECK(is_alert_name("desk-1.minsk_talks"));
    CHECK_FALSE(is_alert_name(""));
    CHECK_FALSE(is_alert_name(".hidden"));
    CHECK_FALSE(is_alert_name("../up"));
    CHECK_FALSE(is_alert_name("a/b"));
    CHECK_FALSE(is_alert_name(std::string(101, 'a')));
    CHECK(alert_state_path("idx/", "x") == std::filesystem::path("idx.alerts/x"));

    TempDir dir;
    write_file(dir.path() / "other", "not an alert\n");
    CHECK_THROWS_AS(load_alert_state(dir.path() / "other"), Error);
    write_file(dir.path() / "cut", "newsindex alert 1\tq\na.txt\nb.t");
    CHECK_THROWS_AS(load_alert_state(dir.path() / "cut"), Error);

    const auto file = dir.path() / "i.alerts" / "desk";
    save_alert_state(file, "q", {"a.txt"});
    std::filesystem::create_directory(file.string() + ".new");
    CHECK_THROWS_AS(save_alert_state(file, "q", {"a.txt", "b.txt"}), Error);
    CHECK(load_alert_state(file).ids.size() == 1);
}
