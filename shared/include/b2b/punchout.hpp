// Punchout (SAP OCI 4.0 and cXML 1.2): a cart priced by the server as OCI form fields or a cXML
// PunchOutOrderMessage, and the cXML setup answer. Pure text building; server-mock does the I/O.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "b2b/domain.hpp"
#include "b2b/pricing.hpp"

namespace b2b::punchout {

inline constexpr const char* kOci = "oci";
inline constexpr const char* kCxml = "cxml";
// SAP shows NEW_ITEM-DESCRIPTION in a 40-character column and refuses longer ones.
inline constexpr std::size_t kOciDescriptionCodePoints = 40;
// Lead time promised per line: the shop ships what it has in stock the next working day, and orders
// the rest from its suppliers, which takes a week.
inline constexpr std::int64_t kLeadTimeInStockDays = 1;
inline constexpr std::int64_t kLeadTimeToOrderDays = 7;

// A name with a domain, as cXML's Credential carries it (From, To, Sender).
struct Credential {
  std::string domain;
  std::string identity;
};

// What the procurement system said when the buyer punched out; kept with the session until the cart
// goes back.
struct SetupContext {
  std::string protocol;          // kOci or kCxml
  std::string return_url;        // OCI HOOK_URL, cXML BrowserFormPost/URL
  std::string target;            // OCI ~TARGET ("_top" when not given); "_top" for cXML
  std::string ok_code;           // OCI ~OkCode ("ADDI" when not given); empty for cXML
  std::string caller;            // OCI ~CALLER, kept for the log; empty for cXML
  std::string operation;         // cXML create, edit or inspect; "create" for OCI
  std::string buyer_cookie;      // cXML: echoed in the order message
  std::vector<Credential> from;  // cXML setup request's From: the buyer's organisation
  std::vector<Credential> to;    // cXML setup request's To: the shop as the buyer knows it
};

// One cart line as the procurement system receives it.
struct PunchoutLine {
  std::string sku;
  std::string cart_id;  // cXML SupplierPartAuxiliaryID, so an edit can find its cart again
  std::string name;     // the full Polish name
  std::string note;     // the buyer's line note; may be empty
  std::int64_t quantity = 0;
  Unit unit = Unit::Piece;
  Money unit_net;        // per one unit: the company's tier price for this quantity
  std::string category;  // the top-level category
  std::string ean;       // may be empty
  std::string brand;
  std::int64_t lead_time_days = 0;
};

using FormFields = std::vector<std::pair<std::string, std::string>>;

// The priced lines with what a procurement system shows: name, unit, category, EAN, brand, and the
// lead time from the product's stock. Lines whose product is not in the catalog are left out (the
// pricing that produced `priced` has already reported them).
std::vector<PunchoutLine> punchout_lines(const std::string& cart_id, const PricedCart& priced,
                                         const std::vector<Product>& catalog);

// UN/ECE Recommendation 20 codes, which OCI's NEW_ITEM-UNIT and cXML's UnitOfMeasure expect:
// szt PCE, opak PK, kg KGM, m MTR, m2 MTK, l LTR.
const char* iso_unit(Unit unit);
// The UNSPSC class of a top-level category (docs/protocol.md lists them); others: 31000000.
const char* unspsc_code(std::string_view top_category);

// Text for XML element content and attribute values: & < > " ' as entities. Characters XML 1.0
// cannot carry at all (control characters other than tab, line feed and carriage return) are left out.
std::string xml_escape(std::string_view text);

// NEW_ITEM-*[n] for every line, n from 1, then ~OkCode and ~TARGET as the setup gave them.
FormFields oci_fields(const std::vector<PunchoutLine>& lines, const SetupContext& context);

// What every cXML document the shop writes carries in its root element and Header/Sender.
struct CxmlHeader {
  std::string payload_id;  // unique per document, e.g. "1767225600.4f1c@server-mock"
  std::int64_t timestamp_unix = 0;
  Credential sender;       // the shop
  std::string user_agent;  // e.g. "server-mock 0.1.0"
};

// The PunchOutOrderMessage for the lines: From and To are the setup's To and From (swapped), the
// BuyerCookie is echoed, the total is the net total. The form field that carries it is "cXML-urlencoded".
std::string cxml_order_message(const std::vector<PunchoutLine>& lines, Money net_total, const SetupContext& context,
                               const CxmlHeader& header);

// The answer to a PunchOutSetupRequest: status 200 with the start page URL; any other status with
// `text` saying what was wrong (and no start page).
std::string cxml_setup_response(int status, const std::string& text, const std::string& start_page_url,
                                const CxmlHeader& header);

// "2026-01-01T12:00:00+00:00": cXML's timestamp format, in UTC.
std::string cxml_timestamp(std::int64_t unix_seconds);

}  // namespace b2b::punchout
