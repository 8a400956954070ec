#include "common/ner/normalize.h"

#include <algorithm>
#include <array>
#include <map>
#include <numeric>
#include <span>
#include <string>

#include "common/base/entity_key.h"
#include "common/base/utf8.h"
#include "common/ner/name_lists.h"
#include "common/ner/text_norm.h"

namespace newsindex::ner {

namespace {

constexpr std::array<std::string_view, 88> kTitles = {"Mr.",         "Mrs.",
                                                      "Ms.",         "Dr.",
                                                      "Prof.",       "Gen.",
                                                      "Lt.",         "Col.",
                                                      "Maj.",        "Capt.",
                                                      "Sgt.",        "Cpl.",
                                                      "Adm.",        "Cmdr.",
                                                      "Sen.",        "Rep.",
                                                      "Gov.",        "Rev.",
                                                      "Pres.",       "Brig.",
                                                      "Hon.",        "Mr",
                                                      "Mrs",         "Ms",
                                                      "Dr",          "Messrs.",
                                                      "President",   "Vice",
                                                      "Prime",       "Minister",
                                                      "Secretary",   "Foreign",
                                                      "Defense",     "Defence",
                                                      "Interior",    "Finance",
                                                      "General",     "Chancellor",
                                                      "King",        "Queen",
                                                      "Prince",      "Princess",
                                                      "Pope",        "Sheikh",
                                                      "Ayatollah",   "Senator",
                                                      "Governor",    "Mayor",
                                                      "Judge",       "Justice",
                                                      "Chairman",    "Chairwoman",
                                                      "Chief",       "Ambassador",
                                                      "Commander",   "Lieutenant",
                                                      "Colonel",     "Major",
                                                      "Captain",     "Sergeant",
                                                      "Admiral",     "Sir",
                                                      "Dame",        "Lord",
                                                      "Lady",        "Deputy",
                                                      "Premier",     "Speaker",
                                                      "Rabbi",       "Cardinal",
                                                      "Bishop",      "Archbishop",
                                                      "Father",      "Emperor",
                                                      "Crown",       "Grand",
                                                      "Leader",      "Former",
                                                      "former",      "Acting",
                                                      "Attorney",    "Representative",
                                                      "Congressman", "Congresswoman",
                                                      "Saint",       "Gens.",
                                                      "Treasurer",   "Commissioner"};

// Wire copy glues month abbreviations to the names before them ("New York Dec").
bool is_month_abbreviation(std::string_view w) {
    static constexpr std::array<std::string_view, 24> kMonths = {
        "Jan",  "Feb",  "Mar",  "Apr",  "Jun",   "Jul",  "Aug",  "Sep",
        "Sept", "Oct",  "Nov",  "Dec",  "Jan.",  "Feb.", "Mar.", "Apr.",
        "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec."};
    // Wire tables write them in capitals ("JAN UNTRD").
    return std::any_of(kMonths.begin(), kMonths.end(),
                       [&](std::string_view m) { return equals_ignoring_ascii_case(w, m); });
}

// An ASCII letter or the lead byte of a non-ASCII character (in names, nearly always a
// letter).
bool starts_letter(char c) {
    return lower_ascii_letter(lower_ascii(c)) || static_cast<unsigned char>(c) >= 0xC3;
}

// Mentions that name nobody, however the tagger typed them: a lone month or weekday
// ("Jan", "Monday"), initials alone ("L"), company forms alone ("Co Inc"), and the units
// of wire-service tables ("Shr 1.20 dlrs vs 1.10", "U.S. Dlrs").
bool names_nothing(std::span<const Token> words) {
    // Not "May", "June", "April", "August", "March": people are named so.
    static constexpr std::array<std::string_view, 14> kCalendar = {
        "january", "february", "july",      "september", "october", "november", "december",
        "monday",  "tuesday",  "wednesday", "thursday",  "friday",  "saturday", "sunday"};
    static constexpr std::array<std::string_view, 15> kWireUnits = {
        "shr", "shrs", "dlr",  "dlrs", "mln", "mlns",  "cts", "pct",
        "qtr", "qtly", "revs", "avg",  "vs",  "untrd", "unch"};
    const auto in = [](const auto& list, std::string_view w) {
        return std::any_of(list.begin(), list.end(),
                           [&](std::string_view x) { return equals_ignoring_ascii_case(w, x); });
    };
    std::size_t letters = 0;
    bool all_company_forms = true;
    for (const auto& t : words) {
        if (in(kWireUnits, t.text)) return true;
        letters +=
            static_cast<std::size_t>(std::count_if(t.text.begin(), t.text.end(), starts_letter));
        all_company_forms = all_company_forms && is_corporate_suffix(t.text);
    }
    if (letters < 2 || all_company_forms) return true;
    return words.size() == 1 &&
           (is_month_abbreviation(words[0].text) || in(kCalendar, words[0].text));
}

bool is_possessive(std::string_view w) {
    return w == "'s" || w == "'S" || w == "\u2019s" || w == "'" || w == "\u2019";
}

bool has_letter(std::string_view s) {
    return std::any_of(s.begin(), s.end(), starts_letter);
}

std::string collapse_spaces(std::string_view s) {
    std::string out;
    bool space = false;
    for (const char c : s) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::string span_text(const Mention& m, std::size_t b, std::size_t e) {
    return collapse_spaces(
        m.source.substr(m.tokens[b].begin, m.tokens[e - 1].end - m.tokens[b].begin));
}

struct Group {
    EntityKind kind = EntityKind::person;
    std::string key;
    std::vector<std::string> words;                  // case-folded words of the cleaned name
    std::vector<std::pair<std::string, int>> forms;  // cleaned name -> count, first-seen order
    int count = 0;
    std::size_t first = 0;  // index of the first mention
    std::array<int, 3> kind_votes{};
    std::array<int, 3> strong_votes{};  // of mentions whose context says the kind
    int merged_into = -1;
    bool supported = false;
    bool dropped = false;  // names no entity of its own
    bool company = false;  // some form ends in "Inc", "Corp", ...
};

// Head words of bodies that are surnames too ("Margaret Court", "Charlotte Church").
bool is_surname_head(std::string_view word) {
    static constexpr std::array<std::string_view, 8> kHeads = {
        "court", "church", "bank", "board", "front", "club", "police", "congress"};
    return std::find(kHeads.begin(), kHeads.end(), word) != kHeads.end();
}

// Where a person's name starts once common words glued before it are cut: a word of a
// heading or a role before a given name ("Feminist Glenn Fleishman", "Snopes Fact-Checker
// David Emery"; not "Archer Daniels Midland").
// Given names stay ("Rose Smith"), and so does a two-word name after any other word
// ("Garret Alfert"); words.size() when no person is left.
std::size_t after_common_words(std::span<const Token> words) {
    const auto common = [](std::string_view w) {
        return upper_ascii(w.front()) && is_common_word(w) && !is_given_name(w);
    };
    // Firms named after people keep their names ("Archer Daniels Midland Co").
    if (std::any_of(words.begin(), words.end(), [](const Token& t) {
            return is_corporate_suffix(t.text) || !upper_ascii(t.text.front());
        }))
        return 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i + 2 < words.size(); ++i)
        if (common(words[i].text) && is_given_name(words[i + 1].text)) start = i + 1;
    // Two words with a verb form first ("Haunted Izuku", "Added Mutton") are a heading or
    // a title, and a word before a given name ("Aunt Miranda") leaves a name that names
    // nobody: no person at all (all the words are cut).
    if (start == 0 && words.size() == 2 && common(words[0].text) &&
        (words[0].text.ends_with("ed") || words[0].text.ends_with("ing") ||
         is_given_name(words[1].text)))
        start = 2;
    return start;
}

std::vector<std::string> key_words(const std::string& key) {
    std::vector<std::string> out;
    for_each_name_word(key, [&](std::string_view w) { out.emplace_back(w); });
    return out;
}

// `tail` ends the person name `full`: "Bakiyev" of "Kurmanbek Bakiyev", and "Bashir" of
// "Omar Hassan al-Bashir" (an Arabic article prefix glued to the surname).
bool ends_person_name(const std::vector<std::string>& tail, const std::vector<std::string>& full) {
    if (std::equal(tail.rbegin(), tail.rend(), full.rbegin())) return true;
    if (tail.size() != 1 || full.empty()) return false;
    const std::string& last = full.back();
    const std::string& word = tail.front();
    if (last.size() <= word.size() + 1 || !last.ends_with(word)) return false;
    const std::size_t dash = last.size() - word.size() - 1;
    static constexpr std::array<std::string_view, 6> kPrefixes = {"al", "el",  "ad",
                                                                  "as", "ash", "an"};
    return last[dash] == '-' &&
           std::find(kPrefixes.begin(), kPrefixes.end(), std::string_view(last).substr(0, dash)) !=
               kPrefixes.end();
}

int find_root(std::vector<Group>& groups, int g) {
    while (groups[static_cast<std::size_t>(g)].merged_into >= 0)
        g = groups[static_cast<std::size_t>(g)].merged_into;
    return g;
}

void merge(std::vector<Group>& groups, int from, int into) {
    from = find_root(groups, from);
    into = find_root(groups, into);
    if (from == into) return;
    auto& a = groups[static_cast<std::size_t>(from)];
    auto& b = groups[static_cast<std::size_t>(into)];
    a.merged_into = into;
    b.count += a.count;
    b.supported = b.supported || a.supported;
    b.first = std::min(b.first, a.first);
    for (const auto& f : a.forms) {
        const auto it = std::find_if(b.forms.begin(), b.forms.end(),
                                     [&](const auto& x) { return x.first == f.first; });
        if (it == b.forms.end())
            b.forms.push_back(f);
        else
            it->second += f.second;
    }
    for (std::size_t k = 0; k < 3; ++k) {
        b.kind_votes[k] += a.kind_votes[k];
        b.strong_votes[k] += a.strong_votes[k];
    }
}

// A name seen only in capitals, as written in a headline, in title case: people always
// ("VOLCKER" -> "Volcker"), organisations and places when a word is too long to be an
// acronym ("BANK OF JAPAN" -> "Bank of Japan", but "IMF", "U.S.").
std::string unshouted(const std::string& name, EntityKind kind) {
    if (!utf8::is_upper_case(name)) return name;
    std::vector<std::string_view> words;
    for_each_name_word(name, [&](std::string_view w) { words.push_back(w); });
    const bool has_long_word = std::any_of(words.begin(), words.end(), [](std::string_view w) {
        return w.find('.') == std::string::npos && utf8::length(w) > 4;
    });
    if (kind != EntityKind::person && !has_long_word) return name;
    static constexpr std::array<std::string_view, 8> kLowerConnectors = {"OF", "THE", "AND", "FOR",
                                                                         "DE", "DU",  "VON", "VAN"};
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string_view w = words[i];
        if (i > 0) out += ' ';
        const bool connector = i > 0 && std::find(kLowerConnectors.begin(), kLowerConnectors.end(),
                                                  w) != kLowerConnectors.end();
        if (w.find('.') != std::string::npos) {
            out += w;  // "U.S.", "J."
        } else if (connector) {
            for (const char c : w) out += static_cast<char>(c - 'A' + 'a');  // the list is ASCII
        } else {
            out += utf8::title_case(w);
        }
    }
    return out;
}

// Words that open the names of banks and firms, never of people ("Credit Lyonnais",
// "Banque Paribas").
bool starts_like_a_firm(const std::vector<std::string>& words) {
    static constexpr std::array<std::string_view, 16> kFirstWords = {
        "banque",  "banco",     "banca",  "bank",     "credit",   "caisse", "societe",   "usines",
        "société", "compagnie", "groupe", "deutsche", "generale", "union",  "nationale", "cie"};
    return words.size() >= 2 &&
           std::find(kFirstWords.begin(), kFirstWords.end(), words.front()) != kFirstWords.end();
}

// Organisation names that say what kind of body, not which: "Bank", "the Commission",
// "Central Bank". Such a name stands for the one body of the article whose name holds it
// ("Bank" -> "Bank of Japan"); without one it names nothing the reader could look for.
bool is_generic_head(std::string_view key) {
    static constexpr std::array<std::string_view, 37> kHeads = {"parliament",
                                                                "community",
                                                                "finance ministry",
                                                                "foreign ministry",
                                                                "trade ministry",
                                                                "economy ministry",
                                                                "ministry of finance",
                                                                "bank",
                                                                "central bank",
                                                                "commission",
                                                                "ministry",
                                                                "department",
                                                                "group",
                                                                "agency",
                                                                "committee",
                                                                "council",
                                                                "company",
                                                                "corporation",
                                                                "board",
                                                                "government",
                                                                "authority",
                                                                "court",
                                                                "exchange",
                                                                "union",
                                                                "party",
                                                                "fund",
                                                                "institute",
                                                                "association",
                                                                "federation",
                                                                "office",
                                                                "bureau",
                                                                "administration",
                                                                "cabinet",
                                                                "firm",
                                                                "bank board",
                                                                "state",
                                                                "embassy"};
    return std::find(kHeads.begin(), kHeads.end(), key) != kHeads.end();
}

// Currencies, diseases and market indices the tagger takes for organisations or people
// ("U.S. Dollar", "AIDS", "Dow Jones Industrial Average").
bool is_currency_or_disease(const std::vector<std::string>& words) {
    static constexpr std::array<std::string_view, 43> kWords = {
        "average",     "index",   "indices",  "dollar",   "dollars", "yen",      "mark",
        "marks",       "franc",   "francs",   "pound",    "pounds",  "sterling", "lira",
        "lire",        "peso",    "pesos",    "rupee",    "rupees",  "rand",     "krona",
        "kronor",      "krone",   "guilder",  "guilders", "peseta",  "pesetas",  "schilling",
        "yuan",        "cruzado", "cruzados", "rouble",   "ruble",   "dinar",    "riyal",
        "ecu",         "aids",    "hiv",      "sars",     "ebola",   "malaria",  "cholera",
        "tuberculosis"};
    return !words.empty() && std::find(kWords.begin(), kWords.end(), words.back()) != kWords.end();
}

void resolve_generic_heads(std::vector<Group>& groups) {
    const int n = static_cast<int>(groups.size());
    for (int hi = 0; hi < n; ++hi) {
        Group& head = groups[static_cast<std::size_t>(hi)];
        if (head.merged_into >= 0) continue;
        if (is_currency_or_disease(head.words)) {
            head.dropped = true;
            continue;
        }
        if (head.kind != EntityKind::org) continue;
        if (!is_generic_head(head.key)) continue;
        int target = -1;
        for (int oi = 0; oi < n; ++oi) {
            const Group& o = groups[static_cast<std::size_t>(oi)];
            if (oi == hi || o.merged_into >= 0 || o.kind != EntityKind::org ||
                o.words.size() <= head.words.size() || is_generic_head(o.key))
                continue;
            if (std::search(o.words.begin(), o.words.end(), head.words.begin(), head.words.end()) ==
                o.words.end())
                continue;
            if (target < 0 || o.count > groups[static_cast<std::size_t>(target)].count) target = oi;
        }
        if (target >= 0)
            merge(groups, hi, target);
        else
            head.dropped = true;
    }
}

}  // namespace

