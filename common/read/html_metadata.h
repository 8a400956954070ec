// Metadata of an HTML page: JSON-LD, microdata, <meta> and the document's own <title>,
// <time> and <link rel=canonical>, each field taken from the first source that has it
// (the order is in html_metadata.cc and the README).
#pragma once

#include <gumbo.h>

#include <optional>
#include <string>
#include <vector>

#include "common/base/date.h"

namespace newsindex::readers::html {

struct PageMetadata {
    std::string title;  // from JSON-LD, microdata or <meta>; empty when none has one
    std::string title_source;
    std::string document_title;  // <title>, as written
    std::string description;
    std::optional<Date> date;  // published date from JSON-LD, microdata or <meta>
    std::string date_source;
    std::optional<Date> modified;  // dateModified / article:modified_time, a last resort
    std::string modified_source;
    std::string author;
    std::string site_name;
    std::string url;
    std::string article_body;  // JSON-LD articleBody, when the page has one
    // The language the page declares, as written ("fr-FR"): JSON-LD inLanguage, <meta>
    // dc.language or Content-Language, <html lang>, og:locale.
    std::string language;
    // <time datetime> elements, in document order, with or without a pubdate attribute.
    std::vector<const GumboNode*> times;
    std::vector<const GumboNode*> articles;  // <article> elements, in document order
    const GumboNode* main = nullptr;         // the first <main>
    const GumboNode* body = nullptr;
    std::vector<const GumboNode*> headings;  // <h1> and <h2>, in document order
};

// One walk over the tree.
PageMetadata read_metadata(const GumboNode* document);

// The document's <title> without the site name around it ("Story - Site" -> "Story"), as
// Mozilla Readability cuts it; `headings` are the page's <h1>/<h2> texts.
std::string clean_document_title(std::string_view title, const std::vector<std::string>& headings);

// Mozilla Readability's similarity of two titles: the share of b's words (by length)
// that a has, 0..1.
double text_similarity(std::string_view a, std::string_view b);

}  // namespace newsindex::readers::html
