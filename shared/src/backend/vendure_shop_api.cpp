// Vendure Shop API adapter: GraphQL documents out, domain values in. Vendure answers errors two ways, both
// with HTTP 200: a GraphQL "errors" array (extensions.code), and typed results carrying "errorCode".
#include "b2b/backend/vendure_shop_api.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <utility>

#include "json_fields.hpp"

namespace b2b::backend {
namespace {

using Value = rapidjson::Value;
using namespace json;
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

constexpr const char* kOrderFields =
    "id code state orderPlacedAt active currencyCode subTotal subTotalWithTax total totalWithTax "
    "customFields { poNumber buyerNote } "
    "lines { id quantity unitPrice linePrice linePriceWithTax productVariant { id sku name } }";
constexpr const char* kSearchItemFields =
    "productVariantId sku productVariantName price { ... on SinglePrice { value } } "
    "priceWithTax { ... on SinglePrice { value } }";
constexpr const char* kVariantFields =
    "id sku name price priceWithTax currencyCode stockLevel taxRateApplied { value }";

ErrorKind kind_for_graphql_code(const std::string& code) {
  if (code == "FORBIDDEN" || code == "UNAUTHORIZED") return ErrorKind::Forbidden;
  if (code == "ENTITY_NOT_FOUND") return ErrorKind::NotFound;
  if (code == "USER_INPUT_ERROR" || code == "BAD_USER_INPUT") return ErrorKind::Validation;
  return ErrorKind::Server;
}

// Typed error results of the Shop API mutations (their errorCode).
ErrorKind kind_for_error_result(const std::string& code) {
  if (code == "INVALID_CREDENTIALS_ERROR" || code == "NOT_VERIFIED_ERROR" || code == "NATIVE_AUTH_STRATEGY_ERROR")
    return ErrorKind::Auth;
  if (code == "ORDER_STATE_TRANSITION_ERROR" || code == "ORDER_MODIFICATION_ERROR" ||
      code == "ORDER_PAYMENT_STATE_ERROR" || code == "PAYMENT_FAILED_ERROR" || code == "PAYMENT_DECLINED_ERROR")
    return ErrorKind::Conflict;
  return ErrorKind::Validation;
}

// The "data.<field>" of a GraphQL answer, or the Error its transport, "errors" or errorCode carries.
Result<const Value*> data_field(const HttpResponse& response, rapidjson::Document& doc, const char* field) {
  if (response.status == 0) return Error{ErrorKind::Network, "", "no answer from the shop"};
  doc.Parse(response.body.c_str(), response.body.size());
  if (doc.HasParseError() || !doc.IsObject())
    return Error{response.status >= 500 ? ErrorKind::Server : ErrorKind::Decode, "",
                 "the shop answered HTTP " + std::to_string(response.status) + " without a GraphQL result"};
  auto errors = doc.FindMember("errors");
  if (errors != doc.MemberEnd() && errors->value.IsArray() && !errors->value.Empty()) {
    const Value& first = errors->value[0];
    std::string code;
    auto extensions = first.FindMember("extensions");
    if (extensions != first.MemberEnd()) {
      if (const char* c = member_string(extensions->value, "code")) code = c;
    }
    const char* message = member_string(first, "message");
    return Error{kind_for_graphql_code(code), field,
                 (code.empty() ? std::string() : code + ": ") + (message ? message : "GraphQL error")};
  }
  if (response.status < 200 || response.status >= 300)
    return Error{response.status >= 500 ? ErrorKind::Server : ErrorKind::Validation, "",
                 "the shop answered HTTP " + std::to_string(response.status)};
  auto data = doc.FindMember("data");
  if (data == doc.MemberEnd() || !data->value.IsObject()) return decode_error("data", "missing");
  auto value = data->value.FindMember(field);
  if (value == data->value.MemberEnd()) return decode_error(std::string("data.") + field, "missing");
  if (const char* code = member_string(value->value, "errorCode")) {
    const char* message = member_string(value->value, "message");
    std::string text = std::string(code) + ": " + (message ? message : "");
    if (const char* detail = member_string(value->value, "transitionError")) text += std::string(" (") + detail + ")";
    return Error{kind_for_error_result(code), field, std::move(text)};
  }
  return &value->value;
}

Result<Currency> read_currency(const Value& object, const std::string& path) {
  auto code = read_string(object, "currencyCode", path);
  if (!code) return code.error();
  if (code.value() == "PLN") return Currency::PLN;
  if (code.value() == "EUR") return Currency::EUR;
  return decode_error(path + ".currencyCode", "currency " + code.value() + " is not PLN or EUR");
}

// One Product per variant: the variant is what has a SKU and a price.
Result<Product> read_variant(const Value& variant, const std::string& path, PriceListEntry* price,
                             std::string* variant_id) {
  Product product;
  if (variant_id) {
    auto id = read_string(variant, "id", path);
    if (!id) return id.error();
    *variant_id = id.value();
  }
  auto sku = read_string(variant, "sku", path);
  if (!sku) return sku.error();
  auto name = read_string(variant, "name", path);
  if (!name) return name.error();
  product.sku = sku.value();
  product.name = {name.value(), name.value()};  // Vendure's sample catalog has one language
  auto currency = read_currency(variant, path);
  if (!currency) return currency.error();
  if (currency.value() != Currency::PLN)
    return decode_error(path + ".currencyCode", "prices are not in PLN");  // the client prices in PLN
  auto tax = variant.FindMember("taxRateApplied");
  if (tax == variant.MemberEnd()) return decode_error(path + ".taxRateApplied", "missing");
  auto percent = read_int(tax->value, "value", path + ".taxRateApplied");
  if (!percent) return percent.error();
  auto vat = vat_for_percent(percent.value(), path + ".taxRateApplied.value");
  if (!vat) return vat.error();
  product.vat = vat.value();
  // The Shop API shows a stock level, not a count: out of stock is 0, otherwise the product can be
  // ordered and the count is unknown (kept at the pack size so "in stock" checks hold for one pack).
  auto level = read_string(variant, "stockLevel", path);
  if (!level) return level.error();
  product.stock = level.value() == "OUT_OF_STOCK" ? 0 : product.pack_size;
  if (price) {
    auto net = read_int(variant, "price", path);
    if (!net) return net.error();
    *price = PriceListEntry{product.sku, net.value(), {}};
  }
  return product;
}

OrderStatus status_for_state(const std::string& state) {
  if (state == "Cancelled") return OrderStatus::Cancelled;
  return OrderStatus::Placed;  // PaymentAuthorized, PaymentSettled, shipped and delivered states
}

enum class OrderStage { Placed, AnyState };  // a checkout reads its order before it is placed

Result<Order> read_order(const Value& order, const std::string& path, OrderStage stage = OrderStage::Placed) {
  Order result;
  auto code = read_string(order, "code", path);
  if (!code) return code.error();
  result.number = code.value();
  auto state = read_string(order, "state", path);
  if (!state) return state.error();
  if (stage == OrderStage::Placed && (state.value() == "AddingItems" || state.value() == "ArrangingPayment"))
    return Error{ErrorKind::Conflict, path + ".state", "order " + code.value() + " is not placed yet"};
  result.status = status_for_state(state.value());
  auto currency = read_currency(order, path);
  if (!currency) return currency.error();
  auto total = read_int(order, "total", path);
  if (!total) return total.error();
  auto total_with_tax = read_int(order, "totalWithTax", path);
  if (!total_with_tax) return total_with_tax.error();
  result.totals = {Money{total.value(), currency.value()},
                   Money{total_with_tax.value() - total.value(), currency.value()},
                   Money{total_with_tax.value(), currency.value()}};
  auto fields = order.FindMember("customFields");
  if (fields != order.MemberEnd() && fields->value.IsObject()) {
    if (const char* po = member_string(fields->value, "poNumber")) result.checkout.po_number = po;
    if (const char* note = member_string(fields->value, "buyerNote")) result.checkout.note = note;
  }
  if (const char* placed_at = member_string(order, "orderPlacedAt")) {
    const auto at = unix_of_instant(placed_at);
    if (!at) return decode_error(path + ".orderPlacedAt", "\"" + std::string(placed_at) + "\" is not a UTC instant");
    result.history.push_back({result.status, "", *at, ""});
  }
  auto lines = order.FindMember("lines");
  if (lines == order.MemberEnd()) return result;  // history lists leave the lines out
  if (!lines->value.IsArray()) return decode_error(path + ".lines", "expected an array");
  for (rapidjson::SizeType i = 0; i < lines->value.Size(); ++i) {
    const Value& line = lines->value[i];
    const std::string line_path = path + ".lines[" + std::to_string(i) + "]";
    auto variant = line.FindMember("productVariant");
    if (variant == line.MemberEnd()) return decode_error(line_path + ".productVariant", "missing");
    auto sku = read_string(variant->value, "sku", line_path + ".productVariant");
    auto quantity = read_int(line, "quantity", line_path);
    auto unit = read_int(line, "unitPrice", line_path);
    auto net = read_int(line, "linePrice", line_path);
    auto gross = read_int(line, "linePriceWithTax", line_path);
    for (const Error* error :
         {sku ? nullptr : &sku.error(), quantity ? nullptr : &quantity.error(), unit ? nullptr : &unit.error(),
          net ? nullptr : &net.error(), gross ? nullptr : &gross.error()}) {
      if (error) return *error;
    }
    PricedLine priced;
    priced.sku = sku.value();
    priced.quantity = quantity.value();
    priced.unit_net = Money{unit.value(), currency.value()};
    priced.net = Money{net.value(), currency.value()};
    priced.vat_amount = Money{gross.value() - net.value(), currency.value()};
    priced.gross = Money{gross.value(), currency.value()};
    result.lines.push_back(std::move(priced));
  }
  return result;
}

std::string variables(const std::initializer_list<std::pair<const char*, std::string>>& strings,
                      const std::initializer_list<std::pair<const char*, std::int64_t>>& numbers = {}) {
  rapidjson::StringBuffer buffer;
  Writer out(buffer);
  out.StartObject();
  for (const auto& [key, value] : strings) {
    out.Key(key);
    out.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
  }
  for (const auto& [key, value] : numbers) {
    out.Key(key);
    out.Int64(value);
  }
  out.EndObject();
  return buffer.GetString();
}

// A search result (groupByProduct: false, so single prices) as a product with its net price and variant id.
// The Shop API's search shows no tax rate: VAT is what the price with tax adds to the net price.
std::optional<Error> read_search_item(const Value& item, const std::string& path, VendureProducts& into) {
  auto sku = read_string(item, "sku", path);
  if (!sku) return sku.error();
  auto name = read_string(item, "productVariantName", path);
  if (!name) return name.error();
  auto variant_id = read_string(item, "productVariantId", path);
  if (!variant_id) return variant_id.error();
  const auto single_price = [&](const char* field) -> Result<std::int64_t> {
    auto price = item.FindMember(field);
    if (price == item.MemberEnd()) return decode_error(path + "." + field, "missing");
    return read_int(price->value, "value", path + "." + field);
  };
  auto net = single_price("price");
  if (!net) return net.error();
  auto gross = single_price("priceWithTax");
  if (!gross) return gross.error();
  Product product;
  product.sku = sku.value();
  product.name = {name.value(), name.value()};
  product.stock = product.pack_size;  // the search shows no stock; Vendure refuses what it cannot sell
  if (net.value() > 0) {
    const std::int64_t percent = ((gross.value() - net.value()) * 200 + net.value()) / (2 * net.value());
    auto vat = vat_for_percent(percent, path + ".priceWithTax");
    if (!vat) return vat.error();
    product.vat = vat.value();
  }
  into.prices.push_back(PriceListEntry{product.sku, net.value(), {}});
  into.variant_ids.emplace_back(product.sku, variant_id.value());
  into.products.push_back(std::move(product));
  return std::nullopt;
}

// The items of a search answer; with only_sku (folded), just the variants with that SKU, each once.
std::optional<Error> read_search_items(const Value& search, const std::string& path, const std::string* only_sku,
                                       VendureProducts& into) {
  auto items = read_array(search, "items", path);
  if (!items) return items.error();
  for (rapidjson::SizeType i = 0; i < items.value()->Size(); ++i) {
    const Value& item = (*items.value())[i];
    if (only_sku) {
      const char* sku = member_string(item, "sku");
      if (!sku || fold_case(sku) != *only_sku) continue;
      const bool seen =
          std::any_of(into.products.begin(), into.products.end(), [&](const Product& p) { return p.sku == sku; });
      if (seen) continue;
    }
    if (auto error = read_search_item(item, path + ".items[" + std::to_string(i) + "]", into)) return error;
  }
  return std::nullopt;
}

}  // namespace

VendureShopApi::VendureShopApi(VendureConfig config) : config_(std::move(config)) {}

Capabilities VendureShopApi::capabilities() const {
  Capabilities capabilities;
  capabilities.po_number = true;  // as the Order custom field poNumber
  return capabilities;
}

HttpRequest VendureShopApi::graphql(const std::string& token, const std::string& query,
                                    const std::string& variables_json) const {
  HttpRequest request;
  request.method = "POST";
  request.path = config_.shop_api_path;
  request.headers.emplace_back("Content-Type", "application/json");
  if (!token.empty()) request.headers.emplace_back("Authorization", "Bearer " + token);
  if (!config_.channel_token.empty()) request.headers.emplace_back("vendure-token", config_.channel_token);
  rapidjson::StringBuffer buffer;
  Writer out(buffer);
  out.StartObject();
  out.Key("query");
  out.String(query.c_str(), static_cast<rapidjson::SizeType>(query.size()));
  out.Key("variables");
  out.RawValue(variables_json.c_str(), variables_json.size(), rapidjson::kObjectType);
  out.EndObject();
  request.body = buffer.GetString();
  return request;
}

HttpRequest VendureShopApi::login_request(const Credentials& credentials) const {
  return graphql({},
                 "mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { "
                 "... on CurrentUser { id identifier } ... on ErrorResult { errorCode message } } }",
                 variables({{"u", credentials.email}, {"p", credentials.password}}));
}

Result<Session> VendureShopApi::parse_login(const HttpResponse& response) const {
  rapidjson::Document doc;
  auto user = data_field(response, doc, "login");
  if (!user) return user.error();
  Session session;
  session.token = header_value(response.headers, "vendure-auth-token");
  if (session.token.empty())
    return decode_error("vendure-auth-token", "the shop sent no session token (is the header exposed to CORS?)");
  auto id = read_string(*user.value(), "id", "login");
  if (!id) return id.error();
  auto identifier = read_string(*user.value(), "identifier", "login");
  if (!identifier) return identifier.error();
  session.user.id = id.value();
  session.user.email = identifier.value();
  session.user.name = identifier.value();
  return session;
}

HttpRequest VendureShopApi::logout_request(const std::string& token) const {
  return graphql(token, "mutation { logout { success } }", "{}");
}

Result<Done> VendureShopApi::parse_logout(const HttpResponse& response) const {
  rapidjson::Document doc;
  auto result = data_field(response, doc, "logout");
  if (!result) return result.error();
  return Done{};
}

HttpRequest VendureShopApi::catalog_request(const std::string& token, const CatalogRequest& request) const {
  // A cursor that is not an offset asks for the first page; parse_catalog reports it.
  const std::int64_t skip = offset_of(request.cursor).value_or(0);
  const int take = request.limit > 0 && request.limit < kVendureMaxPage ? request.limit : kVendureMaxPage;
  return graphql(token,
                 std::string("query ($skip: Int!, $take: Int!) { products(options: { skip: $skip, take: $take }) { "
                             "totalItems items { id name variants { ") +
                     kVariantFields + " } } } }",
                 variables({}, {{"skip", skip}, {"take", take}}));
}

Result<VendureCatalogPage> VendureShopApi::parse_catalog(const CatalogRequest& asked,
                                                         const HttpResponse& response) const {
  const auto skip = offset_of(asked.cursor);
  if (!skip) return Error{ErrorKind::Validation, "cursor", "\"" + asked.cursor + "\" is not a catalog offset"};
  rapidjson::Document doc;
  auto products = data_field(response, doc, "products");
  if (!products) return products.error();
  VendureCatalogPage result;
  auto total = read_int(*products.value(), "totalItems", "products");
  if (!total) return total.error();
  result.total_products = total.value();
  auto items = read_array(*products.value(), "items", "products");
  if (!items) return items.error();
  for (rapidjson::SizeType i = 0; i < items.value()->Size(); ++i) {
    const std::string path = "products.items[" + std::to_string(i) + "]";
    auto variants = read_array((*items.value())[i], "variants", path);
    if (!variants) return variants.error();
    for (rapidjson::SizeType v = 0; v < variants.value()->Size(); ++v) {
      PriceListEntry price;
      std::string variant_id;
      auto product =
          read_variant((*variants.value())[v], path + ".variants[" + std::to_string(v) + "]", &price, &variant_id);
      if (!product) return product.error();
      result.variant_ids.emplace_back(product.value().sku, std::move(variant_id));
      result.page.products.push_back(std::move(product.value()));
      result.prices.push_back(std::move(price));
    }
  }
  const std::int64_t next = skip.value() + static_cast<std::int64_t>(items.value()->Size());
  if (items.value()->Size() > 0 && next < result.total_products) result.page.next_cursor = std::to_string(next);
  return result;
}

HttpRequest VendureShopApi::search_request(const std::string& token, const SearchRequest& request) const {
  const int take = request.limit > 0 && request.limit < kVendureMaxPage ? request.limit : kVendureMaxPage;
  return graphql(token,
                 std::string("query ($term: String!, $take: Int!) { search(input: { term: $term, groupByProduct: "
                             "false, take: $take }) { totalItems items { ") +
                     kSearchItemFields + " } } }",
                 variables({{"term", request.text}}, {{"take", take}}));
}

Result<VendureProducts> VendureShopApi::parse_search(const HttpResponse& response) const {
  rapidjson::Document doc;
  auto search = data_field(response, doc, "search");
  if (!search) return search.error();
  VendureProducts found;
  if (auto error = read_search_items(*search.value(), "search", nullptr, found)) return *error;
  return found;
}

HttpRequest VendureShopApi::lookup_request(const std::string& token, const std::vector<std::string>& codes) const {
  std::string parameters;
  std::string fields;
  rapidjson::StringBuffer buffer;
  Writer out(buffer);
  out.StartObject();
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const std::string n = std::to_string(i);
    parameters += (i ? ", $t" : "$t") + n + ": String!";
    fields += " s" + n + ": search(input: { term: $t" + n + ", groupByProduct: false, take: 10 }) { items { " +
              kSearchItemFields + " } }";
    out.Key(("t" + n).c_str());
    out.String(codes[i].c_str(), static_cast<rapidjson::SizeType>(codes[i].size()));
  }
  out.EndObject();
  if (codes.empty()) return graphql(token, "query { activeChannel { code } }", "{}");  // nothing to look up
  return graphql(token, "query (" + parameters + ") {" + fields + " }", buffer.GetString());
}

