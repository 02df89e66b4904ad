// Company screens: the approver's inbox and the admin's users.
#include <cstdio>
#include <string>

#include "core/i18n.hpp"
#include "registry_hooks.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace b2b::client {
namespace {

const char* role_text(Role role, Locale l) {
  switch (role) {
    case Role::Buyer:
      return tr(Msg::RoleBuyer, l);
    case Role::Approver:
      return tr(Msg::RoleApprover, l);
    case Role::Admin:
      return tr(Msg::RoleAdmin, l);
    case Role::Seller:
      return tr(Msg::RoleSeller, l);
  }
  return "";
}

}  // namespace

void draw_approvals(const AppState& state, UiState& ui, const UiFonts& fonts, float width, const Dispatch& dispatch) {
  const Locale l = state.locale;
  screen_title(fonts.title, tr(Msg::Approvals, l));
  const ApprovalsState& approvals = state.approvals;
  if (approvals.error) message_line("approvals_error", kErrorText, describe_error(*approvals.error, l));
  if (approvals.pending.empty()) {
    ImGui::TextDisabled("%s", approvals.loading ? tr(Msg::Loading, l) : tr(Msg::NoPendingApprovals, l));
    return;
  }
  text_field(tr(Msg::DecisionComment, l), "decision_comment", ui.decision_comment, sizeof ui.decision_comment,
             FieldKind::Text, width);
  const float half = (width - ImGui::GetStyle().ItemSpacing.x) / 2;
  for (const backend::PendingApproval& pending : approvals.pending) {
    const Order& order = pending.order;
    column_rule(width);
    message_line(("pending_" + order.number).c_str(), ImGui::GetStyle().Colors[ImGuiCol_Text],
                 order.number + "   " + format_money(order.totals.net, l) + " " + tr(Msg::NetShort, l));
    message_line(("over_limit_" + order.number).c_str(), kErrorText,
                 std::string(tr(Msg::OverLimitBy, l)) + " " + format_money(pending.over_limit, l) + " (" +
                     tr(Msg::Limit, l) + " " + format_money(pending.spending_limit, l) + ")");
    ImGui::TextDisabled("%s: %s%s%s", tr(Msg::Buyer, l), pending.buyer_name.c_str(),
                        order.checkout.po_number.empty() ? "" : "   PO: ", order.checkout.po_number.c_str());
    if (!order.checkout.cost_centre.empty()) {
      ImGui::TextDisabled("%s: %s", tr(Msg::CostCentre, l), order.checkout.cost_centre.c_str());
    }
    ImGui::BeginDisabled(!approvals.deciding.empty());
    if (touch_button(tr(Msg::Approve, l), ("approve_" + order.number).c_str(), half, true)) {
      dispatch(DecideApproval{order.number, true, ui.decision_comment});
      ui.decision_comment[0] = '\0';
    }
    ImGui::SameLine();
    if (touch_button(tr(Msg::Reject, l), ("reject_" + order.number).c_str(), half)) {
      dispatch(DecideApproval{order.number, false, ui.decision_comment});
      ui.decision_comment[0] = '\0';
    }
    ImGui::EndDisabled();
  }
}

void draw_users(const AppState& state, UiState& ui, const UiFonts& fonts, float width, const Dispatch& dispatch) {
  const Locale l = state.locale;
  screen_title(fonts.title, tr(Msg::Users, l));
  const UsersState& users = state.users;
  if (users.error) message_line("users_error", kErrorText, describe_error(*users.error, l));
  if (users.users.empty() && users.loading) ImGui::TextDisabled("%s", tr(Msg::Loading, l));
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const Role roles[] = {Role::Buyer, Role::Approver, Role::Admin};
  const float third = (width - 2 * spacing) / 3;

  for (const User& user : users.users) {
    ImGui::PushID(user.id.c_str());
    column_rule(width);
    message_line(("user_" + user.email).c_str(), ImGui::GetStyle().Colors[ImGuiCol_Text],
                 user.name + " (" + role_text(user.role, l) +
                     (user.active ? "" : std::string(", ") + tr(Msg::Inactive, l)) + ")");
    ImGui::TextDisabled("%s   %s: %s", user.email.c_str(), tr(Msg::SpendingLimit, l),
                        format_money(user.spending_limit, l).c_str());
    if (ui.editing_user_id != user.id) {
      if (touch_button(tr(Msg::Edit, l), ("edit_" + user.email).c_str(), width)) {
        ui.editing_user_id = user.id;
        std::snprintf(ui.user_limit, sizeof ui.user_limit, "%lld,%02lld",
                      static_cast<long long>(user.spending_limit.minor / 100),
                      static_cast<long long>(user.spending_limit.minor % 100));
      }
      ImGui::PopID();
      continue;
    }
    for (int i = 0; i < 3; ++i) {
      if (i > 0) ImGui::SameLine();
      if (segment(role_text(roles[i], l), ("role_" + std::string(role_code(roles[i]))).c_str(), user.role == roles[i],
                  third)) {
        backend::UserChange change;
        change.user_id = user.id;
        change.role = roles[i];
        dispatch(ChangeUser{change});
      }
    }
    const auto limit = parse_amount_minor(ui.user_limit);
    text_field(tr(Msg::SpendingLimit, l), "user_limit", ui.user_limit, sizeof ui.user_limit, FieldKind::Numeric, width,
               limit ? "" : tr(Msg::WrongAmount, l));
    const float half = (width - spacing) / 2;
    ImGui::BeginDisabled(!limit);
    if (touch_button(tr(Msg::Save, l), "save_user", half, true)) {
      backend::UserChange change;
      change.user_id = user.id;
      change.spending_limit = Money{limit.value_or(0), user.spending_limit.currency};
      dispatch(ChangeUser{change});
      ui.editing_user_id.clear();
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (touch_button(user.active ? tr(Msg::Deactivate, l) : tr(Msg::Activate, l), "toggle_active", half)) {
      backend::UserChange change;
      change.user_id = user.id;
      change.active = !user.active;
      dispatch(ChangeUser{change});
    }
    ImGui::PopID();
  }

  column_rule(width);
  section_heading(tr(Msg::InviteUser, l));
  text_field("E-mail", "invite_email", ui.invite_email, sizeof ui.invite_email, FieldKind::Email, width);
  text_field(tr(Msg::Name, l), "invite_name", ui.invite_name, sizeof ui.invite_name, FieldKind::Text, width);
  for (int i = 0; i < 3; ++i) {
    if (i > 0) ImGui::SameLine();
    if (segment(role_text(roles[i], l), ("invite_role_" + std::string(role_code(roles[i]))).c_str(),
                ui.invite_role == i, third)) {
      ui.invite_role = i;
    }
  }
  const auto invite_limit = parse_amount_minor(ui.invite_limit);
  text_field(tr(Msg::SpendingLimit, l), "invite_limit", ui.invite_limit, sizeof ui.invite_limit, FieldKind::Numeric,
             width, ui.invite_limit[0] != '\0' && !invite_limit ? tr(Msg::WrongAmount, l) : "");
  ImGui::BeginDisabled(ui.invite_email[0] == '\0' || ui.invite_name[0] == '\0' || !invite_limit);
  if (touch_button(tr(Msg::Invite, l), "invite_user", width, true)) {
    dispatch(InviteUser{
        {ui.invite_email, ui.invite_name, roles[ui.invite_role], {invite_limit.value_or(0), Currency::PLN}}});
    ui.invite_email[0] = ui.invite_name[0] = ui.invite_limit[0] = '\0';
  }
  ImGui::EndDisabled();
}

}  // namespace b2b::client
