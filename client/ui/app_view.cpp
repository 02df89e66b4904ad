// Screen routing and the phone / tablet layouts.
#include "app_view.hpp"

#include <algorithm>

#include "imgui.h"
#include "widgets.hpp"

namespace b2b::client {
namespace {

constexpr float kMaxColumnWidth = 640.0f;
constexpr float kTabletMinWidth = 768.0f;  // list and detail side by side from here on
// The catalog's list scrolls inside itself, so it has no natural height; this shows a search and a screenful.
constexpr float kCatalogPreferredHeight = 720.0f;

// How tall the scrolling page's content is, measured at its end (cursor positions ignore the scroll).
float content_end() { return ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y; }
constexpr ImGuiWindowFlags kFullScreen = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;

// A centred column in the current window: full width on phones, capped on wide screens.
float begin_column(float max_width = kMaxColumnWidth) {
  const float available = ImGui::GetContentRegionAvail().x;
  const float width = std::min(available, max_width);
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (available - width) * 0.5f);
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  return width;
}

void end_column() {
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

// Returns the height the screen's content would like (for a portal sizing its iframe to it).
float draw_screen(const AppState& state, UiState& ui, const UiFonts& fonts, float height, const Dispatch& dispatch) {
  const bool wide = ImGui::GetContentRegionAvail().x >= kTabletMinWidth;
  const bool catalog = state.screen == Screen::Catalog || state.screen == Screen::Product;
  if (wide && catalog) {
    // Tablet: results on the left, the chosen product on the right.
    const float list_width = ImGui::GetContentRegionAvail().x * 0.42f;
    ImGui::BeginChild("##list_pane", ImVec2(list_width, height));
    draw_catalog_list(state, ui, ImGui::GetContentRegionAvail().x, height, dispatch);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##detail_pane", ImVec2(0, height));
    ui.page_scroll.update();
    if (!state.catalog.selected_sku.empty()) {
      const float width = begin_column();
      draw_product(state, ui, fonts, width, dispatch);
      end_column();
    }
    const float detail_height = content_end();
    ImGui::EndChild();
    return std::max(kCatalogPreferredHeight, detail_height);
  }
  if (state.screen == Screen::Catalog) {
    draw_catalog_list(state, ui, ImGui::GetContentRegionAvail().x, height, dispatch);
    return kCatalogPreferredHeight;
  }
  ImGui::BeginChild("##page", ImVec2(0, height));
  ui.page_scroll.update();
  const float width = begin_column();
  switch (state.screen) {
    case Screen::Product:
      if (touch_button("<", "back_to_results", kTouchTargetPx)) dispatch(Navigate{Screen::Catalog});
      draw_product(state, ui, fonts, width, dispatch);
      break;
    case Screen::Carts:
      draw_carts(state, ui, fonts, width, dispatch);
      break;
    case Screen::Checkout:
      draw_checkout(state, ui, fonts, width, dispatch);
      break;
    case Screen::Confirmation:
      draw_confirmation(state, fonts, width, dispatch);
      break;
    case Screen::Orders:
      draw_orders(state, ui, fonts, width, dispatch);
      break;
    case Screen::QuickOrder:
      draw_quick_order(state, ui, fonts, width, dispatch);
      break;
    case Screen::Quotes:
      draw_quotes(state, ui, fonts, width, dispatch);
      break;
    case Screen::Approvals:
      draw_approvals(state, ui, fonts, width, dispatch);
      break;
    case Screen::Users:
      draw_users(state, ui, fonts, width, dispatch);
      break;
    case Screen::Account:
    case Screen::Login:
    case Screen::Catalog:
      draw_account(state, fonts, width, dispatch);
      break;
  }
  end_column();
  const float page_height = content_end();
  ImGui::EndChild();
  return page_height;
}

}  // namespace

void draw_app(const AppState& state, UiState& ui, const UiFonts& fonts, const Dispatch& dispatch) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  // The frame never scrolls: screens scroll inside their own child windows, above the tab bar.
  ImGui::Begin("##app", nullptr, kFullScreen | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  // The checkout's text fields reload from the store once the order went through.
  if (state.screen != Screen::Checkout) ui.checkout_loaded = false;

  if (!state.session) {
    ImGui::BeginChild("##page", ImVec2(0, 0));
    ui.page_scroll.update();
    const float width = begin_column(480.0f);
    if (connection_strip_shown(state)) draw_connection_strip(state, width);
    draw_login(state, ui, fonts, width, dispatch);
    draw_account(state, fonts, width, dispatch);
    end_column();
    ui.preferred_height = content_end() + ImGui::GetStyle().WindowPadding.y;
    ImGui::EndChild();
  } else {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float tab_bar_height = kTouchTargetPx + style.ItemSpacing.y;
    if (connection_strip_shown(state)) {
      const float width = begin_column(kMaxColumnWidth);
      draw_connection_strip(state, width);
      end_column();
    }
    const float content_height = ImGui::GetContentRegionAvail().y - tab_bar_height;
    const float above = ImGui::GetCursorPosY();
    const float screen_height = draw_screen(state, ui, fonts, content_height, dispatch);
    ui.preferred_height = above + screen_height + tab_bar_height + style.WindowPadding.y;
    const float width = begin_column(kMaxColumnWidth);
    draw_tab_bar(state, fonts, width, dispatch);
    end_column();
  }
  ImGui::End();
}

}  // namespace b2b::client
