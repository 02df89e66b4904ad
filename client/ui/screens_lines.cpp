// The quick-order screen: lines typed or pasted, and the report of what each line became (added,
// adjusted, rejected and why). The same report shows what a reorder put into its new cart.
#include <cstdio>
#include <string>

#include "core/i18n.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace b2b::client {
namespace {

const ImVec4 kAdjustedText(0.62f, 0.38f, 0.0f, 1.0f);

std::string reason_text(const LineReport& report, Locale l) {
  switch (report.reason) {
    case LineReason::None:
      return "";
    case LineReason::BadLine:
      return tr(Msg::ReasonBadLine, l);
    case LineReason::BadQuantity:
      return tr(Msg::ReasonBadQuantity, l);
    case LineReason::TooManyLines:
      return tr(Msg::ReasonTooManyLines, l);
    case LineReason::UnknownCode:
      return tr(Msg::ReasonUnknownCode, l);
    case LineReason::Unavailable:
      return tr(Msg::ReasonUnavailable, l);
    case LineReason::NoPrice:
      return tr(Msg::ReasonNoPrice, l);
    case LineReason::RaisedToMinimum:
      return format(tr(Msg::ReasonRaisedToMinimum, l), report.expected);
    case LineReason::RoundedToPack:
      return format(tr(Msg::ReasonRoundedToPack, l), report.expected);
  }
  return "";
}

const char* outcome_text(LineOutcome outcome, Locale l) {
  switch (outcome) {
    case LineOutcome::Added:
      return tr(Msg::OutcomeAdded, l);
    case LineOutcome::Adjusted:
      return tr(Msg::OutcomeAdjusted, l);
    case LineOutcome::Rejected:
      return tr(Msg::OutcomeRejected, l);
  }
  return "";
}

ImVec4 outcome_colour(LineOutcome outcome) {
  switch (outcome) {
    case LineOutcome::Added:
      return kNoticeText;
    case LineOutcome::Adjusted:
      return kAdjustedText;
    case LineOutcome::Rejected:
      return kErrorText;
  }
  return kErrorText;
}

// One entry per line: "Line 3: adjusted — HYD-010 × 20 — rounded up to packs of 10", then what was typed.
void draw_report(const AppState& state, float width) {
  const Locale l = state.locale;
  long long counts[3] = {0, 0, 0};
  for (const LineReport& report : state.import.report) ++counts[static_cast<int>(report.outcome)];
  message_line("import_summary", ImGui::GetStyle().Colors[ImGuiCol_Text],
               format(tr(Msg::ImportSummary, l), counts[0], counts[1], counts[2]));
  for (const LineReport& report : state.import.report) {
    column_rule(width);
    const std::string number = std::to_string(report.requested.line_number);
    std::string text = std::string(tr(Msg::LineWord, l)) + " " + number + ": " + outcome_text(report.outcome, l);
    if (report.outcome != LineOutcome::Rejected) text += " — " + report.sku + " × " + std::to_string(report.quantity);
    const std::string reason = reason_text(report, l);
    if (!reason.empty()) text += " — " + reason;
    if (report.price_changed && report.requested.previous_unit_net && report.unit_net) {
      text += std::string(" — ") + tr(Msg::PriceChangedFromTo, l) + ": " +
              price_change_text(*report.requested.previous_unit_net, *report.unit_net, l);
    }
    message_line(("import_line_" + number).c_str(), outcome_colour(report.outcome), text);
    const Product* product = report.sku.empty() ? nullptr : find_product(state, report.sku);
    const std::string detail = product ? name_of(*product, l) : report.requested.text;
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::TextDisabled("%s", detail.c_str());
    ImGui::PopTextWrapPos();
  }
}

}  // namespace

void draw_quick_order(const AppState& state, UiState& ui, const UiFonts& fonts, float width, const Dispatch& dispatch) {
  const Locale l = state.locale;
  const LineImportState& import = state.import;
  const bool reorder = !import.reorder_of.empty();
  bool any_rejected = false;
  for (const LineReport& report : import.report) any_rejected |= report.outcome == LineOutcome::Rejected;

  // Once a check is done, its rejected lines go back into the box to be fixed; the rest are in the cart.
  if (!reorder && !import.checking && !import.report.empty() && import.seq != ui.import_seen_seq) {
    ui.import_seen_seq = import.seq;
    std::string rejected;
    for (const LineReport& report : import.report)
      if (report.outcome == LineOutcome::Rejected) rejected += report.requested.text + "\n";
    std::snprintf(ui.quick_order, sizeof ui.quick_order, "%s", rejected.c_str());
  }

  screen_title(fonts.title, reorder ? (std::string(tr(Msg::ReorderOf, l)) + " " + import.reorder_of).c_str()
                                    : tr(Msg::QuickOrder, l));
  if (!reorder) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::TextUnformatted(tr(Msg::QuickOrderHelp, l));
    ImGui::PopTextWrapPos();
    multiline_text_field("quick_order_text", ui.quick_order, sizeof ui.quick_order, width,
                         ImGui::GetTextLineHeightWithSpacing() * 7, "ELE-001 10");
    ImGui::BeginDisabled(import.checking);
    if (touch_button(tr(Msg::CheckAndAdd, l), "quick_order_add", width, true)) {
      dispatch(CheckQuickOrder{ui.quick_order});
    }
    ImGui::EndDisabled();
    if (touch_button(tr(Msg::Clear, l), "quick_order_clear", width)) ui.quick_order[0] = '\0';
  }
  if (import.checking) ImGui::TextDisabled("%s", tr(Msg::Checking, l));
  if (import.error) {
    // Nothing typed: say what to type; anything else (network, server) as an error.
    message_line("import_error", kErrorText,
                 import.error->field == "text" ? tr(Msg::QuickOrderHelp, l) : describe_error(*import.error, l));
  }
  if (import.report.empty()) return;
  if (reorder) message_line("reorder_note", ImGui::GetStyle().Colors[ImGuiCol_Text], tr(Msg::ReorderIntoCart, l));
  draw_report(state, width);
  column_rule(width);
  if (!reorder && any_rejected) {
    message_line("rejected_kept", ImGui::GetStyle().Colors[ImGuiCol_Text], tr(Msg::RejectedLinesKept, l));
  }
  if (touch_button(tr(Msg::GoToCart, l), "go_to_cart", width, true)) dispatch(Navigate{Screen::Carts});
}

}  // namespace b2b::client
