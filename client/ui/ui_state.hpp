// UI-only state: text being typed, open panels, scroll positions. Kept apart from the store's
// domain state, which changes only through actions.
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>

#include "b2b/locale.hpp"
#include "b2b/pricing.hpp"
#include "touch_scroll.hpp"

namespace b2b::client {

// The active cart priced, kept between frames with what it was priced from.
struct PricedCartCache {
  std::string cart_id;
  std::vector<CartLine> lines;
  std::string price_list_id;
  std::int64_t price_list_version = -1;
  std::size_t price_entries = 0;
  std::size_t known_products = 0;
  PricedCart priced;
};

struct UiState {
  char email[128] = "";
  char password[128] = "";
  char search[128] = "";
  char new_cart_name[64] = "";
  char rename_cart[64] = "";
  std::string renaming_cart_id;  // the cart whose name is being edited, if any
  std::string open_category;     // the top category whose sub-categories are listed
  std::string editing_note_sku;  // the cart line whose note is being edited, if any
  char line_note[128] = "";
  std::string quantity_sku;  // the product the quantity below belongs to
  std::int64_t quantity = 0;
  char po_number[64] = "";
  char cost_centre[64] = "";
  char delivery_date[16] = "";
  char note[256] = "";
  char decision_comment[256] = "";  // the approver's comment for the order being decided
  std::string editing_user_id;      // the user whose role and limit are being edited, if any
  char user_limit[32] = "";
  char invite_email[128] = "";
  char invite_name[128] = "";
  char invite_limit[32] = "";
  int invite_role = 0;                // index into the roles a company admin can give
  char quote_note[256] = "";          // the note of a request for quote being written
  char quick_order[16384] = "";       // pasted or typed quick-order lines
  std::uint64_t import_seen_seq = 0;  // the quick-order check whose rejected lines were put back above
  char orders_from[16] = "";
  char orders_to[16] = "";
  bool orders_dates_bad = false;    // the range typed above could not be read
  bool checkout_loaded = false;     // the text fields above were filled from the store's fields
  TouchScroller page_scroll;        // the screen's content
  TouchScroller results_scroll;     // the catalog's result list
  TouchScroller categories_scroll;  // the categories shown before typing
  float preferred_height = 0;       // CSS px the current screen's content needs; an embedding portal may size to it
  PricedCartCache priced_cart;
  std::unordered_map<std::string, float> cart_line_heights;  // cart lines as last drawn, to skip those off screen
  float cart_lines_width = 0;                                // ... at this width
  Locale cart_lines_locale = Locale::pl;                     // ... and in this language
};

}  // namespace b2b::client
