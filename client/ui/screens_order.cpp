// Screens for ordering: saved carts with live totals, checkout with the PO fields, confirmation.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>

#include "b2b/pricing.hpp"
#include "core/i18n.hpp"
#include "registry_hooks.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace b2b::client {
namespace {

void copy_text(char* buffer, std::size_t size, const std::string& text) {
  std::snprintf(buffer, size, "%s", text.c_str());
}

const char* terms_text(PaymentTerms terms, Locale l) {
  switch (terms) {
    case PaymentTerms::Prepaid:
      return tr(Msg::TermsPrepaid, l);
    case PaymentTerms::Net14:
      return tr(Msg::TermsNet14, l);
    case PaymentTerms::Net30:
      return tr(Msg::TermsNet30, l);
    case PaymentTerms::Net60:
      return tr(Msg::TermsNet60, l);
  }
  return "";
}

void draw_totals(const AppState& state, const PricedCart& priced, float width) {
  const Locale l = state.locale;
  column_rule(width);
  ImGui::Text("%s: %s", tr(Msg::Net, l), format_money(priced.totals.net, l).c_str());
  ImGui::Text("VAT: %s", format_money(priced.totals.vat, l).c_str());
  const std::string gross = std::string(tr(Msg::TotalGross, l)) + ": " + format_money(priced.totals.gross, l);
  message_line("cart_total", ImGui::GetStyle().Colors[ImGuiCol_Text], gross);
}

bool same_lines(const std::vector<CartLine>& a, const std::vector<CartLine>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const CartLine& x, const CartLine& y) {
    return x.sku == y.sku && x.quantity == y.quantity && x.note == y.note;
  });
}

// Pricing a thousand-line cart against a 100,000-entry price list takes longer than a frame: the cart is
// priced again only when its lines, the price list or the known products change.
const PricedCart& priced_for_frame(const AppState& state, const Cart& cart, PricedCartCache& cache) {
  const bool same = cache.cart_id == cart.id && same_lines(cache.lines, cart.lines) && state.prices &&
                    cache.price_list_id == state.prices->id && cache.price_list_version == state.prices->version &&
                    cache.price_entries == state.prices->entries.size() &&
                    cache.known_products == state.carts.known_products.size();
  if (same) return cache.priced;
  cache = {};
  cache.cart_id = cart.id;
  cache.lines = cart.lines;
  if (state.prices) {
    cache.price_list_id = state.prices->id;
    cache.price_list_version = state.prices->version;
    cache.price_entries = state.prices->entries.size();
    cache.known_products = state.carts.known_products.size();
    auto result = price_cart(cart, *state.prices, state.carts.known_products);
    if (result) cache.priced = std::move(result.value());
  }
  return cache.priced;
}

}  // namespace

