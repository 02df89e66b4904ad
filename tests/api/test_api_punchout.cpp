// API tests of embedding and punchout over real HTTP against server-mock: one-time start tokens, the OCI
// and cXML entries, the cart sent back as OCI fields or a cXML order message (read with tinyxml2 and
// checked against the seed's prices), the embedding configuration and --portal, and search by category.
#include <doctest/doctest.h>
#include <rapidjson/document.h>
#include <sys/wait.h>
#include <tinyxml2.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "api_support.hpp"
#include "b2b/text.hpp"
#include "b2b/validation.hpp"

using namespace api;

namespace {

constexpr const char* kBuyer = "kupiec1@budmax.pl";  // whom both seeded punchout clients buy as
constexpr const char* kHookUrl = "https://sap.budmax.pl/sap/bc/gui/sap/its/bbpsc02?HOOK_URL_ID=7&sap-client=100";
constexpr const char* kFormPostUrl = "https://s1.ariba.com/Buyer/punchout/return?id=42";

HttpRequest request(const std::string& method, const std::string& path, HttpHeaders headers = {},
                    std::string body = {}) {
  HttpRequest r;
  r.method = method;
  r.path = path;
  r.headers = std::move(headers);
  r.body = std::move(body);
  return r;
}

std::string form(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string text;
  for (const auto& [name, value] : fields)
    text += (text.empty() ? "" : "&") + url_encode(name) + "=" + url_encode(value);
  return text;
}

std::vector<std::pair<std::string, std::string>> oci_login(const std::string& password = "punchout-oci-1") {
  return {{"USERNAME", "budmax-sap"}, {"PASSWORD", password}, {"HOOK_URL", kHookUrl}};
}

HttpResponse oci_get(const Shop& shop, const std::vector<std::pair<std::string, std::string>>& fields) {
  return shop.send(request("GET", "/punchout/oci?" + form(fields)));
}

// The start token of an entry's 303 answer.
std::string token_from_location(const HttpResponse& response) {
  REQUIRE_MESSAGE(response.status == 303, describe(response));
  const std::string location = header_value(response.headers, "Location");
  REQUIRE_MESSAGE(location.rfind("/?start=", 0) == 0, location);
  const std::string token = location.substr(8);
  CHECK(token.size() >= 32);
  CHECK(token.find_first_not_of("0123456789abcdefABCDEF-_") == std::string::npos);  // URL-safe as it is
  return token;
}

HttpResponse redeem(const Shop& shop, const std::string& token) {
  return shop.send(own_protocol().start_session_request(token));
}

Session signed_in_with(const Shop& shop, const std::string& token) {
  const HttpResponse response = redeem(shop, token);
  const auto session = own_protocol().parse_login(response);
  REQUIRE_MESSAGE(session.ok(), describe(response));
  return session.value();
}

StartToken start_token(const Shop& shop, const std::string& session_token) {
  const HttpResponse response = shop.send(own_protocol().start_token_request(session_token));
  REQUIRE_MESSAGE(response.status == 201, describe(response));
  const auto token = own_protocol().parse_start_token(response);
  REQUIRE_MESSAGE(token.ok(), describe(response));
  return token.value();
}

void check_start_token_invalid(const HttpResponse& response) {
  CHECK_MESSAGE(response.status == 401, describe(response));
  CHECK(error_kind(response) == "auth");
  CHECK_MESSAGE(has_field_error(response, "start_token", "start_token_invalid"), describe(response));
}

std::optional<PunchoutContext> punchout_of(const Shop& shop, const std::string& token) {
  const HttpResponse response = shop.send(own_protocol().punchout_session_request(token));
  const auto context = own_protocol().parse_punchout_session(response);
  REQUIRE_MESSAGE(context.ok(), describe(response));
  return context.value();
}

PunchoutForm transfer(const Shop& shop, const std::string& token, const std::string& cart_id) {
  const HttpResponse response = shop.send(own_protocol().punchout_transfer_request(token, cart_id));
  const auto sent = own_protocol().parse_punchout_transfer(response);
  REQUIRE_MESSAGE(sent.ok(), describe(response));
  return sent.value();
}

// A product with a volume tier for Budmax and the tier's quantity (valid for the product), so the
// transfer must charge the tier price, not the base price.
Pick tier_line() {
  const PriceList& list = seed_price_list("c-budmax");
  for (const Product& p : seed_data().products) {
    const PriceListEntry* entry = entry_of(list, p.sku);
    if (!p.active || !entry || entry->tiers.empty()) continue;
    const std::int64_t quantity = entry->tiers.front().min_quantity;
    if (validate_quantity(quantity, p, "quantity").empty()) return {&p, quantity};
  }
  FAIL("the seed has no product with a tier");
  return {};
}

// The cart both punchout tests send back: a tier-priced line with a note, and a cheap one.
std::vector<CartLine> two_lines() {
  const Pick tiered = tier_line();
  const Pick cheap = cheap_line(50000, tiered.product->sku);
  return {{tiered.product->sku, tiered.quantity, "na budowę przy ul. Legnickiej"},
          {cheap.product->sku, cheap.quantity, ""}};
}

// What the shop charges Budmax per unit for the line's quantity, straight from the seed's price list.
std::int64_t unit_minor(const CartLine& line) {
  return unit_price_for(*entry_of(seed_price_list("c-budmax"), line.sku), line.quantity);
}

// "2.50": written here from the integer, independently of the server's formatter.
std::string decimal(std::int64_t minor) {
  const std::string cents = std::to_string(minor % 100);
  return std::to_string(minor / 100) + "." + (cents.size() == 1 ? "0" + cents : cents);
}

std::string iso_unit_of(Unit unit) {
  static const std::map<Unit, std::string> kCodes = {{Unit::Piece, "PCE"},       {Unit::Pack, "PK"},
                                                     {Unit::Kilogram, "KGM"},    {Unit::Metre, "MTR"},
                                                     {Unit::SquareMetre, "MTK"}, {Unit::Litre, "LTR"}};
  return kCodes.at(unit);
}

std::string lead_time_of(const Product& p, std::int64_t quantity) { return p.stock >= quantity ? "1" : "7"; }

std::string cxml_setup(const std::string& secret, const std::string& request_body) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.014/cXML.dtd">
<cXML payloadID="1767225600.77@ariba.example" timestamp="2026-01-01T00:00:00+00:00" xml:lang="pl">
  <Header>
    <From><Credential domain="NetworkID"><Identity>AN-BUDMAX</Identity></Credential></From>
    <To><Credential domain="DUNS"><Identity>hurtownia-duns</Identity></Credential></To>
    <Sender><Credential domain="NetworkID"><Identity>budmax-ariba</Identity><SharedSecret>)" +
         secret + R"(</SharedSecret></Credential><UserAgent>test</UserAgent></Sender>
  </Header>
  <Request><PunchOutSetupRequest operation="create">)" +
         request_body + R"(</PunchOutSetupRequest></Request>
