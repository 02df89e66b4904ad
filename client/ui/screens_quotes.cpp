// Requests for quote: the buyer's list with the seller's prices, and accepting one into an order
// with the checkout fields the company requires (PO number, cost centre).
#include <cstdio>
#include <string>

#include "core/i18n.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace b2b::client {
namespace {

const char* quote_status_text(QuoteStatus status, Locale l) {
  switch (status) {
    case QuoteStatus::Requested:
      return tr(Msg::QuoteRequested, l);
    case QuoteStatus::Answered:
      return tr(Msg::QuoteAnswered, l);
    case QuoteStatus::Accepted:
      return tr(Msg::QuoteAccepted, l);
    case QuoteStatus::Declined:
      return tr(Msg::QuoteDeclined, l);
  }
  return "";
}

}  // namespace

void draw_quotes(const AppState& state, UiState& ui, const UiFonts& fonts, float width, const Dispatch& dispatch) {
  const Locale l = state.locale;
  const QuotesState& quotes = state.quotes;
  screen_title(fonts.title, tr(Msg::Quotes, l));
  if (quotes.error) message_line("quotes_error", kErrorText, describe_error(*quotes.error, l));
  if (quotes.quotes.empty()) {
    ImGui::TextDisabled("%s", quotes.loading ? tr(Msg::Loading, l) : tr(Msg::NoQuotes, l));
    return;
  }
  const Role role = state.session ? state.session->user.role : Role::Buyer;
  const bool may_accept = role == Role::Buyer || role == Role::Admin;
  for (const Quote& quote : quotes.quotes) {
    ImGui::PushID(quote.number.c_str());
    column_rule(width);
    std::string heading = quote.number + "   " + quote_status_text(quote.status, l);
    if (quote.valid_until)
      heading += std::string(", ") + tr(Msg::ValidUntil, l) + " " + format_date(*quote.valid_until);
    message_line(("quote_" + quote.number).c_str(), ImGui::GetStyle().Colors[ImGuiCol_Text], heading);
    for (const QuoteLine& line : quote.lines) {
      const Product* product = find_product(state, line.sku);
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
      ImGui::TextDisabled("%s  %s × %lld%s%s", line.sku.c_str(), product ? name_of(*product, l).c_str() : "",
                          static_cast<long long>(line.quantity), line.quoted_unit_net ? "  " : "",
                          line.quoted_unit_net ? format_money(*line.quoted_unit_net, l).c_str() : "");
      ImGui::PopTextWrapPos();
    }
    if (!quote.seller_comment.empty()) {
      message_line(("quote_comment_" + quote.number).c_str(), ImGui::GetStyle().Colors[ImGuiCol_Text],
                   std::string(tr(Msg::SellerSays, l)) + ": " + quote.seller_comment);
    }
    if (!quote.order_number.empty()) ImGui::TextDisabled("%s: %s", tr(Msg::OrderNumber, l), quote.order_number.c_str());
    if (quote.status == QuoteStatus::Answered && may_accept) {
      // The order needs the same fields as a checkout; they are shared with it.
      if (text_field("PO", ("quote_po_" + quote.number).c_str(), ui.po_number, sizeof ui.po_number, FieldKind::Text,
                     width, problem_for(quotes.problems, "checkout.po_number", l))) {
        CheckoutFields fields = state.checkout.fields;
        fields.po_number = ui.po_number;
        dispatch(SetCheckoutFields{fields});
      }
      ImGui::BeginDisabled(!quotes.accepting.empty());
      if (touch_button(tr(Msg::AcceptQuoteButton, l), ("accept_" + quote.number).c_str(), width, true)) {
        dispatch(AcceptQuote{quote.number});
      }
      ImGui::EndDisabled();
    }
    ImGui::PopID();
  }
}

}  // namespace b2b::client
