// The start screen: title, language choice and the server connection.
#include "app_view.hpp"

#include <string>

#include "core/i18n.hpp"
#include "imgui.h"
#include "registry_hooks.hpp"

namespace b2b::client {
namespace {

constexpr float kMaxContentWidth = 640.0f;
const ImVec4 kAccent(0.07f, 0.36f, 0.72f, 1.0f);
const ImVec4 kAccentHovered(0.10f, 0.42f, 0.80f, 1.0f);

// A full-width button of touch size; `key` names it for tests independently of the language.
bool touch_button(const char* label, const char* key, float width) {
  const std::string id = std::string(label) + "##" + key;
  return ImGui::Button(id.c_str(), ImVec2(width, kTouchTargetPx));
}

// One option of a segmented control: highlighted when selected, reported as a checked radio.
bool segment(const char* label, const char* key, bool selected, float width) {
  if (selected) {
    ImGui::PushStyleColor(ImGuiCol_Button, kAccent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, kAccentHovered);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, kAccent);
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  }
  if (WidgetRegistry* registry = current_widget_registry()) registry->set_next_role(WidgetRole::Radio);
  const bool pressed = touch_button(label, key, width);
  if (WidgetRegistry* registry = current_widget_registry()) registry->set_last_checked(selected);
  if (selected) ImGui::PopStyleColor(4);
  return pressed;
}

// A horizontal rule as wide as the column (ImGui's Separator spans the whole window).
void column_rule(float width) {
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddLine(pos, ImVec2(pos.x + width, pos.y), ImGui::GetColorU32(ImGuiCol_Separator));
  ImGui::Dummy(ImVec2(width, 1));
}

void section_heading(const char* text) {
  ImGui::Spacing();
  ImGui::TextDisabled("%s", text);
}

// A coloured dot and wrapped text, registered as a status so it can be read without pixels.
void status_line(const char* key, ImU32 color, const std::string& text) {
  const float size = ImGui::GetTextLineHeight();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(pos.x + size * 0.5f, pos.y + size * 0.5f), size * 0.3f, color);
  ImGui::Dummy(ImVec2(size, size));
  ImGui::SameLine();
  ImGui::TextWrapped("%s", text.c_str());
  if (WidgetRegistry* registry = current_widget_registry()) {
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    registry->add_status(key, text, {pos.x, min.y, max.x - pos.x, max.y - min.y});
  }
}

void draw_language(const AppState& state, float width, const Dispatch& dispatch) {
  section_heading(tr(Msg::LanguageHeading, state.locale));
  const float half = (width - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  if (segment(tr(Msg::LanguagePolish, state.locale), "lang_pl", state.locale == Locale::pl, half))
    dispatch(SetLocale{Locale::pl});
  ImGui::SameLine();
  if (segment(tr(Msg::LanguageEnglish, state.locale), "lang_en", state.locale == Locale::en, half))
    dispatch(SetLocale{Locale::en});
}

void draw_server(const AppState& state, float width, const Dispatch& dispatch) {
  const Locale l = state.locale;
  const ServerStatus& server = state.server;
  section_heading(tr(Msg::ServerHeading, l));
  switch (server.connection) {
    case Connection::Unknown:
      status_line("server_status", IM_COL32(150, 150, 150, 255), tr(Msg::ServerUnknown, l));
      break;
    case Connection::Checking:
      status_line("server_status", IM_COL32(230, 160, 20, 255), tr(Msg::ServerChecking, l));
      break;
    case Connection::Online:
      status_line("server_status", IM_COL32(30, 150, 70, 255),
                  std::string(tr(Msg::ServerOnline, l)) + ": " + server.server + " (" + tr(Msg::ProtocolVersion, l) +
                      " " + std::to_string(server.protocol_version) + ")");
      break;
    case Connection::Offline:
      status_line("server_status", IM_COL32(200, 40, 40, 255),
                  std::string(tr(Msg::ServerOffline, l)) + ": " + describe_error(server.problem, l));
      break;
  }
  ImGui::BeginDisabled(server.connection == Connection::Checking);
  if (touch_button(tr(Msg::CheckConnection, l), "check_connection", width)) dispatch(CheckServer{});
  ImGui::EndDisabled();
}

}  // namespace

void draw_app(const AppState& state, const UiFonts& fonts, const Dispatch& dispatch) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::Begin("##app", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);

  // One centred column: full width on phones, capped on tablets and desktops.
  const float available = ImGui::GetContentRegionAvail().x;
  const float width = available < kMaxContentWidth ? available : kMaxContentWidth;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (available - width) * 0.5f);
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);

  ImGui::PushFont(fonts.title);
  ImGui::TextUnformatted(tr(Msg::AppTitle, state.locale));
  ImGui::PopFont();
  ImGui::TextWrapped("%s", tr(Msg::Tagline, state.locale));
  column_rule(width);
  draw_language(state, width, dispatch);
  draw_server(state, width, dispatch);

  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  ImGui::End();
}

}  // namespace b2b::client
