// The listener's own promises: one ready line, routes served, unexpected exceptions answered 500
// with a JSON body while the server stays up, body limits, bind errors, a listen backlog that
// takes a burst of connections, the keep-alive request limit, and a clean stop on SIGTERM/SIGINT
// that still answers the request in flight.
#include "server/http_listener.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <boost/process.hpp>
#include <boost/test/unit_test.hpp>
#include <cerrno>
#include <chrono>
#include <functional>
#include <future>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "model/common/input_error.hpp"
#include "server/tests/input_error_text.hpp"
#include "server/tests/running_listener.hpp"

namespace bp = boost::process;
using namespace taskcheck;
using namespace taskcheck::server;

using taskcheck::server::testing::error_text;
using taskcheck::server::testing::loopback;
using taskcheck::server::testing::RunningListener;

namespace {

void json_route(HttpListener& listener, const std::string& path, const std::string& body) {
    listener.route(HttpMethod::get, path, [body](const httplib::Request&, httplib::Response& res) {
        res.set_content(body, "application/json");
    });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(server_http_listener)

BOOST_AUTO_TEST_CASE(serves_routes_and_prints_exactly_one_ready_line) {
    RunningListener server({}, [](HttpListener& l) { json_route(l, "/hello", R"({"a":1})"); });
    auto res = server.client().Get("/hello");
    BOOST_TEST_REQUIRE(res);
    BOOST_TEST(res->status == 200);
    BOOST_TEST(res->body == R"({"a":1})");
    BOOST_TEST(server.stop() == 0);
    BOOST_TEST(server.ready_output() == "taskcheck serve: listening on http://127.0.0.1:" +
                                            std::to_string(server.port()) + "\n");
}

BOOST_AUTO_TEST_CASE(an_unexpected_exception_is_a_500_with_a_json_body_and_the_server_stays_up) {
    RunningListener server({}, [](HttpListener& l) {
        l.route(HttpMethod::post, "/boom", [](const httplib::Request&, httplib::Response&) {
            throw std::runtime_error("model said \"no\"");
        });
        l.route(HttpMethod::del, "/boom-int",
                [](const httplib::Request&, httplib::Response&) { throw 42; });
        json_route(l, "/hello", "{}");
    });
    auto client = server.client();
    auto res = client.Post("/boom", "{}", "application/json");
    BOOST_TEST_REQUIRE(res);
    BOOST_TEST(res->status == 500);
    BOOST_TEST(res->get_header_value("Content-Type") == "application/json");
    BOOST_TEST(res->body == R"({"error":"internal","message":"model said \"no\""})");
    res = client.Delete("/boom-int");
    BOOST_TEST_REQUIRE(res);
    BOOST_TEST(res->status == 500);
    BOOST_TEST(res->body == R"({"error":"internal","message":"non-standard exception"})");
    res = client.Get("/hello");
    BOOST_TEST_REQUIRE(res);
    BOOST_TEST(res->status == 200);
}

BOOST_AUTO_TEST_CASE(a_profile_renders_its_own_internal_error_envelope) {
    HttpListenerOptions options;
    options.internal_error_body = [](std::string_view message) {
        return R"({"message":")" + std::string(message) + R"(","code":"internal"})";
    };
    RunningListener server(options, [](HttpListener& l) {
        l.route(HttpMethod::put, "/boom", [](const httplib::Request&, httplib::Response&) {
            throw std::logic_error("broken invariant");
        });
    });
    auto res = server.client().Put("/boom", "{}", "application/json");
    BOOST_TEST_REQUIRE(res);
    BOOST_TEST(res->status == 500);
    BOOST_TEST(res->body == R"({"message":"broken invariant","code":"internal"})");
}

BOOST_AUTO_TEST_CASE(a_request_body_over_the_limit_gets_413_without_running_the_route) {
    HttpListenerOptions options;
    options.request_body_max_bytes = 16;
    int calls = 0;
    RunningListener server(options, [&calls](HttpListener& l) {
        l.route(HttpMethod::patch, "/doc",
                [&calls](const httplib::Request&, httplib::Response& res) {
                    ++calls;
                    res.set_content("{}", "application/json");
                });
    });
    auto client = server.client();
    auto res = client.Patch("/doc", std::string(16, 'x'), "text/plain");
    BOOST_TEST_REQUIRE(res);
    BOOST_TEST(res->status == 200);
    res = client.Patch("/doc", std::string(17, 'x'), "text/plain");
    BOOST_TEST_REQUIRE(res);
    BOOST_TEST(res->status == 413);
    BOOST_TEST(calls == 1);
}

BOOST_AUTO_TEST_CASE(a_response_over_the_limit_becomes_a_500) {
    HttpListenerOptions options;
    options.response_body_max_bytes = 8;
    RunningListener server(options, [](HttpListener& l) {
        json_route(l, "/small", R"({"a":1})");
        json_route(l, "/big", R"({"a":12345})");
    });
    auto client = server.client();
    auto res = client.Get("/small");
    BOOST_TEST_REQUIRE(res);
    BOOST_TEST(res->status == 200);
    res = client.Get("/big");
    BOOST_TEST_REQUIRE(res);
    BOOST_TEST(res->status == 500);
    BOOST_TEST(
        res->body ==
        R"({"error":"internal","message":"response of 11 bytes exceeds response_body_max_bytes 8"})");
}

BOOST_AUTO_TEST_CASE(binding_a_port_in_use_is_an_input_error) {
    RunningListener first({}, [](HttpListener&) {});
    HttpListenerOptions options;
    options.port = first.port();
    HttpListener second(options);
    BOOST_TEST(error_text([&] { second.bind(); }) ==
               "listen-failed: 127.0.0.1:" + std::to_string(first.port()) +
                   ": cannot bind (address in use, or not an address of this host); pick another "
                   "--port, or --port 0 for a free one");
}

BOOST_AUTO_TEST_CASE(options_are_validated_with_the_field_named) {
    HttpListenerOptions options;
    options.port = 70000;
    BOOST_TEST(error_text([&] { HttpListener l(options); }) ==
               "serve-options: /port: 70000 is outside 0..65535 (0 picks a free port)");
    options = {};
    options.threads = 0;
    BOOST_TEST(error_text([&] { HttpListener l(options); }) ==
               "serve-options: /threads: 0 threads; use at least 1");
    options = {};
    options.request_body_max_bytes = 0;
    BOOST_TEST(error_text([&] { HttpListener l(options); }) ==
               "serve-options: /request_body_max_bytes: 0; use at least 1");
    options = {};
    options.listen_backlog = 0;
    BOOST_TEST(error_text([&] { HttpListener l(options); }) ==
               "serve-options: /listen_backlog: not positive");
    options = {};
    options.keep_alive_timeout_s = 0;
    BOOST_TEST(error_text([&] { HttpListener l(options); }) ==
               "serve-options: /keep_alive_timeout_s: not positive");
    options = {};
    options.body_timeout_s = -1;
    BOOST_TEST(error_text([&] { HttpListener l(options); }) ==
               "serve-options: /body_timeout_s: not positive");
    options = {};
    options.keep_alive_requests_max = 0;
    BOOST_TEST(error_text([&] { HttpListener l(options); }) ==
               "serve-options: /keep_alive_requests_max: 0; use at least 1");
}

BOOST_AUTO_TEST_CASE(sigterm_and_sigint_stop_the_server_after_answering_the_request_in_flight) {
    for (int signal_number : {SIGTERM, SIGINT}) {
        bp::ipstream out;
        bp::child probe(TASKCHECK_HTTP_LISTENER_PROBE, bp::std_out > out);
        std::string ready;
        BOOST_TEST_REQUIRE(static_cast<bool>(std::getline(out, ready)));
        const std::string prefix = "taskcheck serve: listening on http://127.0.0.1:";
        BOOST_TEST_REQUIRE(ready.rfind(prefix, 0) == 0, "ready line: " << ready);
        int port = std::stoi(ready.substr(prefix.size()));
        auto slow = std::async(std::launch::async,
                               [port] { return httplib::Client("127.0.0.1", port).Get("/slow"); });
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        ::kill(probe.id(), signal_number);
        auto res = slow.get();
        BOOST_TEST_REQUIRE(res);
        BOOST_TEST(res->status == 200);
        BOOST_TEST(res->body == R"({"slow":"done"})");
        std::string last;
        BOOST_TEST_REQUIRE(static_cast<bool>(std::getline(out, last)));
        BOOST_TEST(last == std::string("taskcheck serve: stopped by ") +
                               (signal_number == SIGTERM ? "SIGTERM" : "SIGINT"));
        probe.wait();
        BOOST_TEST(probe.exit_code() == 0);
        BOOST_TEST(!httplib::Client("127.0.0.1", port).Get("/hello"));  // nothing listens
    }
}

BOOST_AUTO_TEST_CASE(a_burst_of_connections_beyond_five_waits_in_the_backlog_not_for_syn_retries) {
    // cpp-httplib listens with a backlog of 5; bind() raises it. Before run() nothing accepts, so
    // every connection that completes its handshake sits in the accept queue: with a backlog of
    // 5 only about 6 of 40 would complete, the rest waiting a second for a SYN retransmit.
    constexpr int kConnections = 40;
    HttpListenerOptions options;
    options.listen_backlog = 64;
    HttpListener listener(options);
    const int port = listener.bind();
    const sockaddr_in address = loopback(port);
    std::vector<pollfd> sockets;
    for (int i = 0; i < kConnections; ++i) {
        int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        BOOST_TEST_REQUIRE(fd >= 0);
        int rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
        BOOST_TEST_REQUIRE((rc == 0 || errno == EINPROGRESS));
        sockets.push_back(pollfd{fd, POLLOUT, 0});
    }
    // Loopback handshakes complete at once; 500 ms is well under the 1 s SYN retransmit.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(500);
    int connected = 0;
    for (pollfd& socket : sockets) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (::poll(&socket, 1, std::max<int>(0, static_cast<int>(left.count()))) == 1) {
            int error = 0;
            socklen_t length = sizeof error;
            ::getsockopt(socket.fd, SOL_SOCKET, SO_ERROR, &error, &length);
            if (error == 0) ++connected;
        }
        ::close(socket.fd);
    }
    BOOST_TEST(connected == kConnections);
}

