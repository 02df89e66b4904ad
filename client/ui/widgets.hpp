// Touch-sized widgets shared by the screens: buttons, segmented choices, labelled text fields
// with their error, section headings, status lines and money.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "b2b/domain.hpp"
#include "b2b/locale.hpp"
#include "b2b/money.hpp"
#include "b2b/result.hpp"
#include "imgui.h"

namespace b2b::client {

inline const ImVec4 kErrorText(0.75f, 0.10f, 0.10f, 1.0f);
inline const ImVec4 kNoticeText(0.05f, 0.45f, 0.20f, 1.0f);

// A button of touch size; `key` names it for tests whatever the language.
bool touch_button(const char* label, const char* key, float width, bool primary = false);
// One option of a segmented control: highlighted when selected, reported as a checked radio.
bool segment(const char* label, const char* key, bool selected, float width);
void section_heading(const char* text);
// A horizontal rule as wide as the column (ImGui's Separator spans the whole window).
void column_rule(float width);
// A coloured dot and wrapped text, registered as a status so tests and screen readers can read it.
void status_line(const char* key, ImU32 color, const std::string& text);
// Wrapped text in a colour, registered as a status under `key`.
void message_line(const char* key, const ImVec4& color, const std::string& text);

enum class FieldKind { Text, Email, Password, Numeric, Date };

// Frame padding that makes a one-line field as tall as a touch target.
ImVec2 touch_frame_padding();
// A text field of touch height without a label (the hint stands in for it); registers its text and
// input mode for tests and the keyboard bridge. Returns true when the text changed this frame.
bool bare_text_field(const char* key, char* buffer, std::size_t size, FieldKind kind, float width,
                     const char* hint = nullptr, bool has_error = false);
// A label above a full-width text field; the error below it in red (empty: none). Returns true
// when the text changed this frame.
bool text_field(const char* label, const char* key, char* buffer, std::size_t size, FieldKind kind, float width,
                const std::string& error = "", const char* hint = nullptr);

// A multi-line text field (pasted lists) of the given height, with a hint while empty.
bool multiline_text_field(const char* key, char* buffer, std::size_t size, float width, float height,
                          const char* hint = nullptr);

// A screen's heading in the title font.
void screen_title(ImFont* font, const char* text);

// A product's name in the UI language.
const std::string& name_of(const Product& product, Locale locale);

// "from 2,50 zł to 2,70 zł" in the UI language (the UI font has no arrow).
std::string price_change_text(Money before, Money after, Locale locale);

// A translated pattern with up to four integers ("%lld").
std::string format(const char* pattern, long long a, long long b = 0, long long c = 0, long long d = 0);

// The first problem of `field`, in the UI language, or "" when the field has none.
std::string problem_for(const std::vector<FieldError>& problems, const std::string& field, Locale locale);

}  // namespace b2b::client