Result<VendureProducts> VendureShopApi::parse_lookup(const std::vector<std::string>& codes,
                                                     const HttpResponse& response) const {
  VendureProducts found;
  if (codes.empty()) return found;
  rapidjson::Document doc;
  auto first = data_field(response, doc, "s0");  // checks the transport and GraphQL errors once
  if (!first) return first.error();
  const Value& data = doc["data"];
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const std::string alias = "s" + std::to_string(i);
    auto result = data.FindMember(alias.c_str());
    if (result == data.MemberEnd()) return decode_error("data." + alias, "missing");
    const std::string wanted = fold_case(codes[i]);
    if (auto error = read_search_items(result->value, alias, &wanted, found)) return *error;
  }
  return found;
}

HttpRequest VendureShopApi::channel_request() const {
  return graphql({}, "query { activeChannel { code currencyCode } }", "{}");
}

Result<std::pair<std::string, Currency>> VendureShopApi::parse_channel(const HttpResponse& response) const {
  rapidjson::Document doc;
  auto channel = data_field(response, doc, "activeChannel");
  if (!channel) return channel.error();
  auto code = read_string(*channel.value(), "code", "activeChannel");
  if (!code) return code.error();
  auto currency = read_currency(*channel.value(), "activeChannel");
  if (!currency) return currency.error();
  return std::make_pair(code.value(), currency.value());
}

