// The backends the client can be pointed at, by the kind its configuration names (the page's
// ?backend= parameter, or the embedding portal's backend option).
#pragma once
#include <memory>
#include <string>

#include "b2b/backend/gateway.hpp"
#include "b2b/result.hpp"

namespace b2b::backend {

// "own" (or empty): our protocol, spoken directly (server-mock or a shop that implements docs/protocol.md);
// nullptr. "vendure": a Vendure Shop API through the VendureGateway; key is its channel token (may be
// empty). "medusa": a Medusa Store API through the MedusaGateway; key is its publishable API key (without
// one, an error on "backend" too).
// Any other kind is a Validation error on the field "backend" that lists the known kinds.
Result<std::shared_ptr<const Gateway>> gateway_for(const std::string& kind, const std::string& key);

}  // namespace b2b::backend
