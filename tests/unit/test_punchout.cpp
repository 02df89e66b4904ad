// Punchout documents: OCI fields of a priced cart (every field, the 40-character cut, decimals), the cXML
// order message and setup answer (elements and escaping), ISO units, and the URL checks of the entries.
#include <doctest/doctest.h>

#include <string>

#include "b2b/http.hpp"
#include "b2b/punchout.hpp"
#include "b2b/validation.hpp"

using namespace b2b;
using namespace b2b::punchout;

namespace {

// 48 characters, 55 bytes: the 40th character is "ó" (two bytes), so a cut at 40 bytes or inside a
// letter is told apart from the cut at 40 characters.
const std::string kLongName = "Łącznik świecznikowy podtynkowy biały żółty IP44";

Product product(std::string sku, std::string name, Unit unit, std::string category, std::int64_t stock) {
  Product p;
  p.sku = std::move(sku);
  p.ean = "5901234123457";
  p.name = {std::move(name), "English name"};
  p.category_path = {std::move(category), "Sub"};
  p.brand = "Kabex";
  p.unit = unit;
  p.stock = stock;
  return p;
}

const std::vector<Product> kCatalog = {
    product("ELE-100001", kLongName, Unit::Piece, "Elektrotechnika", 500),
    product("CHE-200002", "Klej \"Mocny\" & <szybki> 'uniwersalny'", Unit::Litre, "Chemia", 3),
};

// Two lines priced as the server prices them: 12 pieces at a tier price of 2,50 zł, and 5 l at 1 234,05 zł.
PricedCart two_lines() {
  PriceList list{"pl-test", "c-test", Currency::PLN, 1, {}};
  list.entries.push_back({"ELE-100001", 300, {{10, 250}}});
  list.entries.push_back({"CHE-200002", 123405, {}});
  Cart cart;
  cart.lines = {{"ELE-100001", 12, "na poniedziałek"}, {"CHE-200002", 5, ""}};
  auto priced = price_cart(cart, list, kCatalog);
  REQUIRE(priced.ok());
  REQUIRE(priced.value().problems.empty());
  return priced.value();
}

SetupContext oci_context() {
  SetupContext context;
  context.protocol = kOci;
  context.return_url = "https://sap.example/hook";
  context.target = "_top";
  context.ok_code = "ADDI";
  context.operation = "create";
  return context;
}

SetupContext cxml_context() {
  SetupContext context;
  context.protocol = kCxml;
  context.return_url = "https://ariba.example/return";
  context.target = "_top";
  context.operation = "create";
  context.buyer_cookie = "cookie<&>1";
  context.from = {{"NetworkID", "AN-BUYER"}, {"DUNS", "123"}};
  context.to = {{"DUNS", "shop-duns"}};
  return context;
}

const CxmlHeader kHeader{
    "1767225600.abc@server-mock", 1767225600, {"NetworkID", "hurtownia-techniczna"}, "server-mock 0.1.0"};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("punchout_lines carry what a procurement system shows, with the tier price and a lead time") {
  const auto lines = punchout_lines("k-7", two_lines(), kCatalog);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].sku == "ELE-100001");
  CHECK(lines[0].cart_id == "k-7");
  CHECK(lines[0].name == kLongName);
  CHECK(lines[0].note == "na poniedziałek");
  CHECK(lines[0].quantity == 12);
  CHECK(lines[0].unit == Unit::Piece);
  CHECK(lines[0].unit_net == Money{250, Currency::PLN});  // the tier from 10 pieces
  CHECK(lines[0].category == "Elektrotechnika");
  CHECK(lines[0].ean == "5901234123457");
  CHECK(lines[0].brand == "Kabex");
  CHECK(lines[0].lead_time_days == kLeadTimeInStockDays);  // 500 in stock
  CHECK(lines[1].lead_time_days == kLeadTimeToOrderDays);  // 3 in stock, 5 wanted
  CHECK(lines[1].unit_net == Money{123405, Currency::PLN});
}