HttpRequest VendureShopApi::customer_request(const std::string& token) const {
  return graphql(token,
                 "query { activeCustomer { id firstName lastName emailAddress addresses { id fullName company "
                 "streetLine1 streetLine2 city postalCode country { code } } } }",
                 "{}");
}

Result<VendureCustomer> VendureShopApi::parse_customer(const HttpResponse& response) const {
  rapidjson::Document doc;
  auto customer = data_field(response, doc, "activeCustomer");
  if (!customer) return customer.error();
  const Value& value = *customer.value();
  if (value.IsNull())
    return Error{ErrorKind::Auth, "activeCustomer", "not signed in (the session token was not accepted)"};
  VendureCustomer result;
  auto id = read_string(value, "id", "activeCustomer");
  if (!id) return id.error();
  auto email = read_string(value, "emailAddress", "activeCustomer");
  if (!email) return email.error();
  result.id = id.value();
  result.email = email.value();
  const char* first = member_string(value, "firstName");
  const char* last = member_string(value, "lastName");
  result.name = std::string(first ? first : "") + (first && last && *first && *last ? " " : "") + (last ? last : "");
  if (result.name.empty()) result.name = result.email;
  auto addresses = read_array(value, "addresses", "activeCustomer");
  if (!addresses) return addresses.error();
  for (rapidjson::SizeType i = 0; i < addresses.value()->Size(); ++i) {
    const Value& entry = (*addresses.value())[i];
    const std::string path = "activeCustomer.addresses[" + std::to_string(i) + "]";
    auto address_id = read_string(entry, "id", path);
    if (!address_id) return address_id.error();
    auto street = read_string(entry, "streetLine1", path);
    if (!street) return street.error();
    Address address;
    address.id = address_id.value();
    address.street = street.value();
    if (const char* more = member_string(entry, "streetLine2"); more && *more)
      address.street += std::string(", ") + more;
    if (const char* city = member_string(entry, "city")) address.city = city;
    if (const char* postal = member_string(entry, "postalCode")) address.postal_code = postal;
    auto country = entry.FindMember("country");
    if (country != entry.MemberEnd()) {
      if (const char* code = member_string(country->value, "code")) address.country = code;
    }
    const char* company = member_string(entry, "company");
    if (company && *company && result.company.empty()) result.company = company;
    address.label =
        (company && *company ? std::string(company) + ", " : std::string()) + address.street + ", " + address.city;
    result.addresses.push_back(std::move(address));
  }
  return result;
}

