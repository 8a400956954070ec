// Finding the article text of a web page: candidate containers are scored by the text
// they hold (length, commas, paragraphs), their link density and their class/id hints,
// after Mozilla Readability's published algorithm; the winner's siblings that belong to
// the story are kept, and link lists, share bars and bylines inside it are dropped.
#pragma once

#include <gumbo.h>

#include <string>
#include <vector>

namespace newsindex::readers::html {

struct Content {
    std::vector<std::string> paragraphs;
    // The top-scoring element (the story's container); null when the page had no scorable
    // text and the whole <body> was read.
    const GumboNode* container = nullptr;
    std::string byline;  // a short "By ..." element dropped from the text
};

// The article text under `body` (the page's <body>, or the document without one).
Content extract_content(const GumboNode* body);

}  // namespace newsindex::readers::html
