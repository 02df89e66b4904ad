// What the store's unit tests share: server answers in the real wire format, and the requests among a
// transition's effects.
#pragma once
#include <doctest/doctest.h>

#include <utility>
#include <vector>

#include "b2b/wire/protocol.hpp"
#include "core/store.hpp"

namespace b2b::client::testing {

template <typename T>
HttpResponse ok(const T& value, int status = 200) {
  return {status, {}, wire::encode_json(value)};
}

// The requests among the transition's effects (records written to the device and messages are left out).
inline std::vector<SendHttp> sends(const Transition& t) {
  std::vector<SendHttp> out;
  for (const Effect& e : t.effects)
    if (const auto* send = std::get_if<SendHttp>(&e)) out.push_back(*send);
  return out;
}

// The request sent for this purpose among the transition's effects.
inline SendHttp send_of(const Transition& t, HttpPurpose purpose) {
  for (const SendHttp& send : sends(t))
    if (send.purpose == purpose) return send;
  FAIL("no request for this purpose");
  return {};
}

// The answer to a request, as the transport delivers it (with the request's tag).
inline HttpResponded answer(const SendHttp& request, HttpResponse response) {
  return HttpResponded{request.purpose, request.tag, std::move(response)};
}

}  // namespace b2b::client::testing