void draw_carts(const AppState& state, UiState& ui, const UiFonts& fonts, float width, const Dispatch& dispatch) {
  const Locale l = state.locale;
  screen_title(fonts.title, tr(Msg::TabCarts, l));
  if (state.carts.error) message_line("cart_error", kErrorText, describe_error(*state.carts.error, l));
  draw_cart_sync(state, fonts, width, dispatch);
  if (touch_button(tr(Msg::QuickOrder, l), "open_quick_order", width)) dispatch(Navigate{Screen::QuickOrder});

  // Switch between saved carts.
  for (const Cart& cart : state.carts.carts) {
    const std::string label = cart.name + " (" + std::to_string(cart.lines.size()) + ")";
    if (segment(label.c_str(), ("cart_" + cart.id).c_str(), cart.id == state.carts.active_cart_id, width)) {
      dispatch(SelectCart{cart.id});
    }
  }
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float button = 140.0f;
  bare_text_field("new_cart_name", ui.new_cart_name, sizeof ui.new_cart_name, FieldKind::Text, width - button - spacing,
                  tr(Msg::NewCartName, l));
  ImGui::SameLine();
  if (touch_button(tr(Msg::CreateCartButton, l), "create_cart", button) && ui.new_cart_name[0] != '\0') {
    dispatch(CreateCart{ui.new_cart_name});
    ui.new_cart_name[0] = '\0';
  }

  const Cart* cart = active_cart(state);
  if (!cart) {
    ImGui::TextDisabled("%s", tr(Msg::NoCarts, l));
    return;
  }
  column_rule(width);
  ImGui::PushFont(fonts.title);
  ImGui::TextWrapped("%s", cart->name.c_str());
  ImGui::PopFont();
  if (cart_unsynced(state, *cart)) status_line("cart_unsynced", IM_COL32(200, 120, 0, 255), tr(Msg::CartNotSynced, l));

  // Rename, duplicate, delete the active cart.
  const float third = (width - 2 * spacing) / 3;
  if (ui.renaming_cart_id == cart->id) {
    bare_text_field("rename_cart_name", ui.rename_cart, sizeof ui.rename_cart, FieldKind::Text,
                    width - button - spacing);
    ImGui::SameLine();
    if (touch_button(tr(Msg::Save, l), "rename_save", button) && ui.rename_cart[0] != '\0') {
      dispatch(RenameCart{cart->id, ui.rename_cart});
      ui.renaming_cart_id.clear();
    }
  } else {
    if (touch_button(tr(Msg::Rename, l), "rename_cart", third)) {
      ui.renaming_cart_id = cart->id;
      copy_text(ui.rename_cart, sizeof ui.rename_cart, cart->name);
    }
    ImGui::SameLine();
    if (touch_button(tr(Msg::Duplicate, l), "duplicate_cart", third)) {
      dispatch(DuplicateCart{cart->id, cart->name + tr(Msg::CopySuffix, l)});
    }
    ImGui::SameLine();
    if (touch_button(tr(Msg::Delete, l), "delete_cart", third)) dispatch(DeleteCart{cart->id});
  }

  if (cart->lines.empty()) {
    ImGui::TextDisabled("%s", tr(Msg::EmptyCart, l));
    return;
  }
  const PricedCart& priced = priced_for_frame(state, *cart, ui.priced_cart);
  // A cart of a thousand lines stays within a frame's budget: a line off screen whose height is known from
  // an earlier frame only takes its space. Heights depend on the width and the language of the names.
  if (ui.cart_lines_width != width || ui.cart_lines_locale != l) {
    ui.cart_line_heights.clear();
    ui.cart_lines_width = width;
    ui.cart_lines_locale = l;
  }
  const float item_spacing = ImGui::GetStyle().ItemSpacing.y;
  std::size_t next_priced = 0;  // priced.lines are in cart order, less the lines that could not be priced
  for (const CartLine& line : cart->lines) {
    const PricedLine* priced_line = nullptr;
    if (next_priced < priced.lines.size() && priced.lines[next_priced].sku == line.sku) {
      priced_line = &priced.lines[next_priced++];
    }
    const auto known = ui.cart_line_heights.find(line.sku);
    if (known != ui.cart_line_heights.end() && ui.editing_note_sku != line.sku &&
        !ImGui::IsRectVisible(ImVec2(width, known->second))) {
      ImGui::Dummy(ImVec2(width, known->second));
      continue;
    }
    const float top = ImGui::GetCursorPosY();
    ImGui::PushID(line.sku.c_str());
    const Product* product = find_product(state, line.sku);
    column_rule(width);
    ImGui::TextWrapped("%s", product ? name_of(*product, l).c_str() : line.sku.c_str());
    ImGui::TextDisabled("%s  x%lld  %s", line.sku.c_str(), static_cast<long long>(line.quantity),
                        priced_line ? format_money(priced_line->net, l).c_str() : "");
    const std::int64_t step = product ? product->pack_size : 1;
    const std::int64_t minimum = product ? product->min_order_quantity : 1;
    if (touch_button("-", ("minus_" + line.sku).c_str(), kTouchTargetPx)) {
      dispatch(SetLineQuantity{line.sku, line.quantity - step < minimum ? 0 : line.quantity - step});
    }
    ImGui::SameLine();
    if (touch_button("+", ("plus_" + line.sku).c_str(), kTouchTargetPx)) {
      dispatch(SetLineQuantity{line.sku, line.quantity + step});
    }
    ImGui::SameLine();
    const float rest = (width - 2 * (kTouchTargetPx + spacing) - spacing) / 2;
    if (touch_button(tr(Msg::EditNote, l), ("note_" + line.sku).c_str(), rest)) {
      ui.editing_note_sku = line.sku;
      copy_text(ui.line_note, sizeof ui.line_note, line.note);
    }
    ImGui::SameLine();
    if (touch_button(tr(Msg::Delete, l), ("remove_" + line.sku).c_str(), rest)) dispatch(SetLineQuantity{line.sku, 0});
    if (ui.editing_note_sku == line.sku) {
      text_field(tr(Msg::LineNote, l), ("line_note_" + line.sku).c_str(), ui.line_note, sizeof ui.line_note,
                 FieldKind::Text, width);
      if (touch_button(tr(Msg::Save, l), ("save_note_" + line.sku).c_str(), width)) {
        dispatch(SetLineNote{line.sku, ui.line_note});
        ui.editing_note_sku.clear();
      }
    } else if (!line.note.empty()) {
      ImGui::TextWrapped("%s: %s", tr(Msg::LineNote, l), line.note.c_str());
    }
    ImGui::PopID();
    ui.cart_line_heights[line.sku] = ImGui::GetCursorPosY() - top - item_spacing;
  }
  draw_totals(state, priced, width);
  if (state.punchout.context) {
    // Punchout: the procurement system approves and orders; the cart goes back to it instead of a checkout.
    ImGui::TextWrapped("%s", tr(Msg::PunchoutNote, l));
    ImGui::BeginDisabled(state.punchout.transferring);
    if (touch_button(tr(state.punchout.transferring ? Msg::TransferringCart : Msg::TransferCart, l), "transfer_cart",
                     width, true)) {
      dispatch(TransferCart{});
    }
    ImGui::EndDisabled();
    if (const auto& error = state.punchout.error) {
      message_line("transfer_error", kErrorText,
                   error->kind == ErrorKind::Conflict ? tr(Msg::TransferNeedsSave, l) : error->message);
    }
    return;
  }
  if (touch_button(tr(Msg::GoToCheckout, l), "go_to_checkout", width, true)) dispatch(Navigate{Screen::Checkout});

  // Large or unusual quantities: ask the seller for a price instead (buyers and admins only).
  const Role role = state.session ? state.session->user.role : Role::Buyer;
  if ((role != Role::Buyer && role != Role::Admin) || !state.capabilities.quotes) return;
  section_heading(tr(Msg::AskForQuote, l));
  text_field(tr(Msg::QuoteNote, l), "quote_note", ui.quote_note, sizeof ui.quote_note, FieldKind::Text, width,
             problem_for(state.quotes.problems, "note", l));
  ImGui::BeginDisabled(state.quotes.requesting);
  if (touch_button(tr(Msg::AskForQuote, l), "request_quote", width)) {
    dispatch(RequestQuote{ui.quote_note});
    ui.quote_note[0] = '\0';
  }
  ImGui::EndDisabled();
  if (state.quotes.error && state.screen == Screen::Carts) {
    message_line("quote_request_error", kErrorText, describe_error(*state.quotes.error, l));
  }
}

