// http_listener_probe: a listener with two routes, for the signal tests that need a process.
//   GET /hello  -> 200 {"hello":"world"}
//   GET /slow   -> waits 300 ms, then 200 {"slow":"done"} (a request in flight at SIGTERM)
// Prints the ready line, serves until SIGTERM/SIGINT, prints `taskcheck serve: stopped by
// <signal>` and exits 0.
#include <chrono>
#include <iostream>
#include <thread>

#include "server/http_listener.hpp"

using namespace taskcheck::server;

int main() {
    HttpListener listener(HttpListenerOptions{});
    listener.route(HttpMethod::get, "/hello", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(R"({"hello":"world"})", "application/json");
    });
    listener.route(HttpMethod::get, "/slow", [](const httplib::Request&, httplib::Response& res) {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        res.set_content(R"({"slow":"done"})", "application/json");
    });
    listener.bind();
    int stopped_by = listener.run(std::cout);
    std::cout << "taskcheck serve: stopped by " << describe_stop(stopped_by) << std::endl;
    return 0;
}
