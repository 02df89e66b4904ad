// The shop protocol's own messages on the wire: encode_json/decode_json (json.hpp) are instantiated
// for each type listed here, and encode_binary/decode_binary for the session and the order outbox.
#pragma once
#include "b2b/backend/shop_protocol.hpp"
#include "b2b/wire/binary.hpp"
#include "b2b/wire/json.hpp"

// clang-format off
#define B2B_PROTOCOL_TYPES(X)                                                                            \
  X(b2b::backend::Credentials) X(b2b::backend::Session) X(b2b::backend::CatalogPage)                     \
  X(b2b::backend::OrderSubmission) X(b2b::backend::RepricedOrder) X(b2b::backend::ApprovalDecision)      \
  X(b2b::backend::UserChange) X(b2b::backend::UserInvite) X(std::vector<b2b::backend::Category>)       \
  X(b2b::backend::ProductLookup) X(std::vector<b2b::backend::PendingApproval>)                         \
  X(b2b::backend::QuoteRequest) X(b2b::backend::QuoteAnswer) X(b2b::backend::QuoteAcceptance)          \
  X(b2b::Quote) X(std::vector<b2b::Quote>) X(b2b::backend::StartToken) X(b2b::backend::PunchoutContext)  \
  X(b2b::backend::PunchoutTransfer) X(b2b::backend::PunchoutForm)
// clang-format on
