// server-mock: the reference shop backend. Serves the built client (dist/ of the wasm build) and
// the protocol API (docs/protocol.md) on a loopback address, with its data in an SQLite file.
#include <dirent.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "api.hpp"
#include "auth.hpp"
#include "b2b/http.hpp"
#include "seed.hpp"
#include "static_files.hpp"
#include "storage.hpp"

namespace {

// Debian's cpp-httplib is a compiled library that listens with a backlog of 5: a hundred clients
// connecting at once overflow it and wait for the kernel's SYN retries (1, 2, 4, 8 s). Calling listen()
// again on the bound socket raises the backlog; the socket is found by its port among our descriptors.
void raise_listen_backlog(int port) {
  DIR* fds = opendir("/proc/self/fd");
  if (!fds) return;
  while (const dirent* entry = readdir(fds)) {
    const int fd = std::atoi(entry->d_name);
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    int listening = 0;
    socklen_t flag_length = sizeof listening;
    if (fd <= 2 || getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) continue;
    if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &flag_length) != 0 || !listening) continue;
    const int bound = address.ss_family == AF_INET    ? ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port)
                      : address.ss_family == AF_INET6 ? ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port)
                                                      : -1;
    if (bound == port) listen(fd, 1024);
  }
  closedir(fds);
}

httplib::Server* g_server = nullptr;

void stop_on_signal(int) {
  if (g_server) g_server->stop();
}

struct Options {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (tests read the printed URL)
  std::string web_root;
  std::string db = "server-mock.db";
  bool reset = false;
  b2b::seed::SeedOptions seed;
  bool fast_hash = false;
  b2b::mock::ApiOptions api;
};

[[noreturn]] void usage(const std::string& problem) {
  std::fprintf(stderr,
               "server-mock: %s\n"
               "usage: server-mock --web-root DIR [--port N] [--host 127.0.0.1|localhost] [--db FILE] [--reset]\n"
               "                   [--seed N] [--products N] [--allow-origin ORIGIN]... [--portal ORIGIN]...\n"
               "                   [--fast-hash] [--enable-test-endpoints]\n",
               problem.c_str());
  std::exit(2);
}

