#include "server/es_index_store.hpp"

#include "model/common/assert.hpp"

namespace taskcheck::server {

using Json = nlohmann::ordered_json;
using es::EsError;

std::optional<EsError> check_index_name(const std::string& name) {
    auto invalid = [&name](const std::string& why) {
        EsError error;
        error.http_status = 400;
        error.type = "invalid_index_name_exception";
        error.reason = "Invalid index name [" + name + "], " + why;
        error.metadata = Json{{"index_uuid", "_na_"}, {"index", name}};
        return error;
    };
    if (name.empty()) return invalid("must not be empty");
    for (char c : name)
        if (c >= 'A' && c <= 'Z') return invalid("must be lowercase");
    if (name == "." || name == "..") return invalid("must not be '.' or '..'");
    if (name.front() == '_' || name.front() == '-' || name.front() == '+')
        return invalid("must not start with '_', '-', or '+'");
    for (char c : std::string_view("\\/*?\"<>| ,#:"))
        if (name.find(c) != std::string::npos)
            return invalid(
                "must not contain the following characters [ , \", *, \\, <, |, ,, >, /, ?]");
    if (name.size() > 255)
        return invalid("index name is too long, (" + std::to_string(name.size()) + " > 255)");
    return std::nullopt;
}

std::string index_uuid(const std::string& name) {
    static constexpr std::string_view kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::uint64_t x = 1469598103934665603ull;  // FNV-1a of the name seeds splitmix64
    for (unsigned char c : name)
        x = (x ^ c) * 1099511628211ull;
    std::string id;
    while (id.size() < 22) {
        x += 0x9E3779B97F4A7C15ull;
        std::uint64_t z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        z ^= z >> 31;
        for (int i = 0; i < 8 && id.size() < 22; ++i, z >>= 6)
            id += kAlphabet[z & 63];
    }
    return id;
}

Json write_shards(int nodes) {
    const int copies = nodes > 1 ? 2 : 1;
    return Json{{"total", 2}, {"successful", copies}, {"failed", 0}};
}

const EsIndex* EsIndexStore::find(std::string_view name) const {
    auto it = indices_.find(name);
    return it == indices_.end() ? nullptr : &it->second;
}

Result<bool, EsError> EsIndexStore::create(const std::string& name, int shards) {
    TC_ASSERT(!check_index_name(name).has_value());
    TC_ASSERT_LE(1, shards);
    if (find(name) != nullptr) {
        EsError error;
        error.http_status = 400;
        error.type = "resource_already_exists_exception";
        error.reason = "index [" + name + "/" + index_uuid(name) + "] already exists";
        error.metadata = Json{{"index_uuid", index_uuid(name)}, {"index", name}};
        return Err(error);
    }
    indices_[name].shards = shards;
    return true;
}

EsWriteOutcome EsIndexStore::put(const std::string& index, const std::string& id, Json source) {
    EsIndex& target = indices_[index];
    auto [it, created] = target.docs.try_emplace(id);
    if (!created) ++it->second.version;
    it->second.source = std::move(source);
    it->second.seq_no = target.next_seq_no++;
    return EsWriteOutcome{created ? "created" : "updated", it->second.version, it->second.seq_no};
}

EsWriteOutcome EsIndexStore::remove(const std::string& index, const std::string& id) {
    auto found = indices_.find(index);
    if (found == indices_.end()) return EsWriteOutcome{"not_found", 1, 0};
    EsIndex& target = found->second;
    const std::int64_t seq_no = target.next_seq_no++;
    auto it = target.docs.find(id);
    if (it == target.docs.end()) return EsWriteOutcome{"not_found", 1, seq_no};
    const std::int64_t version = it->second.version + 1;
    target.docs.erase(it);
    return EsWriteOutcome{"deleted", version, seq_no};
}

}  // namespace taskcheck::server
