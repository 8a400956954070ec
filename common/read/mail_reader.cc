// E-mail with GMime: one message (.eml), a mailbox (.mbox: one article per message) or a
// saved page (.mht/.mhtml, the HTML part). GMime decodes RFC 2047 headers, transfer
// encodings and charsets; what no charset names or names wrongly is read as
// windows-1252, so every byte becomes text.

#include <gmime/gmime.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>

#include "common/base/error.h"
#include "common/base/utf8.h"
#include "common/read/mbox_records.h"
#include "common/read/readers.h"

namespace newsindex::readers {

namespace {

// Releases a GObject reference when it goes out of scope.
template <class T>
struct Unref {
    void operator()(T* object) const {
        if (object != nullptr) g_object_unref(object);
    }
};
template <class T>
using GPtr = std::unique_ptr<T, Unref<T>>;

void init_once() {
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}

bool valid_utf8(std::string_view text) {
    std::string copy(text);
    return utf8::repair(copy) == 0;
}

bool has_non_ascii(std::string_view text) {
    return std::any_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

bool is_latin1_label(std::string_view label) {
    std::string lower(label);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower == "iso-8859-1" || lower == "iso8859-1" || lower == "latin1" ||
           lower == "windows-1252" || lower == "us-ascii";
}

// `bytes` as UTF-8, from the `charset` it is labelled with (windows-1252 when the label
// is missing, unknown or wrong).
std::string to_utf8(std::string bytes, const char* charset) {
    const auto convert = [&](const char* from) -> std::optional<std::string> {
        gsize written = 0;
        GError* error = nullptr;
        gchar* out = g_convert(bytes.data(), static_cast<gssize>(bytes.size()), "UTF-8", from,
                               nullptr, &written, &error);
        if (error != nullptr) g_error_free(error);
        if (out == nullptr) return std::nullopt;
        std::string text(out, written);
        g_free(out);
        return text;
    };
    // Mail that was converted to UTF-8 on its way without its label changed.
    if (charset != nullptr && is_latin1_label(charset) && valid_utf8(bytes) && has_non_ascii(bytes))
        return bytes;
    if (charset != nullptr && *charset != '\0') {
        const char* iconv_name = g_mime_charset_iconv_name(charset);
        if (auto text = convert(iconv_name != nullptr ? iconv_name : charset)) return *text;
    }
    if (valid_utf8(bytes)) return bytes;
    if (auto text = convert("WINDOWS-1252")) return *text;
    utf8::repair(bytes);
    return bytes;
}

// The decoded content of a leaf part (transfer encoding undone), as UTF-8.
std::string part_text(GMimePart* part) {
    GMimeDataWrapper* content = g_mime_part_get_content(part);
    if (content == nullptr) return {};
    GPtr<GMimeStream> out(g_mime_stream_mem_new());
    g_mime_data_wrapper_write_to_stream(content, out.get());
    GByteArray* array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
    std::string bytes(reinterpret_cast<const char*>(array->data), array->len);
    if (bytes.size() > kMaxFileBytes) bytes.resize(kMaxFileBytes);
    const char* charset = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "charset");
    std::erase(bytes, '\0');
    std::string text = to_utf8(std::move(bytes), charset);
    // Mail lines end in CRLF on the wire; the readers expect "\n".
    std::string lf;
    lf.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] != '\r' || i + 1 >= text.size() || text[i + 1] != '\n') lf += text[i];
    return lf;
}

struct TextParts {
    std::string plain;
    std::string html;
};

bool is_attachment(GMimeObject* object) {
    GMimeContentDisposition* disposition = g_mime_object_get_content_disposition(object);
    return disposition != nullptr && g_mime_content_disposition_is_attachment(disposition);
}

// The first text/plain and the first text/html part that is not an attachment.
void collect_text(GMimeObject* object, TextParts& parts, int depth = 0) {
    if (object == nullptr || depth > 32) return;
    if (GMIME_IS_MULTIPART(object)) {
        GMimeMultipart* multipart = GMIME_MULTIPART(object);
        const int count = g_mime_multipart_get_count(multipart);
        for (int i = 0; i < count; ++i)
            collect_text(g_mime_multipart_get_part(multipart, i), parts, depth + 1);
        return;
    }
    if (GMIME_IS_MESSAGE_PART(object)) return;  // a forwarded message is not this one's text
    if (!GMIME_IS_PART(object) || is_attachment(object)) return;
    GMimeContentType* type = g_mime_object_get_content_type(object);
    if (type == nullptr || !g_mime_content_type_is_type(type, "text", "*")) return;
    if (g_mime_content_type_is_type(type, "text", "html")) {
        if (parts.html.empty()) parts.html = part_text(GMIME_PART(object));
    } else if (g_mime_content_type_is_type(type, "text", "plain")) {
        if (parts.plain.empty()) parts.plain = part_text(GMIME_PART(object));
    }
}

// A saved page keeps the page in a multipart/related message (or is one HTML part).
bool is_saved_page(GMimeObject* body) {
    GMimeContentType* type = body == nullptr ? nullptr : g_mime_object_get_content_type(body);
    return type != nullptr && g_mime_content_type_is_type(type, "multipart", "related");
}