HttpRequest VendureShopApi::list_orders_request(const std::string& token) const {
  // With the lines: the history shows an order's lines and reorders from them.
  return graphql(token,
                 std::string("query { activeCustomer { orders(options: { sort: { createdAt: DESC }, take: 100 }) { "
                             "totalItems items { ") +
                     kOrderFields + " } } } }",
                 "{}");
}

Result<std::vector<Order>> VendureShopApi::parse_list_orders(const HttpResponse& response) const {
  rapidjson::Document doc;
  auto customer = data_field(response, doc, "activeCustomer");
  if (!customer) return customer.error();
  if (customer.value()->IsNull())
    return Error{ErrorKind::Auth, "activeCustomer", "not signed in (the session token was not accepted)"};
  auto orders = customer.value()->FindMember("orders");
  if (orders == customer.value()->MemberEnd()) return decode_error("activeCustomer.orders", "missing");
  auto items = read_array(orders->value, "items", "activeCustomer.orders");
  if (!items) return items.error();
  std::vector<Order> result;
  for (rapidjson::SizeType i = 0; i < items.value()->Size(); ++i) {
    auto order = read_order((*items.value())[i], "activeCustomer.orders.items[" + std::to_string(i) + "]");
    // The customer's active order (a cart being checked out, or left by a checkout refused at new prices)
    // is not in the history.
    if (!order && order.error().kind == ErrorKind::Conflict) continue;
    if (!order) return order.error();
    result.push_back(std::move(order.value()));
  }
  return result;
}