bool is_title_word(std::string_view word) {
    if (std::find(kTitles.begin(), kTitles.end(), word) != kTitles.end()) return true;
    // Headlines in capitals: "PRESIDENT", "MR." (the titles are ASCII).
    if (word.size() < 2 || std::any_of(word.begin(), word.end(), lower_ascii_letter)) return false;
    return std::any_of(kTitles.begin(), kTitles.end(), [&](std::string_view title) {
        return equals_ignoring_ascii_case(title, word);
    });
}

std::string acronym_letters(std::string_view name) {
    std::string out;
    for (const char c : name) {
        if (c == '.') continue;
        if (!upper_ascii(c)) return {};
        out += c;
    }
    return out.size() >= 2 && out.size() <= 6 ? out : std::string{};
}

std::string initials(std::string_view name) {
    static constexpr std::array<std::string_view, 8> kSkip = {"of", "for", "and", "the",
                                                              "in", "on",  "de",  "&"};
    std::string out;
    std::size_t i = 0;
    while (i < name.size()) {
        const std::size_t j = std::min(name.find(' ', i), name.size());
        const std::string_view w = name.substr(i, j - i);
        if (!w.empty() && std::find(kSkip.begin(), kSkip.end(), w) == kSkip.end()) {
            if (!upper_ascii(w[0])) return {};
            out += w[0];
            // "Al-Qaida"-style hyphenated words contribute only their first letter.
        }
        i = j + 1;
    }
    return out;
}

