// Quick-order parsing and the added/adjusted/rejected check shared by quick order and reorder.
#include "b2b/order_lines.hpp"

#include <algorithm>

#include "b2b/pricing.hpp"
#include "b2b/text.hpp"
#include "b2b/validation.hpp"

namespace b2b {
namespace {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\f\v");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\f\v");
  return text.substr(first, last - first + 1);
}

// A CSV cell without the quotes a spreadsheet puts around it.
std::string cell_text(std::string_view cell) {
  cell = trim(cell);
  if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"') cell = trim(cell.substr(1, cell.size() - 2));
  return std::string(cell);
}

std::vector<std::string> split(std::string_view line, char delimiter) {
  std::vector<std::string> cells;
  std::size_t start = 0;
  while (true) {
    const auto end = line.find(delimiter, start);
    cells.push_back(
        cell_text(line.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start)));
    if (end == std::string_view::npos) return cells;
    start = end + 1;
  }
}

std::vector<std::string> split_whitespace(std::string_view line) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) words.push_back(cell_text(line.substr(start, i - start)));
  }
  return words;
}

// The separator a line uses: the first of ; tab , that occurs, else runs of spaces (0). A comma after
// "CODE " is a decimal comma ("ELE-001 2,5"), so such a line is space-separated and its quantity wrong.
char delimiter_of(std::string_view line) {
  for (const char candidate : {';', '\t', ','}) {
    const auto at = line.find(candidate);
    if (at == std::string_view::npos) continue;
    if (candidate == ',' && trim(line.substr(0, at)).find_first_of(" \t") != std::string_view::npos) return 0;
    return candidate;
  }
  return 0;
}

bool is_one_of(const std::string& folded, std::initializer_list<const char*> names) {
  return std::any_of(names.begin(), names.end(), [&](const char* name) { return folded == name; });
}

bool is_code_column(const std::string& folded) {
  return is_one_of(folded, {"sku", "ean", "kod", "indeks", "index", "code", "symbol", "product", "produkt"});
}
bool is_quantity_column(const std::string& folded) {
  return is_one_of(folded, {"qty", "quantity", "ilosc", "szt", "amount", "liczba"});
}
bool is_note_column(const std::string& folded) { return is_one_of(folded, {"note", "uwagi", "uwaga", "komentarz"}); }
bool is_unit_word(const std::string& folded) {
  return is_one_of(folded, {"szt", "szt.", "opak", "opak.", "kg", "m", "m2", "l", "pcs", "pc"});
}

struct Columns {
  char delimiter = 0;
  int code = -1;
  int quantity = -1;
  int note = -1;
};

// The header's columns, if the line names a code column and a quantity column.
std::optional<Columns> header_columns(std::string_view line) {
  Columns columns;
  columns.delimiter = delimiter_of(line);
  const auto cells = columns.delimiter ? split(line, columns.delimiter) : split_whitespace(line);
  for (int i = 0; i < static_cast<int>(cells.size()); ++i) {
    const std::string folded = fold_for_search(cells[i]);
    if (columns.code < 0 && is_code_column(folded))
      columns.code = i;
    else if (columns.quantity < 0 && is_quantity_column(folded))
      columns.quantity = i;
    else if (columns.note < 0 && is_note_column(folded))
      columns.note = i;
  }
  if (columns.code < 0 || columns.quantity < 0) return std::nullopt;
  return columns;
}

// A whole number in 1..kMaxLineQuantity, digits only.
std::optional<std::int64_t> parse_quantity(const std::string& text) {
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  const std::int64_t value = std::stoll(text);
  if (value < 1 || value > kMaxLineQuantity) return std::nullopt;
  return value;
}

void read_quantity(RequestedLine& line, const std::string& text) {
  const auto quantity = parse_quantity(text);
  if (quantity) {
    line.quantity = *quantity;
  } else {
    line.problem = LineReason::BadQuantity;
  }
}

void read_free_line(RequestedLine& line, std::string_view text) {
  const char delimiter = delimiter_of(text);
  const auto cells = delimiter ? split(text, delimiter) : split_whitespace(text);
  line.code = cells.empty() ? "" : cells[0];
  if (line.code.empty()) {
    line.problem = LineReason::BadLine;
    return;
  }
  if (cells.size() == 1 || (cells.size() == 2 && cells[1].empty())) {
    line.quantity = 1;  // a scanned or typed code alone: one piece, rounded to the pack later
    return;
  }
  read_quantity(line, cells[1]);
  if (delimiter) {
    if (cells.size() > 2) line.note = cells[2];
  } else if (cells.size() > 3 || (cells.size() == 3 && !is_unit_word(fold_for_search(cells[2])))) {
    line.problem = LineReason::BadLine;  // "ABC 10 szt" is fine; more words are not a quantity
  }
}

void read_csv_line(RequestedLine& line, std::string_view text, const Columns& columns) {
  const auto cells = columns.delimiter ? split(text, columns.delimiter) : split_whitespace(text);
  const auto cell = [&](int i) { return i >= 0 && i < static_cast<int>(cells.size()) ? cells[i] : std::string(); };
  line.code = cell(columns.code);
  line.note = cell(columns.note);
  if (line.code.empty()) {
    line.problem = LineReason::BadLine;
    return;
  }
  read_quantity(line, cell(columns.quantity));
}

