// The app's frame: picks the screen for the state, lays it out for a phone (one column and a
// bottom tab bar) or a tablet (list and detail side by side), and draws it.
#pragma once
#include "screens.hpp"

namespace b2b::client {

// Fills the whole display with the current screen.
void draw_app(const AppState& state, UiState& ui, const UiFonts& fonts, const Dispatch& dispatch);

}  // namespace b2b::client
