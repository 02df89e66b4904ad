// Screens for finding and choosing: sign-in, the catalog list, a product, the account and the tab bar.
#include <algorithm>
#include <cstdio>
#include <string>

#include "b2b/pricing.hpp"
#include "core/i18n.hpp"
#include "registry_hooks.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace b2b::client {
namespace {

std::string money(const AppState& state, std::int64_t minor) {
  const Currency currency = state.prices ? state.prices->currency : Currency::PLN;
  return format_money({minor, currency}, state.locale);
}

// Browsing: the top categories; a tap opens one, and a tap on a sub-category searches for it.
void draw_categories(const AppState& state, UiState& ui, float width, float height, const Dispatch& dispatch) {
  if (state.catalog.categories.empty()) return;
  const std::string& only = state.catalog.category;
  if (only.empty()) {
    section_heading(tr(Msg::Categories, state.locale));
  } else {
    section_heading((std::string(tr(Msg::CatalogLimitedTo, state.locale)) + " " + only).c_str());
    ui.open_category = only;  // a portal limited the catalog: its sub-categories are the way in
  }
  ImGui::BeginChild("##categories", ImVec2(width, std::max(height, kTouchTargetPx)));
  ui.categories_scroll.update();
  for (const backend::Category& category : state.catalog.categories) {
    if (!only.empty() && category.path.front() != only) continue;
    const std::string& name = category.path.back();
    const std::string label = name + " (" + std::to_string(category.product_count) + ")";
    if (category.path.size() == 1) {
      if (WidgetRegistry* registry = current_widget_registry()) registry->set_next_role(WidgetRole::TreeNode);
      const bool open = ui.open_category == name;
      if (touch_button(label.c_str(), ("category_" + name).c_str(), width - ImGui::GetStyle().ScrollbarSize, open)) {
        ui.open_category = open ? "" : name;
      }
      if (WidgetRegistry* registry = current_widget_registry()) registry->set_last_checked(open);
    } else if (category.path.size() == 2 && category.path.front() == ui.open_category) {
      ImGui::Indent(24);
      if (WidgetRegistry* registry = current_widget_registry()) registry->set_next_role(WidgetRole::ListItem);
      if (touch_button(label.c_str(), ("category_" + category.path.front() + "/" + name).c_str(),
                       width - 24 - ImGui::GetStyle().ScrollbarSize)) {
        std::snprintf(ui.search, sizeof ui.search, "%s", name.c_str());
        dispatch(SearchChanged{name});
      }
      ImGui::Unindent(24);
    }
  }
  ImGui::EndChild();
}

}  // namespace

void draw_login(const AppState& state, UiState& ui, const UiFonts& fonts, float width, const Dispatch& dispatch) {
  const Locale l = state.locale;
  screen_title(fonts.title, tr(Msg::AppTitle, l));
  ImGui::TextWrapped("%s", tr(Msg::Tagline, l));
  column_rule(width);
  section_heading(tr(Msg::LoginTitle, l));
  text_field(tr(Msg::Email, l), "email", ui.email, sizeof ui.email, FieldKind::Email, width);
  const bool enter =
      text_field(tr(Msg::Password, l), "password", ui.password, sizeof ui.password, FieldKind::Password, width) &&
      ImGui::IsKeyPressed(ImGuiKey_Enter);
  ImGui::Spacing();
  ImGui::BeginDisabled(state.login.busy);
  if (touch_button(state.login.busy ? tr(Msg::SigningIn, l) : tr(Msg::SignIn, l), "sign_in", width, true) || enter) {
    dispatch(LogIn{ui.email, ui.password});
  }
  ImGui::EndDisabled();
  if (state.login.error) {
    const bool expired = !state.login.expired_user_id.empty() && !state.login.busy;
    const Error& error = *state.login.error;
    const std::string text = expired                         ? tr(Msg::SessionExpired, l)
                             : error.kind == ErrorKind::Auth ? tr(Msg::WrongPassword, l)
                             : error.field == "backend" ? std::string(tr(Msg::BackendUnknown, l)) + " " + error.message
                                                        : describe_error(error, l);
    message_line("login_error", kErrorText, text);
  }
}