</cXML>
)";
}

std::string good_setup_body() {
  return "<BuyerCookie>cookie-&lt;7&gt;</BuyerCookie><BrowserFormPost><URL>" + std::string(kFormPostUrl) +
         "</URL></BrowserFormPost>";
}

HttpResponse cxml_post(const Shop& shop, const std::string& xml, const std::string& type = "text/xml; charset=UTF-8") {
  return shop.send(request("POST", "/punchout/cxml", {{"Content-Type", type}}, xml));
}

// The cXML answer's Status element, after checking the document is well-formed cXML.
struct CxmlStatus {
  int code = 0;
  std::string text;
  std::string start_page;
};

CxmlStatus cxml_status(const HttpResponse& response) {
  CHECK(header_value(response.headers, "Content-Type").rfind("text/xml", 0) == 0);
  tinyxml2::XMLDocument document;
  REQUIRE_MESSAGE(document.Parse(response.body.c_str(), response.body.size()) == tinyxml2::XML_SUCCESS, response.body);
  const tinyxml2::XMLElement* answer = document.RootElement()->FirstChildElement("Response");
  REQUIRE(answer != nullptr);
  const tinyxml2::XMLElement* status = answer->FirstChildElement("Status");
  REQUIRE(status != nullptr);
  CxmlStatus out;
  out.code = status->IntAttribute("code");
  out.text = status->Attribute("text") ? status->Attribute("text") : "";
  if (const auto* setup = answer->FirstChildElement("PunchOutSetupResponse")) {
    const auto* url = setup->FirstChildElement("StartPage")->FirstChildElement("URL");
    REQUIRE(url != nullptr);
    out.start_page = url->GetText();
  }
  return out;
}

