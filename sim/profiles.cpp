// The table of simulation profiles (sim/profile.hpp find_profile): one line per profile.
#include <array>
#include <string>

#include "sim/es_profile.hpp"
#include "sim/meili_profile.hpp"
#include "sim/profile.hpp"

namespace taskcheck::sim {
namespace {

struct Entry {
    std::string_view name;
    const Profile& (*get)();
};

constexpr std::array kProfiles = {
    Entry{"meilisearch", meilisearch_profile},
    Entry{"elasticsearch", elasticsearch_profile},
};

}  // namespace

const Profile* find_profile(std::string_view name) {
    for (const Entry& entry : kProfiles)
        if (entry.name == name) return &entry.get();
    return nullptr;
}

std::vector<std::string> profile_names() {
    std::vector<std::string> names;
    for (const Entry& entry : kProfiles)
        names.emplace_back(entry.name);
    return names;
}

}  // namespace taskcheck::sim
