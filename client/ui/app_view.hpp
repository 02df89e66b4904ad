// The app's views: they draw from const state and dispatch actions; they never do I/O.
#pragma once
#include <functional>

#include "core/store.hpp"
#include "theme.hpp"

namespace b2b::client {

using Dispatch = std::function<void(Action)>;

// Fills the whole display with the current screen.
void draw_app(const AppState& state, const UiFonts& fonts, const Dispatch& dispatch);

}  // namespace b2b::client
