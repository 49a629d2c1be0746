#pragma once
// The in-process seam the server fuzz targets drive: raw HTTP/1.1 request bytes go through
// cpp-httplib's own request handling (request line, headers, Content-Length and chunked bodies,
// routing, our exception and post-routing handlers) and the routes an HttpListener registered,
// with no socket, no thread and no port. The bytes are read from memory and the responses
// written to memory by a Stream of our own, handed to httplib::Server::process_request — the
// function the listener's worker threads call once per request on a keep-alive connection.
//
// process_request is protected in cpp-httplib 0.11; the driver reaches it through a derived
// class's member pointer, which needs no change to the listener or to cpp-httplib. What this
// seam does not cover: accept(), socket timeouts and the thread pool (http_listener_test does).
#include <httplib.h>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace taskcheck::fuzz {

struct Exchange {
    std::string request_line;  // as httplib read it, e.g. "GET /tasks?limit=1 HTTP/1.1"; may be ""
    int status = 0;            // of the response written, 0 when none was
};

// Serves the requests in `input` one after another as on one keep-alive connection, at most
// `max_requests`, until the bytes run out or the server closes the connection. Exceptions that
// escape cpp-httplib's handlers propagate (in a real server they would end the worker thread).
// `adjust`, when set, sees each request after its headers are read and before it is routed.
std::vector<Exchange> serve_bytes(httplib::Server& server, std::string_view input,
                                  std::size_t max_requests,
                                  const std::function<void(httplib::Request&)>& adjust = {});

}  // namespace taskcheck::fuzz
