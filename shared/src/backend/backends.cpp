// Picks the gateway for a configured backend kind.
#include "b2b/backend/backends.hpp"

#include "b2b/backend/medusa_gateway.hpp"
#include "b2b/backend/vendure_gateway.hpp"

namespace b2b::backend {

namespace {
bool is_own(const std::string& kind) { return kind.empty() || kind == "own"; }
bool is_adapted(const std::string& kind) { return kind == "vendure" || kind == "medusa"; }

Error unknown_kind(const std::string& kind) {
  return Error{
      ErrorKind::Validation, "backend",
      "unknown backend \"" + kind + "\": the client speaks \"own\" (our protocol), \"vendure\" and \"medusa\""};
}
}  // namespace

Result<std::shared_ptr<const Gateway>> gateway_for(const std::string& kind, const std::string& key) {
  if (is_own(kind)) return std::shared_ptr<const Gateway>();
  if (kind == "vendure") {
    VendureConfig config;
    config.channel_token = key;
    return std::shared_ptr<const Gateway>(std::make_shared<VendureGateway>(config));
  }
  if (kind == "medusa") {
    if (key.empty())
      return Error{ErrorKind::Validation, "backend",
                   "Medusa needs its publishable API key (key=pk_... in the address)"};
    MedusaConfig config;
    config.publishable_key = key;
    return std::shared_ptr<const Gateway>(std::make_shared<MedusaGateway>(config));
  }
  return unknown_kind(kind);
}

Result<std::shared_ptr<const Gateway>> own_gateway_for(const std::string& kind) {
  if (is_own(kind)) return std::shared_ptr<const Gateway>();
  if (is_adapted(kind)) {
    return Error{ErrorKind::Validation, "backend",
                 "this build of the client has no adapter for \"" + kind + "\": a page with ?backend=" + kind +
                     " runs b2b_client_adapters (web/index.html picks it)"};
  }
  return unknown_kind(kind);
}

}  // namespace b2b::backend