std::string text_at(const tinyxml2::XMLElement* parent, std::initializer_list<const char*> path) {
  const tinyxml2::XMLElement* element = parent;
  for (const char* name : path) {
    REQUIRE_MESSAGE(element != nullptr, name);
    element = element->FirstChildElement(name);
  }
  REQUIRE(element != nullptr);
  return element->GetText() ? element->GetText() : "";
}

// The bad value's exit: server-mock run directly, so the status is the process's own.
int run_server_mock(const std::vector<std::string>& arguments, std::string& printed) {
  const std::string log = (std::filesystem::temp_directory_path() / ("b2b-portal-" + new_key() + ".log")).string();
  std::string command = "timeout 20 '" + std::string(B2B_SERVER_MOCK) + "'";
  for (const std::string& argument : arguments) command += " '" + argument + "'";
  const int status = std::system((command + " >'" + log + "' 2>&1").c_str());
  std::ifstream file(log);
  std::stringstream text;
  text << file.rdbuf();
  printed = text.str();
  std::filesystem::remove(log);
  return status;
}

}  // namespace

TEST_CASE("a start token signs its user in once, within 120 seconds") {
  Shop shop;
  const Session buyer = shop.login(kBuyer);
  const StartToken start = start_token(shop, buyer.token);
  CHECK(start.token.size() >= 32);
  CHECK(start.expires_at_unix > 0);

  SUBCASE("redeemed once: a new session of the same user; the second use is refused") {
    const Session handed = signed_in_with(shop, start.token);
    CHECK(handed.user.id == buyer.user.id);
    CHECK(handed.company.id == "c-budmax");
    CHECK(handed.token != buyer.token);
    CHECK(handed.expires_at_unix_seconds > start.expires_at_unix);
    CHECK(shop.price_list(handed.token).id == "pl-budmax");  // the new session works
    CHECK(shop.price_list(buyer.token).id == "pl-budmax");   // and the old one still does
    check_start_token_invalid(redeem(shop, start.token));
  }
  SUBCASE("expired once the clock moved 121 seconds") {
    shop.advance_clock(121);
    check_start_token_invalid(redeem(shop, start.token));
  }
  SUBCASE("still good after 119 seconds") {
    shop.advance_clock(119);
    CHECK(signed_in_with(shop, start.token).user.id == buyer.user.id);
  }
  SUBCASE("unknown and empty tokens, and no session to make one from") {
    check_start_token_invalid(redeem(shop, start.token + "0"));
    check_start_token_invalid(redeem(shop, ""));
    const HttpResponse anonymous = shop.send(own_protocol().start_token_request(""));
    CHECK_MESSAGE(anonymous.status == 401, describe(anonymous));
  }
  SUBCASE("a token from another user's session signs in as that user, whoever redeems it") {
    const Session other = shop.login("kupiec1@elektroiskra.pl");
    HttpRequest redeem_as_other = own_protocol().start_session_request(start.token);
    redeem_as_other.headers.emplace_back("Authorization", "Bearer " + other.token);
    const auto handed = own_protocol().parse_login(shop.send(redeem_as_other));
    REQUIRE(handed.ok());
    CHECK(handed.value().user.id == buyer.user.id);
    CHECK(handed.value().company.id == "c-budmax");
    CHECK(shop.price_list(handed.value().token).id == "pl-budmax");
    CHECK(shop.price_list(other.token).id == "pl-elektroiskra");  // the redeemer stays who they were
    CHECK_FALSE(punchout_of(shop, handed.value().token).has_value());
  }
}