long long parse_number(const std::string& option, const std::string& text, long long low, long long high) {
  char* end = nullptr;
  const long long value = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || value < low || value > high) {
    usage(option + ": expected a number from " + std::to_string(low) + " to " + std::to_string(high) + ", got '" +
          text + "'");
  }
  return value;
}

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--port") {
      options.port = static_cast<int>(parse_number(arg, value(), 0, 65535));
    } else if (arg == "--host") {
      options.host = value();
      // Only loopback: this server has test endpoints and published seed passwords.
      if (options.host != "127.0.0.1" && options.host != "localhost") usage("--host must be 127.0.0.1 or localhost");
    } else if (arg == "--web-root") {
      options.web_root = value();
    } else if (arg == "--db") {
      options.db = value();
    } else if (arg == "--reset") {
      options.reset = true;
    } else if (arg == "--seed") {
      options.seed.seed = static_cast<std::uint64_t>(parse_number(arg, value(), 0, INT64_MAX));
    } else if (arg == "--products") {
      options.seed.product_count = static_cast<std::size_t>(parse_number(arg, value(), 1, 5000000));
    } else if (arg == "--allow-origin") {
      options.api.allowed_origins.push_back(value());
    } else if (arg == "--portal") {
      // Exact origins only: each goes into a CSP header and is compared with a browser's Origin as it is.
      const std::string origin = value();
      if (!b2b::is_http_origin(origin)) {
        usage(
            "--portal: expected an origin such as https://portal.example.com or http://localhost:8081"
            " (http or https, lower case, no path), got '" +
            origin + "'");
      }
      options.api.portal_origins.push_back(origin);
    } else if (arg == "--fast-hash") {
      options.fast_hash = true;
    } else if (arg == "--enable-test-endpoints") {
      options.api.test_endpoints = true;
    } else {
      usage("unknown option " + arg);
    }
  }
  if (options.web_root.empty()) usage("--web-root is required");
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse_options(argc, argv);
  if (!b2b::mock::init_crypto()) {
    std::fprintf(stderr, "server-mock: libsodium failed to start\n");
    return 1;
  }

  auto storage = b2b::mock::Storage::open(options.db);
  if (!storage.ok()) {
    std::fprintf(stderr, "server-mock: cannot open %s: %s\n", options.db.c_str(), storage.error().message.c_str());
    return 1;
  }
  b2b::mock::Storage& db = *storage.value();
  if (options.reset) {
    if (const auto reset = db.reset(); !reset.ok()) {
      std::fprintf(stderr, "server-mock: --reset failed: %s\n", reset.error().message.c_str());
      return 1;
    }
  }
  const auto hash_cost = options.fast_hash ? b2b::mock::HashCost::Fast : b2b::mock::HashCost::Interactive;
  if (db.is_empty()) {
    std::printf("server-mock: seeding %s with %zu products (seed %llu)\n", options.db.c_str(),
                options.seed.product_count, static_cast<unsigned long long>(options.seed.seed));
    const auto seeded = db.seed(b2b::seed::generate_seed(options.seed), hash_cost);
    if (!seeded.ok()) {
      std::fprintf(stderr, "server-mock: seeding failed: %s\n", seeded.error().message.c_str());
      return 1;
    }
  } else if (const auto added = db.add_punchout_clients(b2b::seed::punchout_clients(), hash_cost); !added.ok()) {
    // A database seeded before punchout existed gets the seed's punchout clients now.
    std::fprintf(stderr, "server-mock: adding the punchout clients failed: %s\n", added.error().message.c_str());
    return 1;
  }

  httplib::Server server;
  g_server = &server;
  // A thread per open connection up to a hundred clients, and connections kept open: cpp-httplib's 8
  // threads and 5 requests per connection made new connections queue for seconds under load, and the
  // reconnects overflowed its fixed listen backlog of 5 (bench/load: p99 2 s with 100 clients).
  server.new_task_queue = [] { return new httplib::ThreadPool(128); };
  server.set_keep_alive_max_count(100000);
  // cpp-httplib writes a response's headers and body in separate sends: with Nagle's algorithm on, the body
  // waited for the client's delayed ACK, 40 ms on every response (a page, each script, each API call).
  server.set_tcp_nodelay(true);
  server.set_file_extension_and_mimetype_mapping("wasm", "application/wasm");
  if (!server.set_mount_point("/", options.web_root)) {
    std::fprintf(stderr, "server-mock: --web-root %s is not a directory\n", options.web_root.c_str());
    return 2;
  }
  // The client's file names carry no version, so a browser must ask every time (a cached page or
  // b2b_client.js next to a newer wasm would break). Repeat and offline starts come from the service
  // worker's cache instead, and a changed sw.js is what tells the browser to replace that cache.
  server.set_file_request_handler(
      [](const httplib::Request&, httplib::Response& response) { response.set_header("Cache-Control", "no-cache"); });
  b2b::mock::ShopApi api(db, options.api);
  b2b::mock::StaticFiles static_files(options.web_root);
  api.install(server, &static_files);

  const int port = options.port == 0 ? server.bind_to_any_port(options.host) : options.port;
  if (options.port != 0 && !server.bind_to_port(options.host, port)) {
    std::fprintf(stderr, "server-mock: cannot listen on %s:%d (in use?)\n", options.host.c_str(), port);
    return 1;
  }
  if (port < 0) {
    std::fprintf(stderr, "server-mock: cannot listen on %s\n", options.host.c_str());
    return 1;
  }
  raise_listen_backlog(port);
  std::signal(SIGINT, stop_on_signal);
  std::signal(SIGTERM, stop_on_signal);
  std::printf("server-mock listening on http://%s:%d/ (open it in a browser; Ctrl-C stops)\n", options.host.c_str(),
              port);
  std::fflush(stdout);
  server.listen_after_bind();
  return 0;
}