const Product* product_for(const std::string& code, const std::vector<Product>& products) {
  const std::string folded = fold_for_search(code);
  for (const Product& product : products)
    if ((!product.ean.empty() && product.ean == code) || fold_for_search(product.sku) == folded) return &product;
  return nullptr;
}

}  // namespace

std::vector<RequestedLine> parse_quick_order(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a spreadsheet's byte order mark
  std::vector<RequestedLine> lines;
  std::optional<Columns> columns;
  bool first = true;
  int line_number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find('\n', start);
    const std::string_view raw =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    start = end == std::string_view::npos ? text.size() + 1 : end + 1;
    ++line_number;
    const std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#') continue;
    if (first) {
      first = false;
      columns = header_columns(line);
      if (columns) continue;
    }
    RequestedLine requested;
    requested.line_number = line_number;
    requested.text = std::string(line);
    if (lines.size() >= kMaxQuickOrderLines) {
      requested.problem = LineReason::TooManyLines;
    } else if (columns) {
      read_csv_line(requested, line, *columns);
    } else {
      read_free_line(requested, line);
    }
    lines.push_back(std::move(requested));
  }
  return lines;
}

std::vector<RequestedLine> lines_of_order(const Order& order) {
  std::vector<RequestedLine> lines;
  for (std::size_t i = 0; i < order.lines.size(); ++i) {
    const PricedLine& paid = order.lines[i];
    RequestedLine line;
    line.line_number = static_cast<int>(i + 1);
    line.text = paid.sku;
    line.code = paid.sku;
    line.quantity = paid.quantity;
    line.previous_unit_net = paid.unit_net;
    line.note = paid.note;
    lines.push_back(std::move(line));
  }
  return lines;
}

std::vector<std::string> codes_to_look_up(const std::vector<RequestedLine>& lines) {
  std::vector<std::string> codes;
  for (const RequestedLine& line : lines) {
    if (line.problem != LineReason::None || line.code.empty()) continue;
    if (std::find(codes.begin(), codes.end(), line.code) == codes.end()) codes.push_back(line.code);
    if (codes.size() == kMaxQuickOrderLines) break;
  }
  return codes;
}

std::vector<LineReport> check_lines(const std::vector<RequestedLine>& lines, const std::vector<Product>& products,
                                    const PriceList* prices) {
  std::vector<LineReport> reports;
  for (const RequestedLine& line : lines) {
    LineReport report;
    report.requested = line;
    const auto reject = [&](LineReason reason) {
      report.outcome = LineOutcome::Rejected;
      report.reason = reason;
      report.quantity = 0;
      reports.push_back(report);
    };
    if (line.problem != LineReason::None) {
      reject(line.problem);
      continue;
    }
    const Product* product = product_for(line.code, products);
    if (!product) {
      reject(LineReason::UnknownCode);
      continue;
    }
    report.sku = product->sku;
    if (!product->active) {
      reject(LineReason::Unavailable);
      continue;
    }
    const PriceListEntry* entry = prices ? price_entry(*prices, product->sku) : nullptr;
    if (prices && !entry) {
      reject(LineReason::NoPrice);
      continue;
    }
    const auto quantity = round_quantity_up(line.quantity, *product);
    if (!quantity) {
      reject(LineReason::BadQuantity);
      continue;
    }
    report.quantity = quantity.value();
    report.outcome = report.quantity == line.quantity ? LineOutcome::Added : LineOutcome::Adjusted;
    if (report.outcome == LineOutcome::Adjusted) {
      const bool below_minimum = line.quantity < product->min_order_quantity;
      report.reason = below_minimum ? LineReason::RaisedToMinimum : LineReason::RoundedToPack;
      report.expected = below_minimum ? product->min_order_quantity : product->pack_size;
    }
    if (entry) {
      report.unit_net = Money{unit_price_for(*entry, report.quantity), prices->currency};
      report.price_changed = line.previous_unit_net && !(*line.previous_unit_net == *report.unit_net);
    }
    reports.push_back(report);
  }
  return reports;
}

std::vector<CartLine> cart_lines_of(const std::vector<LineReport>& reports) {
  std::vector<CartLine> lines;
  for (const LineReport& report : reports) {
    if (report.outcome == LineOutcome::Rejected) continue;
    auto existing = std::find_if(lines.begin(), lines.end(), [&](const CartLine& l) { return l.sku == report.sku; });
    if (existing == lines.end()) {
      lines.push_back({report.sku, report.quantity, report.requested.note});
    } else {
      existing->quantity += report.quantity;
    }
  }
  return lines;
}

}  // namespace b2b

namespace b2b {

const char* line_reason_code(LineReason reason) {
  switch (reason) {
    case LineReason::None:
      return "none";
    case LineReason::BadLine:
      return "bad_line";
    case LineReason::BadQuantity:
      return "bad_quantity";
    case LineReason::TooManyLines:
      return "too_many_lines";
    case LineReason::UnknownCode:
      return "unknown_code";
    case LineReason::Unavailable:
      return "unavailable";
    case LineReason::NoPrice:
      return "no_price";
    case LineReason::RaisedToMinimum:
      return "raised_to_minimum";
    case LineReason::RoundedToPack:
      return "rounded_to_pack";
  }
  return "none";
}

}  // namespace b2b