HttpRequest VendureShopApi::get_order_request(const std::string& token, const std::string& code) const {
  return graphql(token, std::string("query ($code: String!) { orderByCode(code: $code) { ") + kOrderFields + " } }",
                 variables({{"code", code}}));
}

Result<Order> VendureShopApi::parse_order(const HttpResponse& response) const {
  rapidjson::Document doc;
  auto order = data_field(response, doc, "orderByCode");
  if (!order) {
    // Vendure answers an unknown code as FORBIDDEN, the same as another customer's order.
    if (order.error().kind == ErrorKind::Forbidden)
      return Error{ErrorKind::NotFound, "orderByCode", "no such order for this customer: " + order.error().message};
    return order.error();
  }
  if (order.value()->IsNull()) return Error{ErrorKind::NotFound, "orderByCode", "no such order"};
  return read_order(*order.value(), "orderByCode");
}

// --- Checkout ----------------------------------------------------------------------------------

namespace {

// An Order or an ErrorResult; only transitionOrderToState may answer OrderStateTransitionError (GraphQL
// refuses a fragment on a type a field cannot return).
std::string order_result(bool transition = false) {
  return std::string("... on Order { ") + kOrderFields + " } ... on ErrorResult { errorCode message }" +
         (transition ? " ... on OrderStateTransitionError { transitionError }" : "");
}

// The data field each step's answer carries.
const char* field_of(VendureCheckout::Step step) {
  switch (step) {
    case VendureCheckout::Step::FindPlaced:
      return "activeCustomer";
    case VendureCheckout::Step::ActiveOrder:
      return "activeOrder";
    case VendureCheckout::Step::BackToAdding:
    case VendureCheckout::Step::ToPayment:
      return "transitionOrderToState";
    case VendureCheckout::Step::ClearLines:
      return "removeAllOrderLines";
    case VendureCheckout::Step::AddLine:
      return "addItemToOrder";
    case VendureCheckout::Step::SetFields:
      return "setOrderCustomFields";
    case VendureCheckout::Step::SetAddress:
      return "setOrderShippingAddress";
    case VendureCheckout::Step::ShippingMethods:
      return "eligibleShippingMethods";
    case VendureCheckout::Step::SetShipping:
      return "setOrderShippingMethod";
    case VendureCheckout::Step::AddPayment:
      return "addPaymentToOrder";
    case VendureCheckout::Step::Done:
      break;
  }
  return "";
}

const std::string* variant_id_of(const std::vector<std::pair<std::string, std::string>>& ids, const std::string& sku) {
  for (const auto& [known_sku, id] : ids) {
    if (known_sku == sku) return &id;
  }
  return nullptr;
}

// The JSON object {"name": "text", ...}, for GraphQL variables and inputs.
void write_strings(Writer& out, std::initializer_list<std::pair<const char*, const std::string*>> fields) {
  out.StartObject();
  for (const auto& [key, value] : fields) {
    out.Key(key);
    out.String(value->c_str(), static_cast<rapidjson::SizeType>(value->size()));
  }
  out.EndObject();
}

}  // namespace