TEST_CASE("OCI punchout: entry, start, a cart of two lines sent back as OCI fields") {
  Shop shop;

  SUBCASE("the entry refuses wrong credentials and a missing or bad HOOK_URL, naming the problem") {
    const HttpResponse wrong = oci_get(shop, oci_login("zgadnij"));
    CHECK_MESSAGE(wrong.status == 401, describe(wrong));
    CHECK(wrong.body.find("USERNAME or PASSWORD") != std::string::npos);
    CHECK(header_value(wrong.headers, "Location").empty());
    const HttpResponse unknown = oci_get(shop, {{"USERNAME", "nikt"}, {"PASSWORD", "x"}, {"HOOK_URL", kHookUrl}});
    CHECK(unknown.status == 401);
    const HttpResponse no_hook = oci_get(shop, {{"USERNAME", "budmax-sap"}, {"PASSWORD", "punchout-oci-1"}});
    CHECK_MESSAGE(no_hook.status == 400, describe(no_hook));
    CHECK(no_hook.body.find("HOOK_URL is missing") != std::string::npos);
    const HttpResponse bad_hook =
        oci_get(shop, {{"USERNAME", "budmax-sap"}, {"PASSWORD", "punchout-oci-1"}, {"HOOK_URL", "/relative"}});
    CHECK_MESSAGE(bad_hook.status == 400, describe(bad_hook));
    CHECK(bad_hook.body.find("HOOK_URL is not an absolute http(s) URL") != std::string::npos);
  }

  SUBCASE("a form POST works like a GET and keeps ~TARGET and ~OkCode") {
    auto fields = oci_login();
    fields.push_back({"~TARGET", "_parent"});
    fields.push_back({"~OkCode", "ADDI2"});
    fields.push_back({"~CALLER", "DE_OCI"});
    const HttpResponse entered = shop.send(
        request("POST", "/punchout/oci", {{"Content-Type", "application/x-www-form-urlencoded"}}, form(fields)));
    const Session session = signed_in_with(shop, token_from_location(entered));
    const auto context = punchout_of(shop, session.token);
    REQUIRE(context.has_value());
    CHECK(context->target == "_parent");
    const Cart cart = shop.create_cart(session.token, {"", "SAP", "", {two_lines().front()}, 0, ""});
    const PunchoutForm sent = transfer(shop, session.token, cart.id);
    CHECK(sent.target == "_parent");
    CHECK(sent.fields.at(sent.fields.size() - 2) == std::pair<std::string, std::string>{"~OkCode", "ADDI2"});
    CHECK(sent.fields.back() == std::pair<std::string, std::string>{"~TARGET", "_parent"});
  }

  SUBCASE("the whole punchout: every field of both lines from the cart and Budmax's price list") {
    const std::string token = token_from_location(oci_get(shop, oci_login()));
    const Session session = signed_in_with(shop, token);
    CHECK(session.user.id == user_id_of(kBuyer));
    check_start_token_invalid(redeem(shop, token));  // the start URL works once

    const auto context = punchout_of(shop, session.token);
    REQUIRE(context.has_value());
    CHECK(context->protocol == "oci");
    CHECK(context->return_url == kHookUrl);
    CHECK(context->target == "_top");
    CHECK(context->operation == "create");

    const std::vector<CartLine> lines = two_lines();
    const Cart cart = shop.create_cart(session.token, {"", "Z SAP", "", lines, 0, ""});
    const PunchoutForm sent = transfer(shop, session.token, cart.id);
    CHECK(sent.method == "POST");
    CHECK(sent.action == kHookUrl);
    CHECK(sent.target == "_top");

    std::vector<std::pair<std::string, std::string>> expected;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const Product& p = product(lines[i].sku);
      const std::string n = "[" + std::to_string(i + 1) + "]";
      expected.push_back({"NEW_ITEM-DESCRIPTION" + n, utf8_prefix(p.name.pl, 40)});
      expected.push_back({"NEW_ITEM-QUANTITY" + n, std::to_string(lines[i].quantity)});
      expected.push_back({"NEW_ITEM-UNIT" + n, iso_unit_of(p.unit)});
      expected.push_back({"NEW_ITEM-PRICE" + n, decimal(unit_minor(lines[i]))});
      expected.push_back({"NEW_ITEM-PRICEUNIT" + n, "1"});
      expected.push_back({"NEW_ITEM-CURRENCY" + n, "PLN"});
      expected.push_back({"NEW_ITEM-VENDORMAT" + n, p.sku});
      expected.push_back({"NEW_ITEM-MATGROUP" + n, p.category_path.front()});
      expected.push_back({"NEW_ITEM-LEADTIME" + n, lead_time_of(p, lines[i].quantity)});
      expected.push_back({"NEW_ITEM-EXT_PRODUCT_ID" + n, p.ean});
      expected.push_back({"NEW_ITEM-LONGTEXT_" + std::to_string(i + 1) + ":132[]",
                          lines[i].note.empty() ? p.name.pl : p.name.pl + "\n" + lines[i].note});
    }
    expected.push_back({"~OkCode", "ADDI"});
    expected.push_back({"~TARGET", "_top"});
    REQUIRE(sent.fields.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      CAPTURE(i);
      CHECK(sent.fields[i].first == expected[i].first);
      CHECK(sent.fields[i].second == expected[i].second);
    }
    // The first line is charged its tier price, below the base price.
    const PriceListEntry& tiered = *entry_of(seed_price_list("c-budmax"), lines[0].sku);
    CHECK(unit_minor(lines[0]) < tiered.unit_net_minor);
    for (const auto& [name, value] : sent.fields) {
      if (name.rfind("NEW_ITEM-DESCRIPTION", 0) == 0) CHECK(utf8_code_points(value).value() <= 40);
    }

    // The session goes on: the cart is still there and can be sent again, also after a change.
    CHECK(shop.carts(session.token).front().lines.size() == 2);
    Cart changed = shop.carts(session.token).front();
    changed.lines.pop_back();
    REQUIRE(shop.send(own_protocol().update_cart_request(session.token, changed, "")).status == 200);
    CHECK(transfer(shop, session.token, cart.id).fields.size() == 11 + 2);

    SUBCASE("a start token made from the punchout session carries the punchout") {
      const Session reloaded = signed_in_with(shop, start_token(shop, session.token).token);
      const auto again = punchout_of(shop, reloaded.token);
      REQUIRE(again.has_value());
      CHECK(again->return_url == kHookUrl);
    }
    SUBCASE("unknown, someone else's and empty carts are refused") {
      const HttpResponse unknown = shop.send(own_protocol().punchout_transfer_request(session.token, "k-999"));
      CHECK_MESSAGE(unknown.status == 404, describe(unknown));
      const Session colleague = shop.login("kupiec2@budmax.pl");
      const Cart theirs = shop.create_cart(colleague.token, {"", "Nie moje", "", lines, 0, ""});
      CHECK(shop.send(own_protocol().punchout_transfer_request(session.token, theirs.id)).status == 404);
      const Cart empty = shop.create_cart(session.token, {"", "Pusty", "", {}, 0, ""});
      const HttpResponse nothing = shop.send(own_protocol().punchout_transfer_request(session.token, empty.id));
      CHECK_MESSAGE(nothing.status == 422, describe(nothing));
      CHECK(has_field_error(nothing, "cart_id", "cart_empty"));
      CHECK(own_protocol().parse_punchout_transfer(nothing).error().kind == ErrorKind::Validation);
    }
    SUBCASE("a line the shop would not sell is refused like an order's") {
      Cart odd = shop.carts(session.token).front();
      const Product& packed = product_with_pack_above_one();
      odd.lines = {{packed.sku, packed.pack_size + 1, ""}};
      REQUIRE(shop.send(own_protocol().update_cart_request(session.token, odd, "")).status == 200);
      const HttpResponse refused = shop.send(own_protocol().punchout_transfer_request(session.token, odd.id));
      CHECK_MESSAGE(refused.status == 400, describe(refused));
      CHECK(has_field_error(refused, "lines[0].quantity", "not_multiple_of_pack"));
    }
  }
}