void draw_checkout(const AppState& state, UiState& ui, const UiFonts& fonts, float width, const Dispatch& dispatch) {
  const Locale l = state.locale;
  const CheckoutState& checkout = state.checkout;
  if (!ui.checkout_loaded) {  // the fields start from the store (and survive leaving the screen)
    copy_text(ui.po_number, sizeof ui.po_number, checkout.fields.po_number);
    copy_text(ui.cost_centre, sizeof ui.cost_centre, checkout.fields.cost_centre);
    copy_text(ui.delivery_date, sizeof ui.delivery_date,
              checkout.fields.requested_delivery ? format_date(*checkout.fields.requested_delivery) : "");
    copy_text(ui.note, sizeof ui.note, checkout.fields.note);
    ui.checkout_loaded = true;
  }
  screen_title(fonts.title, tr(Msg::CheckoutTitle, l));
  const Cart* cart = active_cart(state);
  if (!cart || !state.session) return;
  const Company& company = state.session->company;

  bool changed = false;
  const std::string po_label = std::string(tr(Msg::PoNumber, l)) + (company.po_number_required ? " *" : "");
  changed |= text_field(po_label.c_str(), "po_number", ui.po_number, sizeof ui.po_number, FieldKind::Text, width,
                        problem_for(checkout.problems, "checkout.po_number", l));
  changed |= text_field(tr(Msg::CostCentre, l), "cost_centre", ui.cost_centre, sizeof ui.cost_centre, FieldKind::Text,
                        width, problem_for(checkout.problems, "checkout.cost_centre", l));
  changed |=
      text_field(tr(Msg::DeliveryDate, l), "delivery_date", ui.delivery_date, sizeof ui.delivery_date, FieldKind::Date,
                 width, problem_for(checkout.problems, "checkout.requested_delivery", l), "2026-12-31");
  changed |= text_field(tr(Msg::OrderNote, l), "order_note", ui.note, sizeof ui.note, FieldKind::Text, width,
                        problem_for(checkout.problems, "checkout.note", l));

  CheckoutFields fields = checkout.fields;
  section_heading(tr(Msg::ShipTo, l));
  for (const Address& address : company.addresses) {
    // The label names the place ("Budowa Wrocław, ul. Legnicka"); without one, the street and city do.
    const std::string label = address.label.empty() ? address.street + ", " + address.city : address.label;
    if (segment(label.c_str(), ("ship_to_" + address.id).c_str(), fields.ship_to_address_id == address.id, width)) {
      fields.ship_to_address_id = address.id;
      changed = true;
    }
  }
  const std::string address_problem = problem_for(checkout.problems, "checkout.ship_to_address_id", l);
  if (!address_problem.empty()) message_line("ship_to_error", kErrorText, address_problem);
  ImGui::TextWrapped("%s: %s", tr(Msg::PaymentTerms, l), terms_text(company.payment_terms, l));

  if (changed) {
    fields.po_number = ui.po_number;
    fields.cost_centre = ui.cost_centre;
    fields.note = ui.note;
    // A date that does not parse is kept as typed in the field and reported when ordering.
    fields.requested_delivery = parse_date(ui.delivery_date);
    dispatch(SetCheckoutFields{fields});
  }
  const bool bad_date = ui.delivery_date[0] != '\0' && !parse_date(ui.delivery_date);
  if (bad_date) message_line("delivery_date_format", kErrorText, tr(Msg::DateFormatHint, l));

  const PricedCart& priced = priced_for_frame(state, *cart, ui.priced_cart);
  // The review: what is ordered, at which prices, before the totals and the button.
  section_heading(tr(Msg::OrderReview, l));
  for (const PricedLine& line : priced.lines) {
    const Product* product = find_product(state, line.sku);
    ImGui::TextWrapped("%s", product ? name_of(*product, l).c_str() : line.sku.c_str());
    ImGui::TextDisabled("%lld x %s = %s", static_cast<long long>(line.quantity), format_money(line.unit_net, l).c_str(),
                        format_money(line.net, l).c_str());
  }
  draw_totals(state, priced, width);
  if (state.capabilities.delivery_charged_on_placing)
    message_line("delivery_note", ImGui::GetStyle().Colors[ImGuiCol_TextDisabled], tr(Msg::DeliveryAddedByShop, l));
  if (checkout.repriced) {
    message_line("prices_changed", kErrorText, tr(Msg::PricesChanged, l));
    for (const auto& change : checkout.repriced->changes) {
      ImGui::BulletText("%s: %s -> %s", change.sku.c_str(), format_money(change.old_unit_net, l).c_str(),
                        format_money(change.new_unit_net, l).c_str());
    }
  }
  const std::string lines_problem = problem_for(checkout.problems, "lines", l);
  if (!lines_problem.empty()) message_line("lines_error", kErrorText, lines_problem);
  if (checkout.error && checkout.problems.empty()) {
    message_line("order_error", kErrorText, describe_error(*checkout.error, l));
  }
  ImGui::BeginDisabled(checkout.submitting || bad_date);
  if (touch_button(checkout.submitting ? tr(Msg::Sending, l) : tr(Msg::PlaceOrder, l), "place_order", width, true)) {
    dispatch(PlaceOrder{});
  }
  ImGui::EndDisabled();
  if (touch_button(tr(Msg::Back, l), "back_to_cart", width)) dispatch(Navigate{Screen::Carts});
}

