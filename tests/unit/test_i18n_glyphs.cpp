// Every UI string can be drawn: the subset UI font has a glyph for each of its characters.
#include <doctest/doctest.h>

#include <string>

#include "core/i18n.hpp"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/theme.hpp"

using namespace b2b::client;

namespace {

// The first character of text that font cannot draw, or 0 when it can draw them all.
unsigned missing_glyph(ImFont* font, const char* text) {
  const char* end = text + std::char_traits<char>::length(text);
  while (text < end) {
    unsigned codepoint = 0;
    text += ImTextCharFromUtf8(&codepoint, text, end);
    if (codepoint >= 0x20 && !font->FindGlyphNoFallback(static_cast<ImWchar>(codepoint))) return codepoint;
  }
  return 0;
}

}  // namespace

TEST_CASE("the UI font draws every UI string and Polish letters") {
  ImGuiContext* context = ImGui::CreateContext();
  SUBCASE("the interface's glyphs, a first start's sign-in screen: every UI string, no more") {
    const UiFonts interface_fonts = load_ui_fonts(ImGui::GetIO(), 3.0f, FontGlyphs::Interface);
    REQUIRE(interface_fonts.body != nullptr);
    CHECK(interface_fonts.glyphs == FontGlyphs::Interface);
    for (ImFont* font : {interface_fonts.body, interface_fonts.title, interface_fonts.small}) {
      CHECK(missing_glyph(font, "Złóż zamówienie ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ „cytat” – 1 234,56 zł € 3×2 · …") == 0);
      for (const char* text : all_ui_strings()) {
        INFO("string: " << text);
        CHECK(missing_glyph(font, text) == 0);
      }
    }
    CHECK(missing_glyph(interface_fonts.body, "Müller") == 0xFC);  // the complete glyphs follow a frame later
    const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    const int interface_pixels = atlas.TexWidth * atlas.TexHeight;
    load_ui_fonts(ImGui::GetIO(), 3.0f, FontGlyphs::Complete);
    CHECK(interface_pixels * 2 < atlas.TexWidth * atlas.TexHeight);  // less than half the atlas to upload
  }
  const UiFonts fonts = load_ui_fonts(ImGui::GetIO(), 3.0f);
  REQUIRE(fonts.body != nullptr);
  CHECK(fonts.glyphs == FontGlyphs::Complete);

  CHECK(missing_glyph(fonts.body, "Złóż zamówienie ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ „cytat” – 1 234,56 zł €") == 0);
  CHECK(missing_glyph(fonts.body, "Müller Straße, Dřevo Kovář, 3×2,5 mm² 20 °C ½ ± µ") == 0);
  for (const char* text : all_ui_strings()) {
    INFO("string: " << text);
    CHECK(missing_glyph(fonts.body, text) == 0);
  }
  SUBCASE("a character outside the subset is reported, so the check can fail") {
    CHECK(missing_glyph(fonts.body, "日本") == 0x65E5);
  }
  SUBCASE("glyphs are rasterised at the device density, layout stays in CSS pixels") {
    CHECK(fonts.body->FontSize == doctest::Approx(kBodyFontPx * 3.0f));
    CHECK(ImGui::GetIO().FontGlobalScale == doctest::Approx(1.0f / 3.0f));
  }
  ImGui::DestroyContext(context);
}

TEST_CASE("every message has a Polish and an English text") {
  for (int i = 0; i < static_cast<int>(Msg::Count_); ++i) {
    const auto msg = static_cast<Msg>(i);
    CHECK(tr(msg, b2b::Locale::pl) != nullptr);
    CHECK(tr(msg, b2b::Locale::en) != nullptr);
    CHECK(std::string(tr(msg, b2b::Locale::pl)).size() > 0);
  }
}

TEST_CASE("describe_error speaks the UI language and keeps the field detail") {
  using b2b::Error;
  using b2b::ErrorKind;
  CHECK(describe_error(Error{ErrorKind::Network, "", "TypeError: Failed to fetch"}, b2b::Locale::pl) ==
        "serwer nie odpowiada");
  CHECK(describe_error(Error{ErrorKind::Decode, "server", "expected string"}, b2b::Locale::en) ==
        "unreadable server response (server: expected string)");
  CHECK(describe_error(Error{ErrorKind::Server, "", "HTTP 503"}, b2b::Locale::pl) == "błąd serwera (HTTP 503)");
}

TEST_CASE("describe_problem translates the server's problem codes, and falls back to its message") {
  using b2b::FieldError;
  CHECK(describe_problem(FieldError{"valid_until", "quote_expired", "the quote expired on 2026-11-20"},
                         b2b::Locale::pl) == "Oferta wygasła — poproś o nową.");
  CHECK(describe_problem(FieldError{"role", "not_allowed", "admins cannot make sellers"}, b2b::Locale::en) ==
        "This role may not do that.");
  CHECK(describe_problem(FieldError{"prices[0].sku", "duplicate", "priced twice"}, b2b::Locale::en) == "Given twice.");
  CHECK(describe_problem(FieldError{"x", "something_new", "a future code"}, b2b::Locale::pl) == "a future code");
}
