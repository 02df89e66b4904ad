// Connects Dear ImGui's test-engine item hooks to a WidgetRegistry (no test engine is linked).
#pragma once
#include "core/widget_registry.hpp"

struct ImGuiContext;

namespace b2b::client {

// From now on every item ImGui draws in ctx is recorded in registry (nullptr: stop recording).
void bind_widget_registry(ImGuiContext* ctx, WidgetRegistry* registry);

// The registry bound to the current ImGui context, for view code that annotates items.
WidgetRegistry* current_widget_registry();

}  // namespace b2b::client
