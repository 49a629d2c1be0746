// taskcheck_fake_target: a tiny task API spawned by the spawn tests, so that kill, restart,
// pause/resume and a crash mid-fixture happen to a real child process.
//   usage: taskcheck_fake_target <port> <data_dir>
// Routes:
//   GET  /health        200 "ok"
//   POST /tasks         202 {"taskUid": n, "status": "enqueued"}; n counts up and is kept in
//                       <data_dir>/next_uid, so it survives a restart on the same data dir
//   GET  /tasks/<n>     200 {"uid": n, "status": "succeeded"} for n < next uid, else 404
//   GET  /crash         writes "fatal: crash requested" to stderr and exits with status 3
// Every start writes "fake_target: listening on <port>" to stderr.
#include <httplib.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

namespace {

long read_next_uid(const std::string& file) {
    std::ifstream in(file);
    long uid = 0;
    if (in >> uid) return uid;
    return 0;
}

void write_next_uid(const std::string& file, long uid) {
    std::ofstream out(file, std::ios::trunc);
    out << uid << "\n";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: taskcheck_fake_target <port> <data_dir>\n");
        return 2;
    }
    int port = std::atoi(argv[1]);
    std::string uid_file = std::string(argv[2]) + "/next_uid";
    httplib::Server server;
    server.Get("/health", [](const httplib::Request&, httplib::Response& res) {
        res.set_content("ok", "text/plain");
    });
    server.Post("/tasks", [&](const httplib::Request&, httplib::Response& res) {
        long uid = read_next_uid(uid_file);
        write_next_uid(uid_file, uid + 1);
        res.status = 202;
        res.set_content("{\"taskUid\":" + std::to_string(uid) + ",\"status\":\"enqueued\"}",
                        "application/json");
    });
    server.Get(R"(/tasks/(\d+))", [&](const httplib::Request& req, httplib::Response& res) {
        long uid = std::atol(req.matches[1].str().c_str());
        if (uid >= read_next_uid(uid_file)) {
            res.status = 404;
            res.set_content("{\"code\":\"task_not_found\"}", "application/json");
            return;
        }
        res.set_content("{\"uid\":" + std::to_string(uid) + ",\"status\":\"succeeded\"}",
                        "application/json");
    });
    server.Get("/crash", [](const httplib::Request&, httplib::Response&) {
        std::fprintf(stderr, "fatal: crash requested\n");
        std::fflush(stderr);
        std::_Exit(3);
    });
    std::fprintf(stderr, "fake_target: listening on %d\n", port);
    std::fflush(stderr);
    if (!server.listen("127.0.0.1", port)) {
        std::fprintf(stderr, "fake_target: cannot listen on %d: %s\n", port, std::strerror(errno));
        return 1;
    }
    return 0;
}
