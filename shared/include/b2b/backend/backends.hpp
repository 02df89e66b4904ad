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

// gateway_for for a build that speaks only our own protocol (the browser's smaller download links no
// adapter): "own" or empty is nullptr; "vendure" and "medusa" are an error on "backend" that says this
// build has no adapters; any other kind is the same error as gateway_for's.
Result<std::shared_ptr<const Gateway>> own_gateway_for(const std::string& kind);

}  // namespace b2b::backend