TEST_CASE("a normal session is no punchout: 204 for the context, 409 for a transfer") {
  Shop shop;
  const Session buyer = shop.login(kBuyer);
  const HttpResponse context = shop.send(own_protocol().punchout_session_request(buyer.token));
  CHECK_MESSAGE(context.status == 204, describe(context));
  CHECK(context.body.empty());
  CHECK_FALSE(punchout_of(shop, buyer.token).has_value());

  const Cart cart = shop.create_cart(buyer.token, {"", "Zwykły", "", two_lines(), 0, ""});
  const HttpResponse sent = shop.send(own_protocol().punchout_transfer_request(buyer.token, cart.id));
  CHECK_MESSAGE(sent.status == 409, describe(sent));
  CHECK(has_field_error(sent, "session", "not_punchout"));
  CHECK(own_protocol().parse_punchout_transfer(sent).error().kind == ErrorKind::Conflict);
  CHECK(shop.send(own_protocol().punchout_session_request("")).status == 401);
}

TEST_CASE("cXML punchout: setup, start page, and the cart back as a PunchOutOrderMessage") {
  Shop shop;

  SUBCASE("a wrong shared secret is a cXML 401, with HTTP 401") {
    const HttpResponse refused = cxml_post(shop, cxml_setup("zgadnij", good_setup_body()));
    CHECK_MESSAGE(refused.status == 401, describe(refused));
    const CxmlStatus status = cxml_status(refused);
    CHECK(status.code == 401);
    CHECK(status.start_page.empty());
  }
  SUBCASE("malformed XML and a missing BrowserFormPost or BuyerCookie are a cXML 400 naming the problem") {
    const HttpResponse malformed = cxml_post(shop, "<cXML><Header></cXML>", "application/xml");
    CHECK_MESSAGE(malformed.status == 400, describe(malformed));
    CHECK(cxml_status(malformed).code == 400);
    CHECK(cxml_status(malformed).text.find("malformed XML") != std::string::npos);

    const HttpResponse no_url = cxml_post(shop, cxml_setup("punchout-cxml-1", "<BuyerCookie>c</BuyerCookie>"));
    CHECK_MESSAGE(no_url.status == 400, describe(no_url));
    CHECK(cxml_status(no_url).code == 400);
    CHECK(cxml_status(no_url).text.find("BrowserFormPost") != std::string::npos);

    const HttpResponse no_cookie = cxml_post(
        shop, cxml_setup("punchout-cxml-1", "<BrowserFormPost><URL>https://a.example/r</URL></BrowserFormPost>"));
    CHECK(no_cookie.status == 400);
    CHECK(cxml_status(no_cookie).text.find("BuyerCookie") != std::string::npos);
  }

  SUBCASE("the whole punchout") {
    const HttpResponse answered = cxml_post(shop, cxml_setup("punchout-cxml-1", good_setup_body()));
    REQUIRE_MESSAGE(answered.status == 200, describe(answered));
    const CxmlStatus status = cxml_status(answered);
    CHECK(status.code == 200);
    CHECK(status.text == "OK");
    const std::string prefix = shop.base_url() + "/?start=";
    REQUIRE_MESSAGE(status.start_page.rfind(prefix, 0) == 0, status.start_page);
    const Session session = signed_in_with(shop, status.start_page.substr(prefix.size()));
    CHECK(session.user.id == user_id_of(kBuyer));

    const auto context = punchout_of(shop, session.token);
    REQUIRE(context.has_value());
    CHECK(context->protocol == "cxml");
    CHECK(context->return_url == kFormPostUrl);
    CHECK(context->target == "_top");
    CHECK(context->operation == "create");

    const std::vector<CartLine> lines = two_lines();
    const Cart cart = shop.create_cart(session.token, {"", "Z Ariby", "", lines, 0, ""});
    const PunchoutForm sent = transfer(shop, session.token, cart.id);
    CHECK(sent.method == "POST");
    CHECK(sent.action == kFormPostUrl);
    CHECK(sent.target == "_top");
    REQUIRE(sent.fields.size() == 1);
    CHECK(sent.fields[0].first == "cXML-urlencoded");

    tinyxml2::XMLDocument document;
    const std::string& xml = sent.fields[0].second;
    REQUIRE_MESSAGE(document.Parse(xml.c_str(), xml.size()) == tinyxml2::XML_SUCCESS, xml);
    const tinyxml2::XMLElement* root = document.RootElement();
    CHECK(std::string(root->Name()) == "cXML");
    CHECK(root->Attribute("payloadID") != nullptr);
    CHECK(root->Attribute("timestamp") != nullptr);
    // From and To are the setup's To and From; the shop is the Sender.
    CHECK(text_at(root, {"Header", "From", "Credential", "Identity"}) == "hurtownia-duns");
    CHECK(std::string(root->FirstChildElement("Header")
                          ->FirstChildElement("From")
                          ->FirstChildElement("Credential")
                          ->Attribute("domain")) == "DUNS");
    CHECK(text_at(root, {"Header", "To", "Credential", "Identity"}) == "AN-BUDMAX");
    CHECK_FALSE(text_at(root, {"Header", "Sender", "Credential", "Identity"}).empty());

    const tinyxml2::XMLElement* message = root->FirstChildElement("Message")->FirstChildElement("PunchOutOrderMessage");
    REQUIRE(message != nullptr);
    CHECK(text_at(message, {"BuyerCookie"}) == "cookie-<7>");
    const tinyxml2::XMLElement* header = message->FirstChildElement("PunchOutOrderMessageHeader");
    CHECK(std::string(header->Attribute("operationAllowed")) == "edit");
    const PricedCart expected = price_lines(lines, seed_price_list("c-budmax"));
    CHECK(text_at(header, {"Total", "Money"}) == decimal(expected.totals.net.minor));
    CHECK(std::string(header->FirstChildElement("Total")->FirstChildElement("Money")->Attribute("currency")) == "PLN");

    std::size_t i = 0;
    for (const auto* item = message->FirstChildElement("ItemIn"); item;
         item = item->NextSiblingElement("ItemIn"), ++i) {
      REQUIRE(i < lines.size());
      CAPTURE(i);
      const Product& p = product(lines[i].sku);
      CHECK(item->Int64Attribute("quantity") == lines[i].quantity);
      CHECK(text_at(item, {"ItemID", "SupplierPartID"}) == p.sku);
      CHECK(text_at(item, {"ItemID", "SupplierPartAuxiliaryID"}) == cart.id);
      CHECK(text_at(item, {"ItemDetail", "UnitPrice", "Money"}) == decimal(unit_minor(lines[i])));
      CHECK(text_at(item, {"ItemDetail", "Description"}) == p.name.pl);
      CHECK(text_at(item, {"ItemDetail", "UnitOfMeasure"}) == iso_unit_of(p.unit));
      CHECK(text_at(item, {"ItemDetail", "Classification"}).size() == 8);
      CHECK(text_at(item, {"ItemDetail", "ManufacturerName"}) == p.brand);
      CHECK(text_at(item, {"ItemDetail", "LeadTime"}) == lead_time_of(p, lines[i].quantity));
    }
    CHECK(i == lines.size());
  }
}

