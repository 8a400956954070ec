#include "common/read/corpus_walker.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <vector>

namespace newsindex {

namespace fs = std::filesystem;

namespace {

bool is_hidden(const fs::path& p) {
    const auto name = p.filename().string();
    return !name.empty() && name.front() == '.';
}

// A Xapian database folder (ours, kept inside the archive, or another tool's): its files
// are not articles, and extension-less ones would otherwise be read as text.
bool is_xapian_database(const fs::path& dir) {
    std::error_code ec;
    for (const char* marker : {"iamglass", "iamchert", "iamhoney"})
        if (fs::exists(dir / marker, ec)) return true;
    return false;
}

bool is_within(const fs::path& inner, const fs::path& outer) {
    const auto [outer_end, inner_it] =
        std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
    (void)inner_it;
    return outer_end == outer.end();
}

std::string reason_of(const std::error_code& ec) {
    return ec.message();
}

class Walker {
public:
    Walker(const CorpusRoot& root, const WalkCallbacks& callbacks)
        : root_(root), callbacks_(callbacks) {}

    WalkOutcome run() {
        if (!root_.is_folder) {
            // A single file given as a root: its id is its name.
            visit_entry(root_.given, root_.given.filename().string());
            return {true, complete_};
        }
        const bool root_listed = visit_directory(root_.given, "");
        return {root_listed, root_listed && complete_};
    }

private:
    bool visit_directory(const fs::path& dir, const std::string& relative) {
        std::error_code ec;
        std::vector<fs::path> entries;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
            entries.push_back(it->path());
        if (ec) {
            callbacks_.on_error(dir, "cannot read folder: " + reason_of(ec));
            complete_ = false;
            return false;
        }
        std::sort(entries.begin(), entries.end());
        for (const auto& entry : entries) {
            if (stopped_) return false;
            if (is_hidden(entry)) continue;
            const auto name = entry.filename().string();
            visit_entry(entry, relative.empty() ? name : relative + '/' + name);
        }
        return true;
    }

    void visit_entry(const fs::path& entry, const std::string& relative) {
        // One lstat(2) gives the type, size and time of most entries: a walk of a million
        // files makes a million calls, not three million.
        struct stat info {};
        if (::lstat(entry.c_str(), &info) != 0) {
            // Typically a file deleted between listing and visiting.
            callbacks_.on_error(entry, std::strerror(errno));
            return;
        }
        if (S_ISLNK(info.st_mode)) {
            std::error_code ec;
            const auto target = fs::canonical(entry, ec);
            if (ec) {
                callbacks_.on_error(entry, "broken symbolic link: " + reason_of(ec));
                return;
            }
            if (!is_within(target, root_.key) || ::stat(target.c_str(), &info) != 0 ||
                !S_ISREG(info.st_mode))
                return;  // links out of the root and links to folders are not followed
        } else if (S_ISDIR(info.st_mode)) {
            if (!is_xapian_database(entry)) visit_directory(entry, relative);
            return;
        } else if (!S_ISREG(info.st_mode)) {
            return;  // sockets, fifos, devices
        }
        ArticleOrigin file;
        file.path = entry;
        file.root = root_.key;
        file.relative = relative;
        file.format = format_for_path(entry);
        file.size = static_cast<std::uintmax_t>(info.st_size);
        file.mtime_ns = std::int64_t{info.st_mtim.tv_sec} * 1'000'000'000 + info.st_mtim.tv_nsec;
        if (!callbacks_.on_file(file)) {
            stopped_ = true;
            complete_ = false;
        }
    }

    const CorpusRoot& root_;
    const WalkCallbacks& callbacks_;
    bool complete_ = true;
    bool stopped_ = false;
};

}  // namespace

std::optional<CorpusRoot> resolve_corpus_root(const fs::path& root, std::error_code& error) {
    const auto canonical = fs::canonical(root, error);
    if (error) return std::nullopt;
    const bool is_folder = fs::is_directory(canonical, error);
    if (error) return std::nullopt;
    return CorpusRoot{root, (is_folder ? canonical : canonical.parent_path()).string(), is_folder};
}

WalkOutcome walk_corpus(const CorpusRoot& root, const WalkCallbacks& callbacks) {
    return Walker(root, callbacks).run();
}

}  // namespace newsindex
