// File names that are not UTF-8: a hit's id and path come back with their own bytes,
// from the id term, although the stored JSON holds U+FFFD for them.
#include <doctest/doctest.h>
#include <xapian.h>

#include <string>

#include "common/base/article.h"
#include "common/index/schema.h"
#include "common/search/file_name_bytes.h"

using namespace newsindex;

namespace {

Xapian::Document with_id_term(const std::string& key) {
    Xapian::Document document;
    document.add_term("XFsomething");
    document.add_term(schema::id_term(key));
    document.add_term("Zword");
    return document;
}

}  // namespace

TEST_CASE("file name bytes: restored from the id term when the stored name lost them") {
    Article article;
    article.id = "2010/bad\xef\xbf\xbd\xef\xbf\xbd.txt";
    article.path = "/srv/news/2010/bad\xef\xbf\xbd\xef\xbf\xbd.txt";
    restore_file_name_bytes(article, with_id_term("/srv/news/2010/bad\xff\xfe.txt"));
    CHECK(article.id == "2010/bad\xff\xfe.txt");
    CHECK(article.path == "/srv/news/2010/bad\xff\xfe.txt");
}

TEST_CASE("file name bytes: a record of a JSON Lines file keeps its #N in the id only") {
    Article article;
    article.id = "feed\xef\xbf\xbd.jsonl#3";
    article.path = "/srv/news/feed\xef\xbf\xbd.jsonl";
    restore_file_name_bytes(article, with_id_term("/srv/news/feed\xe9.jsonl#3"));
    CHECK(article.id == "feed\xe9.jsonl#3");
    CHECK(article.path == "/srv/news/feed\xe9.jsonl");
}

TEST_CASE("file name bytes: UTF-8 names are left alone") {
    Article article;
    article.id = "Мінск.txt";
    article.path = "/srv/news/Мінск.txt";
    restore_file_name_bytes(article, with_id_term("/srv/other/x.txt"));
    CHECK(article.id == "Мінск.txt");
    CHECK(article.path == "/srv/news/Мінск.txt");
}