TEST_CASE("the embedding configuration lists the --portal origins, which the CSP lets frame the client") {
  Shop shop({{"--portal", "http://localhost:8081", "--portal", "https://portal.example.com"}, true});
  const HttpResponse response = shop.get("/api/v1/embedding", {{"Origin", "http://localhost:8081"}});
  REQUIRE_MESSAGE(response.status == 200, describe(response));
  rapidjson::Document json;
  json.Parse(response.body.c_str());
  REQUIRE_FALSE(json.HasParseError());
  CHECK(std::string(json["protocol"].GetString()) == "b2b-embed");
  REQUIRE(json["versions"].Size() == 1);
  CHECK(json["versions"][0].GetInt() == 1);
  REQUIRE(json["portal_origins"].Size() == 2);
  CHECK(std::string(json["portal_origins"][0].GetString()) == "http://localhost:8081");
  CHECK(std::string(json["portal_origins"][1].GetString()) == "https://portal.example.com");
  // A portal's page may read it (CORS); nobody else's.
  CHECK(header_value(response.headers, "Access-Control-Allow-Origin") == "http://localhost:8081");
  CHECK(header_value(shop.get("/api/v1/embedding", {{"Origin", "https://evil.example"}}).headers,
                     "Access-Control-Allow-Origin")
            .empty());

  const std::string policy = header_value(shop.get("/").headers, "Content-Security-Policy");
  CHECK(policy.find("frame-ancestors 'self'") != std::string::npos);
  CHECK(policy.find("http://localhost:8081") != std::string::npos);
  CHECK(policy.find("https://portal.example.com") != std::string::npos);

  SUBCASE("without --portal the list is empty") {
    Shop plain;
    rapidjson::Document none;
    none.Parse(plain.get("/api/v1/embedding").body.c_str());
    REQUIRE(none.IsObject());
    CHECK(none["portal_origins"].Size() == 0);
  }
}

