// Fonts rasterised at the device's pixel density, and a style sized for fingers.
#pragma once
#include <cstdint>
#include <optional>

#include "imgui.h"

struct ImFont;
struct ImGuiIO;
struct ImGuiStyle;

namespace b2b::client {

// Layout sizes in CSS pixels.
inline constexpr float kBodyFontPx = 18.0f;
inline constexpr float kTitleFontPx = 26.0f;
inline constexpr float kSmallFontPx = 14.0f;    // tab labels: four must fit side by side on a phone
inline constexpr float kTouchTargetPx = 48.0f;  // above WCAG's 44 CSS px

// Which characters the fonts have. Interface: what the UI's own texts in both languages use (ASCII, the
// Polish letters, the typographic punctuation), about 130 glyphs, enough for a first start's sign-in screen.
// Complete: also the rest of Latin-1 and Latin Extended-A, about 330, for what shops and buyers write
// (German, Czech names; ×, °, ², ½ in product names).
enum class FontGlyphs { Interface, Complete };

struct UiFonts {
  ImFont* body = nullptr;
  ImFont* title = nullptr;
  ImFont* small = nullptr;
  float device_pixel_ratio = 0;  // the density they were rasterised for
  FontGlyphs glyphs = FontGlyphs::Complete;
};

// Rebuilds io.Fonts from the UI font compiled into the client (cmake/UiFont.cmake) with glyphs
// rasterised at css size x DPR, and sets io.FontGlobalScale so layout stays in CSS pixels.
// Returns nulls if the atlas cannot be built.
UiFonts load_ui_fonts(ImGuiIO& io, float device_pixel_ratio, FontGlyphs glyphs = FontGlyphs::Complete);

// Sizes for fingers and the light colours.
void apply_touch_style(ImGuiStyle& style);
// Light or dark colours, and the accent of primary buttons (0xRRGGBB); an embedding portal picks them.
void apply_colours(ImGuiStyle& style, bool dark, std::optional<std::uint32_t> accent_rgb);
ImVec4 accent_colour();
ImVec4 accent_hovered_colour();

}  // namespace b2b::client