TEST_CASE("OCI fields of a two-line cart: every field, in order, then ~OkCode and ~TARGET") {
  const auto fields = oci_fields(punchout_lines("k-7", two_lines(), kCatalog), oci_context());
  const FormFields expected = {
      {"NEW_ITEM-DESCRIPTION[1]", "Łącznik świecznikowy podtynkowy biały żó"},
      {"NEW_ITEM-QUANTITY[1]", "12"},
      {"NEW_ITEM-UNIT[1]", "PCE"},
      {"NEW_ITEM-PRICE[1]", "2.50"},
      {"NEW_ITEM-PRICEUNIT[1]", "1"},
      {"NEW_ITEM-CURRENCY[1]", "PLN"},
      {"NEW_ITEM-VENDORMAT[1]", "ELE-100001"},
      {"NEW_ITEM-MATGROUP[1]", "Elektrotechnika"},
      {"NEW_ITEM-LEADTIME[1]", "1"},
      {"NEW_ITEM-EXT_PRODUCT_ID[1]", "5901234123457"},
      {"NEW_ITEM-LONGTEXT_1:132[]", kLongName + "\nna poniedziałek"},
      {"NEW_ITEM-DESCRIPTION[2]", "Klej \"Mocny\" & <szybki> 'uniwersalny'"},  // form values are not XML
      {"NEW_ITEM-QUANTITY[2]", "5"},
      {"NEW_ITEM-UNIT[2]", "LTR"},
      {"NEW_ITEM-PRICE[2]", "1234.05"},
      {"NEW_ITEM-PRICEUNIT[2]", "1"},
      {"NEW_ITEM-CURRENCY[2]", "PLN"},
      {"NEW_ITEM-VENDORMAT[2]", "CHE-200002"},
      {"NEW_ITEM-MATGROUP[2]", "Chemia"},
      {"NEW_ITEM-LEADTIME[2]", "7"},
      {"NEW_ITEM-EXT_PRODUCT_ID[2]", "5901234123457"},
      {"NEW_ITEM-LONGTEXT_2:132[]", "Klej \"Mocny\" & <szybki> 'uniwersalny'"},
      {"~OkCode", "ADDI"},
      {"~TARGET", "_top"},
  };
  REQUIRE(fields.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i);
    CHECK(fields[i].first == expected[i].first);
    CHECK(fields[i].second == expected[i].second);
  }
  // The cut is 40 characters (more bytes), and a whole letter.
  CHECK(utf8_code_points(fields[0].second) == std::optional<std::size_t>(40));
  CHECK(fields[0].second.size() > 40);
}

TEST_CASE("OCI echoes the setup's ~OkCode and ~TARGET") {
  SetupContext context = oci_context();
  context.ok_code = "ADDI2";
  context.target = "_parent";
  const auto fields = oci_fields({}, context);
  CHECK(fields == FormFields{{"~OkCode", "ADDI2"}, {"~TARGET", "_parent"}});
}

TEST_CASE("ISO units and UNSPSC classes") {
  CHECK(std::string(iso_unit(Unit::Piece)) == "PCE");
  CHECK(std::string(iso_unit(Unit::Pack)) == "PK");
  CHECK(std::string(iso_unit(Unit::Kilogram)) == "KGM");
  CHECK(std::string(iso_unit(Unit::Metre)) == "MTR");
  CHECK(std::string(iso_unit(Unit::SquareMetre)) == "MTK");
  CHECK(std::string(iso_unit(Unit::Litre)) == "LTR");
  CHECK(std::string(unspsc_code("Elektrotechnika")) == "39000000");
  CHECK(std::string(unspsc_code("Narzędzia")) == "27110000");
  CHECK(std::string(unspsc_code("BHP")) == "46180000");
  CHECK(std::string(unspsc_code("Coś innego")) == "31000000");
}

TEST_CASE("xml_escape writes & < > \" ' as entities and leaves out what XML cannot carry") {
  CHECK(xml_escape("Klej \"Mocny\" & <szybki> 'uniwersalny'") ==
        "Klej &quot;Mocny&quot; &amp; &lt;szybki&gt; &apos;uniwersalny&apos;");
  CHECK(xml_escape("&amp;") == "&amp;amp;");  // already-escaped text is escaped again: it is text
  CHECK(xml_escape("Łącznik\tA\nB") == "Łącznik\tA\nB");
  CHECK(xml_escape(std::string("a\x01"
                               "b\x1F"
                               "c",
                               5)) == "abc");
}

