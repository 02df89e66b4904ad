// Touch-sized widgets; each registers what tests and the keyboard bridge need to know.
#include "widgets.hpp"

#include <cstdio>

#include "core/i18n.hpp"
#include "core/widget_registry.hpp"
#include "imgui_internal.h"  // InputTextEx: a multi-line field with a hint
#include "registry_hooks.hpp"
#include "theme.hpp"

namespace b2b::client {

bool touch_button(const char* label, const char* key, float width, bool primary) {
  const std::string id = std::string(label) + "##" + key;
  if (primary) {
    ImGui::PushStyleColor(ImGuiCol_Button, accent_colour());
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, accent_hovered_colour());
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, accent_colour());
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  }
  const bool pressed = ImGui::Button(id.c_str(), ImVec2(width, kTouchTargetPx));
  if (primary) ImGui::PopStyleColor(4);
  return pressed;
}

bool segment(const char* label, const char* key, bool selected, float width) {
  if (WidgetRegistry* registry = current_widget_registry()) registry->set_next_role(WidgetRole::Radio);
  const bool pressed = touch_button(label, key, width, selected);
  if (WidgetRegistry* registry = current_widget_registry()) registry->set_last_checked(selected);
  return pressed;
}

void section_heading(const char* text) {
  ImGui::Spacing();
  ImGui::TextDisabled("%s", text);
}

void column_rule(float width) {
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddLine(pos, ImVec2(pos.x + width, pos.y), ImGui::GetColorU32(ImGuiCol_Separator));
  ImGui::Dummy(ImVec2(width, 1));
}

namespace {
void register_status(const char* key, const std::string& text, ImVec2 min) {
  if (WidgetRegistry* registry = current_widget_registry()) {
    const ImVec2 max = ImGui::GetItemRectMax();
    registry->add_status(key, text, {min.x, min.y, max.x - min.x, max.y - min.y});
  }
}
}  // namespace

void status_line(const char* key, ImU32 color, const std::string& text) {
  const float size = ImGui::GetTextLineHeight();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(pos.x + size * 0.5f, pos.y + size * 0.5f), size * 0.3f, color);
  ImGui::Dummy(ImVec2(size, size));
  ImGui::SameLine();
  ImGui::TextWrapped("%s", text.c_str());
  register_status(key, text, pos);
}

void message_line(const char* key, const ImVec4& color, const std::string& text) {
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
  register_status(key, text, pos);
}

ImVec2 touch_frame_padding() { return ImVec2(12, (kTouchTargetPx - ImGui::GetTextLineHeight()) * 0.5f); }

bool bare_text_field(const char* key, char* buffer, std::size_t size, FieldKind kind, float width, const char* hint,
                     bool has_error) {
  const std::string id = std::string("##") + key;
  ImGuiInputTextFlags flags = 0;
  if (kind == FieldKind::Password) flags |= ImGuiInputTextFlags_Password;
  if (kind == FieldKind::Numeric) flags |= ImGuiInputTextFlags_CharsDecimal;
  ImGui::SetNextItemWidth(width);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, touch_frame_padding());
  if (has_error) ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4(1.0f, 0.90f, 0.90f, 1.0f));
  const bool changed = hint ? ImGui::InputTextWithHint(id.c_str(), hint, buffer, size, flags)
                            : ImGui::InputText(id.c_str(), buffer, size, flags);
  if (has_error) ImGui::PopStyleColor();
  ImGui::PopStyleVar();
  if (WidgetRegistry* registry = current_widget_registry()) {
    switch (kind) {
      case FieldKind::Email:
        registry->set_last_input_mode(InputMode::Email);
        break;
      case FieldKind::Password:
        registry->set_last_input_mode(InputMode::Password);
        break;
      case FieldKind::Numeric:
        registry->set_last_input_mode(InputMode::Decimal);
        break;
      case FieldKind::Date:
        registry->set_last_input_mode(InputMode::Numeric);
        break;
      case FieldKind::Text:
        break;
    }
    // A password is reported masked, one * per byte typed.
    registry->set_last_value(kind == FieldKind::Password ? std::string(std::char_traits<char>::length(buffer), '*')
                                                         : std::string(buffer));
  }
  return changed;
}

bool text_field(const char* label, const char* key, char* buffer, std::size_t size, FieldKind kind, float width,
                const std::string& error, const char* hint) {
  ImGui::TextUnformatted(label);
  const bool changed = bare_text_field(key, buffer, size, kind, width, hint, !error.empty());
  if (!error.empty()) message_line((std::string(key) + "_error").c_str(), kErrorText, error);
  return changed;
}

bool multiline_text_field(const char* key, char* buffer, std::size_t size, float width, float height,
                          const char* hint) {
  const std::string id = std::string("##") + key;
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, touch_frame_padding());
  const bool changed = ImGui::InputTextEx(id.c_str(), hint, buffer, static_cast<int>(size), ImVec2(width, height),
                                          ImGuiInputTextFlags_Multiline);
  ImGui::PopStyleVar();
  if (WidgetRegistry* registry = current_widget_registry()) registry->set_last_value(std::string(buffer));
  return changed;
}

void screen_title(ImFont* font, const char* text) {
  ImGui::PushFont(font);
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
}

const std::string& name_of(const Product& product, Locale locale) {
  return locale == Locale::pl || product.name.en.empty() ? product.name.pl : product.name.en;
}

std::string format(const char* pattern, long long a, long long b, long long c, long long d) {
  char text[256];
  std::snprintf(text, sizeof text, pattern, a, b, c, d);
  return text;
}

std::string problem_for(const std::vector<FieldError>& problems, const std::string& field, Locale locale) {
  for (const FieldError& problem : problems)
    if (problem.field == field) return describe_problem(problem, locale);
  return "";
}

std::string price_change_text(Money before, Money after, Locale locale) {
  return std::string(tr(Msg::PriceFrom, locale)) + " " + format_money(before, locale) + " " + tr(Msg::PriceTo, locale) +
         " " + format_money(after, locale);
}

}  // namespace b2b::client
