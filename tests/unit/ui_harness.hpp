// Runs the real views in a headless ImGui context (no window, no GPU) with the real UI font,
// records the widget registry and lets tests tap items like a finger would.
#pragma once
#include <doctest/doctest.h>

#include "b2b/backend/own_protocol.hpp"
#include "core/store.hpp"
#include "core/widget_registry.hpp"
#include "imgui.h"
#include "ui/app_view.hpp"
#include "ui/registry_hooks.hpp"
#include "ui/theme.hpp"

namespace b2b::client::testing {

class UiHarness {
 public:
  UiHarness(EffectRunner& runner, float width, float height, float dpr = 1.0f, AppState initial = {})
      : store_(runner, protocol_, std::move(initial)) {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(width, height);
    io.DeltaTime = 1.0f / 60.0f;
    fonts_ = load_ui_fonts(io, dpr);
    REQUIRE_MESSAGE(fonts_.body != nullptr, "cannot build the UI font atlas");
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);  // what a renderer backend would upload
    apply_touch_style(ImGui::GetStyle());
    bind_widget_registry(context_, &registry_);
    dpr_ = dpr;
  }
  ~UiHarness() { ImGui::DestroyContext(context_); }

  Store& store() { return store_; }
  const WidgetRegistry& registry() const { return registry_; }
  const UiFonts& fonts() const { return fonts_; }
  UiState& ui() { return ui_; }

  void frame() {
    ImGuiIO& io = ImGui::GetIO();
    registry_.begin_frame(++frame_, io.DisplaySize.x, io.DisplaySize.y, dpr_);
    ImGui::NewFrame();
    draw_app(store_.state(), ui_, fonts_, [this](Action action) { store_.dispatch(std::move(action)); });
    ImGui::Render();
    registry_.end_frame();
    store_.process();
  }

  // Touches the centre of the item's visible part and lifts the finger, as a phone does.
  void tap(const WidgetInfo& item) {
    REQUIRE_MESSAGE(item.visible_rect.w > 0, "item not visible: " << item.label);
    const float x = item.visible_rect.x + item.visible_rect.w / 2;
    const float y = item.visible_rect.y + item.visible_rect.h / 2;
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
    io.AddMousePosEvent(x, y);
    frame();
    io.AddMouseButtonEvent(0, true);
    frame();
    io.AddMouseButtonEvent(0, false);
    frame();
    io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);  // the finger is gone
    frame();
  }

  void tap_key(const char* key) {
    const WidgetInfo* item = registry_.find_by_key(key);
    REQUIRE_MESSAGE(item != nullptr, "no item with key " << key);
    const WidgetInfo copy = *item;  // the registry changes while tapping
    tap(copy);
  }

 private:
  ImGuiContext* context_ = nullptr;
  backend::OwnProtocol protocol_;
  Store store_;
  WidgetRegistry registry_;
  UiState ui_;
  UiFonts fonts_;
  float dpr_ = 1;
  std::uint64_t frame_ = 0;
};

}  // namespace b2b::client::testing