TEST_CASE("a --portal value that is not an exact origin stops server-mock with a usage error naming it") {
  const std::string dir = std::filesystem::temp_directory_path().string();
  for (const char* bad : {"https://portal.example.com/", "portal.example.com", "ftp://portal.example.com",
                          "https://*.portal.example.com", "http://localhost:8081/embed", "https://Portal.example.com",
                          "http://localhost:0", "http://localhost:99999", ""}) {
    CAPTURE(bad);
    std::string printed;
    const int status =
        run_server_mock({"--web-root", dir, "--db", ":memory:", "--port", "0", "--portal", bad}, printed);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 2);
    CHECK_MESSAGE(printed.find("--portal") != std::string::npos, printed);
    CHECK_MESSAGE(printed.find(std::string("'") + bad + "'") != std::string::npos, printed);
  }
}

TEST_CASE("search with a category finds only that top-level category's products") {
  Shop shop;
  const Session buyer = shop.login(kBuyer);
  // A brand sold in two categories, so the same query finds products of both without a category.
  std::map<std::string, std::set<std::string>> categories_of_brand;
  for (const Product& p : seed_data().products)
    if (p.active) categories_of_brand[p.brand].insert(p.category_path.front());
  std::string brand;
  for (const auto& [name, categories] : categories_of_brand)
    if (categories.size() >= 2) brand = name;
  REQUIRE_FALSE(brand.empty());
  const std::string category = *categories_of_brand[brand].begin();
  const auto search = [&](const std::string& text, const std::string& in) {
    const HttpResponse response = shop.send(own_protocol().search_request(buyer.token, {text, 100, in}));
    const auto found = own_protocol().parse_search(response);
    REQUIRE_MESSAGE(found.ok(), describe(response));
    return found.value();
  };

  std::set<std::string> everywhere;
  for (const Product& p : search(brand, "")) everywhere.insert(p.category_path.front());
  CHECK(everywhere.size() >= 2);
  const std::vector<Product> limited = search(brand, category);
  CHECK_FALSE(limited.empty());
  for (const Product& p : limited) CHECK(p.category_path.front() == category);

  SUBCASE("with no text, the category's products are listed") {
    const std::vector<Product> listed = search("", category);
    CHECK(listed.size() ==
          std::min<std::size_t>(
              100, std::count_if(seed_data().products.begin(), seed_data().products.end(),
                                 [&](const Product& p) { return p.active && p.category_path.front() == category; })));
    for (const Product& p : listed) CHECK(p.category_path.front() == category);
    CHECK(search("", "").empty());
    CHECK(search(brand, "Nie ma takiej").empty());
  }
}