const char* status_text(OrderStatus status, Locale l) {
  switch (status) {
    case OrderStatus::PendingApproval:
      return tr(Msg::StatusPendingApproval, l);
    case OrderStatus::Approved:
      return tr(Msg::StatusApproved, l);
    case OrderStatus::Rejected:
      return tr(Msg::StatusRejected, l);
    case OrderStatus::Placed:
      return tr(Msg::StatusPlaced, l);
    case OrderStatus::Cancelled:
      return tr(Msg::StatusCancelled, l);
  }
  return "";
}

// One order's details: the lines with the prices charged, the checkout fields and the status history.
void draw_order_details(const AppState& state, const Order& order, float width, const Dispatch& dispatch) {
  const Locale l = state.locale;
  // Approvers do not place orders, so they are not offered to order again.
  const Role role = state.session ? state.session->user.role : Role::Buyer;
  if ((role == Role::Buyer || role == Role::Admin) &&
      touch_button(tr(Msg::OrderAgain, l), ("reorder_" + order.number).c_str(), width, true)) {
    dispatch(Reorder{order.number});
  }
  ImGui::Indent(12);
  for (const PricedLine& line : order.lines) {
    const Product* product = find_product(state, line.sku);
    ImGui::TextWrapped("%s", product ? name_of(*product, l).c_str() : line.sku.c_str());
    ImGui::TextDisabled("%s  %lld x %s = %s", line.sku.c_str(), static_cast<long long>(line.quantity),
                        format_money(line.unit_net, l).c_str(), format_money(line.net, l).c_str());
  }
  ImGui::Text("%s: %s   VAT: %s", tr(Msg::Net, l), format_money(order.totals.net, l).c_str(),
              format_money(order.totals.vat, l).c_str());
  const CheckoutFields& fields = order.checkout;
  if (!fields.cost_centre.empty()) ImGui::TextWrapped("%s: %s", tr(Msg::CostCentre, l), fields.cost_centre.c_str());
  if (fields.requested_delivery) {
    ImGui::TextWrapped("%s: %s", tr(Msg::RequestedDelivery, l), format_date(*fields.requested_delivery).c_str());
  }
  if (!fields.note.empty()) ImGui::TextWrapped("%s: %s", tr(Msg::OrderNote, l), fields.note.c_str());
  section_heading(tr(Msg::History, l));
  for (const StatusChange& change : order.history) {
    const Date day = date_from_unix_seconds(change.at_unix_seconds);
    ImGui::TextWrapped("%s  %s  %s%s%s", format_date(day).c_str(), status_text(change.status, l),
                       change.by_user_id.c_str(), change.comment.empty() ? "" : ": ", change.comment.c_str());
  }
  ImGui::Unindent(12);
}