VendureCheckout::VendureCheckout(const VendureShopApi& api, std::string token, VendureCheckoutInput input)
    : api_(api), token_(std::move(token)), input_(std::move(input)) {}

HttpRequest VendureCheckout::request() const {
  const auto& submission = input_.submission;
  switch (step_) {
    case Step::FindPlaced:
      return api_.graphql(token_,
                          std::string("query ($key: String!) { activeCustomer { orders(options: { filter: { "
                                      "clientOrderKey: { eq: $key } }, take: 1 }) { items { ") +
                              kOrderFields + " } } } }",
                          variables({{"key", submission.idempotency_key}}));
    case Step::ActiveOrder:
      return api_.graphql(token_, "query { activeOrder { id state } }", "{}");
    case Step::BackToAdding:
      return api_.graphql(
          token_, "mutation { transitionOrderToState(state: \"AddingItems\") { " + order_result(true) + " } }", "{}");
    case Step::ClearLines:
      return api_.graphql(token_, "mutation { removeAllOrderLines { " + order_result() + " } }", "{}");
    case Step::AddLine: {
      const auto& line = submission.lines[line_];
      const std::string* id = variant_id_of(input_.variant_ids, line.sku);
      return api_.graphql(token_,
                          "mutation ($v: ID!, $q: Int!) { addItemToOrder(productVariantId: $v, quantity: $q) { " +
                              order_result() + " } }",
                          variables({{"v", id ? *id : std::string()}}, {{"q", line.quantity}}));
    }
    case Step::SetFields: {
      rapidjson::StringBuffer buffer;
      Writer out(buffer);
      out.StartObject();
      out.Key("input");
      out.StartObject();
      out.Key("customFields");
      write_strings(out, {{"poNumber", &submission.checkout.po_number},
                          {"buyerNote", &submission.checkout.note},
                          {"clientOrderKey", &submission.idempotency_key}});
      out.EndObject();
      out.EndObject();
      return api_.graphql(
          token_,
          "mutation ($input: UpdateOrderInput!) { setOrderCustomFields(input: $input) { " + order_result() + " } }",
          buffer.GetString());
    }
    case Step::SetAddress: {
      rapidjson::StringBuffer buffer;
      Writer out(buffer);
      out.StartObject();
      out.Key("input");
      const auto& to = input_.ship_to;
      write_strings(out, {{"fullName", &input_.recipient},
                          {"company", &to.label},
                          {"streetLine1", &to.street},
                          {"city", &to.city},
                          {"postalCode", &to.postal_code},
                          {"countryCode", &to.country}});
      out.EndObject();
      return api_.graphql(token_,
                          "mutation ($input: CreateAddressInput!) { setOrderShippingAddress(input: $input) { " +
                              order_result() + " } }",
                          buffer.GetString());
    }
    case Step::ShippingMethods:
      return api_.graphql(token_, "query { eligibleShippingMethods { id code name priceWithTax } }", "{}");
    case Step::SetShipping: {
      rapidjson::StringBuffer buffer;
      Writer out(buffer);
      out.StartObject();
      out.Key("ids");
      out.StartArray();
      out.String(shipping_method_id_.c_str(), static_cast<rapidjson::SizeType>(shipping_method_id_.size()));
      out.EndArray();
      out.EndObject();
      return api_.graphql(
          token_,
          "mutation ($ids: [ID!]!) { setOrderShippingMethod(shippingMethodId: $ids) { " + order_result() + " } }",
          buffer.GetString());
    }
    case Step::ToPayment:
      return api_.graphql(
          token_, "mutation { transitionOrderToState(state: \"ArrangingPayment\") { " + order_result(true) + " } }",
          "{}");
    case Step::AddPayment: {
      rapidjson::StringBuffer buffer;
      Writer out(buffer);
      out.StartObject();
      out.Key("input");
      out.StartObject();
      out.Key("method");
      out.String(input_.payment_method_code.c_str(),
                 static_cast<rapidjson::SizeType>(input_.payment_method_code.size()));
      out.Key("metadata");
      out.StartObject();
      out.EndObject();
      out.EndObject();
      out.EndObject();
      return api_.graphql(
          token_, "mutation ($input: PaymentInput!) { addPaymentToOrder(input: $input) { " + order_result() + " } }",
          buffer.GetString());
    }
    case Step::Done:
      break;
  }
  return {};
}

