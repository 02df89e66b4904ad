// A native HTTP transport for the sans-IO protocol values (cpp-httplib), and a server-mock child
// process on a free loopback port, for tests that talk to the real server over real HTTP.
#pragma once
#include <sys/types.h>

#include <string>
#include <thread>
#include <vector>

#include "b2b/http.hpp"

namespace b2b::test_support {

// Sends the request to base_url ("http://127.0.0.1:8080", a trailing slash is fine) and returns
// the response; status 0 with the transport's error text as body when no response came.
HttpResponse send_http(const std::string& base_url, const HttpRequest& request, int timeout_seconds = 10);

// A server as a child process (server-mock unless told otherwise): start() runs the binary with the
// arguments and waits until it prints its announcement, "server-mock listening on http://127.0.0.1:PORT/
// ..." by default (the pattern's first group is the base URL); stop() sends SIGTERM and reaps it.
// start() after stop() runs it again with the same arguments (so the same --db) on a new port.
struct ServerAnnouncement {
  std::string pattern = R"(server-mock listening on (http://127\.0\.0\.1:[0-9]+)/)";
  int within_seconds = 60;  // server-mock's start includes seeding (with --fast-hash that is quick)
};

class ServerMockProcess {
 public:
  ServerMockProcess(std::string binary, std::vector<std::string> arguments, ServerAnnouncement announcement = {});
  ~ServerMockProcess();
  ServerMockProcess(const ServerMockProcess&) = delete;
  ServerMockProcess& operator=(const ServerMockProcess&) = delete;

  // Throws std::runtime_error (with what it printed) when the server exits or does not announce itself.
  void start(const std::vector<std::string>& extra_arguments = {});
  // SIGTERM, then waits for the exit (SIGKILL if it has not exited after 20 s). Returns the exit
  // status as waitpid reports it, or -1 when it was not running.
  int stop();
  void restart(const std::vector<std::string>& extra_arguments = {}) {
    stop();
    start(extra_arguments);
  }

  bool running() const { return pid_ > 0; }
  // "http://127.0.0.1:PORT", without a trailing slash; empty while stopped.
  const std::string& base_url() const { return base_url_; }
  // Every group of the announcement's pattern, the base URL first (a shop may announce its keys too).
  const std::vector<std::string>& announced() const { return announced_; }
  HttpResponse send(const HttpRequest& request, int timeout_seconds = 10) const {
    return send_http(base_url_, request, timeout_seconds);
  }

 private:
  std::string binary_;
  std::vector<std::string> arguments_;
  ServerAnnouncement announcement_;
  pid_t pid_ = -1;
  std::string base_url_;
  std::vector<std::string> announced_;
  std::thread drain_;  // reads (and drops) the server's further stdout so its pipe never fills
};

}  // namespace b2b::test_support
