// Medusa Store API adapter: REST requests out, domain values in. Medusa keeps amounts in the currency's
// main unit as JSON numbers (21.5 is 21,50 zł), so answers are parsed with numbers as text and turned
// into grosze exactly; errors are HTTP statuses with {type, message}.
#include "b2b/backend/medusa_store_api.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

#include "json_fields.hpp"

namespace b2b::backend {
namespace {

using Value = rapidjson::Value;
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;
using namespace json;

// The fields each call asks for; record.mjs asks for the same ones.
constexpr const char* kProductFields = "id,title,*variants.calculated_price,variants.id,variants.sku,variants.title";
constexpr const char* kOrderFields =
    "id,display_id,status,created_at,currency_code,metadata,item_subtotal,item_tax_total,item_total,"
    "shipping_total,subtotal,tax_total,total,*items";
constexpr const char* kCartFields =
    "id,currency_code,metadata,completed_at,item_subtotal,item_tax_total,item_total,shipping_total,total,"
    "*items,*shipping_methods";
constexpr int kOrdersPage = 50;

constexpr auto kParseFlags = rapidjson::kParseNumbersAsStringsFlag;

// Decimal text ("21.5", "-0.125", "30") as an integer scaled by 10^digits, rounded half away from zero;
// nullopt for anything else (exponents included) or an overflow.
std::optional<std::int64_t> scaled_decimal(const std::string& text, int digits) {
  std::size_t at = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) ++at;
  std::int64_t value = 0;
  int fraction = -1;  // digits after the point so far; -1 before it
  bool any = false, round_up = false;
  for (; at < text.size(); ++at) {
    const char c = text[at];
    if (c == '.' && fraction < 0) {
      fraction = 0;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    any = true;
    if (fraction >= digits) {
      if (fraction == digits) round_up = c >= '5';
      ++fraction;
      continue;
    }
    if (__builtin_mul_overflow(value, 10, &value) || __builtin_add_overflow(value, c - '0', &value)) return {};
    if (fraction >= 0) ++fraction;
  }
  if (!any) return std::nullopt;
  for (int i = std::max(fraction, 0); i < digits; ++i)
    if (__builtin_mul_overflow(value, 10, &value)) return std::nullopt;
  if (round_up && __builtin_add_overflow(value, 1, &value)) return std::nullopt;
  return negative ? -value : value;
}

// A number member (kept as text by the parser) as text.
Result<std::string> read_number_text(const Value& object, const char* name, const std::string& path) {
  if (object.IsObject()) {
    auto it = object.FindMember(name);
    if (it != object.MemberEnd() && it->value.IsString() && it->value.GetStringLength() > 0) {
      const char first = it->value.GetString()[0];
      if (first == '-' || (first >= '0' && first <= '9')) return std::string(it->value.GetString());
    }
  }
  return decode_error(path + "." + name, "expected a number");
}

// An amount in złoty as grosze, rounded half away from zero to the grosz.
Result<std::int64_t> read_minor(const Value& object, const char* name, const std::string& path) {
  auto text = read_number_text(object, name, path);
  if (!text) return text.error();
  const auto minor = scaled_decimal(text.value(), 2);
  if (!minor) return decode_error(path + "." + name, "\"" + text.value() + "\" is not an amount");
  return *minor;
}

Result<std::int64_t> read_whole(const Value& object, const char* name, const std::string& path) {
  auto text = read_number_text(object, name, path);
  if (!text) return text.error();
  if (text.value().find('.') != std::string::npos) return decode_error(path + "." + name, "expected a whole number");
  const auto whole = scaled_decimal(text.value(), 0);
  if (!whole) return decode_error(path + "." + name, "\"" + text.value() + "\" is not a whole number");
  return *whole;
}

Result<Currency> read_currency(const Value& object, const std::string& path) {
  auto code = read_string(object, "currency_code", path);
  if (!code) return code.error();
  if (code.value() == "pln") return Currency::PLN;
  if (code.value() == "eur") return Currency::EUR;
  return decode_error(path + ".currency_code", "currency " + code.value() + " is not pln or eur");
}

ErrorKind kind_for_status(int status, const std::string& type) {
  if (status == 401 || type == "unauthorized") return ErrorKind::Auth;
  if (status == 403) return ErrorKind::Forbidden;
  if (status == 404 || type == "not_found") return ErrorKind::NotFound;
  if (status == 409 || type == "conflict" || type == "duplicate_error") return ErrorKind::Conflict;
  if (status >= 500) return ErrorKind::Server;
  // "not_allowed" is a missing or wrong publishable key: the client's configuration, not the buyer's input.
  if (type == "not_allowed") return ErrorKind::Server;
  return ErrorKind::Validation;
}

// The answer's JSON object, or the Error its transport or HTTP status carries ({type, message}).
Result<const Value*> answer_body(const HttpResponse& response, rapidjson::Document& doc, const std::string& field) {
  if (response.status == 0) return Error{ErrorKind::Network, "", "no answer from the shop"};
  doc.Parse<kParseFlags>(response.body.c_str(), response.body.size());
  const bool object = !doc.HasParseError() && doc.IsObject();
  if (response.status < 200 || response.status >= 300) {
    std::string type, message;
    if (object) {
      if (const char* t = member_string(doc, "type")) type = t;
      if (const char* m = member_string(doc, "message")) message = m;
    }
    std::string text = "the shop answered HTTP " + std::to_string(response.status);
    if (!message.empty()) text += ": " + message;
    if (type == "not_allowed") text += " (is the publishable key right?)";
    return Error{kind_for_status(response.status, type), field, std::move(text)};
  }
  if (!object) return decode_error(field, "the shop's answer is not a JSON object");
  return static_cast<const Value*>(&doc);
}

Result<VatRate> vat_of_rates(const Value& with_tax, const Value& without_tax, const std::string& path) {
  if (!with_tax.IsString() || !without_tax.IsString())
    return decode_error(path, "expected calculated_amount_with_tax and _without_tax (is country_code sent?)");
  const auto gross = scaled_decimal(with_tax.GetString(), 6);
  const auto net = scaled_decimal(without_tax.GetString(), 6);
  if (!gross || !net) return decode_error(path, "the amounts with and without tax are not numbers");
  if (*net == 0) return VatRate::Standard23;  // a free item shows no rate; the order's tax lines will
  const std::int64_t percent = ((*gross - *net) * 200 + *net) / (2 * *net);
  return vat_for_percent(percent, path);
}

// One Product per variant: the variant is what has a SKU and a price. Variants without a SKU cannot be
// ordered by the client (its carts name SKUs), so they are left out.
std::optional<Error> read_product(const Value& product, const std::string& path, MedusaProducts& into) {
  auto title = read_string(product, "title", path);
  if (!title) return title.error();
  auto variants = read_array(product, "variants", path);
  if (!variants) return variants.error();
  for (rapidjson::SizeType i = 0; i < variants.value()->Size(); ++i) {
    const Value& variant = (*variants.value())[i];
    const std::string variant_path = path + ".variants[" + std::to_string(i) + "]";
    const char* sku = member_string(variant, "sku");
    if (!sku || !*sku) continue;
    auto id = read_string(variant, "id", variant_path);
    if (!id) return id.error();
    Product item;
    item.sku = sku;
    const char* variant_title = member_string(variant, "title");
    std::string name = title.value();
    if (variants.value()->Size() > 1 && variant_title && *variant_title && title.value() != variant_title)
      name += std::string(" – ") + variant_title;
    item.name = {name, name};     // the shop's catalog has one language
    item.stock = item.pack_size;  // the Store API shows no stock here; Medusa refuses what it cannot sell
    auto price = variant.FindMember("calculated_price");
    if (price == variant.MemberEnd() || price->value.IsNull()) {
      item.active = false;  // not sold in this region
    } else {
      const std::string price_path = variant_path + ".calculated_price";
      if (!price->value.IsObject()) return decode_error(price_path, "expected an object");
      auto currency = read_currency(price->value, price_path);
      if (!currency) return currency.error();
      if (currency.value() != Currency::PLN)
        return decode_error(price_path + ".currency_code", "prices are not in PLN");
      auto net = read_minor(price->value, "calculated_amount", price_path);
      if (!net) return net.error();
      auto with_tax = price->value.FindMember("calculated_amount_with_tax");
      auto without_tax = price->value.FindMember("calculated_amount_without_tax");
      if (with_tax == price->value.MemberEnd() || without_tax == price->value.MemberEnd())
        return decode_error(price_path + ".calculated_amount_with_tax", "missing (is country_code sent?)");
      auto vat = vat_of_rates(with_tax->value, without_tax->value, price_path + ".calculated_amount_with_tax");
      if (!vat) return vat.error();
      item.vat = vat.value();
      into.prices.push_back(PriceListEntry{item.sku, net.value(), {}});
    }
    into.variant_ids.emplace_back(item.sku, id.value());
    into.products.push_back(std::move(item));
  }
  return std::nullopt;
}

OrderStatus status_for(const std::string& status) {
  return status == "canceled" ? OrderStatus::Cancelled : OrderStatus::Placed;  // pending, completed, ...
}

// Lines with their net and gross from Medusa's own totals; VAT is the difference, so each line adds up.
Result<std::vector<PricedLine>> read_lines(const Value& owner, const std::string& path, Currency currency) {
  auto items = read_array(owner, "items", path);
  if (!items) return items.error();
  std::vector<PricedLine> lines;
  for (rapidjson::SizeType i = 0; i < items.value()->Size(); ++i) {
    const Value& item = (*items.value())[i];
    const std::string item_path = path + ".items[" + std::to_string(i) + "]";
    auto sku = read_string(item, "variant_sku", item_path);
    if (!sku) return sku.error();
    auto quantity = read_whole(item, "quantity", item_path);
    if (!quantity) return quantity.error();
    auto unit = read_minor(item, "unit_price", item_path);
    if (!unit) return unit.error();
    auto net = read_minor(item, "subtotal", item_path);
    if (!net) return net.error();
    auto gross = read_minor(item, "total", item_path);
    if (!gross) return gross.error();
    PricedLine line;
    line.sku = sku.value();
    line.quantity = quantity.value();
    line.unit_net = Money{unit.value(), currency};
    line.net = Money{net.value(), currency};
    line.gross = Money{gross.value(), currency};
    line.vat_amount = Money{gross.value() - net.value(), currency};
    auto taxes = item.FindMember("tax_lines");
    if (taxes != item.MemberEnd() && taxes->value.IsArray() && !taxes->value.Empty()) {
      auto rate = read_whole(taxes->value[0], "rate", item_path + ".tax_lines[0]");
      if (!rate) return rate.error();
      auto vat = vat_for_percent(rate.value(), item_path + ".tax_lines[0].rate");
      if (!vat) return vat.error();
      line.vat = vat.value();
    } else {
      line.vat = VatRate::Zero;
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

// Totals from Medusa's: net is the subtotal (lines and shipping before tax), gross the total.
Result<Totals> read_totals(const Value& owner, const std::string& path, Currency currency, const char* net_field,
                           const char* gross_field) {
  auto net = read_minor(owner, net_field, path);
  if (!net) return net.error();
  auto gross = read_minor(owner, gross_field, path);
  if (!gross) return gross.error();
  return Totals{Money{net.value(), currency}, Money{gross.value() - net.value(), currency},
                Money{gross.value(), currency}};
}

const char* metadata_string(const Value& owner, const char* name) {
  auto metadata = owner.FindMember("metadata");
  if (metadata == owner.MemberEnd()) return nullptr;
  return member_string(metadata->value, name);
}

Result<Order> read_order(const Value& order, const std::string& path) {
  Order result;
  auto id = read_string(order, "id", path);
  if (!id) return id.error();
  result.number = id.value();  // the id, not display_id: the Store API finds an order by its id
  auto status = read_string(order, "status", path);
  if (!status) return status.error();
  result.status = status_for(status.value());
  auto currency = read_currency(order, path);
  if (!currency) return currency.error();
  auto totals = read_totals(order, path, currency.value(), "subtotal", "total");
  if (!totals) return totals.error();
  result.totals = totals.value();
  if (const char* po = metadata_string(order, "po_number")) result.checkout.po_number = po;
  if (const char* note = metadata_string(order, "note")) result.checkout.note = note;
  if (const char* created = member_string(order, "created_at")) {
    const auto at = unix_of_instant(created);
    if (!at) return decode_error(path + ".created_at", "\"" + std::string(created) + "\" is not a UTC instant");
    result.history.push_back({result.status, "", *at, ""});
  }
  if (order.HasMember("items")) {
    auto lines = read_lines(order, path, currency.value());
    if (!lines) return lines.error();
    result.lines = std::move(lines.value());
  }
  return result;
}

std::string fields_query(const char* fields) { return "fields=" + url_encode(fields); }

void write_string(Writer& out, const char* key, const std::string& value) {
  out.Key(key);
  out.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

std::string json_object(const std::initializer_list<std::pair<const char*, std::string>>& strings) {
  rapidjson::StringBuffer buffer;
  Writer out(buffer);
  out.StartObject();
  for (const auto& [key, value] : strings) write_string(out, key, value);
  out.EndObject();
  return buffer.GetString();
}

}  // namespace

MedusaStoreApi::MedusaStoreApi(MedusaConfig config) : config_(std::move(config)) {}

Capabilities MedusaStoreApi::capabilities() const {
  Capabilities capabilities;
  capabilities.po_number = true;            // in the cart's metadata, kept by the order
  capabilities.company_price_lists = true;  // a customer group's price list prices the catalog for its buyers
  return capabilities;
}

HttpRequest MedusaStoreApi::store(const std::string& method, const std::string& path, const std::string& token,
                                  std::string body) const {
  HttpRequest request;
  request.method = method;
  request.path = path;
  if (!body.empty()) request.headers.emplace_back("Content-Type", "application/json");
  request.headers.emplace_back("x-publishable-api-key", config_.publishable_key);
  if (!token.empty()) request.headers.emplace_back("Authorization", "Bearer " + token);
  request.body = std::move(body);
  return request;
}

HttpRequest MedusaStoreApi::login_request(const Credentials& credentials) const {
  HttpRequest request;
  request.method = "POST";
  request.path = "/auth/customer/emailpass";
  request.headers.emplace_back("Content-Type", "application/json");
  request.body = json_object({{"email", credentials.email}, {"password", credentials.password}});
  return request;
}

Result<Session> MedusaStoreApi::parse_login(const HttpResponse& response) const {
  rapidjson::Document doc;
  auto body = answer_body(response, doc, "login");
  if (!body) return body.error();
  auto token = read_string(*body.value(), "token", "login");
  if (!token) return token.error();
  Session session;
  session.token = token.value();
  return session;
}

HttpRequest MedusaStoreApi::regions_request() const {
  return store("GET", "/store/regions?" + fields_query("id,name,currency_code"), {});
}

Result<std::string> MedusaStoreApi::parse_regions(const HttpResponse& response) const {
  rapidjson::Document doc;
  auto body = answer_body(response, doc, "regions");
  if (!body) return body.error();
  auto regions = read_array(*body.value(), "regions", "regions");
  if (!regions) return regions.error();
  for (const Value& region : regions.value()->GetArray()) {
    const char* currency = member_string(region, "currency_code");
    const char* id = member_string(region, "id");
    if (currency && id && std::string(currency) == "pln") return std::string(id);
  }
  return Error{ErrorKind::Server, "regions", "the shop has no region that sells in PLN"};
}

HttpRequest MedusaStoreApi::products_request(const std::string& token, const std::string& region_id,
                                             const MedusaProductQuery& query) const {
  std::string path = "/store/products?region_id=" + url_encode(region_id) +
                     "&country_code=" + url_encode(config_.country_code) + "&" + fields_query(kProductFields);
  if (!query.text.empty()) path += "&q=" + url_encode(query.text);
  for (const std::string& sku : query.skus) path += "&" + url_encode("variants[sku][]") + "=" + url_encode(sku);
  path += "&limit=" + std::to_string(query.limit) + "&offset=" + std::to_string(query.offset);
  if (query.text.empty()) path += "&order=id";  // stable pages; a search keeps Medusa's relevance
  return store("GET", path, token);
}

Result<MedusaProducts> MedusaStoreApi::parse_products(const HttpResponse& response) const {
  rapidjson::Document doc;
  auto body = answer_body(response, doc, "products");
  if (!body) return body.error();
  auto products = read_array(*body.value(), "products", "products");
  if (!products) return products.error();
  MedusaProducts result;
  for (rapidjson::SizeType i = 0; i < products.value()->Size(); ++i)
    if (auto error = read_product((*products.value())[i], "products[" + std::to_string(i) + "]", result)) return *error;
  auto count = read_whole(*body.value(), "count", "products");
  if (!count) return count.error();
  result.count = count.value();
  return result;
}

HttpRequest MedusaStoreApi::customer_request(const std::string& token) const {
  return store("GET", "/store/customers/me?" + fields_query("id,email,first_name,last_name,company_name,*addresses"),
               token);
}

Result<MedusaCustomer> MedusaStoreApi::parse_customer(const HttpResponse& response) const {
  rapidjson::Document doc;
  auto body = answer_body(response, doc, "customer");
  if (!body) return body.error();
  auto customer = read_object(*body.value(), "customer", "");
  if (!customer) return customer.error();
  const Value& value = *customer.value();
  MedusaCustomer result;
  auto id = read_string(value, "id", "customer");
  if (!id) return id.error();
  auto email = read_string(value, "email", "customer");
  if (!email) return email.error();
  result.id = id.value();
  result.email = email.value();
  const char* first = member_string(value, "first_name");
  const char* last = member_string(value, "last_name");
  result.first_name = first ? first : "";
  result.last_name = last ? last : "";
  result.name = std::string(first ? first : "") + (first && last && *first && *last ? " " : "") + (last ? last : "");
  if (result.name.empty()) result.name = result.email;
  if (const char* company = member_string(value, "company_name")) result.company = company;
  auto addresses = read_array(value, "addresses", "customer");
  if (!addresses) return addresses.error();
  for (rapidjson::SizeType i = 0; i < addresses.value()->Size(); ++i) {
    const Value& entry = (*addresses.value())[i];
    const std::string path = "customer.addresses[" + std::to_string(i) + "]";
    auto address_id = read_string(entry, "id", path);
    if (!address_id) return address_id.error();
    auto street = read_string(entry, "address_1", path);
    if (!street) return street.error();
    Address address;
    address.id = address_id.value();
    address.street = street.value();
    if (const char* more = member_string(entry, "address_2"); more && *more) address.street += std::string(", ") + more;
    if (const char* city = member_string(entry, "city")) address.city = city;
    if (const char* postal = member_string(entry, "postal_code")) address.postal_code = postal;
    if (const char* country = member_string(entry, "country_code")) {
      address.country = country;
      for (char& c : address.country) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    const char* company = member_string(entry, "company");
    if (company && *company && result.company.empty()) result.company = company;
    address.label =
        (company && *company ? std::string(company) + ", " : std::string()) + address.street + ", " + address.city;
    result.addresses.push_back(std::move(address));
  }
  return result;
}

HttpRequest MedusaStoreApi::orders_request(const std::string& token, const std::string& order_id) const {
  std::string path =
      "/store/orders?limit=" + std::to_string(kOrdersPage) + "&order=-created_at&" + fields_query(kOrderFields);
  // One order is asked for through the list too: only the list answers an order's metadata (PO number).
  if (!order_id.empty()) path += "&id=" + url_encode(order_id);
  return store("GET", path, token);
}

Result<std::vector<Order>> MedusaStoreApi::parse_orders(const HttpResponse& response) const {
  rapidjson::Document doc;
  auto body = answer_body(response, doc, "orders");
  if (!body) return body.error();
  auto orders = read_array(*body.value(), "orders", "orders");
  if (!orders) return orders.error();
  std::vector<Order> result;
  for (rapidjson::SizeType i = 0; i < orders.value()->Size(); ++i) {
    auto order = read_order((*orders.value())[i], "orders[" + std::to_string(i) + "]");
    if (!order) return order.error();
    result.push_back(std::move(order.value()));
  }
  return result;
}

// --- The checkout ---------------------------------------------------------------------------------

namespace {

// What each step's answer is about, to name it in an error.
const char* field_of(MedusaCheckout::Step step) {
  switch (step) {
    case MedusaCheckout::Step::FindPlaced:
      return "orders";
    case MedusaCheckout::Step::CreateCart:
      return "cart";
    case MedusaCheckout::Step::ShippingOptions:
      return "shipping_options";
    case MedusaCheckout::Step::AddShipping:
      return "shipping_method";
    case MedusaCheckout::Step::PaymentCollection:
      return "payment_collection";
    case MedusaCheckout::Step::PaymentSession:
      return "payment_session";
    case MedusaCheckout::Step::Complete:
      return "complete";
    case MedusaCheckout::Step::Done:
      break;
  }
  return "";
}

}  // namespace

MedusaCheckout::MedusaCheckout(const MedusaStoreApi& api, std::string token, MedusaCheckoutInput input)
    : api_(api), token_(std::move(token)), input_(std::move(input)) {}

HttpRequest MedusaCheckout::request() const {
  switch (step_) {
    case Step::FindPlaced:
      return api_.orders_request(token_);
    case Step::CreateCart: {
      rapidjson::StringBuffer buffer;
      Writer out(buffer);
      out.StartObject();
      write_string(out, "region_id", input_.region_id);
      write_string(out, "email", input_.email);
      out.Key("items");
      out.StartArray();
      for (const CartLine& line : input_.submission.lines) {
        auto id = std::find_if(input_.variant_ids.begin(), input_.variant_ids.end(),
                               [&](const auto& pair) { return pair.first == line.sku; });
        out.StartObject();
        write_string(out, "variant_id", id == input_.variant_ids.end() ? std::string() : id->second);
        out.Key("quantity");
        out.Int64(line.quantity);
        out.EndObject();
      }
      out.EndArray();
      for (const char* key : {"shipping_address", "billing_address"}) {
        out.Key(key);
        out.StartObject();
        write_string(out, "first_name", input_.first_name);
        write_string(out, "last_name", input_.last_name);
        write_string(out, "company", input_.company);
        write_string(out, "address_1", input_.ship_to.street);
        write_string(out, "city", input_.ship_to.city);
        write_string(out, "postal_code", input_.ship_to.postal_code);
        std::string country = input_.ship_to.country;
        for (char& c : country) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        write_string(out, "country_code", country);
        out.EndObject();
      }
      const CheckoutFields& fields = input_.submission.checkout;
      out.Key("metadata");
      out.StartObject();
      write_string(out, "po_number", fields.po_number);
      write_string(out, "note", fields.note);
      write_string(out, "client_order_key", input_.submission.idempotency_key);
      if (!fields.cost_centre.empty()) write_string(out, "cost_centre", fields.cost_centre);
      if (fields.requested_delivery) write_string(out, "requested_delivery", format_date(*fields.requested_delivery));
      out.EndObject();
      out.EndObject();
      return api_.store("POST", std::string("/store/carts?") + fields_query(kCartFields), token_, buffer.GetString());
    }
    case Step::ShippingOptions:
      return api_.store("GET",
                        "/store/shipping-options?cart_id=" + url_encode(cart_id_) + "&" + fields_query("id,name,*type"),
                        token_);
    case Step::AddShipping:
      return api_.store("POST",
                        "/store/carts/" + url_encode(cart_id_) + "/shipping-methods?" + fields_query(kCartFields),
                        token_, json_object({{"option_id", shipping_option_id_}}));
    case Step::PaymentCollection:
      return api_.store("POST", "/store/payment-collections", token_, json_object({{"cart_id", cart_id_}}));
    case Step::PaymentSession:
      return api_.store("POST",
                        "/store/payment-collections/" + url_encode(payment_collection_id_) + "/payment-sessions",
                        token_, json_object({{"provider_id", api_.config_.payment_provider_id}}));
    case Step::Complete:
      return api_.store("POST", "/store/carts/" + url_encode(cart_id_) + "/complete?" + fields_query(kOrderFields),
                        token_, "{}");
    case Step::Done:
      break;
  }
  return {};
}

std::optional<Result<SubmitResult>> MedusaCheckout::fail(Error error) {
  step_ = Step::Done;
  return Result<SubmitResult>(std::move(error));
}

std::optional<Result<SubmitResult>> MedusaCheckout::answer(const HttpResponse& response) {
  rapidjson::Document doc;
  if (step_ == Step::Done) return fail({ErrorKind::Server, "", "the checkout is already over"});
  auto body = answer_body(response, doc, field_of(step_));
  if (!body) return fail(body.error());
  const Value& value = *body.value();
  switch (step_) {
    case Step::FindPlaced: {
      auto orders = read_array(value, "orders", "orders");
      if (!orders) return fail(orders.error());
      for (rapidjson::SizeType i = 0; i < orders.value()->Size(); ++i) {
        const Value& order = (*orders.value())[i];
        const char* key = metadata_string(order, "client_order_key");
        if (!key || input_.submission.idempotency_key.empty() || key != input_.submission.idempotency_key) continue;
        auto placed = read_order(order, "orders[" + std::to_string(i) + "]");
        if (!placed) return fail(placed.error());
        step_ = Step::Done;
        return Result<SubmitResult>(SubmitResult{OrderOutcome{placed.value(), true}, std::nullopt});
      }
      for (const CartLine& line : input_.submission.lines) {
        const bool known = std::any_of(input_.variant_ids.begin(), input_.variant_ids.end(),
                                       [&](const auto& pair) { return pair.first == line.sku; });
        if (!known) return fail({ErrorKind::Validation, "lines", "the shop sells no product with SKU " + line.sku});
      }
      step_ = Step::CreateCart;
      return std::nullopt;
    }
    case Step::CreateCart: {
      auto cart = read_object(value, "cart", "");
      if (!cart) return fail(cart.error());
      auto id = read_string(*cart.value(), "id", "cart");
      if (!id) return fail(id.error());
      cart_id_ = id.value();
      auto currency = read_currency(*cart.value(), "cart");
      if (!currency) return fail(currency.error());
      auto lines = read_lines(*cart.value(), "cart", currency.value());
      if (!lines) return fail(lines.error());
      // Prices may have moved since the buyer saw them: with the unit prices they saw, those are compared
      // (Medusa rounds tax its own way, so a gross total can differ by a grosz with no price changed).
      const auto& seen = input_.submission.expected_prices;
      auto changes = price_changes(lines.value(), seen);
      bool stale = !changes.empty();
      if (seen.empty() && input_.submission.expected_gross_total) {
        auto lines_gross = read_minor(*cart.value(), "item_total", "cart");
        if (!lines_gross) return fail(lines_gross.error());
        stale = input_.submission.expected_gross_total->minor != lines_gross.value();
      }
      if (stale) {
        auto totals = read_totals(*cart.value(), "cart", currency.value(), "item_subtotal", "item_total");
        if (!totals) return fail(totals.error());
        step_ = Step::Done;
        return Result<SubmitResult>(SubmitResult{std::nullopt, RepricedOrder{totals.value(), std::move(changes)}});
      }
      step_ = Step::ShippingOptions;
      return std::nullopt;
    }
    case Step::ShippingOptions: {
      auto options = read_array(value, "shipping_options", "");
      if (!options) return fail(options.error());
      for (const Value& option : options.value()->GetArray()) {
        auto type = option.FindMember("type");
        const char* code = type != option.MemberEnd() ? member_string(type->value, "code") : nullptr;
        const char* id = member_string(option, "id");
        if (code && id && api_.config_.shipping_option_code == code) shipping_option_id_ = id;
      }
      if (shipping_option_id_.empty())
        return fail(
            {ErrorKind::Validation, "shipping_option",
             "the shop offers no shipping option \"" + api_.config_.shipping_option_code + "\" to this address"});
      step_ = Step::AddShipping;
      return std::nullopt;
    }
    case Step::AddShipping:
      step_ = Step::PaymentCollection;
      return std::nullopt;
    case Step::PaymentCollection: {
      auto collection = read_object(value, "payment_collection", "");
      if (!collection) return fail(collection.error());
      auto id = read_string(*collection.value(), "id", "payment_collection");
      if (!id) return fail(id.error());
      payment_collection_id_ = id.value();
      step_ = Step::PaymentSession;
      return std::nullopt;
    }
    case Step::PaymentSession:
      step_ = Step::Complete;
      return std::nullopt;
    case Step::Complete: {
      // {type: "order", order} when placed; {type: "cart", cart, error} when Medusa refused to complete it.
      auto type = read_string(value, "type", "complete");
      if (!type) return fail(type.error());
      if (type.value() != "order") {
        std::string message = "the shop did not place the order";
        auto error = value.FindMember("error");
        if (error != value.MemberEnd())
          if (const char* text = member_string(error->value, "message")) message += std::string(": ") + text;
        return fail({ErrorKind::Conflict, "complete", message});
      }
      auto order = read_object(value, "order", "complete");
      if (!order) return fail(order.error());
      auto placed = read_order(*order.value(), "complete.order");
      if (!placed) return fail(placed.error());
      // This answer leaves the order's metadata out: the fields are the ones just sent.
      placed.value().checkout.po_number = input_.submission.checkout.po_number;
      placed.value().checkout.note = input_.submission.checkout.note;
      step_ = Step::Done;
      return Result<SubmitResult>(SubmitResult{OrderOutcome{placed.value(), false}, std::nullopt});
    }
    case Step::Done:
      break;
  }
  return fail({ErrorKind::Server, "", "the checkout is already over"});
}

}  // namespace b2b::backend
