// Format dispatch, the checks every format shares (binary data, encoding, line ends) and
// reading files within kMaxFileBytes.

#include "common/read/article_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>

#include "common/base/utf8.h"
#include "common/read/article_origin.h"
#include "common/read/language.h"
#include "common/read/metadata_table.h"
#include "common/read/readers.h"

namespace newsindex {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// How much of the start of a file the binary checks look at.
constexpr std::size_t kSniffBytes = 8192;

using namespace std::string_view_literals;

// Signatures of formats that are never text; a ".txt" holding one was misnamed.
constexpr std::array kBinaryMagic = {
    "\x89PNG\r\n\x1A\n"sv,
    "\xFF\xD8\xFF"sv,
    "GIF87a"sv,
    "GIF89a"sv,
    "%PDF-"sv,
    "PK\x03\x04"sv,
    "\x1F\x8B"sv,
    "\xFD"
    "7zXZ"sv,
    "BZh"sv,
    "\x7F"
    "ELF"sv,
    "\x28\xB5\x2F\xFD"sv,
    "Rar!\x1A\x07"sv,
    "7z\xBC\xAF\x27\x1C"sv,
    "OggS"sv,
    "ID3"sv,
    "\xD0\xCF\x11\xE0"sv,
};

bool has_binary_magic(std::string_view head) {
    for (const auto magic : kBinaryMagic) {
        if (!head.starts_with(magic)) continue;
        // "BZh" and "ID3" start English words too; require what follows in the format.
        if (magic == "BZh") return head.size() > 10 && head.substr(4, 6) == "1AY&SY";
        if (magic == "ID3") return head.size() > 3 && head[3] < 8;
        return true;
    }
    return false;
}

// "\r\n" and lone "\r" become "\n".
void normalise_line_ends(std::string& text) {
    if (text.find('\r') == std::string::npos) return;
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\r') {
            out += text[i];
        } else {
            out += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        }
    }
    text = std::move(out);
}

// Turns raw bytes into what every reader expects (see readers_internal.h).
std::string prepare_content(std::string_view raw, std::vector<std::string>& warnings) {
    if (raw.starts_with(kUtf8Bom)) raw.remove_prefix(kUtf8Bom.size());
    // Windows tools save "Unicode" text as UTF-16 with a byte order mark.
    const std::optional<std::string> decoded = utf8::from_utf16_or_32(raw);
    if (decoded) raw = *decoded;
    if (readers::looks_binary(raw)) throw Error(ErrorKind::bad_input, "binary file, not text");
    std::string text(raw);
    if (const auto nul = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\0'))) {
        std::erase(text, '\0');
        warnings.push_back("removed " + std::to_string(nul) + " NUL byte" + (nul > 1 ? "s" : ""));
    }
    if (const std::size_t replaced = utf8::repair(text))
        warnings.push_back("replaced " + std::to_string(replaced) + " invalid UTF-8 byte sequence" +
                           (replaced > 1 ? "s" : ""));
    normalise_line_ends(text);
    if (readers::trim(text).empty()) throw Error(ErrorKind::bad_input, "empty file");
    return text;
}

// Closes the descriptor when the read is over, however it ends.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    int get() const { return fd_; }

private:
    int fd_;
};

std::string errno_text() {
    return std::strerror(errno);
}

// Fills `buffer` from `fd` up to its size; returns the bytes read (less at end of file).
std::size_t read_fully(int fd, char* buffer, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::read(fd, buffer + done, size - done);
        if (n == 0) break;
        if (n < 0) {
            if (errno == EINTR) continue;
            throw Error(ErrorKind::io, "cannot read: " + errno_text());
        }
        done += static_cast<std::size_t>(n);
    }
    return done;
}

std::string megabytes(std::uintmax_t bytes) {
    return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MB";
}

std::string lower_extension(const std::filesystem::path& path) {
    std::string extension = path.extension().string();
    for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return extension;
}

}  // namespace

namespace readers {

// NUL bytes or other control characters beyond a tiny fraction mean binary data (or
// UTF-16, which the readers do not decode); a few NULs in text are damage.
bool looks_binary(std::string_view content) {
    const std::string_view head = content.substr(0, kSniffBytes);
    if (has_binary_magic(head)) return true;
    std::size_t nul = 0, control = 0;
    for (const char c : head) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte == 0)
            ++nul;
        else if (byte < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' &&
                 c != '\x1B')
            ++control;
    }
    return nul > std::max<std::size_t>(8, head.size() / 200) ||
           control > std::max<std::size_t>(8, head.size() / 10);
}

}  // namespace readers

