#include "model/es/discovery_node.hpp"

namespace taskcheck::es {

bool can_contain_data(const DiscoveryNode& node) {
    for (const std::string& role : node.roles) {
        if (role == "data" || role.rfind("data_", 0) == 0) return true;
    }
    return false;
}

}  // namespace taskcheck::es
