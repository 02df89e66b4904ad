// A foreign shop's side of a gateway test, scripted: answers the gateway's calls in order and keeps them.
#pragma once
#include <doctest/doctest.h>

#include <deque>
#include <vector>

#include "b2b/backend/gateway.hpp"

struct ScriptedShop {
  explicit ScriptedShop(const b2b::backend::Gateway& serving) : gateway(serving) {}
  const b2b::backend::Gateway& gateway;
  std::deque<b2b::HttpResponse> answers;
  std::vector<b2b::HttpRequest> calls;

  // Our protocol's request in, through the gateway's exchange, our protocol's answer out.
  b2b::HttpResponse serve(const b2b::HttpRequest& own_request) {
    auto exchange = gateway.open(own_request);
    return b2b::backend::run_exchange(*exchange, [this](const b2b::HttpRequest& call) {
      calls.push_back(call);
      REQUIRE_MESSAGE(!answers.empty(), "the gateway made an unscripted call: " << call.method << " " << call.path
                                                                                << " " << call.body.substr(0, 200));
      b2b::HttpResponse next = answers.front();
      answers.pop_front();
      return next;
    });
  }
};
