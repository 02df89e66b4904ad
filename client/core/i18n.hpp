// Every UI string, in Polish and English, from one table.
#pragma once
#include <string>
#include <vector>

#include "b2b/locale.hpp"
#include "b2b/result.hpp"

namespace b2b::client {

enum class Msg {
  AppTitle,
  Tagline,
  SearchPlaceholder,
  LanguageHeading,
  LanguagePolish,
  LanguageEnglish,
  ServerHeading,
  ServerUnknown,
  ServerChecking,
  ServerOnline,
  ServerOffline,
  CheckConnection,
  ProtocolVersion,
  ErrorNetwork,
  ErrorAuth,
  ErrorForbidden,
  ErrorValidation,
  ErrorConflict,
  ErrorServer,
  ErrorDecode,
  ErrorOverflow,
  ErrorNotFound,
  LoginTitle,
  Email,
  Password,
  SignIn,
  SigningIn,
  WrongPassword,
  TabCatalog,
  TabCarts,
  TabOrders,
  TabAccount,
  TypeToSearch,
  Searching,
  NoResults,
  NoPrice,
  NetShort,
  Sku,
  Unit,
  PackSize,
  MinimumQuantity,
  Stock,
  NetPrice,
  Gross,
  VolumePrices,
  FromQuantity,
  Quantity,
  AddToCart,
  AddedNotice,
  AdjustedNotice,
  NewCartName,
  CreateCartButton,
  NoCarts,
  Rename,
  Duplicate,
  Delete,
  Save,
  CopySuffix,
  EmptyCart,
  Net,
  TotalGross,
  GoToCheckout,
  CheckoutTitle,
  PoNumber,
  CostCentre,
  DeliveryDate,
  DateFormatHint,
  OrderNote,
  ShipTo,
  PaymentTerms,
  TermsPrepaid,
  TermsNet14,
  TermsNet30,
  TermsNet60,
  PricesChanged,
  PlaceOrder,
  Sending,
  Back,
  OrderReceived,
  OrderNumber,
  StatusPendingApproval,
  StatusPlaced,
  BackToCatalog,
  SignedInAs,
  Company,
  LogOut,
  ProblemRequired,
  ProblemTooLong,
  ProblemNotPositive,
  ProblemBelowMinimum,
  ProblemNotMultipleOfPack,
  ProblemInThePast,
  ProblemBadFormat,
  ProblemUnknownAddress,
  ProblemUnknownProduct,
  ProblemInactive,
  ProblemNotInPriceList,
  ProblemBadChecksum,
  OrdersEmpty,
  Loading,
  StatusApproved,
  StatusRejected,
  StatusCancelled,
  LineNote,
  EditNote,
  Categories,
  OrderReview,
  Count_
};

const char* tr(Msg msg, Locale locale);

// An error for people: a sentence in the UI language for its kind, then the library's detail
// (field and reason, in English, since it names protocol fields) where it adds something.
std::string describe_error(const Error& error, Locale locale);

// A field problem in the UI language, by its code ("required", "not_multiple_of_pack", ...); the
// backend's own message when the code is unknown.
std::string describe_problem(const FieldError& problem, Locale locale);

// Every string of every locale, e.g. to check that the UI font has all their glyphs.
std::vector<const char*> all_ui_strings();

}  // namespace b2b::client
