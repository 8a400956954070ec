#include "common/read/archive_records.h"

#include <algorithm>
#include <unordered_set>

#include "common/base/content_hash.h"
#include "common/base/error.h"
#include "common/base/utf8.h"
#include "common/read/archive_input.h"
#include "common/read/readers.h"
#include "common/read/warc_records.h"

namespace newsindex::readers {

namespace {

constexpr std::size_t kHeadBytes = 1u << 12;

// A member name as an id: "./" and repeated '/' dropped. Nothing when the name climbs
// out of the archive ("../x", "/etc/passwd", "C:\x"): such a member is never read, so no
// name in an archive can make an id that looks like a path outside it.
std::optional<std::string> member_key(std::string_view name) {
    if (name.empty() || name.front() == '/' || name.front() == '\\' ||
        (name.size() > 1 && name[1] == ':'))
        return std::nullopt;
    std::string key;
    while (!name.empty()) {
        const auto slash = name.find_first_of("/\\");
        const std::string_view part = name.substr(0, slash);
        if (part == "..") return std::nullopt;
        if (!part.empty() && part != ".") {
            if (!key.empty()) key += '/';
            key += part;
        }
        if (slash == std::string_view::npos) break;
        name.remove_prefix(slash + 1);
    }
    if (key.empty()) return std::nullopt;
    return key;
}

// The name of what a compressed stream holds: the file's own name less ".gz", ".xz"...
std::string inner_name(std::string_view file_name) {
    for (const std::string_view suffix : {".gz", ".xz", ".bz2", ".z", ".lz", ".zst", ".lzma"}) {
        if (file_name.size() > suffix.size()) {
            std::string tail(file_name.substr(file_name.size() - suffix.size()));
            std::transform(tail.begin(), tail.end(), tail.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            if (tail == suffix)
                return std::string(file_name.substr(0, file_name.size() - suffix.size()));
        }
    }
    return std::string(file_name);
}

std::string file_name(std::string_view relative) {
    const auto slash = relative.rfind('/');
    return std::string(slash == std::string_view::npos ? relative : relative.substr(slash + 1));
}

// The format of a member or stream by its name; a name without one that starts like
// markup is read as HTML.
ArticleFormat content_format(std::string_view name, std::string_view head) {
    const ArticleFormat format = format_for_path(std::string(name));
    if (format != ArticleFormat::text) return format;
    const std::string_view start = trim(head.substr(0, 512));
    if (start.starts_with('<')) {
        std::string lowered(start.substr(0, 200));
        for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lowered.find("<html") != std::string::npos ||
            lowered.find("<!doctype html") != std::string::npos)
            return ArticleFormat::html;
    }
    return format;
}

std::string truncation_text(std::string_view what) {
    return std::string(what) + " is over " + std::to_string(kMaxFileBytes >> 20) +
           " MB; only the first " + std::to_string(kMaxFileBytes >> 20) + " MB were read";
}

class ArchiveRecords : public RecordReader {
public:
    ArchiveRecords(std::unique_ptr<ArchiveInput> input, const ArticleOrigin& origin)
        : input_(std::move(input)), origin_(origin) {
        first_ = input_->next_entry();
        if (!first_)
            done_ = true;  // an archive of nothing (a tar of zero blocks)
        else if (input_->is_single_stream())
            start_stream();
    }

    std::optional<FileRecord> next() override {
        if (warc_) return warc_->next();
        if (stream_) {
            auto record = std::move(stream_);
            stream_.reset();
            return record;
        }
        if (single_ || done_) return std::nullopt;
        try {
            for (;;) {
                std::optional<ArchiveInput::Entry> entry;
                if (first_) {
                    entry = std::move(first_);
                    first_.reset();
                } else {
                    entry = input_->next_entry();
                }
                if (!entry) {
                    done_ = true;
                    return std::nullopt;
                }
                if (auto record = member(*entry)) return record;
            }
        } catch (const Error& e) {
            warnings_.push_back(std::string(e.what()) + "; the rest of the archive is not read");
            done_ = true;
            return std::nullopt;
        }
    }

    std::vector<std::string> warnings() const override {
        std::vector<std::string> all = warnings_;
        if (warc_) all.insert(all.end(), warc_->warnings().begin(), warc_->warnings().end());
        return all;
    }

