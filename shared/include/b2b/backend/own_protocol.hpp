// Our own shop protocol (docs/protocol.md), spoken by server-mock: JSON envelopes over REST.
#pragma once
#include "b2b/backend/shop_protocol.hpp"

namespace b2b::backend {

class OwnProtocol : public ShopProtocol {
 public:
  OwnProtocol() = default;
  // Our protocol spoken to a gateway (backend/gateway.hpp) that serves only what its shop offers.
  explicit OwnProtocol(Capabilities through_gateway) : capabilities_(through_gateway) {}
  Capabilities capabilities() const override;

  HttpRequest login_request(const Credentials& credentials) const override;
  Result<Session> parse_login(const HttpResponse& response) const override;
  HttpRequest logout_request(const std::string& token) const override;
  Result<Done> parse_logout(const HttpResponse& response) const override;
  HttpRequest start_session_request(const std::string& start_token) const override;
  HttpRequest start_token_request(const std::string& session_token) const override;
  Result<StartToken> parse_start_token(const HttpResponse& response) const override;

  HttpRequest punchout_session_request(const std::string& token) const override;
  Result<std::optional<PunchoutContext>> parse_punchout_session(const HttpResponse& response) const override;
  HttpRequest punchout_transfer_request(const std::string& token, const std::string& cart_id) const override;
  Result<PunchoutForm> parse_punchout_transfer(const HttpResponse& response) const override;

  HttpRequest catalog_request(const std::string& token, const CatalogRequest& request) const override;
  Result<CatalogPage> parse_catalog(const HttpResponse& response) const override;
  HttpRequest lookup_products_request(const std::string& token, const ProductLookup& lookup) const override;
  Result<std::vector<Product>> parse_lookup_products(const HttpResponse& response) const override;
  HttpRequest search_request(const std::string& token, const SearchRequest& request) const override;
  Result<std::vector<Product>> parse_search(const HttpResponse& response) const override;
  HttpRequest categories_request(const std::string& token) const override;
  Result<std::vector<Category>> parse_categories(const HttpResponse& response) const override;
  HttpRequest price_list_request(const std::string& token) const override;
  Result<PriceList> parse_price_list(const HttpResponse& response) const override;

  HttpRequest list_carts_request(const std::string& token) const override;
  Result<std::vector<Cart>> parse_list_carts(const HttpResponse& response) const override;
  HttpRequest create_cart_request(const std::string& token, const Cart& cart,
                                  const std::string& idempotency_key) const override;
  HttpRequest update_cart_request(const std::string& token, const Cart& cart,
                                  const std::string& idempotency_key) const override;
  Result<Cart> parse_cart(const HttpResponse& response) const override;
  HttpRequest delete_cart_request(const std::string& token, const std::string& cart_id) const override;
  Result<Done> parse_delete_cart(const HttpResponse& response) const override;

  HttpRequest submit_order_request(const std::string& token, const OrderSubmission& submission) const override;
  Result<SubmitResult> parse_submit_order(const HttpResponse& response) const override;
  HttpRequest list_orders_request(const std::string& token, const OrderFilter& filter) const override;
  Result<std::vector<Order>> parse_list_orders(const HttpResponse& response) const override;
  HttpRequest get_order_request(const std::string& token, const std::string& number) const override;
  Result<Order> parse_order(const HttpResponse& response) const override;

  HttpRequest list_approvals_request(const std::string& token) const override;
  Result<std::vector<PendingApproval>> parse_list_approvals(const HttpResponse& response) const override;
  HttpRequest decide_approval_request(const std::string& token, const ApprovalDecision& decision) const override;

  HttpRequest request_quote_request(const std::string& token, const QuoteRequest& request,
                                    const std::string& idempotency_key) const override;
  HttpRequest list_quotes_request(const std::string& token) const override;
  Result<std::vector<Quote>> parse_list_quotes(const HttpResponse& response) const override;
  HttpRequest answer_quote_request(const std::string& token, const QuoteAnswer& answer) const override;
  Result<Quote> parse_quote(const HttpResponse& response) const override;
  HttpRequest accept_quote_request(const std::string& token, const QuoteAcceptance& acceptance) const override;
  Result<OrderOutcome> parse_accept_quote(const HttpResponse& response) const override;

  HttpRequest list_users_request(const std::string& token) const override;
  Result<std::vector<User>> parse_list_users(const HttpResponse& response) const override;
  HttpRequest invite_user_request(const std::string& token, const UserInvite& invite) const override;
  HttpRequest change_user_request(const std::string& token, const UserChange& change) const override;
  Result<User> parse_user(const HttpResponse& response) const override;

 private:
  Capabilities capabilities_ = all_capabilities();
};

}  // namespace b2b::backend
