// Page furniture among a web page's paragraphs: image credits and captions' credits,
// bylines, and share, follow and newsletter lines. None of it is the story, and a tagger
// reads the names in it ("Photo by Joan Bardeletti", "Devindra Hardawar/AOL", "Photos by
// cmgirl (Shutterstock), Macrovector (Shutterstock), ...") as the story's people.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsindex::readers {

// Whether one paragraph (collapsed white space) is furniture.
bool is_furniture(std::string_view paragraph);

// Drops the furniture paragraphs.
void drop_furniture(std::vector<std::string>& paragraphs);

// `text` without an image credit at its end: a page's description is often its lead
// image's caption ("... as they should be Getty Images", "... Photo: Jane Doe").
std::string strip_trailing_credit(std::string_view text);

}  // namespace newsindex::readers
