// Runs the store's effects in the browser: HTTP through window.fetch (no Asyncify), the response
// coming back through the exported b2b_on_http_response; records through web/storage.js.
#pragma once
#include <map>

#include "core/store.hpp"

namespace b2b::client {

class WebEffectRunner : public EffectRunner {
 public:
  void bind(Store& store) { store_ = &store; }
  void run(const Effect& effect) override;

  // Called from JavaScript when a request started by run() has finished or failed.
  void on_http_response(int request_id, int status, const char* body);

 private:
  Store* store_ = nullptr;
  int next_request_id_ = 1;
  struct InFlight {
    HttpPurpose purpose;
    std::uint64_t tag;
  };
  std::map<int, InFlight> in_flight_;
};

}  // namespace b2b::client
