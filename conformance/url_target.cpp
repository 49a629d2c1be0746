#include "conformance/url_target.hpp"

#include <charconv>

#include "model/common/assert.hpp"
#include "model/common/input_error.hpp"

namespace taskcheck::conformance {

UrlTarget::UrlTarget(const std::string& url) : url_(url) {
    const std::string hint = "write --target http://HOST:PORT, e.g. http://127.0.0.1:7700";
    std::string_view rest = url;
    if (!rest.starts_with("http://")) {
        throw InputError("target-url", {}, "\"" + url + "\" is not an http:// URL", hint);
    }
    rest.remove_prefix(7);
    if (rest.ends_with("/")) rest.remove_suffix(1);
    std::size_t colon = rest.rfind(':');
    host_ = std::string(rest.substr(0, colon));
    if (colon != std::string_view::npos) {
        std::string_view port = rest.substr(colon + 1);
        auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), port_);
        if (ec != std::errc() || end != port.data() + port.size() || port_ <= 0 || port_ > 65535) {
            throw InputError("target-url", {}, "\"" + url + "\" has a bad port", hint);
        }
    }
    if (host_.empty() || host_.find('/') != std::string::npos) {
        throw InputError("target-url", {}, "\"" + url + "\" must be scheme, host and port only",
                         hint);
    }
}

std::optional<std::string> UrlTarget::inject(FaultKind) {
    TC_ASSERT(false && "faults are skipped against a URL target");
    return std::nullopt;
}

}  // namespace taskcheck::conformance
