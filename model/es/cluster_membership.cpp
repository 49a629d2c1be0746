#include "model/es/cluster_membership.hpp"

#include <algorithm>

#include "model/common/assert.hpp"

namespace taskcheck::es {

bool simple_match(std::string_view pattern, std::string_view text) {
    // Iterative glob with backtracking to the last '*': linear in practice, no recursion.
    std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (p < pattern.size() && pattern[p] == text[t]) {
            ++p;
            ++t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

void ClusterMembership::join(DiscoveryNode node) {
    TC_ASSERT(find(node.id) == nullptr);
    if (!master_.has_value()) master_ = node.id;
    nodes_.push_back(std::move(node));
}

bool ClusterMembership::leave(const NodeId& id) {
    auto it = std::find_if(nodes_.begin(), nodes_.end(),
                           [&](const DiscoveryNode& node) { return node.id == id; });
    if (it == nodes_.end()) return false;
    nodes_.erase(it);
    if (master_ == id) master_.reset();
    return true;
}

void ClusterMembership::set_master(const NodeId& id) {
    TC_ASSERT(contains(id));
    master_ = id;
}

const DiscoveryNode* ClusterMembership::find(std::string_view id) const {
    for (const DiscoveryNode& node : nodes_) {
        if (node.id == id) return &node;
    }
    return nullptr;
}

namespace {

std::vector<std::string_view> split_commas(std::string_view text) {
    std::vector<std::string_view> parts;
    while (!text.empty()) {
        const std::size_t comma = text.find(',');
        std::string_view part = text.substr(0, comma);
        if (!part.empty()) parts.push_back(part);
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    return parts;
}

bool has_role(const DiscoveryNode& node, std::string_view role) {
    if (role == "data") return can_contain_data(node);
    return node.roles.count(std::string(role)) > 0;
}

// "attr:value" or "<role>:true|false" (DiscoveryNodes.resolveNodes, the ':' branch).
bool matches_qualified(const DiscoveryNode& node, std::string_view part) {
    const std::size_t colon = part.find(':');
    const std::string_view key = part.substr(0, colon);
    const std::string_view value = part.substr(colon + 1);
    static const char* const kRoles[] = {
        "master",    "data",        "ingest",           "ml", "remote_cluster_client",
        "transform", "voting_only", "coordinating_only"};
    for (const char* role : kRoles) {
        if (key != role) continue;
        if (value != "true" && value != "false") return false;
        if (key == "coordinating_only") return (node.roles.empty()) == (value == "true");
        return has_role(node, key) == (value == "true");
    }
    for (const auto& [name, attribute] : node.attributes) {
        if (simple_match(key, name) && simple_match(value, attribute)) return true;
    }
    return false;
}

bool matches_part(const DiscoveryNode& node, std::string_view part, std::string_view local,
                  const std::optional<NodeId>& master) {
    if (part == "_all" || part == "*") return true;
    if (part == "_local") return node.id == local;
    if (part == "_master") return master.has_value() && node.id == *master;
    if (node.id == part) return true;
    if (simple_match(part, node.name) || simple_match(part, node.ip) ||
        simple_match(part, node.host)) {
        return true;
    }
    return part.find(':') != std::string_view::npos && matches_qualified(node, part);
}

}  // namespace

std::vector<NodeId> ClusterMembership::resolve(std::string_view nodes_param,
                                               std::string_view local_node) const {
    const std::vector<std::string_view> parts = split_commas(nodes_param);
    std::vector<NodeId> resolved;
    for (const DiscoveryNode& node : nodes_) {
        bool selected = parts.empty();
        for (std::string_view part : parts) {
            selected = selected || matches_part(node, part, local_node, master_);
        }
        if (selected) resolved.push_back(node.id);
    }
    return resolved;
}

}  // namespace taskcheck::es
