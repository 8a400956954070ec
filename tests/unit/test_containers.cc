// Metadata tables, the HTTP payloads of WARC records and the WARC framing, on bytes in
// memory (the real files are in tests/e2e/test_containers.sh and test_formats_shared.sh).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/base/utf8.h"
#include "common/read/file_records.h"
#include "common/read/metadata_table.h"
#include "common/read/warc_records.h"

using namespace newsindex;

TEST_CASE("metadata table: file and id rows, CSV quoting, unknown columns, bad rows") {
    MetadataTables tables;
    std::vector<std::string> warnings;
    tables.add(
        "Id,Date,Title,Junk\r\nbundle.zip!/a.txt,2001-02-03,\"A, \"\"quoted\"\"\r\ntitle\",x\r\n"
        ",2001-01-01,no name,\r\nfeed.jsonl#2,not a date,T,\r\n",
        "/root", true, warnings);
    REQUIRE(warnings.size() == 2);
    CHECK(warnings[0] == "line 4: no id, row not used");
    CHECK(warnings[1] == "line 5: no date in \"not a date\"");
    Article article;
    tables.apply(article, "/root/bundle.zip", "/root/bundle.zip!/a.txt");
    CHECK(article.title == "A, \"quoted\" title");
    REQUIRE(article.date);
    CHECK(article.date->iso() == "2001-02-03");
    CHECK(article.date_source == "metadata table");
    CHECK_FALSE(tables.file_state("/root/bundle.zip").empty());
    CHECK_FALSE(tables.file_state("/root/feed.jsonl").empty());
    CHECK(tables.file_state("/root/bundle").empty());  // a prefix of a name is no match
    CHECK(tables.file_state("/root/other.txt").empty());

    MetadataTables by_file;
    by_file.add("file\tdate\tsource\n./sub//x.txt\t1987-02-26T15:01:01\tWire\n", "/r", false,
                warnings);
    Article x;
    x.source = "Reader";
    by_file.apply(x, "/r/sub/x.txt", "/r/sub/x.txt#1");
    CHECK(x.source == "Wire");
    CHECK(x.date->iso() == "1987-02-26");
    const std::string before = by_file.file_state("/r/sub/x.txt");
    MetadataTables changed;
    changed.add("file\tdate\tsource\nsub/x.txt\t1987-02-27\tWire\n", "/r", false, warnings);
    CHECK(changed.file_state("/r/sub/x.txt") != before);

    MetadataTables none;
    CHECK_THROWS_AS(none.add("title\tdate\nx\t2001-01-01\n", "/r", false, warnings), Error);
    CHECK(is_metadata_table_name("newsindex-meta.tsv"));
    CHECK(is_metadata_table_name("NewsIndex-Meta.CSV"));
    CHECK_FALSE(is_metadata_table_name("index.tsv"));
}

TEST_CASE("WARC: HTML payloads of 2xx responses, chunked, other codings named") {
    std::string warning;
    const std::string page = "<html><title>T</title><p>x</p></html>";
    CHECK(readers::http_html_payload("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page,
                                     warning) == page);
    CHECK(readers::http_html_payload(
              "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
              "5\r\n<html\r\n3;ext=1\r\n><p\r\n0\r\n\r\n",
              warning) == "<html><p");
    CHECK_FALSE(readers::http_html_payload(
        "HTTP/1.1 301 Moved\r\nContent-Type: text/html\r\n\r\n" + page, warning));
    CHECK_FALSE(readers::http_html_payload(
        "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG", warning));
    // No Content-Type: a page only when it looks like one.
    CHECK(readers::http_html_payload("HTTP/1.0 200 OK\r\n\r\n" + page, warning) == page);
    CHECK_FALSE(readers::http_html_payload("HTTP/1.0 200 OK\r\n\r\na", warning));
    CHECK(warning.empty());
    CHECK_FALSE(readers::http_html_payload(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\nxx", warning));
    CHECK(warning == "Content-Encoding br is not read");
}

TEST_CASE("WARC: records framed by Content-Length, revisits passed, damage ends the file") {
    const auto record = [](const std::string& type, const std::string& uri,
                           const std::string& block) {
        return "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: " + uri +
               "\r\nWARC-Date: 2014-03-25T12:00:00Z\r\nContent-Type: application/http; "
               "msgtype=response\r\nContent-Length: " +
               std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
    };
    const std::string page =
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><p>Hi</p></html>";
    std::string warc = record("response", "http://a.example/", page) +
                       record("revisit", "http://a.example/", "HTTP/1.1 200 OK\r\n\r\n") +
                       record("response", "<http://b.example/>", page) + "garbage\r\n";
    std::size_t at = 0;
    readers::WarcRecords records(
        [&](char* buffer, std::size_t size) {
            const std::size_t n = std::min(size, warc.size() - at);
            warc.copy(buffer, n, at);
            at += n;
            return n;
        },
        "", "crawl.warc");
    auto first = records.next();
    REQUIRE(first);
    CHECK(first->id == "crawl.warc#1");
    CHECK(first->url == "http://a.example/");
    CHECK(first->date->iso() == "2014-03-25");
    auto second = records.next();
    REQUIRE(second);
    CHECK(second->id == "crawl.warc#3");
    CHECK(second->url == "http://b.example/");
    CHECK_FALSE(records.next());
    REQUIRE(records.warnings().size() == 1);
    CHECK(records.warnings()[0].starts_with("no WARC record at byte"));
}

TEST_CASE("WARC: a warning quoting the file's bytes is valid UTF-8") {
    const std::string block =
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: p\xe9"
        "90\r\n\r\nxx";
    std::string warc =
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://e.example/\xff"
        "\r\nContent-Type: application/http\r\nContent-Length: " +
        std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
    std::size_t at = 0;
    readers::WarcRecords records(
        [&](char* buffer, std::size_t size) {
            const std::size_t n = std::min(size, warc.size() - at);
            warc.copy(buffer, n, at);
            at += n;
            return n;
        },
        "", "crawl.warc");
    CHECK_FALSE(records.next());
    REQUIRE(records.warnings().size() == 1);
    std::string warning = records.warnings()[0];
    CHECK(warning.find("Content-Encoding p") != std::string::npos);
    CHECK(utf8::repair(warning) == 0);
}
