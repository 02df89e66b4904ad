// Punchout documents: OCI form fields and cXML written as escaped text in a fixed element order (the
// cXML DTD's), with amounts as decimals of integer minor units.
#include "b2b/punchout.hpp"

#include <cstdio>
#include <unordered_map>

#include "b2b/money.hpp"
#include "b2b/text.hpp"

namespace b2b::punchout {
namespace {

constexpr const char* kCxmlDoctype = "<!DOCTYPE cXML SYSTEM \"http://xml.cxml.org/schemas/cXML/1.2.014/cXML.dtd\">";

std::string indexed(const char* name, std::size_t n) { return std::string(name) + "[" + std::to_string(n) + "]"; }

// The first lines of every cXML document the shop writes, up to and with the root element's start tag.
std::string cxml_start(const CxmlHeader& header) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + std::string(kCxmlDoctype) + "\n<cXML payloadID=\"" +
         xml_escape(header.payload_id) + "\" timestamp=\"" + cxml_timestamp(header.timestamp_unix) +
         "\" xml:lang=\"pl\">\n";
}

void append_credentials(std::string& out, const char* element, const std::vector<Credential>& credentials) {
  out += "    <" + std::string(element) + ">\n";
  for (const Credential& credential : credentials) {
    out += "      <Credential domain=\"" + xml_escape(credential.domain) + "\"><Identity>" +
           xml_escape(credential.identity) + "</Identity></Credential>\n";
  }
  out += "    </" + std::string(element) + ">\n";
}

std::string money_element(Money amount) {
  return "<Money currency=\"" + std::string(currency_code(amount.currency)) + "\">" + format_decimal(amount) +
         "</Money>";
}

}  // namespace

std::vector<PunchoutLine> punchout_lines(const std::string& cart_id, const PricedCart& priced,
                                         const std::vector<Product>& catalog) {
  std::unordered_map<std::string_view, const Product*> by_sku;
  for (const Product& product : catalog) by_sku.emplace(product.sku, &product);
  std::vector<PunchoutLine> lines;
  for (const PricedLine& priced_line : priced.lines) {
    const auto found = by_sku.find(priced_line.sku);
    if (found == by_sku.end()) continue;
    const Product& product = *found->second;
    PunchoutLine line;
    line.sku = product.sku;
    line.cart_id = cart_id;
    line.name = product.name.pl;
    line.note = priced_line.note;
    line.quantity = priced_line.quantity;
    line.unit = product.unit;
    line.unit_net = priced_line.unit_net;
    line.category = product.category_path.empty() ? "" : product.category_path.front();
    line.ean = product.ean;
    line.brand = product.brand;
    line.lead_time_days = product.stock >= priced_line.quantity ? kLeadTimeInStockDays : kLeadTimeToOrderDays;
    lines.push_back(std::move(line));
  }
  return lines;
}

const char* iso_unit(Unit unit) {
  switch (unit) {
    case Unit::Piece:
      return "PCE";
    case Unit::Pack:
      return "PK";
    case Unit::Kilogram:
      return "KGM";
    case Unit::Metre:
      return "MTR";
    case Unit::SquareMetre:
      return "MTK";
    case Unit::Litre:
      return "LTR";
  }
  return "PCE";  // not reached: -Wswitch names a unit added without a code
}

const char* unspsc_code(std::string_view top_category) {
  static const std::pair<const char*, const char*> kCodes[] = {
      {"Chemia", "31200000"},           // Adhesives and sealants
      {"Budownictwo", "30000000"},      // Structures, building and construction components
      {"Elektrotechnika", "39000000"},  // Electrical systems, lighting, components and supplies
      {"Instalacje", "40000000"},       // Distribution and conditioning systems (plumbing, HVAC)
      {"Mechanika", "31000000"},        // Manufacturing components and supplies
      {"BHP", "46180000"},              // Personal safety and protection
      {"Narzędzia", "27110000"},        // Hand tools
  };
  for (const auto& [category, code] : kCodes)
    if (top_category == category) return code;
  return "31000000";
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out += c;
    }
  }
  return out;
}

