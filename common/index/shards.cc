#include "common/index/shards.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "common/base/content_hash.h"
#include "common/base/error.h"

namespace newsindex {

namespace {

std::string shard_name(std::size_t index) {
    const std::string number = std::to_string(index);
    return "shard-" + std::string(number.size() < 2 ? 2 - number.size() : 0, '0') + number;
}

ErrorKind kind_of(int error) {
    return error == EACCES || error == EPERM || error == EROFS ? ErrorKind::permission
                                                               : ErrorKind::io;
}

}  // namespace

bool is_sharded_index(const std::filesystem::path& path) {
    std::error_code ec;
    return std::filesystem::is_regular_file(path / kShardStubName, ec);
}

std::vector<std::filesystem::path> shard_paths(const std::filesystem::path& path) {
    const std::filesystem::path stub = path / kShardStubName;
    std::ifstream in(stub);
    if (!in)
        throw Error(ErrorKind::io, "cannot read " + stub.string() + ": " + std::strerror(errno));
    std::vector<std::filesystem::path> shards;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        // Only the stubs this program writes: "auto shard-NN", in order.
        if (line != "auto " + shard_name(shards.size()) || shards.size() == kMaxShards)
            throw Error(ErrorKind::corrupt, stub.string() + ": unexpected line '" + line +
                                                "' (a newsindex shard stub lists auto shard-NN)");
        shards.push_back(path / shard_name(shards.size()));
    }
    if (shards.empty()) throw Error(ErrorKind::corrupt, stub.string() + " names no shard");
    return shards;
}

void create_sharded_index(const std::filesystem::path& path, std::size_t shards) {
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
    if (ec)
        throw Error(kind_of(ec.value()), "cannot create " + path.string() + ": " + ec.message());
    std::ostringstream stub;
    stub << "# newsindex: " << shards << " shards, searched as one database\n";
    for (std::size_t i = 0; i < shards; ++i) stub << "auto " << shard_name(i) << '\n';
    // Written beside and renamed, so a reader finds either no stub or a whole one.
    const std::filesystem::path target = path / kShardStubName;
    const std::filesystem::path temporary = target.string() + ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream out(temporary);
        out << stub.str();
        out.flush();
        if (!out)
            throw Error(kind_of(errno),
                        "cannot write " + temporary.string() + ": " + std::strerror(errno));
    }
    std::filesystem::rename(temporary, target, ec);
    if (ec) {
        std::filesystem::remove(temporary);
        throw Error(kind_of(ec.value()), "cannot write " + target.string() + ": " + ec.message());
    }
}

std::size_t shard_of(std::string_view file_key, std::size_t shards) {
    Fnv1a64 hash;
    hash.update(file_key);
    return shards <= 1 ? 0 : static_cast<std::size_t>(hash.value() % shards);
}

}  // namespace newsindex