    std::string content_hash() const override {
        return warc_ ? warc_->content_hash() : hash_.hex();
    }

private:
    // The one member of a compressed stream: a WARC, read record by record, or one file.
    void start_stream() {
        single_ = true;
        first_.reset();
        std::string head;
        head.resize(kHeadBytes);
        std::size_t got = 0;
        try {
            while (got < head.size()) {
                const std::size_t n = input_->read(head.data() + got, head.size() - got);
                if (n == 0) break;
                got += n;
            }
        } catch (const Error& e) {
            warnings_.push_back(std::string(e.what()) + "; the rest of the file is not read");
        }
        head.resize(got);
        if (!is_warc(head) && !input_->is_compressed())
            throw Error(ErrorKind::bad_input,
                        "not a zip, tar, WARC or gzip, xz or bzip2 file, as its name says");
        if (is_warc(head)) {
            warc_.emplace([input = input_.get()](
                              char* buffer, std::size_t size) { return input->read(buffer, size); },
                          std::move(head), origin_.relative);
            return;
        }
        const std::string name = inner_name(file_name(origin_.relative));
        FileRecord record;
        record.key = name;
        record.id = origin_.relative;
        record.format = content_format(name, head);
        record.bytes = std::move(head);
        if (record.format == ArticleFormat::unsupported ||
            record.format == ArticleFormat::archive) {
            warnings_.push_back("holds " + utf8::repaired(name) +
                                ", which is not an article format");
            return;
        }
        std::string rest;
        try {
            if (input_->read_member(rest,
                                    kMaxFileBytes - std::min(kMaxFileBytes, record.bytes.size())))
                record.truncation = truncation_text("the decompressed file");
        } catch (const Error& e) {
            warnings_.push_back(std::string(e.what()) + "; what came before is read");
        }
        record.bytes += rest;
        hash_.update(record.bytes);
        stream_ = std::move(record);
    }

    // The record of one archive member; nothing for folders, links and members that are
    // no article files (a warning says why when that is news).
    std::optional<FileRecord> member(const ArchiveInput::Entry& entry) {
        if (!entry.regular) return std::nullopt;
        const auto key = member_key(entry.name);
        if (!key) {
            warnings_.push_back("member " + utf8::repaired(entry.name) +
                                ": a path outside the archive, not read");
            return std::nullopt;
        }
        const ArticleFormat format = format_for_path(*key);
        if (format == ArticleFormat::unsupported) return std::nullopt;  // images, tables...
        if (format == ArticleFormat::archive) {
            warnings_.push_back("member " + utf8::repaired(*key) +
                                ": an archive inside an archive is not read");
            return std::nullopt;
        }
        if (entry.encrypted) {
            warnings_.push_back("member " + utf8::repaired(*key) + ": encrypted, not read");
            return std::nullopt;
        }
        if (!seen_.insert(*key).second) {
            warnings_.push_back("member " + utf8::repaired(*key) +
                                ": appears again; the first copy is indexed");
            return std::nullopt;
        }
        FileRecord record;
        record.key = *key;
        record.id = origin_.relative + "!/" + *key;
        record.label = "member " + utf8::repaired(*key);
        record.format = format;
        if (input_->read_member(record.bytes, kMaxFileBytes))
            record.truncation = truncation_text("the member");
        hash_.update(*key);
        hash_.update(std::string_view("\0", 1));
        hash_.update(record.bytes);
        return record;
    }

    std::unique_ptr<ArchiveInput> input_;
    const ArticleOrigin origin_;
    std::optional<ArchiveInput::Entry> first_;
    bool single_ = false;
    bool done_ = false;
    std::optional<FileRecord> stream_;
    std::optional<WarcRecords> warc_;
    std::unordered_set<std::string> seen_;
    Fnv1a64 hash_;
    std::vector<std::string> warnings_;
};

}  // namespace

std::unique_ptr<RecordReader> open_archive_records(const ArticleOrigin& origin) {
    return std::make_unique<ArchiveRecords>(std::make_unique<ArchiveInput>(origin.path), origin);
}

std::unique_ptr<RecordReader> open_archive_records(std::string_view bytes,
                                                   const ArticleOrigin& origin) {
    return std::make_unique<ArchiveRecords>(std::make_unique<ArchiveInput>(bytes), origin);
}

}  // namespace newsindex::readers
