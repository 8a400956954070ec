#include "common/search/facet_spy.h"

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "common/index/facet_values.h"

namespace newsindex {

namespace {

// Serialised form of numbers and strings: unsigned LEB128 varints, strings length-prefixed.
void put_number(std::string& out, std::uint64_t n) {
    do {
        unsigned char byte = n & 0x7f;
        n >>= 7;
        if (n != 0) byte |= 0x80;
        out += static_cast<char>(byte);
    } while (n != 0);
}

std::uint64_t get_number(std::string_view& in) {
    std::uint64_t n = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (in.empty()) throw Xapian::NetworkError("truncated facet counts");
        const auto byte = static_cast<unsigned char>(in.front());
        in.remove_prefix(1);
        n |= std::uint64_t{byte & 0x7fu} << shift;
        if ((byte & 0x80) == 0) return n;
    }
    throw Xapian::NetworkError("malformed facet counts");
}

std::string_view get_string(std::string_view& in) {
    const auto length = get_number(in);
    if (length > in.size()) throw Xapian::NetworkError("truncated facet value");
    const auto s = in.substr(0, length);
    in.remove_prefix(length);
    return s;
}

}  // namespace

void EntityFacetSpy::operator()(const Xapian::Document& doc, double) {
    ++documents_seen_;
    for_each_facet_value(doc.get_value(slot_), [this](std::string_view value) {
        if (value.empty()) return;
        if (auto it = counts_.find(value); it != counts_.end()) {
            ++it->second;
        } else {
            counts_.emplace(value, 1);
        }
    });
}

Xapian::MatchSpy* EntityFacetSpy::clone() const {
    // Xapian takes ownership of clones through its reference-counted release().
    return std::make_unique<EntityFacetSpy>(slot_).release();
}

std::string EntityFacetSpy::name() const {
    return "newsindex.EntityFacetSpy";
}

std::string EntityFacetSpy::serialise() const {
    std::string out;
    put_number(out, slot_);
    return out;
}

Xapian::MatchSpy* EntityFacetSpy::unserialise(const std::string& serialised,
                                              const Xapian::Registry&) const {
    std::string_view in = serialised;
    const auto slot = static_cast<Xapian::valueno>(get_number(in));
    return std::make_unique<EntityFacetSpy>(slot).release();
}

std::string EntityFacetSpy::serialise_results() const {
    std::string out;
    put_number(out, documents_seen_);
    put_number(out, counts_.size());
    for (const auto& [value, count] : counts_) {
        put_number(out, value.size());
        out += value;
        put_number(out, count);
    }
    return out;
}

void EntityFacetSpy::merge_results(const std::string& serialised) {
    std::string_view in = serialised;
    documents_seen_ += static_cast<Xapian::doccount>(get_number(in));
    for (auto n = get_number(in); n > 0; --n) {
        const auto value = get_string(in);
        counts_[std::string(value)] += static_cast<Xapian::doccount>(get_number(in));
    }
}

std::string EntityFacetSpy::get_description() const {
    return "EntityFacetSpy(slot " + std::to_string(slot_) + ", " + std::to_string(counts_.size()) +
           " values)";
}

std::vector<FacetCount> EntityFacetSpy::top(std::size_t limit) const {
    std::vector<FacetCount> all;
    all.reserve(counts_.size());
    for (const auto& [value, count] : counts_) all.push_back({value, count});
    const auto by_count = [](const FacetCount& a, const FacetCount& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    };
    if (limit < all.size()) {
        std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(limit), all.end(),
                          by_count);
        all.resize(limit);
    } else {
        std::sort(all.begin(), all.end(), by_count);
    }
    return all;
}

}  // namespace newsindex