ArticleFormat format_for_path(const std::filesystem::path& path) {
    const std::string extension = lower_extension(path);
    if (extension.empty() || extension == ".txt") return ArticleFormat::text;
    if (extension == ".html" || extension == ".htm") return ArticleFormat::html;
    if (extension == ".json") return ArticleFormat::json;
    if (extension == ".jsonl" || extension == ".ndjson") return ArticleFormat::jsonl;
    if (extension == ".xml" || extension == ".rss" || extension == ".rdf" || extension == ".atom" ||
        extension == ".nitf" || extension == ".newsml")
        return ArticleFormat::xml;
    if (extension == ".eml" || extension == ".mbox" || extension == ".mht" || extension == ".mhtml")
        return ArticleFormat::mail;
    if (extension == ".pdf") return ArticleFormat::pdf;
    if (extension == ".md" || extension == ".markdown") return ArticleFormat::markdown;
    // What the file really is (zip, tar, WARC, one compressed file) its first bytes say.
    for (const char* container :
         {".zip", ".tar", ".tgz", ".tbz", ".tbz2", ".txz", ".gz", ".xz", ".bz2", ".warc"})
        if (extension == container) return ArticleFormat::archive;
    return ArticleFormat::unsupported;
}

std::string_view format_name(ArticleFormat format) {
    switch (format) {
        case ArticleFormat::text:
            return "text";
        case ArticleFormat::html:
            return "html";
        case ArticleFormat::json:
            return "json";
        case ArticleFormat::jsonl:
            return "jsonl";
        case ArticleFormat::xml:
            return "xml";
        case ArticleFormat::mail:
            return "mail";
        case ArticleFormat::pdf:
            return "pdf";
        case ArticleFormat::markdown:
            return "markdown";
        case ArticleFormat::archive:
            return "archive";
        case ArticleFormat::unsupported:
            break;
    }
    return "unsupported";
}

namespace readers {

void finish_article(Article& article, ArticleFormat format, std::string_view date_path,
                    std::string_view stored_path) {
    // Valid UTF-8 in does not guarantee valid UTF-8 out: Gumbo decodes an overflowing
    // numeric character reference ("&#5555555555555555555555") into a stray byte. Soft
    // hyphens and word joiners that pages put inside words ("Vladi&shy;mir") would cut one
    // word, and one name, in two.
    const auto clean = [](std::string& text) {
        utf8::repair(text);
        utf8::remove_break_hints(text);
    };
    for (std::string* field : {&article.title, &article.subtitle, &article.body, &article.source,
                               &article.url, &article.author})
        clean(*field);
    for (auto& keyword : article.keywords) clean(keyword);
    for (auto& phrase : article.italic_phrases) clean(phrase);
    article.path = std::string(stored_path);
    // A reader leaves what the file declares, if anything; the text decides.
    article.language = article_language(article, article.language);
    if (!article.date) {
        if (const std::optional<Date> path_date = date_from_path(date_path)) {
            article.date = path_date;
            article.date_source = "path";
        }
    } else if (article.date_source.empty()) {
        article.date_source =
            format == ArticleFormat::text || format == ArticleFormat::markdown ? "date line"
            : format == ArticleFormat::json || format == ArticleFormat::jsonl  ? "json field"
                                                                               : "metadata";
    }
}

}  // namespace readers

namespace readers {

// The format the content shows, where it overrides the name: a text file (or one without
// an extension, as wire services deliver) that holds a PDF or a feed or wire item.
ArticleFormat sniffed_format(std::string_view content, ArticleFormat by_name) {
    if (by_name != ArticleFormat::text) return by_name;
    if (content.starts_with("%PDF-")) return ArticleFormat::pdf;
    if (!readers::news_xml_root(content).empty()) return ArticleFormat::xml;
    return by_name;
}

// Formats whose readers take the raw bytes: they declare their own encodings or are
// binary.
bool reads_raw_bytes(ArticleFormat format) {
    return format == ArticleFormat::xml || format == ArticleFormat::mail ||
           format == ArticleFormat::pdf;
}

std::vector<Article> read_raw(std::string_view content, ArticleFormat format, std::string_view id,
                              std::vector<std::string>& warnings) {
    if (readers::trim(content).empty()) throw Error(ErrorKind::bad_input, "empty file");
    if (format == ArticleFormat::xml) return readers::read_xml(content, id, warnings);
    if (format == ArticleFormat::mail) return readers::read_mail(content, id, warnings);
    return readers::read_pdf(content, id, warnings);
}

// `date_path` is where a date is looked for when the content has none; `stored_path` is
// what each article records as its path.
ReadResult parse_content(std::string_view content, ArticleFormat format, std::string_view id,
                         std::string_view date_path, std::string_view stored_path) {
    if (format == ArticleFormat::unsupported || format == ArticleFormat::archive)
        throw Error(ErrorKind::bad_input, "unsupported file format");
    format = sniffed_format(content, format);
    ReadResult result;
    if (reads_raw_bytes(format)) {
        result.articles = read_raw(content, format, id, result.warnings);
        for (auto& article : result.articles)
            readers::finish_article(article, format, date_path, stored_path);
        return result;
    }
    const std::string text = prepare_content(content, result.warnings);
    switch (format) {
        case ArticleFormat::text:
            result.articles = readers::read_text(text, id, result.warnings);
            break;
        case ArticleFormat::html:
            result.articles = readers::read_html(text, id, result.warnings);
            break;
        case ArticleFormat::json:
            result.articles = readers::read_json(text, id, result.warnings);
            break;
        case ArticleFormat::jsonl:
            result.articles = readers::read_jsonl(text, id, result.warnings);
            break;
        case ArticleFormat::markdown:
            result.articles = readers::read_markdown(text, id, result.warnings);
            break;
        case ArticleFormat::xml:
        case ArticleFormat::mail:
        case ArticleFormat::pdf:
        case ArticleFormat::archive:
        case ArticleFormat::unsupported:
            break;
    }
    for (auto& article : result.articles)
        readers::finish_article(article, format, date_path, stored_path);
    return result;
}

}  // namespace readers

