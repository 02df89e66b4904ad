// Font loading at device pixel density and the touch-sized style.
#include "theme.hpp"

#include "imgui.h"

namespace b2b::client {
namespace {

// Keep in sync with B2B_FONT_UNICODES in cmake/UiFont.cmake.
const ImWchar kUiGlyphRanges[] = {
    0x0020, 0x007E, 0x00A0, 0x00FF, 0x0100, 0x017F,  // ASCII, Latin-1, Latin Extended-A (Polish)
    0x2013, 0x2014, 0x2018, 0x201E, 0x2022, 0x2022,  // dashes, quotes, bullet
    0x2026, 0x2026, 0x20AC, 0x20AC, 0x2212, 0x2212,  // ellipsis, euro, minus
    0,
};

// Primary buttons; white text on it, so a portal's accent should be dark enough for that.
ImVec4 g_accent(0.07f, 0.36f, 0.72f, 1.0f);

}  // namespace

UiFonts load_ui_fonts(ImGuiIO& io, const char* ttf_path, float device_pixel_ratio) {
  io.Fonts->Clear();
  ImFontConfig config;
  config.OversampleH = 1;  // rasterised at the real density already; oversampling only costs memory
  config.OversampleV = 1;
  config.PixelSnapH = true;
  UiFonts fonts;
  fonts.body = io.Fonts->AddFontFromFileTTF(ttf_path, kBodyFontPx * device_pixel_ratio, &config, kUiGlyphRanges);
  fonts.title = io.Fonts->AddFontFromFileTTF(ttf_path, kTitleFontPx * device_pixel_ratio, &config, kUiGlyphRanges);
  fonts.small = io.Fonts->AddFontFromFileTTF(ttf_path, kSmallFontPx * device_pixel_ratio, &config, kUiGlyphRanges);
  if (!fonts.body || !fonts.title || !fonts.small || !io.Fonts->Build()) return {};
  io.FontDefault = fonts.body;
  io.FontGlobalScale = 1.0f / device_pixel_ratio;
  fonts.device_pixel_ratio = device_pixel_ratio;
  return fonts;
}

void apply_touch_style(ImGuiStyle& style) {
  ImGui::StyleColorsLight(&style);
  style.WindowPadding = ImVec2(16, 16);
  style.FramePadding = ImVec2(14, 12);
  style.ItemSpacing = ImVec2(12, 12);
  style.ItemInnerSpacing = ImVec2(10, 8);
  style.ScrollbarSize = 8;
  style.GrabMinSize = 24;
  style.WindowRounding = 0;
  style.FrameRounding = 10;
  style.WindowBorderSize = 0;
  style.FrameBorderSize = 0;
  apply_colours(style, false, std::nullopt);
}

void apply_colours(ImGuiStyle& style, bool dark, std::optional<std::uint32_t> accent_rgb) {
  ImVec4* c = style.Colors;
  if (dark) {
    ImGui::StyleColorsDark(&style);
    c[ImGuiCol_WindowBg] = ImVec4(0.11f, 0.12f, 0.13f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_Text] = ImVec4(0.93f, 0.93f, 0.94f, 1.0f);
    c[ImGuiCol_TextDisabled] = ImVec4(0.64f, 0.66f, 0.70f, 1.0f);
    c[ImGuiCol_FrameBg] = ImVec4(0.19f, 0.20f, 0.23f, 1.0f);
    c[ImGuiCol_Button] = ImVec4(0.22f, 0.23f, 0.26f, 1.0f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.28f, 0.30f, 0.34f, 1.0f);
    c[ImGuiCol_ButtonActive] = ImVec4(0.34f, 0.36f, 0.41f, 1.0f);
    c[ImGuiCol_Separator] = ImVec4(0.26f, 0.27f, 0.30f, 1.0f);
  } else {
    ImGui::StyleColorsLight(&style);
    c[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.96f, 1.0f);
    c[ImGuiCol_Text] = ImVec4(0.10f, 0.11f, 0.13f, 1.0f);
    c[ImGuiCol_TextDisabled] = ImVec4(0.42f, 0.44f, 0.48f, 1.0f);
    c[ImGuiCol_Button] = ImVec4(0.88f, 0.89f, 0.91f, 1.0f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.82f, 0.84f, 0.88f, 1.0f);
    c[ImGuiCol_ButtonActive] = ImVec4(0.74f, 0.77f, 0.83f, 1.0f);
    c[ImGuiCol_Separator] = ImVec4(0.85f, 0.86f, 0.88f, 1.0f);
  }
  const std::uint32_t rgb = accent_rgb.value_or(0x125CB8);
  g_accent = ImVec4(((rgb >> 16) & 0xFF) / 255.0f, ((rgb >> 8) & 0xFF) / 255.0f, (rgb & 0xFF) / 255.0f, 1.0f);
}

ImVec4 accent_colour() { return g_accent; }

// Lighter by a tenth, for the pressed-down look.
ImVec4 accent_hovered_colour() {
  return ImVec4(g_accent.x + (1 - g_accent.x) * 0.1f, g_accent.y + (1 - g_accent.y) * 0.1f,
                g_accent.z + (1 - g_accent.z) * 0.1f, 1.0f);
}

}  // namespace b2b::client