FormFields oci_fields(const std::vector<PunchoutLine>& lines, const SetupContext& context) {
  FormFields fields;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const PunchoutLine& line = lines[i];
    const std::size_t n = i + 1;
    fields.emplace_back(indexed("NEW_ITEM-DESCRIPTION", n), utf8_prefix(line.name, kOciDescriptionCodePoints));
    fields.emplace_back(indexed("NEW_ITEM-QUANTITY", n), std::to_string(line.quantity));
    fields.emplace_back(indexed("NEW_ITEM-UNIT", n), iso_unit(line.unit));
    fields.emplace_back(indexed("NEW_ITEM-PRICE", n), format_decimal(line.unit_net));
    fields.emplace_back(indexed("NEW_ITEM-PRICEUNIT", n), "1");
    fields.emplace_back(indexed("NEW_ITEM-CURRENCY", n), currency_code(line.unit_net.currency));
    fields.emplace_back(indexed("NEW_ITEM-VENDORMAT", n), line.sku);
    fields.emplace_back(indexed("NEW_ITEM-MATGROUP", n), line.category);
    fields.emplace_back(indexed("NEW_ITEM-LEADTIME", n), std::to_string(line.lead_time_days));
    fields.emplace_back(indexed("NEW_ITEM-EXT_PRODUCT_ID", n), line.ean);
    fields.emplace_back("NEW_ITEM-LONGTEXT_" + std::to_string(n) + ":132[]",
                        line.note.empty() ? line.name : line.name + "\n" + line.note);
  }
  fields.emplace_back("~OkCode", context.ok_code);
  fields.emplace_back("~TARGET", context.target);
  return fields;
}

std::string cxml_order_message(const std::vector<PunchoutLine>& lines, Money net_total, const SetupContext& context,
                               const CxmlHeader& header) {
  std::string out = cxml_start(header);
  out += "  <Header>\n";
  // The DTD wants a credential on each side; a setup that named nobody gets the shop's.
  append_credentials(out, "From", context.to.empty() ? std::vector<Credential>{header.sender} : context.to);
  append_credentials(out, "To", context.from.empty() ? std::vector<Credential>{header.sender} : context.from);
  out += "    <Sender>\n      <Credential domain=\"" + xml_escape(header.sender.domain) + "\"><Identity>" +
         xml_escape(header.sender.identity) + "</Identity></Credential>\n      <UserAgent>" +
         xml_escape(header.user_agent) + "</UserAgent>\n    </Sender>\n";
  out += "  </Header>\n  <Message>\n    <PunchOutOrderMessage>\n";
  out += "      <BuyerCookie>" + xml_escape(context.buyer_cookie) + "</BuyerCookie>\n";
  out += "      <PunchOutOrderMessageHeader operationAllowed=\"edit\">\n        <Total>" + money_element(net_total) +
         "</Total>\n      </PunchOutOrderMessageHeader>\n";
  for (const PunchoutLine& line : lines) {
    out += "      <ItemIn quantity=\"" + std::to_string(line.quantity) + "\">\n";
    out += "        <ItemID><SupplierPartID>" + xml_escape(line.sku) + "</SupplierPartID><SupplierPartAuxiliaryID>" +
           xml_escape(line.cart_id) + "</SupplierPartAuxiliaryID></ItemID>\n";
    out += "        <ItemDetail>\n";
    out += "          <UnitPrice>" + money_element(line.unit_net) + "</UnitPrice>\n";
    out += "          <Description xml:lang=\"pl\">" + xml_escape(line.name) + "</Description>\n";
    out += "          <UnitOfMeasure>" + std::string(iso_unit(line.unit)) + "</UnitOfMeasure>\n";
    out += "          <Classification domain=\"UNSPSC\">" + std::string(unspsc_code(line.category)) +
           "</Classification>\n";
    if (!line.brand.empty()) out += "          <ManufacturerName>" + xml_escape(line.brand) + "</ManufacturerName>\n";
    out += "          <LeadTime>" + std::to_string(line.lead_time_days) + "</LeadTime>\n";
    out += "        </ItemDetail>\n      </ItemIn>\n";
  }
  out += "    </PunchOutOrderMessage>\n  </Message>\n</cXML>\n";
  return out;
}

std::string cxml_setup_response(int status, const std::string& text, const std::string& start_page_url,
                                const CxmlHeader& header) {
  std::string out = cxml_start(header);
  out += "  <Response>\n    <Status code=\"" + std::to_string(status) + "\" text=\"" + xml_escape(text) + "\"/>\n";
  if (status == 200) {
    out += "    <PunchOutSetupResponse>\n      <StartPage><URL>" + xml_escape(start_page_url) +
           "</URL></StartPage>\n    </PunchOutSetupResponse>\n";
  }
  out += "  </Response>\n</cXML>\n";
  return out;
}

std::string cxml_timestamp(std::int64_t unix_seconds) {
  const Date day = date_from_unix_seconds(unix_seconds);
  std::int64_t second_of_day = unix_seconds % 86400;
  if (second_of_day < 0) second_of_day += 86400;
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d+00:00", day.year, day.month, day.day,
                static_cast<int>(second_of_day / 3600), static_cast<int>(second_of_day / 60 % 60),
                static_cast<int>(second_of_day % 60));
  return text;
}

}  // namespace b2b::punchout
