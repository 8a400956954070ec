// What the per-format readers share; not part of the public API.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/article.h"
#include "common/read/article_reader.h"

namespace newsindex::readers {

// Every reader below gets content that is valid UTF-8 with "\n" line ends, without a
// BOM or NUL bytes, and not blank (see prepare_content in article_reader.cc). They
// fill title, subtitle, body and the metadata they find, plus id ("#N" per record
// where the format says so); path and a date from the path are added by the caller.
// Problems that do not stop the file are appended to `warnings`; nothing readable
// throws ReadError.
std::vector<Article> read_text(std::string_view text, std::string_view id,
                               std::vector<std::string>& warnings);
std::vector<Article> read_html(std::string_view html, std::string_view id,
                               std::vector<std::string>& warnings);
std::vector<Article> read_json(std::string_view json, std::string_view id,
                               std::vector<std::string>& warnings);
std::vector<Article> read_jsonl(std::string_view jsonl, std::string_view id,
                                std::vector<std::string>& warnings);
std::vector<Article> read_markdown(std::string_view markdown, std::string_view id,
                                   std::vector<std::string>& warnings);

// The readers below get the file's raw bytes (never empty), since their formats carry
// their own encodings (an XML declaration, MIME charsets) or are binary (PDF). Every
// field they fill is valid UTF-8.
// Feeds (RSS 0.9x/1.0/2.0, Atom) and wire items (NITF, NewsML-G2, NewsML 1), by root
// element; a feed gives one article per item, id "id#GUID" (else "id#item-N").
std::vector<Article> read_xml(std::string_view bytes, std::string_view id,
                              std::vector<std::string>& warnings);
// One message (.eml, .mht) or a mailbox (several "From " lines: one article per
// message, id "id#N").
std::vector<Article> read_mail(std::string_view bytes, std::string_view id,
                               std::vector<std::string>& warnings);
std::vector<Article> read_pdf(std::string_view bytes, std::string_view id,
                              std::vector<std::string>& warnings);
// The root element's local name when `bytes` look like a news XML document (a feed or a
// wire item: "rss", "RDF", "feed", "nitf", "newsItem", "newsMessage", "NewsML"); empty
// otherwise. A cheap look at the first few KB, for sniffing.
std::string_view news_xml_root(std::string_view bytes);

// One record of a JSON Lines file (jsonl_lines.h): the article on `line`, id
// "id#line_number"; nothing, with a warning "line N: ...", when there is none.
std::optional<Article> read_jsonl_line(std::string_view line, std::size_t line_number,
                                       std::string_view id, std::vector<std::string>& warnings);

// What parse_articles does to every article a reader gives: fields repaired, `stored_path`
// recorded, a date from `date_path` when the content has none.
void finish_article(Article& article, ArticleFormat format, std::string_view date_path,
                    std::string_view stored_path);

// parse_articles with `date_path` (where a date is looked for when the content has none)
// apart from `stored_path` (what each article records as its path).
ReadResult parse_content(std::string_view content, ArticleFormat format, std::string_view id,
                         std::string_view date_path, std::string_view stored_path);

// True for bytes that are not text (a known binary signature, or too many control
// characters in `head`, the first few KB of a file).
bool looks_binary(std::string_view head);

// Most levels a JSON document may nest: nlohmann parses recursively, and deeper input
// is no article anyone wrote.
inline constexpr std::size_t kMaxJsonDepth = 64;
// True when brackets outside strings nest deeper than kMaxJsonDepth. A plain scan, so it
// cannot itself run out of stack whatever the input.
bool json_too_deep(std::string_view text);

// The paragraphs of an HTML fragment (a JSON "content" field holding markup).
std::vector<std::string> html_fragment_paragraphs(std::string_view html);

// ---- Text helpers shared by the readers (reader_text.cc) ----

// Longest title kept, in characters; longer first lines are cut at a word boundary.
inline constexpr std::size_t kMaxTitleChars = 200;

std::string_view trim(std::string_view text);
// Runs of white space (ASCII and no-break space) become one space; ends trimmed.
std::string collapse_whitespace(std::string_view text);
// `text` made into a title: collapsed, and cut to kMaxTitleChars at a word with "…".
std::string make_title(std::string_view text);
// True for a short line that sites append after the article ("Partners: ...",
// "Share this", "© 2010 ...").
bool is_boilerplate(std::string_view paragraph);
// Drops boilerplate paragraphs from the end; empty paragraphs anywhere are dropped too.
void drop_trailing_boilerplate(std::vector<std::string>& paragraphs);
std::string join_paragraphs(const std::vector<std::string>& paragraphs);
// Paragraphs of a body string: split at blank lines when there are any (line breaks
// inside are folded to spaces), else at every line break.
std::vector<std::string> split_paragraphs(std::string_view body);
// "id#N": the id of the N-th (1-based) record of a file holding several articles.
std::string record_id(std::string_view id, std::size_t n);

}  // namespace newsindex::readers
