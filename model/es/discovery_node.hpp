#pragma once
// DiscoveryNode: one Elasticsearch node as the cluster state knows it (spec/elasticsearch.md §3.2).
// A value type: the membership (cluster_membership.hpp) owns the set of live nodes.

#include <map>
#include <set>
#include <string>

namespace taskcheck::es {

using NodeId = std::string;

struct DiscoveryNode {
    NodeId id;                    // persistent across restarts, e.g. "oTUltX4IQMOUUVeiohTt8A"
    std::string name;             // e.g. "es-0"
    std::set<std::string> roles;  // role names; rendered sorted (std::set order)
    std::map<std::string, std::string> attributes;  // rendered only when non-empty
    std::string host = "127.0.0.1";
    std::string ip = "127.0.0.1";
    int transport_port = 9300;
    std::string version = "8.17.0";  // _cat/tasks `version` column

    // "127.0.0.1:9300": the TransportAddress form used for transport_address and ip in _tasks.
    std::string transport_address() const { return ip + ":" + std::to_string(transport_port); }
};

// True iff the node has a data role ("data" or any "data_*"), as DiscoveryNode::canContainData.
bool can_contain_data(const DiscoveryNode& node);

}  // namespace taskcheck::es
