// What offline drafting shows: the connection strip with the last sync, the outbox with what changed
// since an order was placed, carts waiting to be sent, merges and conflicts between devices.
#include <algorithm>
#include <ctime>

#include "core/i18n.hpp"
#include "imgui.h"
#include "screens.hpp"
#include "widgets.hpp"

namespace b2b::client {
namespace {

const ImU32 kOfflineDot = IM_COL32(200, 120, 0, 255);

// "14:05" today, "26.11 14:05" on another day, in the device's time zone.
std::string local_time(const AppState& state, std::int64_t unix_seconds) {
  const auto to_tm = [&](std::int64_t t) {
    const std::time_t shifted = static_cast<std::time_t>(t + state.utc_offset_minutes * 60);
    std::tm parts{};
    gmtime_r(&shifted, &parts);
    return parts;
  };
  const std::tm when = to_tm(unix_seconds);
  const std::tm now = to_tm(state.now_unix);
  char text[32];
  if (when.tm_yday == now.tm_yday && when.tm_year == now.tm_year) {
    std::snprintf(text, sizeof text, "%02d:%02d", when.tm_hour, when.tm_min);
  } else {
    std::snprintf(text, sizeof text, "%02d.%02d %02d:%02d", when.tm_mday, when.tm_mon + 1, when.tm_hour, when.tm_min);
  }
  return text;
}

const char* status_text(const OutboxEntry& entry, Locale l) {
  switch (entry.status) {
    case OutboxStatus::Waiting:
      return entry.attempts > 0 ? tr(Msg::OutboxWaitingRetry, l) : tr(Msg::OutboxWaiting, l);
    case OutboxStatus::Checking:
      return tr(Msg::OutboxChecking, l);
    case OutboxStatus::NeedsConfirmation:
      return tr(Msg::OutboxNeedsConfirmation, l);
    case OutboxStatus::Sending:
      return tr(Msg::OutboxSending, l);
    case OutboxStatus::Sent:
      return tr(Msg::OutboxSent, l);
    case OutboxStatus::Failed:
      return tr(Msg::OutboxFailed, l);
  }
  return "";
}

std::string product_label(const AppState& state, const std::string& sku) {
  const Product* product = find_product(state, sku);
  return product ? sku + " " + name_of(*product, state.locale) : sku;
}

std::string change_text(const AppState& state, const backend::LineChange& change) {
  const Locale l = state.locale;
  std::string text = product_label(state, change.sku) + ": ";
  if (change.reason == "price_changed") {
    text += std::string(tr(Msg::ChangePrice, l)) + " " + price_change_text(change.old_unit_net, change.new_unit_net, l);
  } else if (change.reason == "stock_short") {
    const Product* product = find_product(state, change.sku);
    text += tr(Msg::ChangeStockShort, l);
    if (product) text += " (" + std::to_string(product->stock) + " " + unit_code(product->unit) + ")";
  } else {
    text += tr(Msg::ChangeUnavailable, l);
  }
  return text;
}

}  // namespace

// Offline until a check succeeds: the strip stays through the retries, so the screen never jumps.
bool offline_for_the_buyer(const AppState& state) {
  return state.server.connection == Connection::Offline ||
         (state.server.connection == Connection::Checking && state.server.failed_checks > 0);
}

bool connection_strip_shown(const AppState& state) {
  return offline_for_the_buyer(state) || !state.storage.available || !state.storage.kept_aside.empty();
}

void draw_connection_strip(const AppState& state, float width) {
  const Locale l = state.locale;
  (void)width;
  if (offline_for_the_buyer(state)) {
    std::string text = tr(Msg::OfflineBanner, l);
    text += " \u00b7 ";
    text += state.server.last_sync_unix > 0
                ? std::string(tr(Msg::LastSynced, l)) + " " + local_time(state, state.server.last_sync_unix)
                : std::string(tr(Msg::NeverSynced, l));
    status_line("offline_banner", kOfflineDot, text);
  }
  if (!state.storage.available) message_line("storage_unavailable", kErrorText, tr(Msg::StorageUnavailable, l));
  for (const std::string& reason : state.storage.kept_aside) {
    message_line("storage_kept_aside", kErrorText, std::string(tr(Msg::KeptAside, l)) + " " + reason);
  }
}

void draw_outbox(const AppState& state, const UiFonts& fonts, float width, const Dispatch& dispatch) {
  const auto& entries = state.outbox.entries;
  if (entries.empty()) return;
  const Locale l = state.locale;
  section_heading(tr(Msg::OutboxHeading, l));
  const auto queued = std::find_if(entries.begin(), entries.end(), [&](const OutboxEntry& e) {
    return e.submission.idempotency_key == state.outbox.just_queued && e.status == OutboxStatus::Waiting;
  });
  if (queued != entries.end()) message_line("queued_notice", kNoticeText, tr(Msg::QueuedNotice, l));
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  for (const OutboxEntry& entry : entries) {
    const std::string& key = entry.submission.idempotency_key;
    ImGui::PushID(key.c_str());
    ImGui::PushFont(fonts.title);
    const std::string title = entry.cart_name.empty() ? key : entry.cart_name;
    ImGui::TextWrapped("%s", title.c_str());
    ImGui::PopFont();
    std::string status = status_text(entry, l);
    if (entry.status == OutboxStatus::Sent) status += " " + entry.order_number;
    if (entry.status == OutboxStatus::Failed) status += " " + entry.problem;
    const ImU32 dot = entry.status == OutboxStatus::Sent ? IM_COL32(20, 140, 60, 255)
                      : entry.status == OutboxStatus::Failed || entry.status == OutboxStatus::NeedsConfirmation
                          ? IM_COL32(190, 30, 30, 255)
                          : kOfflineDot;
    status_line(("outbox_status_" + key).c_str(), dot, status);
    for (const FieldError& problem : entry.problems) {
      message_line(("outbox_problem_" + key).c_str(), kErrorText, problem.field + ": " + describe_problem(problem, l));
    }
    for (const backend::LineChange& change : entry.changes) {
      message_line(("outbox_change_" + key + "_" + change.sku).c_str(), kErrorText, change_text(state, change));
    }
    if (entry.status == OutboxStatus::NeedsConfirmation && entry.new_totals) {
      ImGui::TextWrapped("%s %s", tr(Msg::NewGrossTotal, l), format_money(entry.new_totals->gross, l).c_str());
    }
    const float half = (width - spacing) / 2;
    if (entry.status == OutboxStatus::NeedsConfirmation) {
      if (touch_button(tr(Msg::ConfirmAndSend, l), ("outbox_confirm_" + key).c_str(), width, true)) {
        dispatch(ConfirmOutboxOrder{key});
      }
    }
    if (outbox_entry_editable(entry)) {
      if (touch_button(tr(Msg::EditInCart, l), ("outbox_edit_" + key).c_str(), half)) dispatch(EditOutboxOrder{key});
      ImGui::SameLine();
      if (touch_button(tr(Msg::DiscardOrder, l), ("outbox_discard_" + key).c_str(), half)) {
        dispatch(DiscardOutboxOrder{key});
      }
    } else if (entry.status == OutboxStatus::Sent) {
      if (touch_button(tr(Msg::HideSent, l), ("outbox_hide_" + key).c_str(), width)) dispatch(DiscardOutboxOrder{key});
    }
    column_rule(width);
    ImGui::PopID();
  }
}

void draw_cart_sync(const AppState& state, const UiFonts& fonts, float width, const Dispatch& dispatch) {
  const Locale l = state.locale;
  const CartsState& carts = state.carts;
  if (!carts.merged.empty()) {
    std::string names;
    for (const std::string& name : carts.merged) names += (names.empty() ? "" : ", ") + name;
    message_line("carts_merged", kNoticeText, std::string(tr(Msg::CartsMerged, l)) + " " + names);
    if (touch_button(tr(Msg::HideSent, l), "carts_merged_hide", width)) dispatch(DismissNotice{});
  }
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  for (const CartConflict& conflict : carts.conflicts) {
    ImGui::PushID(conflict.mine.id.c_str());
    message_line("cart_conflict", kErrorText, std::string(tr(Msg::CartConflictHeading, l)) + " " + conflict.mine.name);
    const Cart* current = nullptr;
    for (const Cart& cart : carts.carts)
      if (cart.id == conflict.mine.id) current = &cart;
    const Cart& mine = current ? *current : conflict.mine;
    const float half = (width - spacing) / 2;
    // Both versions side by side: the lines each has, with quantities.
    for (const auto& [side, cart, key] : {std::tuple{Msg::ConflictMine, &mine, "conflict_mine"},
                                          std::tuple{Msg::ConflictTheirs, &conflict.theirs, "conflict_theirs"}}) {
      if (cart != &mine) ImGui::SameLine();
      ImGui::BeginGroup();
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + half);
      ImGui::PushFont(fonts.small);
      ImGui::TextWrapped("%s", tr(side, l));
      std::string lines;
      for (const CartLine& line : cart->lines) {
        lines += product_label(state, line.sku) + " \u00d7 " + std::to_string(line.quantity) + "\n";
      }
      message_line(key, ImGui::GetStyle().Colors[ImGuiCol_Text], lines);
      ImGui::PopFont();
      ImGui::PopTextWrapPos();
      ImGui::EndGroup();
    }
    if (touch_button(tr(Msg::KeepMine, l), "conflict_keep_mine", half)) dispatch(ResolveCartConflict{mine.id, true});
    ImGui::SameLine();
    if (touch_button(tr(Msg::TakeTheirs, l), "conflict_take_theirs", half)) {
      dispatch(ResolveCartConflict{mine.id, false});
    }
    column_rule(width);
    ImGui::PopID();
  }
}

}  // namespace b2b::client