void draw_catalog_list(const AppState& state, UiState& ui, float width, float height, const Dispatch& dispatch) {
  const Locale l = state.locale;
  const float top = ImGui::GetCursorScreenPos().y;
  // What is left of `height` below what was drawn so far, for the scrolling lists.
  const auto remaining = [&] {
    return height - (ImGui::GetCursorScreenPos().y - top) - ImGui::GetStyle().ItemSpacing.y;
  };
  if (bare_text_field("search", ui.search, sizeof ui.search, FieldKind::Text, width, tr(Msg::SearchPlaceholder, l))) {
    dispatch(SearchChanged{ui.search});
  }

  const CatalogState& catalog = state.catalog;
  if (catalog.error) message_line("search_error", kErrorText, describe_error(*catalog.error, l));
  if (catalog.results_from_device && !catalog.query.empty()) {
    ImGui::TextDisabled("%s", tr(Msg::SearchOnDevice, l));
  }
  if (catalog.query.empty()) {
    ImGui::TextDisabled("%s", tr(Msg::TypeToSearch, l));
    draw_categories(state, ui, width, remaining() - ImGui::GetTextLineHeightWithSpacing() - 8, dispatch);
    return;
  }
  if (catalog.results.empty()) {
    ImGui::TextDisabled("%s", catalog.searching ? tr(Msg::Searching, l) : tr(Msg::NoResults, l));
    return;
  }

  // Rows of two lines: name, then SKU and price. The clipper draws only the visible ones.
  const float row_height = ImGui::GetTextLineHeightWithSpacing() * 2 + 16;
  const float list_height = remaining();
  ImGui::BeginChild("##results", ImVec2(width, list_height > row_height ? list_height : row_height));
  ui.results_scroll.update();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(catalog.results.size()), row_height);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const Product& product = catalog.results[static_cast<std::size_t>(i)];
      ImGui::PushID(i);
      const ImVec2 top = ImGui::GetCursorScreenPos();
      if (WidgetRegistry* registry = current_widget_registry()) registry->set_next_role(WidgetRole::ListItem);
      const std::string id = name_of(product, l) + "##product_" + product.sku;
      const bool selected = product.sku == catalog.selected_sku;
      if (ImGui::Selectable(id.c_str(), selected, ImGuiSelectableFlags_AllowOverlap, ImVec2(width, row_height - 4))) {
        dispatch(ShowProduct{product.sku});
      }
      // The second line (SKU, price) is drawn over the selectable's lower half.
      const PriceListEntry* price = find_price(state, product.sku);
      const std::string detail =
          product.sku + "   " +
          (price ? money(state, price->unit_net_minor) + " " + tr(Msg::NetShort, l) : std::string(tr(Msg::NoPrice, l)));
      ImGui::GetWindowDrawList()->AddText(ImVec2(top.x + 4, top.y + ImGui::GetTextLineHeightWithSpacing() + 4),
                                          ImGui::GetColorU32(ImGuiCol_TextDisabled), detail.c_str());
      ImGui::PopID();
    }
  }
  ImGui::EndChild();
}

