#pragma once
// ClusterMembership: the nodes of one simulated Elasticsearch cluster and its elected master, as
// the cluster state's DiscoveryNodes (spec/elasticsearch.md §3.2, §4.3).
// Invariants: node ids are unique; nodes() keeps join order (a rejoining node goes to the end);
// the master, when set, is a member. Leaving the cluster clears the master iff the master left.
// Deterministic: no clock, no randomness; every query answers in join order, never in hash order.
// A node restart is leave + join of the same DiscoveryNode (the task manager is reset by the
// owner, see task_cluster.hpp).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/es/discovery_node.hpp"

namespace taskcheck::es {

class ClusterMembership {
  public:
    // Adds `node` at the end of the join order. The first node to join becomes master when there
    // is none. Requires: no member has node.id (a duplicate id is our bug: TC_ASSERT).
    void join(DiscoveryNode node);

    // Removes the node; returns false (and changes nothing) iff it is not a member.
    // If it was the master, there is no master afterwards until set_master().
    bool leave(const NodeId& id);

    // Requires: `id` is a member.
    void set_master(const NodeId& id);

    // The elected master, if any.
    const std::optional<NodeId>& master() const { return master_; }

    // The member with this id, or null.
    const DiscoveryNode* find(std::string_view id) const;
    bool contains(std::string_view id) const { return find(id) != nullptr; }

    // All members in join order.
    const std::vector<DiscoveryNode>& nodes() const { return nodes_; }

    // Resolves a `nodes` request parameter (comma-separated) to member ids, in join order, without
    // duplicates (DiscoveryNodes.resolveNodes). Each part may be: "_all" or "*" (every node),
    // "_local" (local_node), "_master", an exact node id, a node name, host address or host name
    // with `*` wildcards, "attr:value" (attribute match, value may use `*`), or a role filter
    // "<role>:true|false" ("master", "data", "ingest", ...; "data" also matches data_* roles).
    // An empty parameter means every node. Unknown names resolve to nothing (never an error).
    std::vector<NodeId> resolve(std::string_view nodes_param, std::string_view local_node) const;

  private:
    std::vector<DiscoveryNode> nodes_;
    std::optional<NodeId> master_;
};

// Elasticsearch's Regex.simpleMatch: `*` matches any run of characters (also empty); every other
// character matches itself. Used for node names and `actions` filters.
bool simple_match(std::string_view pattern, std::string_view text);

}  // namespace taskcheck::es
