// ImGuiTestEngineHook_* definitions: ImGui calls these for every item when
// IMGUI_ENABLE_TEST_ENGINE is defined and the context's TestEngineHookItems is set.
#include "registry_hooks.hpp"

#include "imgui.h"
#include "imgui_internal.h"

namespace b2b::client {

void bind_widget_registry(ImGuiContext* ctx, WidgetRegistry* registry) {
  ctx->TestEngine = registry;
  ctx->TestEngineHookItems = registry != nullptr;
}

WidgetRegistry* current_widget_registry() {
  ImGuiContext* ctx = ImGui::GetCurrentContext();
  return ctx ? static_cast<WidgetRegistry*>(ctx->TestEngine) : nullptr;
}

namespace {
WidgetRect to_rect(const ImRect& r) { return {r.Min.x, r.Min.y, r.GetWidth(), r.GetHeight()}; }
}  // namespace

}  // namespace b2b::client

using b2b::client::WidgetRegistry;

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb, const ImGuiLastItemData* item_data) {
  auto* registry = static_cast<WidgetRegistry*>(ctx->TestEngine);
  if (!registry) return;
  // Windows register themselves as items too (without item data); they are not widgets.
  if (!item_data && ImGui::FindWindowByID(id)) return;
  // Clip to the window's visible area so a scrolled-away item is not reported as tappable.
  ImRect clip = ctx->CurrentWindow ? ctx->CurrentWindow->ClipRect : bb;
  if (item_data && (item_data->StatusFlags & ImGuiItemStatusFlags_HasClipRect)) clip = item_data->ClipRect;
  const bool enabled = !(item_data && (item_data->InFlags & ImGuiItemFlags_Disabled));
  registry->on_item_add(id, b2b::client::to_rect(bb), b2b::client::to_rect(clip), enabled);
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
  auto* registry = static_cast<WidgetRegistry*>(ctx->TestEngine);
  if (!registry || !label) return;
  b2b::client::ItemFlags item;
  item.inputable = flags & ImGuiItemStatusFlags_Inputable;
  item.checkable = flags & ImGuiItemStatusFlags_Checkable;
  item.checked = flags & ImGuiItemStatusFlags_Checked;
  item.openable = flags & ImGuiItemStatusFlags_Openable;
  registry->on_item_info(id, label, item);
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
