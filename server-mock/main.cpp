// server-mock: a reference shop backend speaking our protocol on a loopback address, and the
// static file server for the built client (dist/ of the wasm build).
#include <httplib.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "b2b/protocol/health.hpp"

namespace {

httplib::Server* g_server = nullptr;

void stop_on_signal(int) {
  if (g_server) g_server->stop();
}

struct Options {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (tests read the printed URL)
  std::string web_root;
};

[[noreturn]] void usage(const char* problem) {
  std::fprintf(stderr,
               "server-mock: %s\n"
               "usage: server-mock --web-root DIR [--port N] [--host 127.0.0.1|localhost]\n",
               problem);
  std::exit(2);
}

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage((arg + " needs a value").c_str());
      return argv[++i];
    };
    if (arg == "--port") {
      const std::string text = value();
      char* end = nullptr;
      const long port = std::strtol(text.c_str(), &end, 10);
      if (*end != '\0' || port < 0 || port > 65535) usage(("--port: not a port number: " + text).c_str());
      options.port = static_cast<int>(port);
    } else if (arg == "--host") {
      options.host = value();
      // Only loopback: this server has test fault modes and seed passwords.
      if (options.host != "127.0.0.1" && options.host != "localhost") usage("--host must be 127.0.0.1 or localhost");
    } else if (arg == "--web-root") {
      options.web_root = value();
    } else {
      usage(("unknown option " + arg).c_str());
    }
  }
  if (options.web_root.empty()) usage("--web-root is required");
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse_options(argc, argv);

  httplib::Server server;
  g_server = &server;
  server.set_file_extension_and_mimetype_mapping("wasm", "application/wasm");
  if (!server.set_mount_point("/", options.web_root)) {
    std::fprintf(stderr, "server-mock: --web-root %s is not a directory\n", options.web_root.c_str());
    return 2;
  }

  server.Get("/api/v1/health", [](const httplib::Request&, httplib::Response& response) {
    const b2b::protocol::HealthInfo info{"server-mock 0.1.0", b2b::protocol::kProtocolVersion};
    response.set_content(b2b::protocol::encode_health(info), "application/json");
  });

  const int port = options.port == 0 ? server.bind_to_any_port(options.host) : options.port;
  if (options.port != 0 && !server.bind_to_port(options.host, port)) {
    std::fprintf(stderr, "server-mock: cannot listen on %s:%d (in use?)\n", options.host.c_str(), port);
    return 1;
  }
  if (port < 0) {
    std::fprintf(stderr, "server-mock: cannot listen on %s\n", options.host.c_str());
    return 1;
  }
  std::signal(SIGINT, stop_on_signal);
  std::signal(SIGTERM, stop_on_signal);
  std::printf("server-mock listening on http://%s:%d/ (open it in a browser; Ctrl-C stops)\n", options.host.c_str(),
              port);
  std::fflush(stdout);
  server.listen_after_bind();
  return 0;
}