void draw_product(const AppState& state, UiState& ui, const UiFonts& fonts, float width, const Dispatch& dispatch) {
  const Locale l = state.locale;
  const Product* product = find_product(state, state.catalog.selected_sku);
  if (!product) return;
  ImGui::PushFont(fonts.title);
  ImGui::TextWrapped("%s", name_of(*product, l).c_str());
  ImGui::PopFont();
  if (l == Locale::pl && !product->name.en.empty()) ImGui::TextDisabled("%s", product->name.en.c_str());
  ImGui::Text("%s: %s    EAN: %s", tr(Msg::Sku, l), product->sku.c_str(), product->ean.c_str());
  ImGui::Text("%s: %s    %s: %lld    %s: %lld", tr(Msg::Unit, l), unit_code(product->unit), tr(Msg::PackSize, l),
              static_cast<long long>(product->pack_size), tr(Msg::MinimumQuantity, l),
              static_cast<long long>(product->min_order_quantity));
  ImGui::Text("%s: %lld", tr(Msg::Stock, l), static_cast<long long>(product->stock));
  column_rule(width);

  const PriceListEntry* price = find_price(state, product->sku);
  if (!price) {
    message_line("no_price", kErrorText, tr(Msg::NoPrice, l));
    return;
  }
  if (ui.quantity_sku != product->sku) {  // a new product starts at its minimum
    ui.quantity_sku = product->sku;
    ui.quantity = product->min_order_quantity;
  }
  const std::int64_t unit = unit_price_for(*price, ui.quantity);
  const Money net{unit, state.prices->currency};
  const auto vat = vat_for(net, product->vat);
  ImGui::Text("%s: %s", tr(Msg::NetPrice, l), format_money(net, l).c_str());
  ImGui::Text("VAT %s%%: %s    %s: %s", vat_code(product->vat), vat ? format_money(vat.value(), l).c_str() : "?",
              tr(Msg::Gross, l), vat ? format_money({unit + vat.value().minor, net.currency}, l).c_str() : "?");
  if (!price->tiers.empty()) {
    section_heading(tr(Msg::VolumePrices, l));
    for (const PriceTier& tier : price->tiers) {
      ImGui::BulletText("%s: %s", format(tr(Msg::FromQuantity, l), tier.min_quantity).c_str(),
                        money(state, tier.unit_net_minor).c_str());
    }
  }

  // The stepper moves by whole packs and never below the minimum.
  section_heading(tr(Msg::Quantity, l));
  const float button = kTouchTargetPx;
  if (touch_button("-", "quantity_minus", button) && ui.quantity - product->pack_size >= product->min_order_quantity) {
    ui.quantity -= product->pack_size;
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(width - 2 * (button + ImGui::GetStyle().ItemSpacing.x));
  long long quantity = ui.quantity;
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, touch_frame_padding());
  if (ImGui::InputScalar("##quantity", ImGuiDataType_S64, &quantity)) ui.quantity = quantity;
  ImGui::PopStyleVar();
  if (WidgetRegistry* registry = current_widget_registry()) {
    registry->set_last_input_mode(InputMode::Numeric);  // the phone shows digits
    registry->set_last_value(std::to_string(ui.quantity));
  }
  ImGui::SameLine();
  if (touch_button("+", "quantity_plus", button)) ui.quantity += product->pack_size;
  if (touch_button(tr(Msg::AddToCart, l), "add_to_cart", width, true)) {
    dispatch(AddToCart{product->sku, ui.quantity});
  }
  if (const auto& notice = state.carts.notice; notice && notice->sku == product->sku) {
    const std::string text = notice->added == notice->requested
                                 ? format(tr(Msg::AddedNotice, l), notice->added)
                                 : format(tr(Msg::AdjustedNotice, l), notice->added, notice->requested,
                                          product->pack_size, product->min_order_quantity);
    message_line("cart_notice", kNoticeText, text);
  }
  if (state.carts.error) message_line("cart_error", kErrorText, describe_error(*state.carts.error, l));
}