// When orders were placed: presets counted back from today, or a typed range.
void draw_date_filter(const AppState& state, UiState& ui, const UiFonts& fonts, float width, const Dispatch& dispatch) {
  const Locale l = state.locale;
  const OrdersState& orders = state.orders;
  struct Range {
    const char* key;
    int days;  // 0: any time
    Msg label;
  };
  const Range ranges[] = {{"range_30", 30, Msg::Last30Days},
                          {"range_90", 90, Msg::Last90Days},
                          {"range_365", 365, Msg::LastYear},
                          {"range_all", 0, Msg::AnyTime}};
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float quarter = (width - 3 * spacing) / 4;
  ImGui::PushFont(fonts.small);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(2, ImGui::GetStyle().FramePadding.y));
  for (const Range& range : ranges) {
    if (&range != ranges) ImGui::SameLine();
    const std::optional<Date> from =
        range.days ? std::optional<Date>(add_days(state.today, -range.days)) : std::nullopt;
    const bool selected = !orders.filter.to && orders.filter.from == from;
    if (segment(tr(range.label, l), range.key, selected, quarter)) {
      copy_text(ui.orders_from, sizeof ui.orders_from, from ? format_date(*from) : "");
      ui.orders_to[0] = '\0';
      ui.orders_dates_bad = false;
      dispatch(FilterOrders{{orders.filter.status, from, std::nullopt}});
    }
  }
  ImGui::PopStyleVar();
  ImGui::PopFont();

  const float button = 90.0f;
  const float field = (width - button - 2 * spacing) / 2;
  bare_text_field("orders_from", ui.orders_from, sizeof ui.orders_from, FieldKind::Date, field, tr(Msg::DateFrom, l),
                  ui.orders_dates_bad);
  ImGui::SameLine();
  bare_text_field("orders_to", ui.orders_to, sizeof ui.orders_to, FieldKind::Date, field, tr(Msg::DateTo, l),
                  ui.orders_dates_bad);
  ImGui::SameLine();
  if (touch_button(tr(Msg::ShowOrders, l), "orders_dates_apply", button)) {
    const std::string from_text = ui.orders_from, to_text = ui.orders_to;
    const std::optional<Date> from = parse_date(from_text), to = parse_date(to_text);
    ui.orders_dates_bad = (!from_text.empty() && !from) || (!to_text.empty() && !to) || (from && to && *to < *from);
    if (!ui.orders_dates_bad) dispatch(FilterOrders{{orders.filter.status, from, to}});
  }
  if (ui.orders_dates_bad) {
    const std::optional<Date> from = parse_date(ui.orders_from), to = parse_date(ui.orders_to);
    message_line("orders_dates_error", kErrorText,
                 from && to && *to < *from ? tr(Msg::DatesReversed, l) : tr(Msg::BadDate, l));
  }
}

