// The readers of each news XML format, from the parsed root element (xml_reader.cc picks
// one by its name). Not part of the public API.
#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/base/article.h"

namespace newsindex::readers {

// Feeds (xml_feed.cc): one article per item or entry.
std::vector<Article> read_rss(const xmlNode* root, std::string_view id,
                              std::vector<std::string>& warnings);
std::vector<Article> read_atom(const xmlNode* root, std::string_view id,
                               std::vector<std::string>& warnings);

// Wire items (xml_wire.cc): one article per story; a NewsML message holding several
// stories gives several, "id#N".
std::vector<Article> read_nitf(const xmlNode* root, std::string_view id,
                               std::vector<std::string>& warnings);
std::vector<Article> read_newsml_g2(const xmlNode* root, std::string_view id,
                                    std::vector<std::string>& warnings);
std::vector<Article> read_newsml_1(const xmlNode* root, std::string_view id,
                                   std::vector<std::string>& warnings);

}  // namespace newsindex::readers