BOOST_AUTO_TEST_CASE(a_keep_alive_connection_carries_at_most_the_configured_requests) {
    // The route answers with the client's port: one port per connection.
    auto run_ten = [](std::size_t requests_max) {
        HttpListenerOptions options;
        options.keep_alive_requests_max = requests_max;
        RunningListener server(options, [](HttpListener& l) {
            l.route(HttpMethod::get, "/port",
                    [](const httplib::Request& req, httplib::Response& res) {
                        res.set_content(std::to_string(req.remote_port), "text/plain");
                    });
        });
        auto client = server.client();
        client.set_keep_alive(true);
        std::set<std::string> ports;
        for (int i = 0; i < 10; ++i) {
            auto res = client.Get("/port");
            BOOST_TEST_REQUIRE(res);
            ports.insert(res->body);
        }
        return ports.size();
    };
    BOOST_TEST(run_ten(100) == 1u);
    BOOST_TEST(run_ten(3) == 4u);  // 3 + 3 + 3 + 1
}

BOOST_AUTO_TEST_CASE(a_post_without_content_length_has_an_empty_body_and_is_answered_at_once) {
    // `curl -X POST URL` sends neither Content-Length nor a body (RFC 9112 §6.3: no body).
    // cpp-httplib alone waited for the connection to close: the read timeout, then a 400.
    HttpListenerOptions options;
    options.read_timeout_s = 30;  // a regression would hang far past the 2 s below
    RunningListener server(options, [](HttpListener& l) {
        l.route(HttpMethod::post, "/echo", [](const httplib::Request& req, httplib::Response& res) {
            res.set_content("[" + req.body + "]", "text/plain");
        });
    });
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    BOOST_TEST_REQUIRE(fd >= 0);
    timeval two_seconds{2, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &two_seconds, sizeof two_seconds);
    const sockaddr_in address = loopback(server.port());
    BOOST_TEST_REQUIRE(::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) ==
                       0);
    const std::string request = "POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    BOOST_TEST_REQUIRE(::send(fd, request.data(), request.size(), 0) ==
                       static_cast<ssize_t>(request.size()));
    std::string response;
    char buffer[512];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;)
        response.append(buffer, static_cast<std::size_t>(n));
    ::close(fd);
    BOOST_TEST(response.rfind("HTTP/1.1 200 OK\r\n", 0) == 0, response);
    BOOST_TEST_REQUIRE(response.size() >= 2);
    BOOST_TEST(response.substr(response.size() - 2) == "[]");
    // With a body, the route still gets it.
    auto res = server.client().Post("/echo", "abc", "text/plain");
    BOOST_TEST_REQUIRE(res);
    BOOST_TEST(res->body == "[abc]");
}

BOOST_AUTO_TEST_SUITE_END()
