// What an embedding portal is told after each action (docs/embedding.md): sign-in, the active cart,
// placed orders and touchpoints, found by comparing a small view of the state before and after.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "store.hpp"

namespace b2b::client {

struct HostView {
  bool signed_in = false;
  std::string cart_id;
  std::string cart_name;
  std::vector<CartLine> lines;
  bool priced = false;  // the price list was there to total the cart
  Screen screen = Screen::Login;
  std::string selected_sku;
};

HostView host_view(const AppState& state);
// Appends PostToHost effects for what changed between `before` and `next.state`.
void append_host_events(const HostView& before, Transition& next, const Action& action);

}  // namespace b2b::client
