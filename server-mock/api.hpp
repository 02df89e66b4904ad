// The shop API of server-mock (docs/protocol.md) on top of Storage: authentication, roles, tenant
// isolation, server-side pricing, idempotent orders, requests for quote, start tokens and punchout (OCI,
// cXML), CORS and framing policy, and test faults.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "b2b/search.hpp"
#include "storage.hpp"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace b2b::mock {

class StaticFiles;

struct ApiOptions {
  std::vector<std::string> allowed_origins;  // CORS: exact origins, e.g. "http://localhost:8081"
  std::vector<std::string> portal_origins;   // may embed the client (CSP frame-ancestors besides 'self')
  bool test_endpoints = false;               // /api/v1/test/*: faults, prices, products, clock
  std::int64_t token_ttl_seconds = 8 * 3600;
};

// What the fault-injection test endpoint has armed.
struct Faults {
  std::atomic<int> latency_ms{0};
  std::atomic<int> fail_status{503};
  std::atomic<int> fail_next{0};
  std::atomic<int> drop_before_next{0};
  std::atomic<int> drop_after_commit_next{0};
};

class ShopApi {
 public:
  ShopApi(Storage& storage, ApiOptions options);
  ~ShopApi();

  // Registers the API routes and the request policies (CORS, size limit, faults, CSP).
  // Routes the API into the server; other paths go to static_files first (when given), then to the
  // server's mount point.
  void install(httplib::Server& server, StaticFiles* static_files = nullptr);

 private:
  struct Catalog;  // products and their search index, replaced as a whole when the catalog changes
  std::shared_ptr<const Catalog> catalog() const;
  void reload_catalog();
  std::int64_t now() const;

  Storage& storage_;
  ApiOptions options_;
  Faults faults_;
  std::atomic<std::int64_t> clock_offset_seconds_{0};
  mutable std::mutex catalog_mutex_;
  std::shared_ptr<const Catalog> catalog_;

  friend struct ApiHandlers;
};

}  // namespace b2b::mock
