// PortLease: ranges parsed and chosen outside the ephemeral range, no two leases on one port in
// one process or across processes, a lock released when its holder dies, a port in use skipped.
#include "conformance/port_lease.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <csignal>
#include <set>

#include "conformance/tests/fake_server.hpp"
#include "model/common/input_error.hpp"

using namespace taskcheck::conformance;
using taskcheck::conformance::testing::FixtureDir;

namespace {

std::string error_of(const auto& call) {
    try {
        call();
    } catch (const taskcheck::InputError& e) {
        return e.what();
    }
    return "(no error)";
}

// A listening socket on 0.0.0.0:port, or -1.
int listen_on(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_ANY);
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
        ::listen(fd, 1) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// A fresh lock dir per test, so tests do not meet other taskcheck processes' leases.
struct LeaseDir {
    FixtureDir dir;
    PortLeaseOptions options(PortRange range) const { return {range, dir.path() + "/locks"}; }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(port_lease)

BOOST_AUTO_TEST_CASE(port_range_is_parsed_and_bad_ones_are_refused) {
    BOOST_TEST((parse_port_range("20000-29999") == PortRange{20000, 29999}));
    BOOST_TEST((parse_port_range("7-7") == PortRange{7, 7}));
    BOOST_TEST(error_of([] { parse_port_range("30000-20000"); }) ==
               "port-range-invalid: --port-range \"30000-20000\"; give LOW-HIGH with 1 <= LOW <= "
               "HIGH <= 65535, e.g. 20000-29999");
    for (const char* bad : {"", "20000", "0-10", "1-70000", "a-b", "1-2-3", " 1-2"}) {
        BOOST_TEST(error_of([&] { parse_port_range(bad); }).starts_with("port-range-invalid: "));
    }
}

BOOST_AUTO_TEST_CASE(default_range_stays_out_of_the_ephemeral_range) {
    BOOST_TEST((default_port_range(PortRange{32768, 60999}) == PortRange{20000, 29999}));
    BOOST_TEST((default_port_range(std::nullopt) == PortRange{20000, 29999}));
    BOOST_TEST((default_port_range(PortRange{25000, 60999}) == PortRange{20000, 24999}));
    BOOST_TEST((default_port_range(PortRange{10000, 21999}) == PortRange{22000, 29999}));
    BOOST_TEST((default_port_range(PortRange{22000, 28000}) == PortRange{20000, 21999}));
    BOOST_TEST(error_of([] {
                   default_port_range(PortRange{1024, 65535});
               }) ==
               "port-range-none: the kernel's ephemeral port range 1024-65535 leaves fewer than "
               "100 ports of the default 20000-29999 for spawned targets; give --port-range "
               "LOW-HIGH outside the ephemeral range (/proc/sys/net/ipv4/ip_local_port_range)");
    auto kernel = read_ephemeral_port_range();
    BOOST_REQUIRE(kernel.has_value());
    PortRange chosen = default_port_range(kernel);
    BOOST_TEST((chosen.high < kernel->low || chosen.low > kernel->high));
}

BOOST_AUTO_TEST_CASE(leases_in_one_process_never_share_a_port) {
    LeaseDir dir;
    int low = PortLease::acquire(dir.options({20000, 29979})).port();
    PortRange twenty{low, low + 19};
    std::vector<PortLease> held;
    std::set<int> ports;
    while (held.size() < 20) {
        try {
            held.push_back(PortLease::acquire(dir.options(twenty)));
        } catch (const taskcheck::InputError& e) {
            BOOST_TEST(std::string(e.what()).starts_with("port-range-exhausted: every port of "));
            break;
        }
        BOOST_TEST(twenty.contains(held.back().port()));
        ports.insert(held.back().port());
    }
    BOOST_TEST(!held.empty());
    BOOST_TEST(ports.size() == held.size());  // no port handed out twice
    BOOST_TEST(error_of([&] {
                   PortLease::acquire(dir.options(twenty));
               }).starts_with("port-range-exhausted: "));
    int freed = held.back().port();
    held.pop_back();
    BOOST_TEST(PortLease::acquire(dir.options(twenty)).port() == freed);
}

BOOST_AUTO_TEST_CASE(another_process_holding_the_lock_keeps_the_port_until_it_dies) {
    LeaseDir dir;
    int port = PortLease::acquire(dir.options({20000, 29999})).port();
    int ready[2];
    BOOST_REQUIRE(::pipe(ready) == 0);
    pid_t child = ::fork();
    BOOST_REQUIRE(child >= 0);
    if (child == 0) {
        PortLease held = PortLease::acquire(dir.options({port, port}));
        char byte = 'x';
        [[maybe_unused]] ssize_t n = ::write(ready[1], &byte, 1);
        ::pause();
        ::_exit(0);
    }
    char byte = 0;
    BOOST_REQUIRE(::read(ready[0], &byte, 1) == 1);
    BOOST_TEST(error_of([&] {
                   PortLease::acquire(dir.options({port, port}));
               }).starts_with("port-range-exhausted: "));
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    BOOST_TEST(PortLease::acquire(dir.options({port, port})).port() == port);
    ::close(ready[0]);
    ::close(ready[1]);
}

BOOST_AUTO_TEST_CASE(a_port_something_listens_on_is_skipped) {
    LeaseDir dir;
    int port = PortLease::acquire(dir.options({20000, 29999})).port();
    int listener = listen_on(port);
    BOOST_REQUIRE(listener >= 0);
    BOOST_TEST(!port_bindable(port));
    BOOST_TEST(error_of([&] {
                   PortLease::acquire(dir.options({port, port}));
               }) ==
               "port-range-exhausted: every port of " + std::to_string(port) + "-" +
                   std::to_string(port) +
                   " is leased by another taskcheck target or in use; give a wider or another "
                   "--port-range, or stop what holds the ports");
    ::close(listener);
    BOOST_TEST(port_bindable(port));
}

BOOST_AUTO_TEST_SUITE_END()