std::string sender_of(GMimeMessage* message) {
    InternetAddressList* from = g_mime_message_get_from(message);
    if (from == nullptr || internet_address_list_length(from) == 0) return {};
    InternetAddress* address = internet_address_list_get_address(from, 0);
    if (const char* name = internet_address_get_name(address); name != nullptr && *name != '\0')
        return name;
    if (INTERNET_ADDRESS_IS_MAILBOX(address))
        if (const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address)))
            return addr;
    return {};
}

std::optional<Article> message_article(GMimeMessage* message, std::vector<std::string>& warnings) {
    Article article;
    GMimeObject* body = g_mime_message_get_mime_part(message);
    TextParts parts;
    collect_text(body, parts);
    // A plain part of a line or two beside a long HTML one is "view this in a browser".
    const bool saved_page = is_saved_page(body);
    const bool html_first =
        saved_page || parts.plain.empty() || trim(parts.plain).size() * 50 < parts.html.size();
    if (html_first && !trim(parts.html).empty()) {
        try {
            std::vector<Article> page = read_html(parts.html, "", warnings);
            article = std::move(page.front());
        } catch (const Error&) {
            // A page with no text: the plain part, if any, below.
        }
    }
    if (article.body.empty() && !trim(parts.plain).empty()) {
        // The signature ("-- " on a line of its own, RFC 3676) is no part of the text.
        std::string_view plain = parts.plain;
        if (const auto signature = plain.rfind("\n-- \n"); signature != std::string_view::npos)
            plain = plain.substr(0, signature);
        else if (plain.ends_with("\n--") || plain.ends_with("\n-- "))
            plain = plain.substr(0, plain.rfind('\n'));
        auto paragraphs = split_paragraphs(plain);
        while (!paragraphs.empty() && trim(paragraphs.back()).starts_with("--") &&
               trim(paragraphs.back()).size() <= 3)
            paragraphs.pop_back();
        drop_trailing_boilerplate(paragraphs);
        article.body = join_paragraphs(paragraphs);
    }
    // A saved page's own headline beats the subject its browser wrote ("Story - Site").
    const char* subject =
        saved_page && !article.title.empty() ? nullptr : g_mime_message_get_subject(message);
    if (subject != nullptr) {
        std::string title(subject);
        utf8::repair(title);
        if (!trim(title).empty()) article.title = make_title(title);
    }
    if (article.title.empty() && !article.body.empty())
        article.title = make_title(split_paragraphs(article.body).front());
    if (article.title.empty() && article.body.empty()) return std::nullopt;
    std::string sender = sender_of(message);
    utf8::repair(sender);
    // A saved page's own site name beats "Saved by Blink".
    if (!sender.empty() && !(saved_page && !article.source.empty()))
        article.source = collapse_whitespace(sender);
    if (GDateTime* date = article.date ? nullptr : g_mime_message_get_date(message)) {
        if (auto day = make_date(g_date_time_get_year(date),
                                 static_cast<unsigned>(g_date_time_get_month(date)),
                                 static_cast<unsigned>(g_date_time_get_day_of_month(date)))) {
            article.date = day;
            article.date_source = "mail Date";
        }
    }
    return article;
}

}  // namespace

std::vector<Article> read_mail(std::string_view bytes, std::string_view id,
                               std::vector<std::string>& warnings) {
    init_once();
    // Blank lines or spaces before the first header (mail saved by hand) are no part of it.
    const auto start = bytes.find_first_not_of(" \t\r\n");
    if (start != std::string_view::npos) bytes.remove_prefix(start);
    const bool mailbox = bytes.starts_with(kMboxFromLine);
    std::vector<Article> articles;
    std::size_t position = 0;
    for (std::size_t at = 0; at < bytes.size() || position == 0;) {
        const std::size_t end = mailbox ? find_mbox_separator(bytes, at, at) : bytes.size();
        const std::string_view raw =
            bytes.substr(at, end == std::string_view::npos ? end : end - at);
        at = std::min(end, bytes.size());
        const std::string lone = mailbox ? mbox_message(raw) : std::string(raw);
        // GMime reads the buffer in place: the stream does not own it.
        GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(lone.data(), lone.size()));
        GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
        g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
        GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
        if (!message) {
            if (!mailbox) break;
            warnings.push_back("message " + std::to_string(++position) + ": no header, skipped");
            continue;
        }
        ++position;
        if (auto article = message_article(message.get(), warnings)) {
            article->id = record_id(id, position);
            articles.push_back(std::move(*article));
        } else {
            warnings.push_back("message " + std::to_string(position) +
                               ": no subject or text, skipped");
        }
    }
    if (position == 0) throw Error(ErrorKind::bad_input, "not an e-mail message (no header)");
    if (articles.empty())
        throw Error(ErrorKind::bad_input,
                    position == 1 ? "no subject or text" : "no message with a subject or text");
    // One message is the file itself, as a JSON file of one object is.
    if (position == 1) articles.front().id = std::string(id);
    return articles;
}

}  // namespace newsindex::readers
