// The events an embedding portal receives, derived from state changes so every path that signs in,
// edits the active cart or places an order (checkout, quote, outbox) reports the same way.
#include "host_events.hpp"

#include <algorithm>

#include "b2b/pricing.hpp"

namespace b2b::client {
namespace {

bool same_lines(const std::vector<CartLine>& a, const std::vector<CartLine>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const CartLine& x, const CartLine& y) { return x.sku == y.sku && x.quantity == y.quantity; });
}

std::int64_t quantity_of(const std::vector<CartLine>& lines, const std::string& sku) {
  for (const CartLine& line : lines)
    if (line.sku == sku) return line.quantity;
  return 0;
}

std::optional<Totals> totals_of(const AppState& state, const Cart& cart) {
  if (!state.prices) return std::nullopt;
  const auto priced = price_cart(cart, *state.prices, state.carts.known_products);
  if (!priced || !priced.value().problems.empty()) return std::nullopt;
  return priced.value().totals;
}

std::int64_t at_ms(const AppState& state) { return state.now_unix * 1000; }

void post(Transition& next, std::string json) { next.effects.push_back(PostToHost{std::move(json)}); }

void announce_order(Transition& next, const Order& order) {
  auto& announced = next.state.embed.announced_orders;
  if (order.number.empty() || std::find(announced.begin(), announced.end(), order.number) != announced.end()) return;
  announced.push_back(order.number);
  post(next, embed::order_placed_message(order));
  post(next, embed::order_touchpoint(at_ms(next.state), order.number, order.totals.gross));
}

// An order sent from the outbox: the server's answer carried its number and status, the lines are ours.
Order order_of(const AppState& state, const OutboxEntry& entry) {
  Order order;
  order.number = entry.order_number;
  order.status = entry.order_status.value_or(OrderStatus::Placed);
  order.checkout = entry.submission.checkout;
  Cart cart;
  cart.lines = entry.submission.lines;
  if (entry.new_totals) {
    order.totals = *entry.new_totals;
  } else if (const auto totals = totals_of(state, cart)) {
    order.totals = *totals;
  }
  for (const CartLine& line : entry.submission.lines) {
    PricedLine priced;
    priced.sku = line.sku;
    priced.quantity = line.quantity;
    order.lines.push_back(std::move(priced));
  }
  return order;
}

}  // namespace

HostView host_view(const AppState& state) {
  HostView view;
  view.signed_in = state.session.has_value();
  if (const Cart* cart = active_cart(state)) {
    view.cart_id = cart->id;
    view.cart_name = cart->name;
    view.lines = cart->lines;
  }
  view.priced = state.prices.has_value();
  view.screen = state.screen;
  view.selected_sku = state.catalog.selected_sku;
  return view;
}

void append_host_events(const HostView& before, Transition& next, const Action& action) {
  AppState& state = next.state;
  if (!state.embed.connected) return;
  const HostView after = host_view(state);

  if (before.signed_in != after.signed_in) {
    post(next, after.signed_in
                   ? embed::session_message(true, state.session->company.name, role_code(state.session->user.role))
                   : embed::session_message(false, "", ""));
  }

  const Cart* cart = active_cart(state);
  if (cart && (before.cart_id != after.cart_id || before.cart_name != after.cart_name ||
               !same_lines(before.lines, after.lines) || before.priced != after.priced)) {
    post(next, embed::cart_changed_message(*cart, totals_of(state, *cart)));
  }
  if (const auto* add = std::get_if<AddToCart>(&action); add && before.cart_id == after.cart_id) {
    const std::int64_t added = quantity_of(after.lines, add->sku) - quantity_of(before.lines, add->sku);
    if (added > 0) post(next, embed::add_to_cart_touchpoint(at_ms(state), add->sku, added));
  } else if (add && cart) {
    const std::int64_t added = quantity_of(after.lines, add->sku);
    if (added > 0) post(next, embed::add_to_cart_touchpoint(at_ms(state), add->sku, added));
  }

  if (after.screen == Screen::Product && !after.selected_sku.empty() &&
      (before.screen != Screen::Product || before.selected_sku != after.selected_sku)) {
    post(next, embed::view_product_touchpoint(at_ms(state), after.selected_sku));
  }

  const CatalogState& catalog = state.catalog;
  if (!catalog.searching && catalog.query_seq != state.embed.search_announced && !catalog.error &&
      catalog.query.find_first_not_of(" \t") != std::string::npos) {
    state.embed.search_announced = catalog.query_seq;
    post(next, embed::search_touchpoint(at_ms(state), catalog.query, catalog.results.size()));
  }

  if (state.checkout.placed) announce_order(next, *state.checkout.placed);
  for (const OutboxEntry& entry : state.outbox.entries) {
    if (!entry.order_number.empty()) announce_order(next, order_of(state, entry));
  }
}

}  // namespace b2b::client
