// The app's screens. Each draws from const state and UI-only state and dispatches actions; none
// does I/O. `width` is the column the screen may use, in CSS pixels.
#pragma once
#include <functional>

#include "core/store.hpp"
#include "theme.hpp"
#include "ui_state.hpp"

namespace b2b::client {

using Dispatch = std::function<void(Action)>;

void draw_login(const AppState& state, UiState& ui, const UiFonts& fonts, float width, const Dispatch& dispatch);
void draw_catalog_list(const AppState& state, UiState& ui, float width, float height, const Dispatch& dispatch);
void draw_product(const AppState& state, UiState& ui, const UiFonts& fonts, float width, const Dispatch& dispatch);
void draw_carts(const AppState& state, UiState& ui, const UiFonts& fonts, float width, const Dispatch& dispatch);
void draw_checkout(const AppState& state, UiState& ui, const UiFonts& fonts, float width, const Dispatch& dispatch);
void draw_confirmation(const AppState& state, const UiFonts& fonts, float width, const Dispatch& dispatch);
void draw_orders(const AppState& state, UiState& ui, const UiFonts& fonts, float width, const Dispatch& dispatch);
void draw_quick_order(const AppState& state, UiState& ui, const UiFonts& fonts, float width, const Dispatch& dispatch);
void draw_quotes(const AppState& state, UiState& ui, const UiFonts& fonts, float width, const Dispatch& dispatch);
void draw_approvals(const AppState& state, UiState& ui, const UiFonts& fonts, float width, const Dispatch& dispatch);
void draw_users(const AppState& state, UiState& ui, const UiFonts& fonts, float width, const Dispatch& dispatch);
void draw_account(const AppState& state, const UiFonts& fonts, float width, const Dispatch& dispatch);
// Offline drafting (screens_offline.cpp): the strip above every screen when offline or storage fails,
// the outbox at the top of the orders, and merges and conflicts at the top of the carts.
bool connection_strip_shown(const AppState& state);
void draw_connection_strip(const AppState& state, float width);
void draw_outbox(const AppState& state, const UiFonts& fonts, float width, const Dispatch& dispatch);
void draw_cart_sync(const AppState& state, const UiFonts& fonts, float width, const Dispatch& dispatch);
// The bottom tab bar of phones: Catalog, Carts, Orders, Account.
void draw_tab_bar(const AppState& state, const UiFonts& fonts, float width, const Dispatch& dispatch);

}  // namespace b2b::client