TEST_CASE("the cXML order message: header swapped, cookie echoed, total and every line") {
  const PricedCart priced = two_lines();
  const std::string xml =
      cxml_order_message(punchout_lines("k-7", priced, kCatalog), priced.totals.net, cxml_context(), kHeader);
  CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE cXML SYSTEM", 0) == 0);
  CHECK(contains(xml, "<cXML payloadID=\"1767225600.abc@server-mock\" timestamp=\"2026-01-01T00:00:00+00:00\""));
  // From is the setup's To, To the setup's From (both credentials, in order); the shop sends.
  CHECK(contains(xml,
                 "<From>\n      <Credential domain=\"DUNS\"><Identity>shop-duns</Identity></Credential>\n    </From>"));
  CHECK(contains(xml,
                 "<To>\n      <Credential domain=\"NetworkID\"><Identity>AN-BUYER</Identity></Credential>\n"
                 "      <Credential domain=\"DUNS\"><Identity>123</Identity></Credential>\n    </To>"));
  CHECK(contains(xml, "<Sender>\n      <Credential domain=\"NetworkID\"><Identity>hurtownia-techniczna</Identity>"));
  CHECK_FALSE(contains(xml, "SharedSecret"));  // the message travels through the buyer's browser
  CHECK(contains(xml, "<BuyerCookie>cookie&lt;&amp;&gt;1</BuyerCookie>"));
  // 12 x 2,50 + 5 x 1 234,05 = 6 200,25 zł net.
  CHECK(priced.totals.net.minor == 620025);
  CHECK(contains(xml,
                 "<PunchOutOrderMessageHeader operationAllowed=\"edit\">\n        <Total><Money "
                 "currency=\"PLN\">6200.25</Money></Total>"));
  CHECK(contains(xml,
                 "<ItemIn quantity=\"12\">\n        <ItemID><SupplierPartID>ELE-100001</SupplierPartID>"
                 "<SupplierPartAuxiliaryID>k-7</SupplierPartAuxiliaryID></ItemID>"));
  CHECK(contains(xml,
                 "<UnitPrice><Money currency=\"PLN\">2.50</Money></UnitPrice>\n          <Description "
                 "xml:lang=\"pl\">" +
                     kLongName +
                     "</Description>\n          <UnitOfMeasure>PCE</UnitOfMeasure>\n"
                     "          <Classification domain=\"UNSPSC\">39000000</Classification>\n"
                     "          <ManufacturerName>Kabex</ManufacturerName>\n"
                     "          <LeadTime>1</LeadTime>"));
  CHECK(contains(xml, "<ItemIn quantity=\"5\">"));
  CHECK(contains(xml, "<Money currency=\"PLN\">1234.05</Money>"));
  CHECK(contains(xml,
                 "<Description xml:lang=\"pl\">Klej &quot;Mocny&quot; &amp; &lt;szybki&gt; "
                 "&apos;uniwersalny&apos;</Description>"));
  CHECK(contains(xml, "<UnitOfMeasure>LTR</UnitOfMeasure>"));
  CHECK(contains(xml, "<LeadTime>7</LeadTime>"));
  CHECK(xml.size() - xml.rfind("</cXML>\n") == 8);  // the root closes last

  SUBCASE("a setup that named nobody still gets a credential on each side") {
    SetupContext bare = cxml_context();
    bare.from.clear();
    bare.to.clear();
    const std::string text = cxml_order_message({}, Money{0, Currency::PLN}, bare, kHeader);
    CHECK(contains(text, "<From>\n      <Credential domain=\"NetworkID\"><Identity>hurtownia-techniczna</Identity>"));
    CHECK(contains(text, "<To>\n      <Credential domain=\"NetworkID\"><Identity>hurtownia-techniczna</Identity>"));
  }
}

TEST_CASE("the cXML setup answer: the start page with 200, the reason without it otherwise") {
  const std::string ok = cxml_setup_response(200, "OK", "http://127.0.0.1:8080/?start=abc&x=1", kHeader);
  CHECK(contains(ok, "<Status code=\"200\" text=\"OK\"/>"));
  CHECK(contains(ok,
                 "<PunchOutSetupResponse>\n      <StartPage><URL>http://127.0.0.1:8080/?start=abc&amp;x=1</URL>"
                 "</StartPage>"));
  const std::string refused = cxml_setup_response(400, "missing element BuyerCookie <here>", "", kHeader);
  CHECK(contains(refused, "<Status code=\"400\" text=\"missing element BuyerCookie &lt;here&gt;\"/>"));
  CHECK_FALSE(contains(refused, "StartPage"));
}

TEST_CASE("cxml_timestamp is ISO 8601 in UTC") {
  CHECK(cxml_timestamp(0) == "1970-01-01T00:00:00+00:00");
  CHECK(cxml_timestamp(1767225600 + 3 * 3600 + 4 * 60 + 5) == "2026-01-01T03:04:05+00:00");
}

TEST_CASE("HOOK_URL and BrowserFormPost URLs must be absolute http(s)") {
  for (const char* good : {"https://sap.example/hook", "http://127.0.0.1:8080/return?id=7&x=1", "HTTPS://SAP.example",
                           "https://sap.example", "http://[::1]:8080/r#top"}) {
    CAPTURE(good);
    CHECK(is_absolute_http_url(good));
  }
  for (const char* bad :
       {"/relative", "javascript:alert(1)", "ftp://host/x", "https://", "https:///path", "https://user:pw@host/x",
        "https://host/a b", "https://host/\"x\"", "https://host:0/", "https://host/<script>", "https://ho st/", ""}) {
    CAPTURE(bad);
    CHECK_FALSE(is_absolute_http_url(bad));
  }
}

TEST_CASE("portal origins are exact origins") {
  for (const char* good :
       {"http://localhost:8081", "https://portal.example.com", "https://10.0.0.1", "http://[::1]:3000"}) {
    CAPTURE(good);
    CHECK(is_http_origin(good));
  }
  for (const char* bad :
       {"https://portal.example.com/", "portal.example.com", "ftp://portal.example.com", "https://*.portal.example.com",
        "http://localhost:8081/embed", "https://Portal.example.com", "HTTPS://portal.example.com", "http://localhost:0",
        "http://localhost:65536", "http://localhost:080", "https://portal..example.com", "http://", ""}) {
    CAPTURE(bad);
    CHECK_FALSE(is_http_origin(bad));
  }
}
