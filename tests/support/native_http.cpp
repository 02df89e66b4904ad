// A native HTTP transport (cpp-httplib) for HttpRequest/HttpResponse values, and server-mock run as a
// child process whose announced URL the tests talk to.
#include "native_http.hpp"

#include <fcntl.h>
#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <regex>
#include <stdexcept>
#include <utility>

namespace b2b::test_support {

namespace {

// A peer that closes mid-request (dropped-connection faults, 413) must be an error, not SIGPIPE.
void ignore_sigpipe() {
  static const bool done = [] {
    std::signal(SIGPIPE, SIG_IGN);
    return true;
  }();
  (void)done;
}

}  // namespace

HttpResponse send_http(const std::string& base_url, const HttpRequest& request, int timeout_seconds) {
  ignore_sigpipe();
  std::string origin = base_url;
  while (!origin.empty() && origin.back() == '/') origin.pop_back();
  httplib::Client client(origin);
  client.set_connection_timeout(timeout_seconds, 0);
  client.set_read_timeout(timeout_seconds, 0);
  client.set_write_timeout(timeout_seconds, 0);
  client.set_keep_alive(false);
  client.set_url_encode(false);  // paths come already percent-encoded from the protocol code

  httplib::Request req;
  req.method = request.method;
  req.path = request.path;
  for (const auto& [name, value] : request.headers) req.headers.emplace(name, value);
  req.body = request.body;

  HttpResponse response;
  const httplib::Result result = client.send(req);
  if (!result) {
    response.status = 0;
    response.body = httplib::to_string(result.error());
    return response;
  }
  response.status = result->status;
  for (const auto& [name, value] : result->headers) response.headers.emplace_back(name, value);
  response.body = result->body;
  return response;
}

namespace {

// Reads one line from fd, waiting at most until deadline; false at end of file, error or timeout.
bool read_line(int fd, std::string& buffer, std::string& line, std::chrono::steady_clock::time_point deadline) {
  for (;;) {
    const auto newline = buffer.find('\n');
    if (newline != std::string::npos) {
      line = buffer.substr(0, newline);
      buffer.erase(0, newline + 1);
      return true;
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    const int ready = poll(&p, 1, static_cast<int>(left));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return false;
    char chunk[4096];
    const ssize_t n = read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
}

// Waits for the child to exit, at most timeout_ms; true when it was reaped.
bool reap_within(pid_t pid, int timeout_ms, int& status) {
  const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  if (pidfd >= 0) {
    pollfd p{pidfd, POLLIN, 0};
    int ready;
    do ready = poll(&p, 1, timeout_ms);
    while (ready < 0 && errno == EINTR);
    close(pidfd);
    if (ready <= 0) return false;
  }
  // Exited (or no pidfd support: then simply wait).
  pid_t reaped;
  do reaped = waitpid(pid, &status, 0);
  while (reaped < 0 && errno == EINTR);
  return reaped == pid;
}

}  // namespace

ServerMockProcess::ServerMockProcess(std::string binary, std::vector<std::string> arguments,
                                     ServerAnnouncement announcement)
    : binary_(std::move(binary)), arguments_(std::move(arguments)), announcement_(std::move(announcement)) {}

ServerMockProcess::~ServerMockProcess() { stop(); }

void ServerMockProcess::start(const std::vector<std::string>& extra_arguments) {
  if (running()) throw std::runtime_error("server-mock is already running");
  std::vector<std::string> all = arguments_;
  all.insert(all.end(), extra_arguments.begin(), extra_arguments.end());
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(binary_.c_str()));
  for (auto& a : all) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);

  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    close(out[0]);
    close(out[1]);
    throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    // The child: stdout to the pipe, stderr shared with the tests; dies with the test process.
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) _exit(127);
    std::signal(SIGPIPE, SIG_DFL);  // an ignored signal would stay ignored across exec
    dup2(out[1], STDOUT_FILENO);
    execv(binary_.c_str(), argv.data());
    const char message[] = "server-mock: exec failed\n";
    (void)!write(STDERR_FILENO, message, sizeof message - 1);
    _exit(127);
  }
  close(out[1]);
  pid_ = pid;

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(announcement_.within_seconds);
  const std::regex kAnnouncement(announcement_.pattern);
  std::string buffer, line, printed;
  bool found = false;
  while (read_line(out[0], buffer, line, deadline)) {
    printed += line + "\n";
    std::smatch match;
    if (std::regex_search(line, match, kAnnouncement)) {
      base_url_ = match[1];
      announced_.assign(match.begin() + 1, match.end());
      found = true;
      break;
    }
  }
  if (!found) {
    close(out[0]);
    stop();
    throw std::runtime_error(binary_ + " did not announce its URL; it printed:\n" + printed);
  }
  const int fd = out[0];
  drain_ = std::thread([fd] {
    char chunk[4096];
    for (;;) {
      const ssize_t n = read(fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
    }
    close(fd);
  });
}

int ServerMockProcess::stop() {
  int status = -1;
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    if (!reap_within(pid_, 20000, status)) {
      kill(pid_, SIGKILL);
      reap_within(pid_, -1, status);
    }
    pid_ = -1;
  }
  // The server has exited, so its end of the pipe is closed and the drain thread ends.
  if (drain_.joinable()) drain_.join();
  base_url_.clear();
  return status;
}

}  // namespace b2b::test_support
