// In-process cost of exact facet counting: the nanoseconds per matching article that
// counting all four facets (people, organisations, places, days) adds to a match, from the
// facet columns, from the documents (what a search does without columns), and with
// Xapian's own spies (what a remote search runs).
//
//   build/facet_count DB QUERY... [--runs N]
//
// DB is one database (not sharded). Each query is parsed as newssearch parses it, then
// matched with check_at_least = every article, N times (default 20) per way of counting;
// the figure is the fastest run minus the fastest run with no spy, divided by the matches.
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "common/index/facet_columns.h"
#include "common/search/facet_spy.h"
#include "common/search/filter_term.h"
#include "common/search/query_parser.h"

using namespace newsindex;

namespace {

enum class Way { none, columns, documents, builtin };

double run_once(const Xapian::Database& db, const std::string& folder, const Xapian::Query& query,
                Way way, Xapian::doccount& matches) {
    FacetsWanted wanted;
    wanted.kinds.fill(true);
    wanted.days = true;
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(*counting_weight());
    const auto start = std::chrono::steady_clock::now();
    std::unique_ptr<LocalFacetSpy> spy;
    std::unique_ptr<BuiltinFacetCounter> builtin;
    if (way == Way::columns || way == Way::documents) {
        auto columns = way == Way::columns ? FacetColumns::open(folder, db) : nullptr;
        if (way == Way::columns && !columns) {
            std::fprintf(stderr, "facet_count: %s has no current facet columns\n", folder.c_str());
            std::exit(1);
        }
        spy = std::make_unique<LocalFacetSpy>(FacetPart{db, columns}, wanted);
        enquire.add_matchspy(spy.get());
    } else if (way == Way::builtin) {
        builtin = std::make_unique<BuiltinFacetCounter>(wanted);
        builtin->attach(enquire);
    }
    const Xapian::MSet mset = enquire.get_mset(0, 0, db.get_doccount());
    matches = mset.get_matches_estimated();
    // The answer itself: the top ten of each kind and the days.
    if (spy) {
        const std::vector<const LocalFacetSpy*> spies{spy.get()};
        for (const EntityKind kind : kEntityKinds) top_values(spies, kind, 10);
        day_counts(spies);
    } else if (builtin) {
        for (const EntityKind kind : kEntityKinds) builtin->top(kind, 10);
        builtin->days();
    }
    return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start)
        .count();
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    int runs = 20;
    if (const auto it = std::find(args.begin(), args.end(), "--runs"); it != args.end()) {
        if (it + 1 == args.end()) return 2;
        runs = std::max(1, std::atoi((it + 1)->c_str()));
        args.erase(it, it + 2);
    }
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: facet_count DB QUERY... [--runs N]\n");
        return 2;
    }
    const std::string folder = args[0];
    const Xapian::Database db(folder);
    std::printf(
        "# facet_count %s, %d runs per way (fastest kept), all four facets counted;\n"
        "# ns/match = (run with spies - run without) / matches\n",
        folder.c_str(), runs);
    std::printf("%-24s %9s %10s %12s %12s %12s\n", "query", "matches", "match ms", "columns",
                "documents", "builtin");
    for (std::size_t q = 1; q < args.size(); ++q) {
        NewsQueryParser parser(db, {db});
        const Xapian::Query query = parser.parse(args[q], false);
        double best[4] = {1e300, 1e300, 1e300, 1e300};
        Xapian::doccount matches = 0;
        for (int r = 0; r < runs; ++r)
            for (const Way way : {Way::none, Way::columns, Way::documents, Way::builtin}) {
                auto& b = best[static_cast<int>(way)];
                b = std::min(b, run_once(db, folder, query, way, matches));
            }
        const auto per_match = [&](Way way) {
            return matches == 0 ? 0.0 : (best[static_cast<int>(way)] - best[0]) / matches;
        };
        std::printf("%-24s %9u %10.2f %9.1f ns %9.1f ns %9.1f ns\n", args[q].c_str(), matches,
                    best[0] / 1e6, per_match(Way::columns), per_match(Way::documents),
                    per_match(Way::builtin));
    }
}