std::optional<Result<SubmitResult>> VendureCheckout::fail(Error error) {
  step_ = Step::Done;
  return Result<SubmitResult>(std::move(error));
}

std::optional<Result<SubmitResult>> VendureCheckout::answer(const HttpResponse& response) {
  rapidjson::Document doc;
  auto data = data_field(response, doc, field_of(step_));
  if (!data) {
    Error error = data.error();
    if (step_ == Step::AddLine) error.field = "lines[" + std::to_string(line_) + "]";
    return fail(std::move(error));
  }
  const Value& value = *data.value();
  switch (step_) {
    case Step::FindPlaced: {
      if (value.IsNull())
        return fail({ErrorKind::Auth, "activeCustomer", "not signed in (the session token was not accepted)"});
      auto orders = value.FindMember("orders");
      if (orders == value.MemberEnd()) return fail(decode_error("activeCustomer.orders", "missing"));
      auto items = read_array(orders->value, "items", "activeCustomer.orders");
      if (!items) return fail(items.error());
      if (!items.value()->Empty()) {
        auto placed = read_order((*items.value())[0], "activeCustomer.orders.items[0]");
        if (placed) {
          step_ = Step::Done;
          return Result<SubmitResult>(SubmitResult{OrderOutcome{placed.value(), true}, std::nullopt});
        }
        if (placed.error().kind != ErrorKind::Conflict) return fail(placed.error());
        // Not placed yet: an earlier try stopped half-way on the active order; this one finishes it.
      }
      step_ = Step::ActiveOrder;
      return std::nullopt;
    }
    case Step::ActiveOrder: {
      const char* state = value.IsNull() ? nullptr : member_string(value, "state");
      step_ = state && std::string(state) == "ArrangingPayment" ? Step::BackToAdding : Step::ClearLines;
      return std::nullopt;
    }
    case Step::BackToAdding:
      step_ = Step::ClearLines;
      return std::nullopt;
    case Step::ClearLines:
      if (input_.submission.lines.empty()) return fail({ErrorKind::Validation, "lines", "the order has no lines"});
      for (std::size_t i = 0; i < input_.submission.lines.size(); ++i) {
        if (!variant_id_of(input_.variant_ids, input_.submission.lines[i].sku))
          return fail({ErrorKind::Validation, "lines[" + std::to_string(i) + "].sku",
                       input_.submission.lines[i].sku + " is not in this shop's catalog"});
      }
      step_ = Step::AddLine;
      line_ = 0;
      return std::nullopt;
    case Step::AddLine:
      if (++line_ == input_.submission.lines.size()) step_ = Step::SetFields;
      return std::nullopt;
    case Step::SetFields:
      step_ = Step::SetAddress;
      return std::nullopt;
    case Step::SetAddress:
      step_ = Step::ShippingMethods;
      return std::nullopt;
    case Step::ShippingMethods: {
      if (!value.IsArray()) return fail(decode_error("eligibleShippingMethods", "expected an array"));
      for (const auto& method : value.GetArray()) {
        const char* code = member_string(method, "code");
        const char* id = member_string(method, "id");
        if (code && id && input_.shipping_method_code == code) shipping_method_id_ = id;
      }
      if (shipping_method_id_.empty())
        return fail({ErrorKind::Validation, "shipping_method",
                     "the shop offers no shipping method \"" + input_.shipping_method_code + "\" for this order"});
      step_ = Step::SetShipping;
      return std::nullopt;
    }
    case Step::SetShipping: {
      auto order = read_order(value, "setOrderShippingMethod", OrderStage::AnyState);
      if (!order) return fail(order.error());
      // Vendure's prices may have moved since the buyer saw them. With the unit prices they saw, those are
      // compared: Vendure rounds VAT per unit, the client per line, so a gross total can differ by a grosz
      // with no price changed. Without them, the gross total of the lines is all there is to compare.
      const auto& seen = input_.submission.expected_prices;
      auto changes = price_changes(order.value().lines, seen);
      bool stale = !changes.empty();
      if (seen.empty()) {
        const auto& expected = input_.submission.expected_gross_total;
        auto lines_gross = read_int(value, "subTotalWithTax", "setOrderShippingMethod");
        if (!lines_gross) return fail(lines_gross.error());
        stale = expected && expected->minor != lines_gross.value();
      }
      if (stale) {
        step_ = Step::Done;
        RepricedOrder repriced{order.value().totals, std::move(changes)};
        return Result<SubmitResult>(SubmitResult{std::nullopt, std::move(repriced)});
      }
      step_ = Step::ToPayment;
      return std::nullopt;
    }
    case Step::ToPayment:
      step_ = Step::AddPayment;
      return std::nullopt;
    case Step::AddPayment: {
      auto placed = read_order(value, "addPaymentToOrder");
      if (!placed) return fail(placed.error());
      step_ = Step::Done;
      return Result<SubmitResult>(SubmitResult{OrderOutcome{placed.value(), false}, std::nullopt});
    }
    case Step::Done:
      break;
  }
  return fail({ErrorKind::Server, "", "the checkout is already over"});
}

}  // namespace b2b::backend