void draw_orders(const AppState& state, UiState& ui, const UiFonts& fonts, float width, const Dispatch& dispatch) {
  const Locale l = state.locale;
  screen_title(fonts.title, tr(Msg::TabOrders, l));
  draw_outbox(state, fonts, width, dispatch);
  const OrdersState& orders = state.orders;
  if (state.capabilities.quotes && touch_button(tr(Msg::Quotes, l), "open_quotes", width))
    dispatch(Navigate{Screen::Quotes});

  // Filter by status: all, waiting, placed, rejected.
  struct Filter {
    const char* key;
    std::optional<OrderStatus> status;
    Msg label;
  };
  const Filter filters[] = {{"filter_all", std::nullopt, Msg::FilterAll},
                            {"filter_pending", OrderStatus::PendingApproval, Msg::StatusPendingShort},
                            {"filter_placed", OrderStatus::Placed, Msg::StatusPlaced},
                            {"filter_rejected", OrderStatus::Rejected, Msg::StatusRejected}};
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float quarter = (width - 3 * spacing) / 4;
  ImGui::PushFont(fonts.small);  // four choices side by side on a phone
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(2, ImGui::GetStyle().FramePadding.y));
  for (const Filter& filter : filters) {
    if (&filter != filters) ImGui::SameLine();
    if (segment(tr(filter.label, l), filter.key, orders.filter.status == filter.status, quarter)) {
      dispatch(FilterOrders{{filter.status, orders.filter.from, orders.filter.to}});
    }
  }
  ImGui::PopStyleVar();
  ImGui::PopFont();
  draw_date_filter(state, ui, fonts, width, dispatch);

  if (orders.error) message_line("orders_error", kErrorText, describe_error(*orders.error, l));
  if (orders.orders.empty()) {
    ImGui::TextDisabled("%s", orders.loading ? tr(Msg::Loading, l) : tr(Msg::OrdersEmpty, l));
    return;
  }
  for (const Order& order : orders.orders) {
    column_rule(width);
    message_line(("order_" + order.number).c_str(), ImGui::GetStyle().Colors[ImGuiCol_Text],
                 order.number + "   " + format_money(order.totals.gross, l));
    message_line(("order_status_" + order.number).c_str(), ImGui::GetStyle().Colors[ImGuiCol_TextDisabled],
                 std::string(status_text(order.status, l)) +
                     (order.checkout.po_number.empty() ? "" : "   PO: " + order.checkout.po_number));
    // An approver's decision comes with a comment the buyer must see.
    if (!order.history.empty() && !order.history.back().comment.empty()) {
      message_line(("order_comment_" + order.number).c_str(), ImGui::GetStyle().Colors[ImGuiCol_Text],
                   std::string(tr(Msg::DecisionCommentLabel, l)) + ": " + order.history.back().comment);
    }
    if (touch_button(tr(Msg::Details, l), ("details_" + order.number).c_str(), width)) {
      dispatch(ToggleOrderDetails{order.number});
    }
    if (orders.open_number == order.number) draw_order_details(state, order, width, dispatch);
  }
}

void draw_confirmation(const AppState& state, const UiFonts& fonts, float width, const Dispatch& dispatch) {
  const Locale l = state.locale;
  const auto& order = state.checkout.placed;
  if (!order) return;
  screen_title(fonts.title, tr(Msg::OrderReceived, l));
  message_line("order_number", ImGui::GetStyle().Colors[ImGuiCol_Text],
               std::string(tr(Msg::OrderNumber, l)) + ": " + order->number);
  message_line("order_status", ImGui::GetStyle().Colors[ImGuiCol_Text], status_text(order->status, l));
  ImGui::Text("%s: %s", tr(Msg::TotalGross, l), format_money(order->totals.gross, l).c_str());
  if (!order->checkout.po_number.empty()) ImGui::Text("PO: %s", order->checkout.po_number.c_str());
  if (touch_button(tr(Msg::BackToCatalog, l), "back_to_catalog", width, true)) dispatch(Navigate{Screen::Catalog});
}

}  // namespace b2b::client
