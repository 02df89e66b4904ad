// Picks the gateway for a configured backend kind.
#include "b2b/backend/backends.hpp"

#include "b2b/backend/medusa_gateway.hpp"
#include "b2b/backend/vendure_gateway.hpp"

namespace b2b::backend {

Result<std::shared_ptr<const Gateway>> gateway_for(const std::string& kind, const std::string& key) {
  if (kind.empty() || kind == "own") return std::shared_ptr<const Gateway>();
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
  return Error{
      ErrorKind::Validation, "backend",
      "unknown backend \"" + kind + "\": the client speaks \"own\" (our protocol), \"vendure\" and \"medusa\""};
}

}  // namespace b2b::backend