void draw_account(const AppState& state, const UiFonts& fonts, float width, const Dispatch& dispatch) {
  const Locale l = state.locale;
  if (state.session) {
    screen_title(fonts.title, tr(Msg::TabAccount, l));
    ImGui::TextWrapped("%s: %s (%s)", tr(Msg::SignedInAs, l), state.session->user.name.c_str(),
                       state.session->user.email.c_str());
    ImGui::TextWrapped("%s: %s", tr(Msg::Company, l), state.session->company.name.c_str());
    if (state.embed.connected && state.embed.storage != embed::StorageKind::Available) {
      ImGui::TextWrapped("%s", tr(Msg::EmbeddedStorageNote, l));
    }
    // Only what the role may do is offered; the server refuses the rest anyway.
    const Role role = state.session->user.role;
    if (!state.capabilities.saved_carts) ImGui::TextWrapped("%s", tr(Msg::CartsOnDeviceOnly, l));
    if ((role == Role::Approver || role == Role::Admin) && state.capabilities.approvals) {
      if (touch_button(tr(Msg::Approvals, l), "open_approvals", width)) dispatch(Navigate{Screen::Approvals});
    }
    if (role == Role::Admin && state.capabilities.user_management) {
      if (touch_button(tr(Msg::Users, l), "open_users", width)) dispatch(Navigate{Screen::Users});
    }
  }
  section_heading(tr(Msg::LanguageHeading, l));
  const float half = (width - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  if (segment(tr(Msg::LanguagePolish, l), "lang_pl", l == Locale::pl, half)) dispatch(SetLocale{Locale::pl});
  ImGui::SameLine();
  if (segment(tr(Msg::LanguageEnglish, l), "lang_en", l == Locale::en, half)) dispatch(SetLocale{Locale::en});

  const ServerStatus& server = state.server;
  section_heading(tr(Msg::ServerHeading, l));
  switch (server.connection) {
    case Connection::Unknown:
      status_line("server_status", IM_COL32(150, 150, 150, 255), tr(Msg::ServerUnknown, l));
      break;
    case Connection::Checking:
      status_line("server_status", IM_COL32(230, 160, 20, 255), tr(Msg::ServerChecking, l));
      break;
    case Connection::Online:
      status_line("server_status", IM_COL32(30, 150, 70, 255),
                  std::string(tr(Msg::ServerOnline, l)) + ": " + server.server + " (" + tr(Msg::ProtocolVersion, l) +
                      " " + std::to_string(server.protocol_version) + ")");
      break;
    case Connection::Offline:
      status_line("server_status", IM_COL32(200, 40, 40, 255),
                  std::string(tr(Msg::ServerOffline, l)) + ": " + describe_error(server.problem, l));
      break;
  }
  ImGui::BeginDisabled(server.connection == Connection::Checking);
  if (touch_button(tr(Msg::CheckConnection, l), "check_connection", width)) dispatch(CheckServer{});
  ImGui::EndDisabled();
  if (state.session) {
    ImGui::Spacing();
    if (touch_button(tr(Msg::LogOut, l), "log_out", width)) dispatch(LogOut{});
    if (state.login.logout_problem) {
      const UnsentWork unsent = unsent_work(state);
      message_line("logout_problem", kErrorText,
                   std::string(tr(Msg::LogoutRefused, l)) + " " + tr(Msg::OrdersToSend, l) + " " +
                       std::to_string(unsent.orders) + ", " + tr(Msg::CartsToSave, l) + " " +
                       std::to_string(unsent.carts));
    }
  }
}

void draw_tab_bar(const AppState& state, const UiFonts& fonts, float width, const Dispatch& dispatch) {
  const Locale l = state.locale;
  struct Tab {
    Msg label;
    const char* key;
    Screen screen;
  };
  const Tab tabs[] = {{Msg::TabCatalog, "tab_catalog", Screen::Catalog},
                      {Msg::TabCarts, "tab_carts", Screen::Carts},
                      {Msg::TabOrders, "tab_orders", Screen::Orders},
                      {Msg::TabAccount, "tab_account", Screen::Account}};
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float tab_width = (width - spacing * 3) / 4;
  ImGui::PushFont(fonts.small);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(2, ImGui::GetStyle().FramePadding.y));
  for (const Tab& tab : tabs) {
    if (&tab != tabs) ImGui::SameLine();
    const bool on =
        state.screen == tab.screen || (tab.screen == Screen::Catalog && state.screen == Screen::Product) ||
        (tab.screen == Screen::Carts && (state.screen == Screen::Checkout || state.screen == Screen::Confirmation ||
                                         state.screen == Screen::QuickOrder)) ||
        (tab.screen == Screen::Orders && state.screen == Screen::Quotes) ||
        (tab.screen == Screen::Account && (state.screen == Screen::Approvals || state.screen == Screen::Users));
    if (WidgetRegistry* registry = current_widget_registry()) registry->set_next_role(WidgetRole::Tab);
    std::string label = tr(tab.label, l);
    if (tab.screen == Screen::Carts) {
      if (const Cart* cart = active_cart(state); cart && !cart->lines.empty()) {
        label += " (" + std::to_string(cart->lines.size()) + ")";
      }
    }
    if (touch_button(label.c_str(), tab.key, tab_width, on)) dispatch(Navigate{tab.screen});
    if (WidgetRegistry* registry = current_widget_registry()) registry->set_last_checked(on);
  }
  ImGui::PopStyleVar();
  ImGui::PopFont();
}

}  // namespace b2b::client