std::string bare_company_key(std::string_view key) {
    std::vector<std::string_view> words;
    for_each_name_word(key, [&](std::string_view w) { words.push_back(w); });
    std::size_t n = words.size();
    while (n > 1 && is_corporate_suffix(words[n - 1])) --n;
    if (n > 1 && n < words.size() && (words[n - 1] == "and" || words[n - 1] == "&")) --n;
    std::string bare;
    for (std::size_t i = 0; i < n; ++i) bare.append(i ? " " : "").append(words[i]);
    return bare;
}

bool is_corporate_suffix(std::string_view word) {
    static constexpr std::array<std::string_view, 28> kSuffixes = {
        "co",   "co.",      "inc",  "inc.",   "corp",    "corp.",        "ltd",
        "ltd.", "plc",      "llc",  "ag",     "n.v.",    "s.a.",         "cos",
        "kk",   "k.k.",     "gmbh", "s.p.a.", "spa",     "nv",           "bv",
        "pty",  "brothers", "bros", "bros.",  "limited", "incorporated", "corporation"};
    return std::any_of(kSuffixes.begin(), kSuffixes.end(), [&](std::string_view suffix) {
        return equals_ignoring_ascii_case(word, suffix);
    });
}

std::vector<Entity> normalize_mentions(std::span<const Mention> mentions) {
    std::vector<Group> groups;
    std::map<std::string, int, std::less<>> by_key;
    struct Cleaned {
        int group;
        std::string surface;
    };
    std::vector<Cleaned> cleaned;
    for (std::size_t mi = 0; mi < mentions.size(); ++mi) {
        const Mention& m = mentions[mi];
        std::size_t b = 0, e = m.tokens.size();
        while (e > b && is_possessive(m.tokens[e - 1].text)) --e;
        while (m.headline && e - b > 1 && is_headline_verb(m.tokens[e - 1].text)) --e;
        if (std::any_of(m.tokens.begin() + static_cast<std::ptrdiff_t>(b),
                        m.tokens.begin() + static_cast<std::ptrdiff_t>(e),
                        [](const Token& t) { return is_period_word(t.text); }))
            continue;
        while (e - b > 1 &&
               (is_month_abbreviation(m.tokens[e - 1].text) || !has_letter(m.tokens[e - 1].text)))
            --e;
        if (e == b || names_nothing(std::span(m.tokens).subspan(b, e - b))) continue;
        while (e - b > 1 && (m.tokens[b].text == "the" || m.tokens[b].text == "The" ||
                             m.tokens[b].text == "THE"))
            ++b;
        const std::string surface = span_text(m, b, e);
        bool strong = m.strong;
        if (m.kind == EntityKind::person) {
            const std::size_t before_titles = b;
            // "president Barber Conable": lower-case words never start a name.
            while (e - b > 1 && !upper_ascii(m.tokens[b].text.front()) &&
                   starts_letter(m.tokens[b].text.front()))
                ++b;
            // "Fed Chairman Paul Volcker": capitalised words up to a title are the title.
            for (std::size_t t = e - 1; t > b; --t) {
                if (!is_title_word(m.tokens[t - 1].text)) continue;
                const bool all_capitalised =
                    std::all_of(m.tokens.begin() + static_cast<std::ptrdiff_t>(b),
                                m.tokens.begin() + static_cast<std::ptrdiff_t>(t),
                                [](const Token& w) { return upper_ascii(w.text.front()); });
                if (all_capitalised) b = t;
                break;
            }
            while (e - b > 1 && is_title_word(m.tokens[b].text)) ++b;
            strong = strong || (b > before_titles && is_title_word(m.tokens[b - 1].text));
            b = after_common_words(std::span(m.tokens).subspan(b, e - b)) + b;
            if (b == e) continue;
        }
        // "Nelson Nelson": two cells of a table read as one name.
        if (e - b == 2 && equals_ignoring_ascii_case(m.tokens[b].text, m.tokens[b + 1].text)) --e;
        // Events are neither people, bodies nor places ("Vietnam War", "Great Depression").
        if (e - b > 1 && is_event_head(m.tokens[e - 1].text)) continue;
        // Digits are in no one's name: "May8 Untrd" is a wire table's column; nor in a
        // place's, where they are coordinates or models ("41°17′S", "LGP-30").
        if (m.kind != EntityKind::org &&
            std::any_of(m.tokens.begin() + static_cast<std::ptrdiff_t>(b),
                        m.tokens.begin() + static_cast<std::ptrdiff_t>(e), [](const Token& t) {
                            return std::any_of(t.text.begin(), t.text.end(),
                                               [](char c) { return c >= '0' && c <= '9'; });
                        }))
            continue;
        // A lone title tagged as a person ("President said") names nobody, and neither does
        // a lone word of two letters ("Mi" of "D-Mi.", "Mi-Tech").
        if (m.kind == EntityKind::person && e - b == 1 &&
            (is_title_word(m.tokens[b].text) || utf8::length(m.tokens[b].text) <= 2))
            continue;
        std::string name = span_text(m, b, e);
        // "Goldman, Sachs and Co" is written as "Goldman Sachs and Co" too.
        if (m.kind == EntityKind::org && e - b > 2 && is_corporate_suffix(m.tokens[e - 1].text))
            std::erase(name, ',');
        for (const std::string_view possessive : {"'s", "'S", "\u2019s", "\u2019S"})
            if (name.size() > possessive.size() && name.ends_with(possessive)) {
                name.erase(name.size() - possessive.size());
                break;
            }
        // "Salomon Brothers Inc." at the end of a sentence is "Salomon Brothers Inc"; "U.S."
        // and abbreviations ("Fla.", Florida) keep their periods.
        if (e - b > 1 && name.ends_with('.') && is_corporate_suffix(m.tokens[e - 1].text) &&
            std::count(m.tokens[e - 1].text.begin(), m.tokens[e - 1].text.end(), '.') == 1)
            name.pop_back();
        // Table-of-contents marks and titles joined by dashes ("^ World Economic Outlook",
        // "Factsheet – New Zealand – Political Forces") are no names.
        if (!has_letter(name) || has_cjk_text(name) || name.find('^') != std::string::npos ||
            name.find(" \u2013 ") != std::string::npos)
            continue;
        if (known_name(name) == KnownName::none) continue;
        // Reference lists: "Anderson, A. J.", "Swarbrick, Nancy", "Michael J." name an
        // author cut from a citation, not a person of the story.
        if (m.kind == EntityKind::person &&
            (name.find(',') != std::string::npos ||
             (e - b > 1 && m.tokens[e - 1].text.size() <= 2 &&
              upper_ascii(m.tokens[e - 1].text.front()) &&
              (m.tokens[e - 1].text.size() == 1 || m.tokens[e - 1].text[1] == '.'))))
            continue;
        auto [canonical_name, key] = canonical_entity_name(m.kind, name);
        name = std::move(canonical_name);
        if (key.empty()) continue;
        auto [it, inserted] = by_key.try_emplace(key, static_cast<int>(groups.size()));
        if (inserted) {
            Group g;
            g.kind = m.kind;
            g.key = key;
            g.words = key_words(key);
            g.first = mi;
            groups.push_back(std::move(g));
        }
        Group& g = groups[static_cast<std::size_t>(it->second)];
        if (e - b > 1 && is_corporate_suffix(m.tokens[e - 1].text)) g.company = true;
        ++g.count;
        g.supported = g.supported || !m.needs_support;
        ++g.kind_votes[static_cast<std::size_t>(m.kind)];
        if (strong) ++g.strong_votes[static_cast<std::size_t>(m.kind)];
        const auto f = std::find_if(g.forms.begin(), g.forms.end(),
                                    [&](const auto& x) { return x.first == name; });
        if (f == g.forms.end())
            g.forms.emplace_back(name, 1);
        else
            ++f->second;
        cleaned.push_back({it->second, surface});
    }

    // Majority kind per name, among the strong mentions when there are any ("President
    // Obama" outvotes "Obama" read as a place); a tie goes to the kind of the first mention.
    for (auto& g : groups) {
        const bool any_strong =
            std::any_of(g.strong_votes.begin(), g.strong_votes.end(), [](int v) { return v > 0; });
        const auto& votes = any_strong ? g.strong_votes : g.kind_votes;
        int best = static_cast<int>(g.kind);
        for (int k = 0; k < 3; ++k)
            if (votes[static_cast<std::size_t>(k)] > votes[static_cast<std::size_t>(best)])
                best = k;
        g.kind = static_cast<EntityKind>(best);
        // What the word lists know outweighs the tagger; names of bodies stay bodies
        // ("African Union" read as a place).
        const auto known = known_name(g.key);
        if (known == KnownName::person) g.kind = EntityKind::person;
        if (known == KnownName::org) g.kind = EntityKind::org;
        if (known == KnownName::place) g.kind = EntityKind::place;
        // "Royal Navy" read as a person too, but "Margaret Court" is one: a given name
        // first keeps a person only before a head word that is also a surname.
        if (!known && g.kind != EntityKind::org && g.words.size() >= 2 &&
            is_organisation_head(g.words.back()) &&
            (g.kind == EntityKind::place || !is_given_name(g.words.front()) ||
             !is_surname_head(g.words.back())))
            g.kind = EntityKind::org;
        // "Solander Islands" read as a body is a place.
        if (!known && g.kind == EntityKind::org && g.words.size() >= 2 &&
            is_place_head(g.words.back()) && !g.company)
            g.kind = EntityKind::place;
    }

    for (auto& g : groups)
        if (g.company || (g.kind == EntityKind::person && starts_like_a_firm(g.words)))
            g.kind = EntityKind::org;
    const int n = static_cast<int>(groups.size());
    // "BankAmerica" joins "BankAmerica Corp", "Merrill Lynch" "Merrill Lynch and Co Inc".
    for (int ci = 0; ci < n; ++ci) {
        const Group& c = groups[static_cast<std::size_t>(ci)];
        if (!c.company || c.words.size() < 2) continue;
        const std::string base = bare_company_key(c.key);
        const auto it = by_key.find(base);
        // Several company forms of one name ("... and Co Inc", "... AND CO") meet there too.
        if (it != by_key.end() && it->second != ci) {
            groups[static_cast<std::size_t>(it->second)].kind = EntityKind::org;
            merge(groups, it->second, ci);
        }
    }
    std::vector<int> by_length(static_cast<std::size_t>(n));
    std::iota(by_length.begin(), by_length.end(), 0);
    std::stable_sort(by_length.begin(), by_length.end(), [&](int a, int b) {
        return groups[static_cast<std::size_t>(a)].words.size() >
               groups[static_cast<std::size_t>(b)].words.size();
    });

    // "Bakiyev" / "Mr. Bakiyev" -> "Kurmanbek Bakiyev": a shorter name that ends a longer
    // person name joins the most frequent such person. Single words tagged ORG/LOC that are
    // the surname of a person in the same article are taken as that person too.
    for (const int si : by_length) {
        Group& s = groups[static_cast<std::size_t>(si)];
        if (s.merged_into >= 0 || s.company) continue;
        if (s.kind != EntityKind::person && s.words.size() != 1) continue;
        int target = -1;
        for (const int li : by_length) {
            const Group& l = groups[static_cast<std::size_t>(li)];
            if (l.words.size() <= s.words.size()) break;
            if (l.kind != EntityKind::person || l.merged_into >= 0) continue;
            if (!ends_person_name(s.words, l.words)) continue;
            if (target < 0 || l.count > groups[static_cast<std::size_t>(target)].count) target = li;
        }
        if (target >= 0) {
            s.kind = EntityKind::person;
            merge(groups, si, target);
        }
    }

    // "Max" -> "Max Verstappen": a lone given name joins the one full person name of the
    // article that starts with it. Several ("Max Verstappen", "Max Mosley") leave it alone,
    // and the extractor drops it: a given name alone names nobody.
    for (int si = 0; si < n; ++si) {
        Group& s = groups[static_cast<std::size_t>(si)];
        if (s.merged_into >= 0 || s.company || s.words.size() != 1 || !is_given_name(s.key))
            continue;
        int target = -1;
        bool several = false;
        for (int li = 0; li < n; ++li) {
            const Group& l = groups[static_cast<std::size_t>(li)];
            if (l.merged_into >= 0 || l.kind != EntityKind::person || l.words.size() < 2 ||
                l.words.front() != s.words.front())
                continue;
            several = several || target >= 0;
            target = li;
        }
        if (target >= 0 && !several) {
            s.kind = EntityKind::person;
            merge(groups, si, target);
        }
    }

    // Acronyms: "EU" joins "European Union", "U.S." joins "United States".
    for (int ai = 0; ai < n; ++ai) {
        Group& a = groups[static_cast<std::size_t>(ai)];
        if (a.merged_into >= 0 || a.kind == EntityKind::person) continue;
        const std::string letters = acronym_letters(a.forms.front().first);
        if (letters.empty()) continue;
        int target = -1;
        for (int li = 0; li < n; ++li) {
            const Group& l = groups[static_cast<std::size_t>(li)];
            if (li == ai || l.merged_into >= 0 || l.kind == EntityKind::person ||
                l.words.size() < 2)
                continue;
            if (initials(l.forms.front().first) != letters) continue;
            if (target < 0 || l.count > groups[static_cast<std::size_t>(target)].count) target = li;
        }
        if (target >= 0) merge(groups, ai, target);
    }

    resolve_generic_heads(groups);

    // Surface forms of every mention, in article order, under the group they ended in.
    std::vector<std::vector<std::string>> surfaces(static_cast<std::size_t>(n));
    for (const auto& c : cleaned) {
        auto& list = surfaces[static_cast<std::size_t>(find_root(groups, c.group))];
        if (std::find(list.begin(), list.end(), c.surface) == list.end()) list.push_back(c.surface);
    }

    // Every written form under the group it ended in: the aliases of the entity.
    std::vector<std::vector<std::string>> all_forms(static_cast<std::size_t>(n));
    for (int gi = 0; gi < n; ++gi)
        for (const auto& form : groups[static_cast<std::size_t>(gi)].forms)
            all_forms[static_cast<std::size_t>(find_root(groups, gi))].push_back(form.first);

    std::vector<Entity> out;
    for (int gi = 0; gi < n; ++gi) {
        const Group& g = groups[static_cast<std::size_t>(gi)];
        if (g.merged_into >= 0 || !g.supported || g.dropped) continue;
        // Display form: the longest written form, then one not in capitals ("Baker" over a
        // headline's "BAKER"), then the most frequent, then the first.
        const auto best =
            std::max_element(g.forms.begin(), g.forms.end(), [](const auto& a, const auto& b) {
                if (a.first.size() != b.first.size()) return a.first.size() < b.first.size();
                const bool a_shouted = utf8::is_upper_case(a.first);
                if (a_shouted != utf8::is_upper_case(b.first)) return a_shouted;
                return a.second < b.second;
            });
        Entity e;
        e.kind = g.kind;
        e.name = unshouted(best->first, g.kind);
        e.count = g.count;
        e.mentions = std::move(surfaces[static_cast<std::size_t>(gi)]);
        const std::string key = entity_key(e.name);
        for (const auto& form : all_forms[static_cast<std::size_t>(gi)]) {
            std::string alias = unshouted(form, g.kind);
            if (entity_key(alias) == key ||
                std::find(e.aliases.begin(), e.aliases.end(), alias) != e.aliases.end())
                continue;
            e.aliases.push_back(std::move(alias));
        }
        out.push_back(std::move(e));
    }
    std::sort(out.begin(), out.end(), [](const Entity& a, const Entity& b) {
        if (a.kind != b.kind) return a.kind < b.kind;
        if (a.count != b.count) return a.count > b.count;
        return a.name < b.name;
    });
    return out;
}

}  // namespace newsindex::ner
