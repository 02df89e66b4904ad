// Runs the store's effects in the browser: HTTP through window.fetch (no Asyncify), the response
// coming back through the exported b2b_on_http_response; records through web/storage.js. With a
// gateway (a shop whose API is not ours), each request becomes the gateway's exchange of fetches.
#pragma once
#include <map>
#include <memory>
#include <string>

#include "b2b/backend/gateway.hpp"
#include "core/store.hpp"

namespace b2b::client {

// The backend the page names: Module.b2bBackend and Module.b2bBackendKey (from ?backend= and ?key=).
std::string page_backend_kind();
std::string page_backend_key();

class WebEffectRunner : public EffectRunner {
 public:
  explicit WebEffectRunner(std::shared_ptr<const backend::Gateway> gateway) : gateway_(std::move(gateway)) {}
  void bind(Store& store) { store_ = &store; }
  void run(const Effect& effect) override;

  // Called from JavaScript when a request started by run() has finished or failed; headers are
  // "name: value" lines (those CORS lets the page read).
  void on_http_response(int request_id, int status, const char* body, const char* headers);

 private:
  void fetch(int request_id, const HttpRequest& request);
  // The exchange's next call, or its answer to the store when it has no more calls.
  void continue_exchange(int request_id);

  std::shared_ptr<const backend::Gateway> gateway_;
  Store* store_ = nullptr;
  int next_request_id_ = 1;
  struct InFlight {
    HttpPurpose purpose;
    std::uint64_t tag;
    std::shared_ptr<backend::HttpExchange> exchange;  // with a gateway
  };
  std::map<int, InFlight> in_flight_;
};

}  // namespace b2b::client