namespace {

// parse_content, with a truncation by read_file as the first warning.
ReadResult parse_read_content(const FileContent& content, ArticleFormat format, std::string_view id,
                              std::string_view date_path, std::string_view stored_path) {
    try {
        ReadResult result =
            readers::parse_content(content.bytes, format, id, date_path, stored_path);
        if (!content.truncation.empty())
            result.warnings.insert(result.warnings.begin(), content.truncation);
        return result;
    } catch (const Error& error) {
        if (content.truncation.empty()) throw;
        throw Error(error.kind(), std::string(error.what()) + " (" + content.truncation + ")");
    }
}

}  // namespace

ReadResult parse_articles(std::string_view content, ArticleFormat format, std::string_view id,
                          std::string_view path) {
    return readers::parse_content(content, format, id, path, path);
}

FileContent read_file(const std::filesystem::path& file, ArticleFormat format) {
    const FileDescriptor fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) throw Error(ErrorKind::io, "cannot open: " + errno_text());
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) throw Error(ErrorKind::io, "cannot read: " + errno_text());
    if (S_ISDIR(info.st_mode))
        throw Error(ErrorKind::io, "cannot read: " + std::string(std::strerror(EISDIR)));

    // One byte more than the cap tells whether anything was left unread, also for pipes
    // and files that grow while we read.
    constexpr std::size_t kLimit = kMaxFileBytes + 1;
    std::size_t want =
        S_ISREG(info.st_mode)
            ? std::min<std::uintmax_t>(static_cast<std::uintmax_t>(info.st_size) + 1, kLimit)
            : std::size_t{1} << 16;
    FileContent file_content;
    std::string& content = file_content.bytes;
    std::size_t used = 0;
    for (;;) {
        content.resize(want);
        used += read_fully(fd.get(), content.data() + used, want - used);
        if (used < want || want == kLimit) break;  // end of file, or the cap
        want = std::min(want * 2, kLimit);
    }
    content.resize(used);
    if (content.size() > kMaxFileBytes) {
        content.resize(kMaxFileBytes);
        const std::string size =
            S_ISREG(info.st_mode) && static_cast<std::uintmax_t>(info.st_size) > kMaxFileBytes
                ? megabytes(static_cast<std::uintmax_t>(info.st_size))
                : "over " + megabytes(kMaxFileBytes);
        file_content.truncation =
            "file is " + size + "; only the first " + megabytes(kMaxFileBytes) + " were read";
        // Cut where a line or at least a character ends, so the cut itself is not
        // reported as a broken record or as invalid UTF-8.
        const bool line_based = format == ArticleFormat::text || format == ArticleFormat::jsonl ||
                                format == ArticleFormat::mail || format == ArticleFormat::markdown;
        const auto last_newline = content.rfind('\n');
        if (line_based && last_newline != std::string::npos)
            content.resize(last_newline + 1);
        else
            content.resize(utf8::complete_prefix(content));
    }
    return file_content;
}

ReadResult parse_file(const FileContent& content, const ArticleOrigin& origin) {
    // Dates are looked for in the path under the root, not in the root's own name; the
    // stored path is absolute, to open from anywhere.
    ReadResult result =
        parse_read_content(content, origin.format, origin.relative, origin.relative, origin.key());
    for (auto& article : result.articles) apply_metadata(origin, article);
    return result;
}

ReadResult read_articles(const std::filesystem::path& file, ArticleFormat format,
                         std::string_view id, std::string_view path) {
    if (format == ArticleFormat::unsupported || format == ArticleFormat::archive)
        throw Error(ErrorKind::bad_input, "unsupported file format");
    return parse_read_content(read_file(file, format), format, id, path, path);
}

}  // namespace newsindex
