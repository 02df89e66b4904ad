// Seed data generator: a catalog built from product families with variant axes, SKUs and EANs from keyed
// permutations (unique without lookups), and fixed companies and users. Only integer arithmetic.
#include "seed.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace b2b::seed {
namespace {

// --- Randomness --------------------------------------------------------------------------------------
// Own generator and own range reduction: the standard distributions differ between libstdc++ and libc++,
// and the data must be the same on x86_64 and wasm32.

std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t state) : state_(state) {}
  std::uint64_t next() { return mix64(state_ += 0x9E3779B97F4A7C15ULL); }
  // In [0, n); the modulo bias is below 1e-12 for the small n used here.
  std::uint64_t below(std::uint64_t n) { return next() % n; }
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo + 1)));
  }
  bool percent(std::uint64_t p) { return below(100) < p; }

 private:
  std::uint64_t state_;
};

// Independent streams per purpose, so adding draws to one part does not shift the others.
constexpr std::uint64_t kProductStream = 0x70726F6475637473ULL;
constexpr std::uint64_t kTierStream = 0x7469657273746965ULL;
constexpr std::uint64_t kSkuKey = 0x736B752D6E756D62ULL;
constexpr std::uint64_t kEanKey = 0x65616E2D626F6479ULL;
constexpr std::uint64_t kComboKey = 0x636F6D626F732121ULL;
constexpr std::uint64_t kNipStream = 0x6E69702D74617869ULL;

std::uint64_t key_of(std::uint64_t seed, std::uint64_t purpose, std::uint64_t index = 0) {
  return mix64(mix64(seed ^ purpose) + index);
}

// A keyed bijection of [0, n): a 4-round Feistel network on the smallest even bit width that covers n,
// cycle-walked until the value falls back into [0, n). Distinct inputs give distinct outputs, which is
// what keeps SKUs, EANs and names unique at any count without remembering the ones handed out.
std::uint64_t permute(std::uint64_t x, std::uint64_t n, std::uint64_t key) {
  unsigned half = 1;
  while ((std::uint64_t{1} << (2 * half)) < n) ++half;
  const std::uint64_t mask = (std::uint64_t{1} << half) - 1;
  do {
    std::uint64_t left = x >> half;
    std::uint64_t right = x & mask;
    for (std::uint64_t round = 0; round < 4; ++round) {
      const std::uint64_t next_right = left ^ (mix64(key + round * 0x9E3779B97F4A7C15ULL + right) & mask);
      left = right;
      right = next_right;
    }
    x = (left << half) | right;
  } while (x >= n);
  return x;
}

std::string zero_padded(std::uint64_t value, int width) {
  std::string text(static_cast<std::size_t>(width), '0');
  for (int i = width - 1; i >= 0 && value > 0; --i, value /= 10)
    text[static_cast<std::size_t>(i)] = char('0' + value % 10);
  return text;
}

// --- Check digits ------------------------------------------------------------------------------------

char ean13_check_digit(const std::string& first12) {
  int sum = 0;
  for (std::size_t i = 0; i < 12; ++i) sum += (first12[i] - '0') * (i % 2 == 0 ? 1 : 3);
  return char('0' + (10 - sum % 10) % 10);
}

// NIP: weights 6,5,7,2,3,4,5,6,7; the sum mod 11 is the 10th digit. A sum giving 10 is never issued,
// so such digit strings are drawn again.
std::string make_nip(const char* tax_office, SplitMix64& rng) {
  static const int kWeights[9] = {6, 5, 7, 2, 3, 4, 5, 6, 7};
  for (;;) {
    std::string nip = tax_office;
    while (nip.size() < 9) nip += char('0' + rng.below(10));
    int sum = 0;
    for (std::size_t i = 0; i < 9; ++i) sum += (nip[i] - '0') * kWeights[i];
    if (sum % 11 == 10) continue;
    nip += char('0' + sum % 11);
    return nip;
  }
}

// --- Catalog -----------------------------------------------------------------------------------------

// One value of a variant axis. en == nullptr: the same as pl with decimal commas made points ("2,5 l").
struct Variant {
  const char* pl;
  const char* en = nullptr;
  int price_pct = 100;  // scales the family's base price
};
using Axis = std::vector<Variant>;

struct Family {
  const char* pl;  // name templates; {0}..{3} are the axes' values
  const char* en;
  std::vector<Axis> axes;
  Unit unit = Unit::Piece;
  std::vector<std::int64_t> packs;            // allowed pack sizes (order multiples)
  std::int64_t price_min = 0, price_max = 0;  // grosze per unit with every axis at 100 %
  VatRate vat = VatRate::Standard23;
};

struct Subcategory {
  const char* name;
  std::vector<Family> families;
};

struct Category {
  const char* name;
  const char* sku_prefix;
  std::vector<const char*> brands;
  std::vector<Subcategory> subcategories;
};

// The catalog as data. Kept by hand in this compact layout (one axis per line) so it reads as a table.
// clang-format off
constexpr const char* kSame = nullptr;  // English text = Polish text with decimal points

const Axis kDn = {{"DN15 1/2\"", kSame, 100}, {"DN20 3/4\"", kSame, 140}, {"DN25 1\"", kSame, 210},
                  {"DN32 5/4\"", kSame, 330}, {"DN40 6/4\"", kSame, 460}, {"DN50 2\"", kSame, 700}};
const Axis kClothingSizes = {{"S"}, {"M"}, {"L"}, {"XL"}, {"XXL", kSame, 105}, {"3XL", kSame, 110}};
// Feminine forms: farba, emalia.
const Axis kRalColours = {
    {"RAL 9016 biała", "RAL 9016 white"}, {"RAL 9010 biała", "RAL 9010 white"}, {"RAL 9005 czarna", "RAL 9005 black"},
    {"RAL 7035 jasnoszara", "RAL 7035 light grey"}, {"RAL 7040 szara", "RAL 7040 grey"},
    {"RAL 7016 antracytowa", "RAL 7016 anthracite"}, {"RAL 9006 srebrna", "RAL 9006 silver", 110},
    {"RAL 3020 czerwona", "RAL 3020 red", 105}, {"RAL 5010 niebieska", "RAL 5010 blue", 105},
    {"RAL 6005 zielona", "RAL 6005 green", 105}, {"RAL 1023 żółta", "RAL 1023 yellow", 110},
    {"RAL 2004 pomarańczowa", "RAL 2004 orange", 110}, {"RAL 8017 brązowa", "RAL 8017 brown"},
    {"RAL 1015 kość słoniowa", "RAL 1015 ivory"}};
const Axis kTubeColours = {{"biały", "white"}, {"bezbarwny", "clear", 105}, {"szary", "grey"}, {"czarny", "black"},
                           {"beżowy", "beige"}, {"brązowy", "brown"}, {"grafitowy", "graphite"},
                           {"manhattan", "manhattan grey"}};

const std::vector<Category>& catalog() {
  static const std::vector<Category> kCatalog = {
  {"Chemia", "CHE", {"ChemBud", "Polchem", "Hermetik"}, {
    {"Kleje", {
      {"Klej montażowy {0} {1} {2}", "{0} {1} construction adhesive {2}",
       {{{"szybkowiążący", "quick-setting", 110}, {"uniwersalny", "all-purpose"}, {"wysokotemperaturowy", "high-temperature", 140}, {"hybrydowy", "hybrid polymer", 160}},
        {{"biały", "white"}, {"beżowy", "beige"}, {"przezroczysty", "transparent", 110}, {"szary", "grey"}, {"brązowy", "brown"}, {"czarny", "black"}},
        {{"290 ml", kSame, 100}, {"310 ml", kSame, 105}, {"600 ml", kSame, 180}}},
       Unit::Piece, {1, 12}, 1400, 2600},
      {"Klej epoksydowy dwuskładnikowy {0} {1}", "Two-component epoxy adhesive {0} {1}",
       {{{"5 min"}, {"30 min"}, {"90 min", kSame, 110}, {"stalowy", "steel-filled", 130}},
        {{"25 ml", kSame, 100}, {"50 ml", kSame, 170}, {"200 g", kSame, 420}, {"500 g", kSame, 900}}},
       Unit::Piece, {1, 10}, 1500, 2900},
      {"Klej cyjanoakrylowy {0} {1}", "{0} cyanoacrylate adhesive {1}",
       {{{"rzadki", "low-viscosity"}, {"żelowy", "gel"}, {"do gumy", "rubber-bonding", 120}},
        {{"3 g", kSame, 100}, {"20 g", kSame, 350}, {"50 g", kSame, 700}}},
       Unit::Piece, {1, 12, 25}, 450, 900},
    }},
    {"Uszczelniacze", {
      {"Silikon {0} {1} {2}", "{0} silicone {1} {2}",
       {{{"sanitarny", "sanitary"}, {"uniwersalny", "all-purpose", 85}, {"dekarski", "roofing", 110}, {"wysokotemperaturowy", "high-temperature", 150}, {"akwarystyczny", "aquarium", 130}},
        kTubeColours,
        {{"280 ml", kSame, 100}, {"310 ml", kSame, 108}}},
       Unit::Piece, {1, 12, 25}, 1200, 2400},
      {"Pianka montażowa {0} {1}", "{0} expanding foam {1}",
       {{{"pistoletowa", "gun-grade"}, {"wężykowa", "straw-applied", 85}, {"niskoprężna", "low-expansion", 115}, {"zimowa", "winter-grade", 110}, {"ognioodporna B1", "fire-rated B1", 160}},
        {{"500 ml", kSame, 75}, {"750 ml", kSame, 100}, {"870 ml", kSame, 115}}},
       Unit::Piece, {1, 12}, 1800, 3200},
      {"Uszczelniacz akrylowy {0} {1}", "Acrylic sealant {0} {1}",
       {{{"biały", "white"}, {"szary", "grey"}, {"brązowy", "brown"}, {"do pęknięć", "crack filler", 110}},
        {{"280 ml", kSame, 100}, {"600 ml", kSame, 190}}},
       Unit::Piece, {1, 12, 25}, 650, 1300},
    }},
    {"Smary i oleje", {
      {"Smar {0} {1}", "{0} grease {1}",
       {{{"litowy ŁT-43", "lithium LT-43"}, {"grafitowy", "graphite"}, {"miedziany", "copper", 160}, {"silikonowy", "silicone", 150}, {"wysokotemperaturowy", "high-temperature", 170}},
        {{"100 g w tubie", "100 g tube", 35}, {"400 g", kSame, 100}, {"800 g", kSame, 185}, {"4,5 kg", kSame, 900}, {"18 kg", kSame, 3200}}},
       Unit::Piece, {1, 12}, 1200, 2200},
      {"Olej hydrauliczny {0} {1}", "{1} hydraulic oil {0}",
       {{{"HL 22"}, {"HL 32"}, {"HL 46"}, {"HL 68"}, {"HL 100", kSame, 105}, {"HLP 32", kSame, 110}, {"HLP 46", kSame, 110}, {"HLP 68", kSame, 110}, {"HV 32", kSame, 125}, {"HV 46", kSame, 125}, {"HV 68", kSame, 125}},
        {{"mineralny", "mineral"}, {"syntetyczny", "synthetic", 180}, {"biodegradowalny", "biodegradable", 220}}},
       Unit::Litre, {5, 10, 25}, 900, 1600},
      {"Olej przekładniowy ISO VG {0} {1}", "{1} gear oil ISO VG {0}",
       {{{"68"}, {"100"}, {"150"}, {"220", kSame, 105}, {"320", kSame, 110}, {"460", kSame, 115}, {"680", kSame, 120}},
        {{"mineralny", "mineral"}, {"półsyntetyczny", "semi-synthetic", 150}, {"syntetyczny PAO", "synthetic PAO", 260}}},
       Unit::Litre, {5, 10, 25}, 1300, 2000},
      {"Odrdzewiacz penetrujący {0} {1}", "Penetrating rust remover {0} {1}",
       {{{""}, {"z PTFE", "with PTFE", 120}, {"z MoS2", "with MoS2", 125}, {"w zamrażaczu", "freeze-shock", 140}},
        {{"150 ml", kSame, 60}, {"400 ml", kSame, 100}, {"5 l", kSame, 850}}},
       Unit::Piece, {1, 12}, 1400, 2400},
      {"Spray {0} {1}", "{0} spray {1}",
       {{{"cynkowy", "zinc"}, {"cynkowo-aluminiowy", "zinc-aluminium", 115}, {"silikonowy", "silicone"}, {"miedziany", "copper", 130}, {"do styków", "contact cleaner"}, {"antyadhezyjny spawalniczy", "anti-spatter welding", 90}, {"ze smarem PTFE", "PTFE lubricant", 120}, {"odtłuszczający", "degreaser", 85}},
        {{"150 ml", kSame, 65}, {"400 ml", kSame, 100}, {"500 ml", kSame, 120}}},
       Unit::Piece, {1, 12}, 1800, 2800},
    }},
    {"Środki czyszczące", {
      {"Płyn do mycia {0} {1}", "{0} cleaner {1}",
       {{{"posadzek przemysłowych", "industrial floor"}, {"maszyn i silników", "machine and engine", 120}, {"szyb", "glass", 80}, {"powierzchni lakierowanych", "painted-surface", 110}, {"kostki brukowej", "paving", 115}, {"stali nierdzewnej", "stainless steel", 130}, {"sanitariatów", "washroom", 90}, {"kuchni przemysłowych", "industrial kitchen", 115}, {"form betoniarskich", "concrete formwork", 105}},
        {{"1 l", kSame, 100}, {"5 l", kSame, 420}, {"10 l", kSame, 780}, {"20 l", kSame, 1450}}},
       Unit::Piece, {1, 5}, 1100, 2200},
      {"Pasta BHP do mycia rąk {0} {1}", "Hand cleaning paste {0} {1}",
       {{{"ze ścierniwem naturalnym", "with natural abrasive"}, {"bez ścierniwa", "non-abrasive"}, {"z lanoliną", "with lanolin", 110}, {"cytrynowa", "lemon-scented"}},
        {{"500 g", kSame, 100}, {"1 kg", kSame, 180}, {"5 kg", kSame, 750}}},
       Unit::Piece, {1, 12}, 900, 1600},
      {"Rozcieńczalnik {0} {1}", "{0} thinner {1}",
       {{{"nitro", "nitro"}, {"uniwersalny", "universal"}, {"akrylowy", "acrylic", 115}, {"epoksydowy", "epoxy", 140}, {"do farb ftalowych", "alkyd paint", 105}},
        {{"0,5 l", kSame, 100}, {"1 l", kSame, 170}, {"5 l", kSame, 700}}},
       Unit::Piece, {1, 12}, 800, 1500},
    }},
    {"Farby i lakiery", {
      {"Farba podkładowa {0} {1} {2}", "{0} {1} primer {2}",
       {{{"antykorozyjna", "anti-corrosion"}, {"epoksydowa", "epoxy", 160}, {"akrylowa", "acrylic", 90}},
        {{"szara", "grey"}, {"czerwona tlenkowa", "red oxide"}, {"biała", "white"}, {"czarna", "black"}},
        {{"0,9 l", kSame, 100}, {"2,5 l", kSame, 250}, {"5 l", kSame, 470}, {"10 l", kSame, 900}}},
       Unit::Piece, {1, 5}, 2500, 4500},
      {"Emalia ftalowa {0} {1} {2}", "Alkyd enamel {0} {1} {2}",
       {kRalColours,
        {{"połysk", "gloss"}, {"mat", "matt", 105}, {"półmat", "satin", 105}},
        {{"0,2 l", kSame, 30}, {"0,9 l", kSame, 100}, {"2,5 l", kSame, 255}, {"5 l", kSame, 480}}},
       Unit::Piece, {1, 5}, 2800, 4800},
      {"Farba {0} {1} {2}", "{0} paint {1} {2}",
       {{{"lateksowa wewnętrzna", "interior latex"}, {"akrylowa elewacyjna", "exterior acrylic", 120}, {"silikonowa elewacyjna", "exterior silicone", 160}, {"epoksydowa do posadzek", "epoxy floor", 260}, {"poliuretanowa do posadzek", "polyurethane floor", 300}},
        {{"biała", "white"}, {"RAL 7040 szara", "RAL 7040 grey"}, {"RAL 7035 jasnoszara", "RAL 7035 light grey"}, {"RAL 7016 antracytowa", "RAL 7016 anthracite"}, {"RAL 1015 kość słoniowa", "RAL 1015 ivory"}, {"RAL 6011 zielona", "RAL 6011 green", 105}, {"RAL 3009 czerwona", "RAL 3009 red", 105}, {"RAL 1001 beżowa", "RAL 1001 beige"}},
        {{"1 l", kSame, 100}, {"3 l", kSame, 270}, {"5 l", kSame, 430}, {"10 l", kSame, 820}}},
       Unit::Piece, {1, 5}, 1800, 2800},
      {"Farba do znakowania linii {0} {1}", "Line marking paint {0} {1}",
       {{{"biała", "white"}, {"żółta", "yellow"}, {"czerwona", "red", 110}, {"niebieska", "blue", 110}},
        {{"500 ml w aerozolu", "500 ml aerosol", 100}, {"5 kg", kSame, 480}, {"10 kg", kSame, 900}}},
       Unit::Piece, {1, 12}, 2200, 3600},
    }},
  }},
  {"Budownictwo", "BUD", {"ChemBud", "Budrex", "Termex"}, {
    {"Zaprawy i cementy", {
      {"Zaprawa klejowa do płytek {0} {1} {2}", "Tile adhesive {0} {1} {2}",
       {{{"C1"}, {"C1T", kSame, 110}, {"C1TE", kSame, 120}, {"C2T", kSame, 135}, {"C2TE", kSame, 150}, {"C2TE S1", kSame, 210}, {"C2TE S2", kSame, 260}},
        {{"szara", "grey"}, {"biała", "white", 130}},
        {{"5 kg", kSame, 30}, {"22,5 kg", kSame, 90}, {"25 kg", kSame, 100}}},
       Unit::Piece, {1, 5}, 2400, 4200},
      {"Fuga {0} {1} {2}", "{0} tile grout {1} {2}",
       {{{"elastyczna CG2WA", "flexible CG2WA"}, {"cementowa CG1", "cement CG1", 80}, {"epoksydowa RG", "epoxy RG", 450}},
        {{"biała", "white"}, {"szara", "grey"}, {"jasnoszara", "light grey"}, {"grafitowa", "graphite"}, {"antracytowa", "anthracite"}, {"beżowa", "beige"}, {"brązowa", "brown"}, {"czarna", "black", 105}, {"jaśminowa", "jasmine"}, {"bahama", "bahama beige"}},
        {{"2 kg", kSame, 100}, {"5 kg", kSame, 220}}},
       Unit::Piece, {1, 12}, 1500, 2400},
      {"Zaprawa murarska {0} {1} {2}", "{1} masonry mortar {0} {2}",
       {{{"M5"}, {"M10", kSame, 110}, {"M15", kSame, 120}, {"ciepłochronna M5", "insulating M5", 160}},
        {{"", ""}, {"zimowa", "winter-grade", 115}},
        {{"25 kg", kSame, 100}, {"30 kg", kSame, 115}}},
       Unit::Piece, {1, 5}, 1400, 2400},
      {"Gładź szpachlowa {0} {1}", "{0} finishing plaster {1}",
       {{{"gipsowa", "gypsum"}, {"polimerowa", "polymer", 140}, {"cementowa", "cement"}},
        {{"5 kg", kSame, 30}, {"20 kg", kSame, 90}, {"25 kg", kSame, 100}}},
       Unit::Piece, {1, 5}, 3500, 5500},
      {"Wylewka samopoziomująca {0} {1}", "{1} self-levelling screed {0}",
       {{{"1–10 mm"}, {"3–30 mm"}, {"5–50 mm", kSame, 95}, {"10–80 mm", kSame, 90}},
        {{"", ""}, {"szybkowiążąca", "fast-setting", 125}}},
       Unit::Piece, {1, 5}, 3800, 6500},
      {"Cement portlandzki {0} {1}", "Portland cement {0} {1}",
       {{{"CEM I 42,5R"}, {"CEM II/B-S 32,5R", kSame, 90}, {"CEM II/A-LL 42,5R", kSame, 95}, {"CEM III/A 32,5N", kSame, 92}},
        {{"25 kg", kSame, 100}, {"5 kg", kSame, 30}}},
       Unit::Piece, {1, 5}, 2300, 3100},
    }},
    {"Izolacje", {
      {"Wełna mineralna {0} {1} gr. {2}", "{0} mineral wool {1}, {2} thick",
       {{{"szklana", "glass"}, {"skalna", "stone", 140}},
        {{"λ 0,032", kSame, 130}, {"λ 0,035", kSame, 110}, {"λ 0,037"}, {"λ 0,039", kSame, 90}},
        {{"50 mm", kSame, 50}, {"75 mm", kSame, 75}, {"100 mm", kSame, 100}, {"120 mm", kSame, 120}, {"150 mm", kSame, 150}, {"175 mm", kSame, 175}, {"200 mm", kSame, 200}, {"250 mm", kSame, 250}}},
       Unit::SquareMetre, {1, 5, 10}, 900, 1500},
      {"Styropian {0} gr. {1}", "Expanded polystyrene {0}, {1} thick",
       {{{"EPS 031 grafitowy", "EPS 031 graphite", 130}, {"EPS 040 fasada", "EPS 040 facade"}, {"EPS 100 podłoga", "EPS 100 floor", 150}, {"EPS 200 fundament", "EPS 200 foundation", 230}, {"XPS 300", kSame, 320}},
        {{"20 mm", kSame, 20}, {"30 mm", kSame, 30}, {"40 mm", kSame, 40}, {"50 mm", kSame, 50}, {"60 mm", kSame, 60}, {"80 mm", kSame, 80}, {"100 mm", kSame, 100}, {"120 mm", kSame, 120}, {"150 mm", kSame, 150}, {"200 mm", kSame, 200}, {"250 mm", kSame, 250}}},
       Unit::SquareMetre, {1, 5, 10}, 1400, 2200},
      {"Papa termozgrzewalna {0} {1}", "Torch-on roofing felt, {0}, {1}",
       {{{"podkładowa", "underlay"}, {"wierzchniego krycia", "cap sheet", 125}},
        {{"SBS 4 mm", kSame, 100}, {"SBS 5,2 mm", kSame, 125}, {"oksydowana 3 mm", "oxidised 3 mm", 60}}},
       Unit::SquareMetre, {5, 10}, 1500, 2600},
    }},
    {"Płyty, bloczki i stal", {
      {"Płyta gipsowo-kartonowa {0} {1} {2}", "Plasterboard {0} {1} {2}",
       {{{"GKB zwykła", "GKB standard"}, {"GKBI wodoodporna", "GKBI moisture-resistant", 130}, {"GKF ogniochronna", "GKF fire-resistant", 135}, {"GKFI", kSame, 160}},
        {{"9,5 mm", kSame, 90}, {"12,5 mm", kSame, 100}, {"15 mm", kSame, 125}},
        {{"1200x2000 mm", kSame, 80}, {"1200x2500 mm", kSame, 96}, {"1200x2600 mm", kSame, 100}, {"1200x2800 mm", kSame, 108}, {"1200x3000 mm", kSame, 115}}},
       Unit::Piece, {1, 10}, 2600, 3600},
      {"Profil stalowy {0} gr. {1} dł. {2}", "Steel profile {0}, {1} thick, {2} long",
       {{{"CW 50"}, {"CW 75", kSame, 115}, {"CW 100", kSame, 130}, {"UW 50", kSame, 85}, {"UW 75", kSame, 95}, {"CD 60", kSame, 90}, {"UD 27", kSame, 70}},
        {{"0,5 mm", kSame, 90}, {"0,6 mm", kSame, 100}},
        {{"2,6 m", kSame, 87}, {"2,75 m", kSame, 92}, {"3 m", kSame, 100}, {"3,5 m", kSame, 117}, {"4 m", kSame, 133}}},
       Unit::Piece, {1, 10, 12}, 1200, 1900},
      {"Płyta OSB/3 {0} {1}", "OSB/3 board {0} {1}",
       {{{"10 mm", kSame, 70}, {"12 mm", kSame, 85}, {"15 mm", kSame, 100}, {"18 mm", kSame, 120}, {"22 mm", kSame, 145}},
        {{"2500x1250 mm", kSame, 100}, {"2500x675 mm pióro-wpust", "2500x675 mm tongue and groove", 60}}},
       Unit::Piece, {1, 10}, 6500, 9500},
      {"Bloczek z betonu komórkowego gr. {0} {1}", "Aerated concrete block {0} thick, {1}",
       {{{"50 mm", kSame, 25}, {"75 mm", kSame, 35}, {"100 mm", kSame, 45}, {"115 mm", kSame, 50}, {"120 mm", kSame, 55}, {"175 mm", kSame, 75}, {"180 mm", kSame, 78}, {"240 mm", kSame, 100}, {"300 mm", kSame, 125}, {"365 mm", kSame, 150}, {"400 mm", kSame, 165}},
        {{"odmiana 400", "density 400", 105}, {"odmiana 500", "density 500"}, {"odmiana 600", "density 600", 95}, {"odmiana 700", "density 700", 95}}},
       Unit::Piece, {1, 10, 50}, 1400, 2000},
      {"Pręt zbrojeniowy żebrowany {0} dł. {1} {2}", "Ribbed reinforcing bar {0}, {1} long, {2}",
       {{{"fi 6", "ø6", 25}, {"fi 8", "ø8", 45}, {"fi 10", "ø10", 70}, {"fi 12", "ø12", 100}, {"fi 14", "ø14", 135}, {"fi 16", "ø16", 180}, {"fi 20", "ø20", 280}, {"fi 25", "ø25", 430}},
        {{"6 m", kSame, 100}, {"12 m", kSame, 200}},
        {{"B500SP"}, {"BSt500S", kSame, 98}}},
       Unit::Piece, {1, 10}, 2800, 3600},
    }},
    {"Folie, siatki i taśmy", {
      {"Folia budowlana {0} {1}", "{0} construction film {1}",
       {{{"transparentna", "transparent"}, {"czarna", "black"}, {"paroizolacyjna", "vapour-barrier", 150}},
        {{"0,1 mm", kSame, 60}, {"0,2 mm", kSame, 100}, {"0,3 mm", kSame, 145}}},
       Unit::SquareMetre, {25, 50, 100}, 70, 150},
      {"Siatka z włókna szklanego {0} {1}", "Fibreglass mesh {0}, {1}",
       {{{"145 g/m²"}, {"160 g/m²", kSame, 110}, {"165 g/m²", kSame, 115}},
        {{"elewacyjna", "for facades"}, {"do wylewek", "for screeds", 105}}},
       Unit::SquareMetre, {50}, 180, 320},
      {"Membrana dachowa {0} {1}", "{0} roof membrane {1}",
       {{{"wysokoparoprzepuszczalna", "breathable"}, {"niskoparoprzepuszczalna", "low-permeability", 80}},
        {{"115 g/m²", kSame, 85}, {"135 g/m²", kSame, 100}, {"160 g/m²", kSame, 120}, {"200 g/m²", kSame, 150}}},
       Unit::SquareMetre, {25, 50}, 250, 450},
      {"Taśma {0} {1} x {2}", "{0} tape {1} x {2}",
       {{{"papierowa do spoin", "paper joint"}, {"z włókna szklanego samoprzylepna", "self-adhesive fibreglass", 130}, {"narożnikowa z blachą", "metal corner", 220}, {"malarska", "masking", 70}, {"dwustronna montażowa", "double-sided mounting", 260}},
        {{"19 mm", kSame, 80}, {"25 mm", kSame, 90}, {"38 mm", kSame, 110}, {"48 mm", kSame, 125}, {"50 mm", kSame, 130}},
        {{"25 m", kSame, 80}, {"45 m", kSame, 100}, {"50 m", kSame, 110}}},
       Unit::Piece, {1, 10, 12}, 700, 1200},
    }},
    {"Kotwy i łączniki", {
      {"Kotwa chemiczna {0} {1}", "{0} chemical anchor {1}",
       {{{"poliestrowa", "polyester"}, {"winyloestrowa", "vinylester", 150}, {"epoksydowa", "epoxy", 230}},
        {{"300 ml", kSame, 100}, {"345 ml", kSame, 110}, {"410 ml", kSame, 130}}},
       Unit::Piece, {1, 12}, 2800, 4200},
      {"Kołek rozporowy {0} {1} op. {2} szt.", "{0} wall plug {1}, pack of {2}",
       {{{"nylonowy", "nylon"}, {"z kołnierzem", "collared", 110}, {"do betonu komórkowego", "aerated concrete", 140}},
        {{"6x30", kSame, 60}, {"8x40", kSame, 80}, {"8x50", kSame, 100}, {"10x50", kSame, 130}, {"10x60", kSame, 150}, {"12x60", kSame, 200}, {"14x70", kSame, 280}},
        {{"50", kSame, 50}, {"100", kSame, 100}, {"200", kSame, 190}}},
       Unit::Pack, {1, 5, 10}, 900, 1500},
      {"Kotwa stalowa {0} {1}", "Steel anchor {0} {1}",
       {{{"M6x50", kSame, 60}, {"M8x75", kSame, 80}, {"M10x90", kSame, 100}, {"M12x100", kSame, 140}, {"M16x125", kSame, 230}},
        {{"ocynk", "zinc-plated"}, {"nierdzewna A4", "stainless A4", 320}}},
       Unit::Piece, {10, 25, 50}, 150, 260},
      {"Gwoździe budowlane {0} {1}", "{1} construction nails {0}",
       {{{"1,8x40", kSame, 115}, {"2,2x50", kSame, 110}, {"2,5x60", kSame, 105}, {"2,8x70", kSame, 100}, {"3,1x80", kSame, 100}, {"3,4x90", kSame, 100}, {"3,8x100", kSame, 100}, {"4,2x120", kSame, 100}, {"5,0x150", kSame, 100}, {"6,0x200", kSame, 105}},
        {{"gładkie jasne", "bright smooth"}, {"ocynkowane", "galvanised", 140}, {"pierścieniowe", "ring-shank", 150}, {"papowe ocynkowane", "galvanised roofing", 160}}},
       Unit::Kilogram, {1, 5, 25}, 900, 1300},
      {"Drut wiązałkowy {0} {1}", "{1} tie wire {0}",
       {{{"1,2 mm", kSame, 110}, {"1,4 mm", kSame, 105}, {"1,6 mm"}, {"2 mm"}, {"2,5 mm", kSame, 95}, {"3 mm", kSame, 95}},
        {{"czarny wyżarzany", "black annealed"}, {"ocynkowany", "galvanised", 130}}},
       Unit::Kilogram, {1, 5, 25}, 700, 1000},
    }},
  }},
  {"Elektrotechnika", "ELE", {"Kabex", "Elmax", "Lumen-Pol"}, {
    {"Osprzęt instalacyjny", {
      {"Łącznik {0} {1} {2}", "{0} switch {1} {2}",
       {{{"jednobiegunowy", "one-way"}, {"schodowy", "two-way"}, {"świecznikowy", "double"}, {"krzyżowy", "intermediate", 130}, {"przyciskowy dzwonkowy", "bell push"}},
        {{"podtynkowy", "flush-mounted"}, {"natynkowy", "surface-mounted", 110}, {"hermetyczny IP44", "sealed IP44", 150}},
        {{"biały", "white"}, {"kremowy", "cream"}, {"czarny", "black", 120}, {"srebrny", "silver", 125}, {"antracytowy", "anthracite", 125}}},
       Unit::Piece, {1, 10}, 900, 1900},
      {"Gniazdo {0} {1} {2}", "{1} {0} socket, {2}",
       {{{"pojedyncze z uziemieniem", "single earthed"}, {"podwójne z uziemieniem", "double earthed", 170}, {"z uziemieniem i klapką", "splash-proof earthed", 140}, {"z ładowarką USB A+C", "USB A+C charger", 450}},
        {{"podtynkowe", "flush-mounted"}, {"natynkowe", "surface-mounted", 110}},
        {{"białe", "white"}, {"kremowe", "cream"}, {"czarne", "black", 120}, {"srebrne", "silver", 125}, {"antracytowe", "anthracite", 125}}},
       Unit::Piece, {1, 10}, 900, 1800},
      {"Puszka instalacyjna {0} {1}", "{0} junction box {1}",
       {{{"podtynkowa", "flush"}, {"natynkowa hermetyczna", "sealed surface", 350}, {"do płyt g-k", "plasterboard", 150}},
        {{"fi 60", "ø60"}, {"fi 70", "ø70", 110}, {"fi 80 głęboka", "ø80 deep", 140}}},
       Unit::Piece, {10, 25, 50}, 80, 160},
      {"Taśma izolacyjna PCW {0} x {1} {2}", "PVC insulating tape {0} x {1} {2}",
       {{{"15 mm", kSame, 80}, {"19 mm", kSame, 100}, {"25 mm", kSame, 130}, {"50 mm", kSame, 250}},
        {{"10 m", kSame, 60}, {"20 m", kSame, 100}, {"25 m", kSame, 120}, {"33 m", kSame, 150}},
        {{"czarna", "black"}, {"biała", "white"}, {"czerwona", "red"}, {"niebieska", "blue"}, {"żółto-zielona", "green-yellow"}, {"brązowa", "brown"}, {"szara", "grey"}, {"żółta", "yellow"}}},
       Unit::Piece, {1, 10}, 350, 600},
      {"Złączka instalacyjna {0} {1} op. {2} szt.", "{0} terminal connector {1}, pack of {2}",
       {{{"2-torowa", "2-way"}, {"3-torowa", "3-way", 110}, {"5-torowa", "5-way", 140}, {"z dźwignią 2-torowa", "2-way lever", 160}, {"z dźwignią 3-torowa", "3-way lever", 180}, {"z dźwignią 5-torowa", "5-way lever", 230}},
        {{"0,5–2,5 mm²"}, {"0,2–4 mm²", kSame, 115}},
        {{"50", kSame, 100}, {"100", kSame, 190}}},
       Unit::Pack, {1, 5, 10}, 2200, 3200},
      {"Opaska kablowa {0} {1} op. {2} szt.", "{1} cable tie {0}, pack of {2}",
       {{{"2,5x100 mm", kSame, 40}, {"2,5x160 mm", kSame, 55}, {"2,5x200 mm", kSame, 65}, {"3,6x140 mm", kSame, 70}, {"3,6x200 mm", kSame, 85}, {"3,6x300 mm", kSame, 110}, {"4,8x200 mm", kSame, 110}, {"4,8x300 mm", kSame, 140}, {"4,8x430 mm", kSame, 190}, {"7,6x370 mm", kSame, 260}, {"9,0x780 mm", kSame, 480}},
        {{"czarna UV", "UV-resistant black", 110}, {"naturalna", "natural"}, {"nierdzewna", "stainless steel", 600}},
        {{"100"}}},
       Unit::Pack, {1, 5, 10}, 700, 1100},
    }},
    {"Przewody i kable", {
      {"Przewód {0} {1}", "{0} cable {1}",
       {{{"YDYp 450/750 V", "YDYp flat 450/750 V"}, {"YDY 450/750 V", "YDY round 450/750 V", 105}, {"OWY 300/500 V", "OWY flexible 300/500 V", 120}, {"H05VV-F", kSame, 110}, {"H07RN-F", kSame, 210}, {"YKY 0,6/1 kV", kSame, 140}},
        {{"2x1,5 mm²", kSame, 70}, {"3x1,5 mm²", kSame, 100}, {"4x1,5 mm²", kSame, 130}, {"5x1,5 mm²", kSame, 160}, {"3x2,5 mm²", kSame, 160}, {"4x2,5 mm²", kSame, 210}, {"5x2,5 mm²", kSame, 260}, {"3x4 mm²", kSame, 250}, {"4x4 mm²", kSame, 330}, {"5x4 mm²", kSame, 410}, {"3x6 mm²", kSame, 370}, {"5x6 mm²", kSame, 600}, {"5x10 mm²", kSame, 980}, {"5x16 mm²", kSame, 1550}}},
       Unit::Metre, {1, 25, 50, 100}, 230, 330},
      {"Kabel {0} kat. {1} {2}", "{0} cable cat. {1}, {2}",
       {{{"U/UTP"}, {"F/UTP", kSame, 120}, {"S/FTP", kSame, 160}},
        {{"5e"}, {"6", kSame, 125}, {"6A", kSame, 190}},
        {{"wewnętrzny PVC", "indoor PVC"}, {"zewnętrzny żelowany", "outdoor gel-filled", 140}, {"LSOH"}}},
       Unit::Metre, {1, 100}, 120, 200},
      {"Rura karbowana osłonowa {0} {1}", "{1} corrugated conduit {0}",
       {{{"fi 16", "ø16", 80}, {"fi 20", "ø20"}, {"fi 25", "ø25", 130}, {"fi 32", "ø32", 180}, {"fi 40", "ø40", 250}, {"fi 50", "ø50", 330}, {"fi 63", "ø63", 420}},
        {{"szara", "grey"}, {"czarna UV", "UV-resistant black", 120}, {"pomarańczowa", "orange", 105}}},
       Unit::Metre, {25, 50, 100}, 70, 120},
      {"Listwa instalacyjna {0} {1}", "{1} cable trunking {0}",
       {{{"12x12 mm", kSame, 50}, {"16x16 mm", kSame, 60}, {"20x20 mm", kSame, 75}, {"25x25 mm", kSame, 90}, {"40x25 mm", kSame, 120}, {"40x40 mm", kSame, 160}, {"60x40 mm", kSame, 220}, {"100x60 mm", kSame, 380}},
        {{"biała", "white"}, {"szara", "grey", 105}, {"brązowa", "brown", 110}}},
       Unit::Metre, {10, 50}, 400, 600},
    }},
    {"Zabezpieczenia", {
      {"Wyłącznik nadprądowy {0} {1} {2}", "Miniature circuit breaker {0} {1} {2}",
       {{{"1P", kSame, 100}, {"1P+N", kSame, 190}, {"2P", kSame, 230}, {"3P", kSame, 340}, {"4P", kSame, 480}},
        {{"B6"}, {"B10"}, {"B16"}, {"B20"}, {"B25"}, {"B32", kSame, 105}, {"C10"}, {"C16"}, {"C20"}, {"C25"}, {"C32", kSame, 105}},
        {{"6 kA", kSame, 100}, {"10 kA", kSame, 160}}},
       Unit::Piece, {1, 12}, 1300, 2100},
      {"Wyłącznik różnicowoprądowy {0} {1} {2}", "Residual current device {0} {1} {2}",
       {{{"2P", kSame, 100}, {"4P", kSame, 160}},
        {{"16 A", kSame, 95}, {"25 A"}, {"40 A", kSame, 110}, {"63 A", kSame, 140}},
        {{"30 mA typ AC", "30 mA type AC"}, {"30 mA typ A", "30 mA type A", 130}, {"100 mA typ A", "100 mA type A", 130}, {"300 mA typ A", "300 mA type A", 130}}},
       Unit::Piece, {1}, 9500, 15000},
      {"Ogranicznik przepięć {0} {1}", "Surge protection device {0} {1}",
       {{{"typ 1+2", "type 1+2", 250}, {"typ 2", "type 2"}},
        {{"1P", kSame, 40}, {"3P", kSame, 100}, {"4P", kSame, 130}, {"3P+N", kSame, 135}}},
       Unit::Piece, {1}, 18000, 32000},
    }},
    {"Oświetlenie", {
      {"Oprawa hermetyczna LED {0} {1} {2}", "LED vapour-tight luminaire {0} {1} {2}",
       {{{"600 mm 18 W", kSame, 70}, {"1200 mm 36 W", kSame, 100}, {"1500 mm 48 W", kSame, 125}},
        {{"3000 K"}, {"4000 K"}, {"6500 K"}},
        {{"IP65"}, {"IP66", kSame, 115}, {"IP66 z czujnikiem ruchu", "IP66 with motion sensor", 170}}},
       Unit::Piece, {1, 10}, 6500, 11000},
      {"Naświetlacz LED {0} {1} {2} {3}", "LED floodlight {0} {1} {2} {3}",
       {{{"10 W", kSame, 30}, {"20 W", kSame, 45}, {"30 W", kSame, 60}, {"50 W", kSame, 100}, {"100 W", kSame, 180}, {"150 W", kSame, 250}, {"200 W", kSame, 320}},
        {{"3000 K"}, {"4000 K"}, {"6500 K"}},
        {{"czarny", "black"}, {"biały", "white"}},
        {{""}, {"z czujnikiem ruchu", "with motion sensor", 130}}},
       Unit::Piece, {1, 10}, 8000, 13000},
      {"Żarówka LED {0} {1} {2}", "LED bulb {0} {1} {2}",
       {{{"E27 A60"}, {"E14 świeczka", "E14 candle"}, {"E14 kulka", "E14 golf ball"}, {"GU10"}, {"MR16 GU5,3", kSame, 105}, {"E27 A67", kSame, 120}, {"E27 filament", kSame, 130}},
        {{"5 W", kSame, 80}, {"7 W", kSame, 90}, {"10 W", kSame, 100}, {"13 W", kSame, 120}, {"15 W", kSame, 140}},
        {{"2700 K"}, {"4000 K"}, {"6500 K"}}},
       Unit::Piece, {1, 10}, 700, 1400},
    }},
    {"Rozdzielnice", {
      {"Rozdzielnica modułowa {0} {1} {2}", "{0} modular distribution board {1} {2}",
       {{{"natynkowa", "surface-mounted"}, {"podtynkowa", "flush-mounted", 110}},
        {{"1x12", kSame, 50}, {"2x12", kSame, 100}, {"3x12", kSame, 150}, {"4x12", kSame, 210}, {"1x18", kSame, 70}},
        {{"IP30"}, {"IP40", kSame, 110}, {"IP65", kSame, 190}}},
       Unit::Piece, {1}, 9000, 15000},
      {"Listwa zaciskowa {0} {1}", "{0} terminal strip {1}",
       {{{"12-torowa", "12-way"}, {"szynowa N/PE", "DIN-rail N/PE", 160}},
        {{"2,5 mm²", kSame, 80}, {"4 mm²", kSame, 100}, {"10 mm²", kSame, 150}, {"16 mm²", kSame, 210}}},
       Unit::Piece, {1, 10}, 500, 1200},
    }},
  }},
  {"Instalacje", "INS", {"Hydrotech", "Aquaflex", "Termex"}, {
    {"Rury i kształtki", {
      {"Rura wielowarstwowa PEX/AL/PEX {0} {1}", "Multilayer pipe PEX/AL/PEX {0} {1}",
       {{{"14x2 mm", kSame, 85}, {"16x2 mm", kSame, 100}, {"18x2 mm", kSame, 115}, {"20x2 mm", kSame, 135}, {"25x2,5 mm", kSame, 210}, {"26x3 mm", kSame, 230}, {"32x3 mm", kSame, 330}, {"40x3,5 mm", kSame, 520}},
        {{"bez otuliny", "uninsulated"}, {"w otulinie czerwonej", "in red insulation", 150}, {"w otulinie niebieskiej", "in blue insulation", 150}}},
       Unit::Metre, {25, 50, 100, 200}, 480, 700},
      {"Rura miedziana {0} {1}", "Copper pipe {0} {1}",
       {{{"10x1 mm", kSame, 60}, {"12x1 mm", kSame, 75}, {"15x1 mm", kSame, 100}, {"18x1 mm", kSame, 125}, {"22x1 mm", kSame, 160}, {"28x1,2 mm", kSame, 240}, {"35x1,5 mm", kSame, 370}, {"42x1,5 mm", kSame, 450}, {"54x2 mm", kSame, 760}},
        {{"twarda", "hard"}, {"półtwarda", "half-hard"}, {"miękka w zwojach", "soft, coiled", 110}}},
       Unit::Metre, {5, 25, 50}, 2600, 3600},
      {"Rura PP-R {0} {1}", "PP-R pipe {0} {1}",
       {{{"PN10", kSame, 85}, {"PN16"}, {"PN20", kSame, 115}, {"stabilizowana PN20", "fibre-stabilised PN20", 150}},
        {{"20 mm", kSame, 60}, {"25 mm", kSame, 85}, {"32 mm", kSame, 130}, {"40 mm", kSame, 200}, {"50 mm", kSame, 310}, {"63 mm", kSame, 480}}},
       Unit::Metre, {1, 10}, 500, 800},
      {"Kolano {0} {1} {2}", "{0} elbow {1} {2}",
       {{{"mosiężne", "brass"}, {"ocynkowane", "galvanised", 60}, {"zaprasowe", "press-fit", 170}, {"nierdzewne", "stainless", 210}},
        {{"90°"}, {"45°"}},
        kDn},
       Unit::Piece, {1, 5, 10}, 600, 1100},
      {"Trójnik {0} {1} {2}", "{1} {0} tee {2}",
       {{{"mosiężny", "brass"}, {"ocynkowany", "galvanised", 60}, {"zaprasowy", "press-fit", 170}, {"nierdzewny", "stainless", 210}},
        {{"równoprzelotowy", "equal"}, {"redukcyjny", "reducing", 115}},
        kDn},
       Unit::Piece, {1, 5, 10}, 800, 1400},
      {"Złączka zaprasowa {0} {1}", "Press-fit {0} {1}",
       {{{"mufa", "coupling"}, {"kolano 90°", "90° elbow", 110}, {"trójnik", "tee", 140}, {"z gwintem wewnętrznym", "female adaptor", 120}, {"z gwintem zewnętrznym", "male adaptor", 115}, {"redukcja", "reducer", 105}},
        {{"16x2 mm", kSame, 100}, {"20x2 mm", kSame, 120}, {"25x2,5 mm", kSame, 170}, {"32x3 mm", kSame, 250}, {"40x3,5 mm", kSame, 420}}},
       Unit::Piece, {1, 5, 10}, 1200, 1800},
      {"Złączka skręcana do rur PE {0} {1}", "Compression fitting for PE pipe, {0}, {1}",
       {{{"mufa", "coupling"}, {"kolano", "elbow", 110}, {"trójnik", "tee", 140}, {"przyłącze GW", "female adaptor", 95}, {"przyłącze GZ", "male adaptor", 95}, {"zaślepka", "end cap", 60}},
        {{"20 mm", kSame, 70}, {"25 mm", kSame, 85}, {"32 mm", kSame, 100}, {"40 mm", kSame, 150}, {"50 mm", kSame, 210}, {"63 mm", kSame, 300}}},
       Unit::Piece, {1, 5, 10}, 1100, 1700},
    }},
    {"Zawory i armatura", {
      {"Zawór kulowy {0} {1} {2} {3}", "Ball valve {0} {1} {2} {3}",
       {{{"do wody", "for water"}, {"do gazu żółty", "for gas, yellow", 120}},
        kDn,
        {{"GW-GW", "female-female"}, {"GW-GZ", "female-male"}, {"GZ-GZ", "male-male"}},
        {{"z dźwignią", "lever handle"}, {"z motylkiem", "butterfly handle", 95}, {"z odwodnieniem", "with drain", 125}}},
       Unit::Piece, {1, 5, 10}, 1900, 2800},
      {"Zawór zwrotny {0} {1}", "{0} check valve {1}",
       {{{"grzybkowy", "spring"}, {"klapowy", "swing", 120}}, kDn},
       Unit::Piece, {1, 5, 10}, 1500, 2600},
      {"Filtr siatkowy skośny {0} {1}", "{1} Y-strainer {0}",
       {kDn, {{"mosiężny", "brass"}, {"żeliwny", "cast iron", 110}}},
       Unit::Piece, {1, 5}, 2200, 3200},
      {"Zawór termostatyczny {0} {1} {2} {3}", "{1} thermostatic valve {0} {2} {3}",
       {{{"DN15 1/2\""}, {"DN20 3/4\"", kSame, 130}},
        {{"prosty", "straight"}, {"kątowy", "angled"}, {"osiowy", "axial", 115}},
        {{"z nastawą wstępną", "with presetting", 125}, {"bez nastawy", "without presetting"}},
        {{"niklowany", "nickel-plated"}, {"chromowany", "chrome-plated", 120}}},
       Unit::Piece, {1, 10}, 3500, 5000},
      {"Bateria {0} {1} {2}", "{0} mixer tap, {1}, {2}",
       {{{"umywalkowa", "basin"}, {"zlewozmywakowa", "kitchen sink", 120}, {"natryskowa", "shower", 110}, {"wannowa", "bath", 130}},
        {{"stojąca", "deck-mounted"}, {"ścienna", "wall-mounted", 105}},
        {{"chrom", "chrome"}, {"czarny mat", "matt black", 130}, {"inox", "brushed steel", 125}, {"złoty szczotkowany", "brushed gold", 160}, {"biały mat", "matt white", 130}}},
       Unit::Piece, {1}, 14000, 26000},
      {"Manometr {0} {1} {2}", "Pressure gauge {0} {1} {2}",
       {{{"0–6 bar"}, {"0–10 bar"}, {"0–16 bar"}, {"0–25 bar", kSame, 110}},
        {{"fi 63 mm", "ø63 mm"}, {"fi 100 mm", "ø100 mm", 160}},
        {{"przyłącze radialne", "radial connection"}, {"przyłącze osiowe", "axial connection"}}},
       Unit::Piece, {1, 10}, 1800, 3200},
    }},
    {"Ogrzewanie", {
      {"Grzejnik stalowy płytowy {0} {1}x{2}", "Steel panel radiator {0} {1}x{2}",
       {{{"C11", kSame, 70}, {"C22", kSame, 100}, {"C33", kSame, 140}, {"V22 dolnozasilany", "V22 bottom connection", 115}},
        {{"300", kSame, 70}, {"500", kSame, 100}, {"600", kSame, 115}, {"900", kSame, 160}},
        {{"400 mm", kSame, 50}, {"500 mm", kSame, 60}, {"600 mm", kSame, 70}, {"700 mm", kSame, 80}, {"800 mm", kSame, 90}, {"900 mm", kSame, 100}, {"1000 mm", kSame, 110}, {"1100 mm", kSame, 120}, {"1200 mm", kSame, 130}, {"1400 mm", kSame, 150}, {"1600 mm", kSame, 170}}},
       Unit::Piece, {1}, 30000, 42000},
      {"Głowica termostatyczna {0} {1} {2}", "Thermostatic head {0} {1} {2}",
       {{{"M30x1,5"}, {"M28x1,5", kSame, 105}},
        {{"biała", "white"}, {"chrom", "chrome", 130}, {"czarna", "black", 120}},
        {{"z czujnikiem wbudowanym", "built-in sensor"}, {"z czujnikiem zdalnym", "remote sensor", 170}}},
       Unit::Piece, {1, 10}, 3500, 6000},
      {"Otulina termoizolacyjna {0} gr. {1}", "Pipe insulation {0}, {1} thick",
       {{{"15 mm", kSame, 85}, {"18 mm", kSame, 92}, {"22 mm", kSame, 100}, {"28 mm", kSame, 115}, {"35 mm", kSame, 135}, {"42 mm", kSame, 160}, {"48 mm", kSame, 180}, {"54 mm", kSame, 200}, {"64 mm", kSame, 240}},
        {{"9 mm", kSame, 80}, {"13 mm", kSame, 100}, {"20 mm", kSame, 150}}},
       Unit::Metre, {1, 10, 50}, 250, 450},
    }},
    {"Kanalizacja", {
      {"Rura kanalizacyjna PVC {0} {1} dł. {2}", "PVC sewer pipe {0} {1}, {2} long",
       {{{"110x3,2 mm", kSame, 100}, {"160x4,0 mm", kSame, 190}, {"200x4,9 mm", kSame, 300}, {"250x6,2 mm", kSame, 470}},
        {{"SN4"}, {"SN8", kSame, 130}},
        {{"1 m", kSame, 100}, {"2 m", kSame, 190}, {"3 m", kSame, 280}}},
       Unit::Piece, {1, 5, 10}, 2200, 3200},
      {"Rura kanalizacyjna wewnętrzna PP {0} dł. {1}", "PP indoor drain pipe {0}, {1} long",
       {{{"fi 32", "ø32", 70}, {"fi 40", "ø40", 80}, {"fi 50", "ø50", 100}, {"fi 75", "ø75", 150}, {"fi 110", "ø110", 250}},
        {{"250 mm", kSame, 40}, {"500 mm", kSame, 60}, {"1000 mm", kSame, 100}, {"2000 mm", kSame, 180}}},
       Unit::Piece, {1, 10, 25}, 700, 1100},
      {"Kolano kanalizacyjne PVC {0} {1}", "PVC sewer bend {0} {1}",
       {{{"fi 110", "ø110", 100}, {"fi 160", "ø160", 220}, {"fi 200", "ø200", 420}, {"fi 250", "ø250", 800}},
        {{"15°"}, {"30°"}, {"45°"}, {"67°", kSame, 105}, {"87°", kSame, 110}}},
       Unit::Piece, {1, 5, 10}, 900, 1400},
      {"Trójnik kanalizacyjny PVC {0} {1}", "PVC sewer branch {0} {1}",
       {{{"110/110", kSame, 100}, {"160/110", kSame, 190}, {"160/160", kSame, 230}, {"200/160", kSame, 420}, {"200/200", kSame, 480}},
        {{"45°"}, {"87°"}}},
       Unit::Piece, {1, 5}, 1800, 2600},
      {"Syfon {0} {1} {2}", "{0} trap {1} {2}",
       {{{"umywalkowy", "basin"}, {"zlewozmywakowy", "sink", 110}, {"brodzikowy", "shower tray", 120}, {"pralkowy", "washing machine", 80}, {"wannowy", "bath", 140}},
        {{"fi 32", "ø32"}, {"fi 40", "ø40", 105}, {"fi 50", "ø50", 115}},
        {{"z tworzywa", "plastic"}, {"chromowany", "chrome-plated", 320}}},
       Unit::Piece, {1, 10}, 1800, 3000},
    }},
  }},
  {"Mechanika", "MEC", {"Stalmet", "Gumtech", "Napędex"}, {
    {"Łożyska", {
      {"Łożysko kulkowe {0} {1}", "Deep groove ball bearing {0} {1}",
       {{{"6000 10x26x8 mm", kSame, 80}, {"6001 12x28x8 mm", kSame, 85}, {"6002 15x32x9 mm", kSame, 90}, {"6003 17x35x10 mm", kSame, 95}, {"6004 20x42x12 mm", kSame, 110}, {"6005 25x47x12 mm", kSame, 120},
         {"6200 10x30x9 mm", kSame, 85}, {"6201 12x32x10 mm", kSame, 90}, {"6202 15x35x11 mm", kSame, 95}, {"6203 17x40x12 mm", kSame, 100}, {"6204 20x47x14 mm", kSame, 115}, {"6205 25x52x15 mm", kSame, 130},
         {"6206 30x62x16 mm", kSame, 170}, {"6304 20x52x15 mm", kSame, 160}, {"6305 25x62x17 mm", kSame, 200}},
        {{"2RS"}, {"ZZ"}, {"otwarte", "open", 90}}},
       Unit::Piece, {1, 10}, 900, 1600},
      {"Łożysko stożkowe {0} {1}", "Tapered roller bearing {0} {1}",
       {{{"30203", kSame, 100}, {"30204", kSame, 110}, {"30205", kSame, 125}, {"30206", kSame, 150}, {"32005", kSame, 140}, {"32006", kSame, 160}, {"32206", kSame, 190}, {"32207", kSame, 230}},
        {{"klasa P0", "class P0"}, {"klasa P6", "class P6", 140}}},
       Unit::Piece, {1, 10}, 2400, 3800},
      {"Oprawa łożyskowa {0} {1}", "{1} bearing unit {0}",
       {{{"UCP204", kSame, 100}, {"UCP205", kSame, 110}, {"UCP206", kSame, 140}, {"UCF204", kSame, 105}, {"UCF205", kSame, 115}, {"UCFL204", kSame, 95}, {"UCFL205", kSame, 105}},
        {{"żeliwna", "cast iron"}, {"nierdzewna", "stainless", 380}}},
       Unit::Piece, {1}, 3500, 5500},
    }},
    {"Uszczelnienia", {
      {"O-ring {0} {1} op. {2} szt.", "O-ring {0} {1}, pack of {2}",
       {{{"10x1,5 mm", kSame, 70}, {"12x2 mm", kSame, 80}, {"16x2 mm", kSame, 85}, {"20x1,5 mm", kSame, 90}, {"20x2,5 mm", kSame, 100}, {"25x3 mm", kSame, 120}, {"30x3 mm", kSame, 135}, {"40x3 mm", kSame, 160}, {"50x4 mm", kSame, 210}},
        {{"NBR70"}, {"NBR90", kSame, 110}, {"FKM", kSame, 300}, {"EPDM", kSame, 120}, {"silikon VMQ", "silicone VMQ", 220}},
        {{"12", kSame, 100}, {"25", kSame, 190}, {"50", kSame, 360}, {"100", kSame, 650}}},
       Unit::Pack, {1, 5, 10}, 700, 1200},
      {"Pierścień uszczelniający {0} {1} {2}", "Radial shaft seal {0} {1} {2}",
       {{{"20x35x7", kSame, 80}, {"25x40x7", kSame, 90}, {"30x47x7", kSame, 100}, {"35x52x7", kSame, 115}, {"40x62x8", kSame, 135}, {"45x62x8", kSame, 145}, {"50x72x8", kSame, 170}},
        {{"NBR"}, {"FKM", kSame, 260}},
        {{"typ A", "type A"}, {"typ AS z wargą przeciwpyłową", "type AS with dust lip", 115}}},
       Unit::Piece, {1, 5, 10}, 500, 900},
      {"Sznur uszczelniający PTFE {0} {1}", "PTFE packing cord {0} {1}",
       {{{"6x6 mm", kSame, 70}, {"8x8 mm", kSame, 100}, {"10x10 mm", kSame, 140}, {"12x12 mm", kSame, 190}},
        {{"z grafitem", "with graphite", 115}, {"czysty", "pure"}}},
       Unit::Metre, {1, 5, 10}, 2500, 4000},
    }},
    {"Śruby i nakrętki", {
      {"Śruba {0} {1} {2} op. {3} szt.", "{0} {1} {2}, pack of {3}",
       {{{"sześciokątna DIN 933", "Hex bolt DIN 933"}, {"imbusowa DIN 912", "Socket head cap screw DIN 912", 130}, {"zamkowa DIN 603", "Carriage bolt DIN 603", 110}},
        {{"M6x20", kSame, 40}, {"M6x30", kSame, 45}, {"M8x20", kSame, 60}, {"M8x40", kSame, 75}, {"M10x30", kSame, 100}, {"M10x50", kSame, 120}, {"M12x40", kSame, 160}, {"M12x60", kSame, 190}, {"M16x60", kSame, 320}, {"M16x80", kSame, 380}},
        {{"kl. 8.8 ocynk", "grade 8.8 zinc-plated"}, {"kl. 10.9 czarna", "grade 10.9 black", 140}, {"nierdzewna A2", "stainless A2", 260}, {"nierdzewna A4", "stainless A4", 380}},
        {{"25", kSame, 30}, {"50", kSame, 55}, {"100", kSame, 100}, {"200", kSame, 190}}},
       Unit::Pack, {1, 5, 10}, 2800, 3600},
      {"Nakrętka {0} {1} {2} op. {3} szt.", "{0} {1} {2}, pack of {3}",
       {{{"sześciokątna DIN 934", "Hex nut DIN 934"}, {"samokontrująca DIN 985", "Nylon insert lock nut DIN 985", 160}, {"kołnierzowa DIN 6923", "Flange nut DIN 6923", 140}},
        {{"M4", kSame, 40}, {"M5", kSame, 50}, {"M6", kSame, 60}, {"M8", kSame, 80}, {"M10", kSame, 100}, {"M12", kSame, 140}, {"M16", kSame, 250}, {"M20", kSame, 400}},
        {{"kl. 8 ocynk", "grade 8 zinc-plated"}, {"nierdzewna A2", "stainless A2", 280}},
        {{"50", kSame, 55}, {"100", kSame, 100}, {"200", kSame, 190}}},
       Unit::Pack, {1, 5, 10}, 1100, 1700},
      {"Podkładka {0} {1} {2} op. {3} szt.", "{0} {1} {2}, pack of {3}",
       {{{"płaska DIN 125", "Flat washer DIN 125"}, {"sprężysta DIN 127", "Spring washer DIN 127", 140}, {"poszerzana DIN 9021", "Wide washer DIN 9021", 130}},
        {{"M4", kSame, 40}, {"M5", kSame, 50}, {"M6", kSame, 60}, {"M8", kSame, 80}, {"M10", kSame, 100}, {"M12", kSame, 140}, {"M16", kSame, 250}},
        {{"ocynk", "zinc-plated"}, {"nierdzewna A2", "stainless A2", 280}},
        {{"100", kSame, 100}, {"200", kSame, 190}, {"500", kSame, 450}}},
       Unit::Pack, {1, 5, 10}, 700, 1100},
      {"Pręt gwintowany {0} dł. {1} {2}", "Threaded rod {0}, {1} long, {2}",
       {{{"M6", kSame, 40}, {"M8", kSame, 60}, {"M10", kSame, 90}, {"M12", kSame, 130}, {"M14", kSame, 180}, {"M16", kSame, 230}, {"M20", kSame, 370}, {"M24", kSame, 540}},
        {{"1 m", kSame, 100}, {"2 m", kSame, 195}, {"3 m", kSame, 290}},
        {{"kl. 4.8 ocynk", "grade 4.8 zinc-plated"}, {"kl. 8.8 ocynk", "grade 8.8 zinc-plated", 170}, {"nierdzewny A2", "stainless A2", 420}, {"nierdzewny A4", "stainless A4", 600}}},
       Unit::Piece, {1, 5, 10}, 500, 800},
    }},
    {"Wkręty i nity", {
      {"Wkręt do drewna {0} {1} op. {2} szt.", "Wood screw {0} {1}, pack of {2}",
       {{{"3x20", kSame, 40}, {"3,5x30", kSame, 55}, {"4x40", kSame, 75}, {"4x50", kSame, 90}, {"5x60", kSame, 130}, {"5x80", kSame, 170}, {"6x100", kSame, 260}},
        {{"ocynk", "zinc-plated"}, {"ocynk żółty", "yellow zinc"}, {"czarny fosfatowany", "black phosphated", 105}, {"nierdzewny A2", "stainless A2", 300}},
        {{"100", kSame, 55}, {"200", kSame, 100}, {"500", kSame, 230}}},
       Unit::Pack, {1, 5, 10}, 1200, 1800},
      {"Wkręt samowiercący {0} {1} op. {2} szt.", "Self-drilling screw {0} {1}, pack of {2}",
       {{{"z łbem sześciokątnym", "hex head"}, {"z łbem płaskim", "flat head"}, {"z podkładką EPDM", "with EPDM washer", 130}},
        {{"4,2x13", kSame, 70}, {"4,2x19", kSame, 80}, {"4,8x19", kSame, 100}, {"4,8x25", kSame, 115}, {"5,5x32", kSame, 150}, {"6,3x38", kSame, 200}},
        {{"100", kSame, 100}, {"250", kSame, 235}, {"500", kSame, 450}}},
       Unit::Pack, {1, 5, 10}, 1400, 2000},
      {"Nit zrywalny {0} {1} op. {2} szt.", "{0} blind rivet {1}, pack of {2}",
       {{{"aluminiowy", "aluminium"}, {"stalowy", "steel", 110}, {"nierdzewny", "stainless", 230}},
        {{"3,2x8", kSame, 70}, {"4x10", kSame, 90}, {"4x12", kSame, 100}, {"4,8x12", kSame, 120}, {"4,8x16", kSame, 135}},
        {{"50", kSame, 55}, {"200", kSame, 190}, {"500", kSame, 450}}},
       Unit::Pack, {1, 5, 10}, 900, 1400},
    }},
    {"Napędy", {
      {"Pasek klinowy {0} {1}", "V-belt {0} {1}",
       {{{"SPZ", kSame, 100}, {"SPA", kSame, 120}, {"SPB", kSame, 160}, {"A 13", kSame, 90}, {"B 17", kSame, 120}, {"Z 10", kSame, 75}},
        {{"Lw 800", kSame, 80}, {"Lw 1000", kSame, 95}, {"Lw 1250", kSame, 110}, {"Lw 1500", kSame, 125}, {"Lw 1800", kSame, 145}, {"Lw 2000", kSame, 160}}},
       Unit::Piece, {1, 5, 10}, 1800, 2800},
      {"Łańcuch rolkowy {0} {1}", "{1} roller chain {0}",
       {{{"06B-1", kSame, 70}, {"08B-1", kSame, 100}, {"10B-1", kSame, 140}, {"12B-1", kSame, 190}, {"08B-2", kSame, 190}, {"10B-2", kSame, 270}},
        {{"", ""}, {"ocynkowany", "galvanised", 140}, {"nierdzewny", "stainless", 330}}},
       Unit::Metre, {1, 5}, 3200, 4800},
      {"Koło łańcuchowe {0} z={1} {2}", "Chain sprocket {0} z={1} {2}",
       {{{"06B-1", kSame, 70}, {"08B-1", kSame, 100}, {"10B-1", kSame, 150}, {"12B-1", kSame, 210}},
        {{"12", kSame, 80}, {"15", kSame, 95}, {"17", kSame, 105}, {"19", kSame, 115}, {"21", kSame, 125}, {"25", kSame, 150}},
        {{"z piastą", "with hub"}, {"tarczowe", "plate", 75}}},
       Unit::Piece, {1}, 3000, 4500},
    }},
  }},
  {"BHP", "BHP", {"Bezpiecznik", "Ochronex", "Safepol"}, {
    {"Rękawice", {
      {"Rękawice robocze {0} {1} rozm. {2}", "Work gloves {0} {1} size {2}",
       {{{"powlekane nitrylem", "nitrile-coated"}, {"powlekane poliuretanem", "PU-coated", 90}, {"powlekane lateksem", "latex-coated"}, {"skórzane wzmacniane", "reinforced leather", 180}, {"antyprzecięciowe kl. C", "cut-resistant level C", 260}, {"zimowe ocieplane", "insulated winter", 170}, {"spawalnicze", "welding", 220}},
        {{"szare", "grey"}, {"czarne", "black"}, {"niebieskie", "blue"}, {"pomarańczowe", "orange"}},
        {{"7"}, {"8"}, {"9"}, {"10"}, {"11"}}},
       Unit::Piece, {1, 12}, 450, 800},
      {"Rękawice diagnostyczne nitrylowe {0} rozm. {1} op. 100 szt.", "Nitrile examination gloves {0} size {1}, pack of 100",
       {{{"niebieskie", "blue"}, {"czarne", "black", 115}, {"fioletowe", "violet", 105}, {"białe", "white"}},
        {{"XS"}, {"S"}, {"M"}, {"L"}, {"XL"}}},
       Unit::Pack, {1, 10}, 1900, 2900, VatRate::Reduced8},  // medical device: 8 % VAT
    }},
    {"Ochrona głowy i oczu", {
      {"Hełm ochronny {0} {1}", "Safety helmet {0} {1}",
       {{{"biały", "white"}, {"żółty", "yellow"}, {"czerwony", "red"}, {"niebieski", "blue"}, {"pomarańczowy", "orange"}, {"zielony", "green"}},
        {{""}, {"z wentylacją", "ventilated", 110}, {"z paskiem podbródkowym", "with chin strap", 115}, {"dielektryczny 1000 V", "electrically insulated 1000 V", 180}}},
       Unit::Piece, {1, 10}, 2200, 3800},
      {"Okulary ochronne {0} {1}", "Safety glasses {0} {1}",
       {{{"bezbarwne", "clear"}, {"przyciemniane", "tinted"}, {"żółte", "yellow"}, {"lustrzane", "mirrored", 120}},
        {{"z powłoką przeciwparową", "anti-fog", 110}, {"nakładane na okulary korekcyjne", "over-spectacles", 120}, {"z regulacją zauszników", "adjustable temples"}}},
       Unit::Piece, {1, 10, 12}, 800, 1600},
      {"Przyłbica spawalnicza {0} {1}", "{0} welding helmet {1}",
       {{{"samościemniająca", "auto-darkening", 300}, {"z szybką stałą", "fixed-shade"}},
        {{"DIN 9–13"}, {"DIN 11", kSame, 90}, {"DIN 5–13", kSame, 130}}},
       Unit::Piece, {1}, 6000, 9000},
    }},
    {"Odzież robocza", {
      {"Spodnie robocze {0} {1} rozm. {2}", "{1} work {0} size {2}",
       {{{"do pasa", "trousers"}, {"ogrodniczki", "bib-and-brace overalls", 115}},
        {{"szaro-czarne", "grey-black"}, {"granatowe", "navy"}, {"zielone", "green"}, {"odblaskowe pomarańczowe", "hi-vis orange", 140}},
        {{"46"}, {"48"}, {"50"}, {"52"}, {"54"}, {"56"}, {"58"}, {"60", kSame, 105}, {"62", kSame, 110}}},
       Unit::Piece, {1}, 8000, 13000},
      {"Kamizelka ostrzegawcza {0} {1} rozm. {2}", "{0} hi-vis vest {1} size {2}",
       {{{"żółta", "yellow"}, {"pomarańczowa", "orange"}},
        {{""}, {"z kieszeniami", "with pockets", 160}, {"siateczkowa", "mesh", 110}},
        kClothingSizes},
       Unit::Piece, {1, 10}, 600, 1100},
      {"Kurtka robocza {0} {1} rozm. {2}", "{0} {1} work jacket size {2}",
       {{{"softshell", "softshell"}, {"ocieplana", "insulated", 120}, {"przeciwdeszczowa", "waterproof", 90}},
        {{"czarna", "black"}, {"granatowa", "navy"}, {"szara", "grey"}, {"odblaskowa żółta", "hi-vis yellow", 115}},
        kClothingSizes},
       Unit::Piece, {1}, 14000, 24000},
      {"Koszulka robocza {0} {1} rozm. {2}", "{0} {1} work T-shirt size {2}",
       {{{"bawełniana", "cotton"}, {"odblaskowa", "hi-vis", 140}, {"termoaktywna", "thermal", 170}},
        {{"szara", "grey"}, {"czarna", "black"}, {"granatowa", "navy"}, {"żółta", "yellow"}},
        kClothingSizes},
       Unit::Piece, {1, 10}, 2500, 3800},
      {"Kombinezon ochronny {0} rozm. {1}", "{0} protective coverall size {1}",
       {{{"jednorazowy typ 5/6", "disposable type 5/6", 100}, {"roboczy bawełniany", "cotton work", 450}, {"ognioodporny", "flame-retardant", 900}, {"antystatyczny", "antistatic", 700}},
        kClothingSizes},
       Unit::Piece, {1, 10}, 2000, 3000},
    }},
    {"Obuwie robocze", {
      {"Obuwie robocze {0} {1} rozm. {2}", "Safety {0} {1} size {2}",
       {{{"trzewiki S3", "boots S3"}, {"półbuty S1P", "shoes S1P", 85}, {"sandały S1", "sandals S1", 70}, {"kalosze S5", "wellingtons S5", 80}},
        {{"z podnoskiem kompozytowym", "composite toe cap", 110}, {"z podnoskiem stalowym", "steel toe cap"}, {"ocieplane", "insulated", 120}},
        {{"36"}, {"37"}, {"38"}, {"39"}, {"40"}, {"41"}, {"42"}, {"43"}, {"44"}, {"45"}, {"46"}, {"47", kSame, 105}, {"48", kSame, 105}}},
       Unit::Piece, {1}, 16000, 26000},
    }},
    {"Ochrona słuchu i dróg oddechowych", {
      {"Półmaska filtrująca {0} {1} op. {2} szt.", "Filtering half mask {0} {1}, pack of {2}",
       {{{"FFP1", kSame, 70}, {"FFP2", kSame, 100}, {"FFP3", kSame, 160}},
        {{"z zaworkiem", "with valve", 130}, {"bez zaworka", "without valve"}},
        {{"10", kSame, 100}, {"20", kSame, 190}}},
       Unit::Pack, {1, 10}, 2500, 4000},
      {"Nauszniki przeciwhałasowe {0} {1}", "Ear defenders {0} {1}",
       {{{"SNR 25 dB", kSame, 80}, {"SNR 28 dB", kSame, 90}, {"SNR 31 dB", kSame, 100}, {"SNR 35 dB", kSame, 130}},
        {{"nagłowne", "headband"}, {"nahełmowe", "helmet-mounted", 115}, {"składane", "foldable", 105}}},
       Unit::Piece, {1, 10}, 3500, 6000},
      {"Zatyczki do uszu {0} {1} op. {2} par", "{0} ear plugs {1}, pack of {2} pairs",
       {{{"piankowe", "foam"}, {"wielokrotnego użytku", "reusable", 300}, {"na pałąku", "banded", 400}},
        {{"SNR 33 dB"}, {"SNR 37 dB", kSame, 110}},
        {{"50", kSame, 100}, {"200", kSame, 340}}},
       Unit::Pack, {1, 5}, 2500, 4000},
    }},
    {"Pierwsza pomoc", {  // medical supplies: 8 % VAT
      {"Apteczka pierwszej pomocy {0} {1}", "First aid kit {0} {1}",
       {{{"DIN 13157", kSame, 100}, {"DIN 13169", kSame, 170}, {"samochodowa", "vehicle", 50}, {"budowlana", "construction site", 130}},
        {{"w walizce", "in a case"}, {"naścienna", "wall-mounted", 115}, {"w torbie", "in a bag", 90}}},
       Unit::Piece, {1}, 9000, 16000, VatRate::Reduced8},
      {"Plastry opatrunkowe {0} {1} op. {2} szt.", "{0} adhesive plasters {1}, pack of {2}",
       {{{"wodoodporne", "waterproof"}, {"tekstylne", "fabric"}, {"wykrywalne niebieskie", "blue detectable", 160}},
        {{"mix rozmiarów", "assorted sizes"}, {"19x72 mm"}, {"25x72 mm", kSame, 110}},
        {{"20", kSame, 30}, {"100", kSame, 100}}},
       Unit::Pack, {1, 10}, 1800, 3000, VatRate::Reduced8},
      {"Maseczka medyczna {0} {1} op. {2} szt.", "{0} medical face mask {1}, pack of {2}",
       {{{"typ I", "Type I"}, {"typ II", "Type II", 110}, {"typ IIR", "Type IIR", 125}},
        {{"niebieska", "blue"}, {"biała", "white"}, {"czarna", "black", 110}, {"różowa", "pink"}},
        {{"10", kSame, 100}, {"50", kSame, 420}}},
       Unit::Pack, {1, 10}, 500, 900, VatRate::Reduced8},
      {"Opatrunek jałowy {0} {1} op. {2} szt.", "{0} sterile dressing {1}, pack of {2}",
       {{{"włókninowy z wkładem chłonnym", "non-woven absorbent"}, {"hydrożelowy", "hydrogel", 300}, {"na oparzenia", "burn", 250}},
        {{"5x7 cm", kSame, 70}, {"10x10 cm", kSame, 100}, {"10x20 cm", kSame, 160}, {"15x25 cm", kSame, 230}},
        {{"5", kSame, 100}, {"25", kSame, 450}}},
       Unit::Pack, {1, 10}, 900, 1500, VatRate::Reduced8},
      {"Bandaż elastyczny {0} x {1}", "Elastic bandage {0} x {1}",
       {{{"6 cm", kSame, 70}, {"8 cm", kSame, 85}, {"10 cm", kSame, 100}, {"12 cm", kSame, 115}, {"15 cm", kSame, 140}},
        {{"4 m", kSame, 85}, {"5 m", kSame, 100}}},
       Unit::Piece, {1, 10}, 300, 600, VatRate::Reduced8},
    }},
  }},
  {"Narzędzia", "NAR", {"ProTool", "Stalmet", "Kowalmet"}, {
    {"Narzędzia ręczne", {
      {"Młotek {0} {1} {2}", "{0} {1} {2}",
       {{{"ślusarski", "Engineer's hammer"}, {"ciesielski", "Claw hammer", 120}, {"murarski", "Brick hammer", 110}, {"gumowy", "Rubber mallet", 80}},
        {{"300 g", kSame, 70}, {"500 g", kSame, 100}, {"800 g", kSame, 130}, {"1000 g", kSame, 150}, {"1500 g", kSame, 190}},
        {{""}, {"z trzonkiem z włókna szklanego", "fibreglass handle", 130}}},
       Unit::Piece, {1, 5}, 2400, 3800},
      {"Klucz płasko-oczkowy {0} {1}", "Combination spanner {0} {1}",
       {{{"6 mm", kSame, 50}, {"7 mm", kSame, 55}, {"8 mm", kSame, 60}, {"9 mm", kSame, 65}, {"10 mm", kSame, 70}, {"11 mm", kSame, 75}, {"12 mm", kSame, 80}, {"13 mm", kSame, 85}, {"14 mm", kSame, 90},
         {"15 mm", kSame, 95}, {"16 mm", kSame, 100}, {"17 mm", kSame, 105}, {"18 mm", kSame, 110}, {"19 mm", kSame, 120}, {"21 mm", kSame, 140}, {"22 mm", kSame, 150}, {"24 mm", kSame, 175},
         {"27 mm", kSame, 220}, {"30 mm", kSame, 280}, {"32 mm", kSame, 330}},
        {{"CrV"}, {"z grzechotką", "ratcheting", 220}}},
       Unit::Piece, {1, 5, 10}, 1500, 2500},
      {"Zestaw kluczy {0} {1}", "{0} set, {1}",
       {{{"nasadowych 1/2\"", "1/2\" socket", 140}, {"nasadowych 1/4\"", "1/4\" socket", 90}, {"płasko-oczkowych", "combination spanner", 120}, {"imbusowych", "hex key", 30}, {"torx", "Torx key", 35}},
        {{"10 el.", "10 pcs", 60}, {"24 el.", "24 pcs", 100}, {"46 el.", "46 pcs", 170}, {"94 el.", "94 pcs", 300}}},
       Unit::Piece, {1}, 14000, 22000},
      {"Śrubokręt {0} {1} {2}", "{0} screwdriver {1} {2}",
       {{{"płaski", "Flat"}, {"krzyżakowy PH", "Phillips"}, {"krzyżakowy PZ", "Pozidriv"}, {"izolowany 1000 V", "VDE 1000 V insulated", 190}, {"Torx", kSame, 110}},
        {{"nr 0", "no. 0"}, {"nr 1", "no. 1"}, {"nr 2", "no. 2", 110}, {"nr 3", "no. 3", 125}},
        {{"75 mm", kSame, 90}, {"100 mm", kSame, 100}, {"150 mm", kSame, 115}}},
       Unit::Piece, {1, 5, 10}, 1200, 2200},
      {"Szczypce {0} {1} {2}", "{0} pliers {1} {2}",
       {{{"uniwersalne", "Combination"}, {"boczne", "Diagonal cutting"}, {"półokrągłe wydłużone", "Long nose"}, {"do zdejmowania izolacji", "Wire stripping", 120}, {"nastawne", "Water pump", 130}},
        {{"160 mm", kSame, 90}, {"180 mm", kSame, 100}, {"200 mm", kSame, 110}, {"250 mm", kSame, 130}},
        {{""}, {"izolowane 1000 V", "VDE 1000 V insulated", 170}}},
       Unit::Piece, {1, 5}, 2800, 4500},
    }},
    {"Elektronarzędzia", {
      {"Wiertarko-wkrętarka akumulatorowa {0} {1} {2}", "Cordless drill driver {0} {1} {2}",
       {{{"12 V", kSame, 75}, {"18 V", kSame, 100}, {"18 V bezszczotkowa", "18 V brushless", 130}},
        {{"bez akumulatora", "bare tool", 45}, {"2x2,0 Ah", kSame, 100}, {"2x4,0 Ah", kSame, 125}, {"2x5,0 Ah", kSame, 140}},
        {{"w walizce", "in a case"}, {"w skrzynce systemowej", "in a stackable case", 108}}},
       Unit::Piece, {1}, 42000, 62000},
      {"Szlifierka kątowa {0} {1} {2}", "Angle grinder {0} {1} {2}",
       {{{"115 mm", kSame, 90}, {"125 mm", kSame, 100}, {"150 mm", kSame, 125}, {"180 mm", kSame, 150}, {"230 mm", kSame, 165}},
        {{"750 W", kSame, 80}, {"1100 W", kSame, 100}, {"1400 W", kSame, 120}, {"2200 W", kSame, 160}},
        {{""}, {"z regulacją obrotów", "variable speed", 120}}},
       Unit::Piece, {1}, 22000, 34000},
      {"Młotowiertarka SDS-Plus {0} {1} {2}", "SDS-Plus rotary hammer {0} {1} {2}",
       {{{"800 W", kSame, 80}, {"1000 W", kSame, 100}, {"1500 W", kSame, 135}},
        {{"2,7 J", kSame, 90}, {"3,2 J", kSame, 100}, {"4 J", kSame, 120}, {"5 J", kSame, 140}},
        {{""}, {"z uchwytem wymiennym", "with quick-change chuck", 115}}},
       Unit::Piece, {1}, 38000, 56000},
    }},
    {"Osprzęt do elektronarzędzi", {
      {"Tarcza do cięcia {0} {1}x{2}", "Cutting disc for {0} {1}x{2}",
       {{{"metalu", "metal"}, {"stali nierdzewnej", "stainless steel", 115}, {"kamienia", "stone", 105}, {"aluminium", "aluminium", 120}},
        {{"115", kSame, 80}, {"125", kSame, 100}, {"180", kSame, 170}, {"230", kSame, 230}},
        {{"1,0 mm", kSame, 100}, {"1,6 mm", kSame, 105}, {"2,5 mm", kSame, 110}}},
       Unit::Piece, {1, 10, 25, 50}, 300, 550},
      {"Wiertło {0} {1}", "{0} drill bit {1}",
       {{{"do metalu HSS-G", "HSS-G metal"}, {"do metalu HSS-Co", "HSS-Co metal", 220}, {"do betonu SDS-Plus", "SDS-Plus concrete", 160}, {"do drewna spiralne", "spiral wood", 110}},
        {{"2 mm", kSame, 30}, {"2,5 mm", kSame, 35}, {"3 mm", kSame, 40}, {"3,2 mm", kSame, 42}, {"3,5 mm", kSame, 45}, {"4 mm", kSame, 50}, {"4,2 mm", kSame, 52}, {"4,5 mm", kSame, 55}, {"5 mm", kSame, 60}, {"5,5 mm", kSame, 68},
         {"6 mm", kSame, 75}, {"6,5 mm", kSame, 82}, {"7 mm", kSame, 88}, {"8 mm", kSame, 100}, {"8,5 mm", kSame, 108}, {"9 mm", kSame, 118}, {"10 mm", kSame, 140}, {"10,5 mm", kSame, 150}, {"11 mm", kSame, 160}, {"12 mm", kSame, 180},
         {"13 mm", kSame, 200}, {"14 mm", kSame, 230}, {"16 mm", kSame, 290}, {"18 mm", kSame, 350}, {"20 mm", kSame, 420}}},
       Unit::Piece, {1, 5, 10}, 800, 1300},
      {"Tarcza diamentowa {0} {1} {2}", "{0} diamond blade {1} {2}",
       {{{"segmentowa", "segmented"}, {"ciągła", "continuous rim", 110}, {"turbo", "turbo", 105}},
        {{"115 mm", kSame, 70}, {"125 mm", kSame, 80}, {"230 mm", kSame, 150}, {"350 mm", kSame, 400}},
        {{"do betonu", "for concrete"}, {"do płytek", "for tiles", 110}, {"uniwersalna", "universal", 105}}},
       Unit::Piece, {1, 5}, 4500, 7000},
      {"Bit {0} {1} op. {2} szt.", "Screwdriver bit {0} {1}, pack of {2}",
       {{{"PH1"}, {"PH2"}, {"PH3"}, {"PZ1"}, {"PZ2"}, {"PZ3"}, {"T10"}, {"T15"}, {"T20"}, {"T25"}, {"T30"}, {"T40", kSame, 110}, {"H4"}, {"H5"}, {"H6"}},
        {{"25 mm", kSame, 100}, {"50 mm", kSame, 150}, {"90 mm", kSame, 210}},
        {{"2", kSame, 100}, {"10", kSame, 420}}},
       Unit::Pack, {1, 5, 10}, 700, 1100},
      {"Papier ścierny {0} {1} op. {2} szt.", "Sandpaper {0} {1}, pack of {2}",
       {{{"arkusz 230x280 mm", "sheet 230x280 mm"}, {"krążek 125 mm na rzep", "125 mm hook-and-loop disc", 110}, {"krążek 150 mm na rzep", "150 mm hook-and-loop disc", 140}, {"pas 75x533 mm", "75x533 mm belt", 300}},
        {{"P40", kSame, 115}, {"P60", kSame, 110}, {"P80", kSame, 105}, {"P100"}, {"P120"}, {"P150"}, {"P180"}, {"P240"}, {"P320", kSame, 105}, {"P400", kSame, 110}},
        {{"10", kSame, 100}, {"50", kSame, 420}}},
       Unit::Pack, {1, 5, 10}, 1200, 1900},
      {"Brzeszczot do wyrzynarki {0} {1} {2} op. 5 szt.", "Jigsaw blade {0} {1} {2}, pack of 5",
       {{{"do drewna", "for wood"}, {"do metalu", "for metal", 120}, {"do laminatu", "for laminate", 130}, {"do tworzyw", "for plastics", 110}},
        {{"75 mm", kSame, 90}, {"100 mm", kSame, 100}, {"132 mm", kSame, 130}},
        {{"szybkie cięcie", "fast cut"}, {"czyste cięcie", "clean cut", 110}}},
       Unit::Pack, {1, 5, 10}, 1500, 2400},
    }},
    {"Narzędzia pomiarowe", {
      {"Miara zwijana {0} x {1} {2}", "Tape measure {0} x {1} {2}",
       {{{"3 m", kSame, 70}, {"5 m", kSame, 100}, {"8 m", kSame, 140}, {"10 m", kSame, 170}},
        {{"19 mm", kSame, 90}, {"25 mm", kSame, 100}, {"32 mm", kSame, 120}},
        {{""}, {"z magnesem", "with magnetic hook", 115}}},
       Unit::Piece, {1, 10, 12}, 1500, 2400},
      {"Poziomica {0} {1}", "{0} spirit level {1}",
       {{{"aluminiowa", "aluminium"}, {"magnetyczna", "magnetic", 125}, {"cyfrowa", "digital", 300}},
        {{"40 cm", kSame, 60}, {"60 cm", kSame, 75}, {"80 cm", kSame, 90}, {"100 cm", kSame, 100}, {"120 cm", kSame, 115}, {"150 cm", kSame, 135}, {"200 cm", kSame, 170}}},
       Unit::Piece, {1, 5}, 5000, 8000},
      {"Dalmierz laserowy {0} {1}", "Laser distance meter {0} {1}",
       {{{"40 m", kSame, 70}, {"60 m", kSame, 90}, {"80 m", kSame, 110}, {"100 m", kSame, 140}},
        {{""}, {"z Bluetooth", "with Bluetooth", 130}, {"z inklinometrem", "with inclinometer", 120}}},
       Unit::Piece, {1}, 18000, 28000},
      {"Suwmiarka {0} {1}", "{0} caliper {1}",
       {{{"analogowa", "Vernier"}, {"cyfrowa", "Digital", 170}, {"zegarowa", "Dial", 190}},
        {{"150 mm", kSame, 100}, {"200 mm", kSame, 140}, {"300 mm", kSame, 230}}},
       Unit::Piece, {1, 5}, 4500, 7500},
    }},
  }},
  };
  return kCatalog;
}
// clang-format on

// A family with where it sits, and how many distinct names its axes make.
struct FamilyRef {
  const Category* category;
  std::size_t category_index;
  const Subcategory* subcategory;
  const Family* family;
  std::uint64_t combinations;
};

// Each axis must appear exactly once in each template, or names would silently repeat or lose a variant.
void check_template(const char* name_template, const Family& family) {
  const std::string text = name_template;
  for (std::size_t axis = 0; axis < 4; ++axis) {
    const std::string placeholder = "{" + std::to_string(axis) + "}";
    const std::size_t at = text.find(placeholder);
    const bool once = at != std::string::npos && text.find(placeholder, at + 1) == std::string::npos;
    if (axis < family.axes.size() ? !once : at != std::string::npos)
      throw std::logic_error("seed catalog: " + text + ": each axis's placeholder exactly once");
  }
  if (family.axes.size() > 4 || family.packs.empty() || family.price_min <= 0 || family.price_max < family.price_min)
    throw std::logic_error(std::string("seed catalog: bad family ") + name_template);
}

std::vector<FamilyRef> flatten(const std::vector<Category>& categories) {
  std::vector<FamilyRef> refs;
  for (std::size_t c = 0; c < categories.size(); ++c)
    for (const Subcategory& sub : categories[c].subcategories)
      for (const Family& family : sub.families) {
        check_template(family.pl, family);
        check_template(family.en, family);
        std::uint64_t combinations = 1;
        for (const Axis& axis : family.axes) combinations *= axis.size();
        refs.push_back({&categories[c], c, &sub, &family, combinations});
      }
  return refs;
}

// "2,5 l" -> "2.5 l": English decimals, for variants whose English text is otherwise the Polish one.
std::string english_of(const Variant& variant) {
  if (variant.en) return variant.en;
  std::string text = variant.pl;
  for (std::size_t i = 1; i + 1 < text.size(); ++i)
    if (text[i] == ',' && text[i - 1] >= '0' && text[i - 1] <= '9' && text[i + 1] >= '0' && text[i + 1] <= '9')
      text[i] = '.';
  return text;
}

// Fills {0}..{3}, then tidies what empty variants leave behind: double spaces, " ,", ", ," and a
// lowercase first letter (English templates may start with an adjective).
std::string render(const char* name_template, const Family& family, const std::uint64_t* picks, bool english) {
  std::string raw;
  for (const char* p = name_template; *p; ++p) {
    if (p[0] == '{' && p[1] >= '0' && p[1] <= '3' && p[2] == '}') {
      const Variant& variant = family.axes[static_cast<std::size_t>(p[1] - '0')][picks[p[1] - '0']];
      raw += english ? english_of(variant) : std::string(variant.pl);
      p += 2;
    } else {
      raw += *p;
    }
  }
  std::string name;
  for (char ch : raw) {
    if (ch == ' ' && (name.empty() || name.back() == ' ')) continue;
    if (ch == ',' && !name.empty() && name.back() == ' ') name.pop_back();
    if (ch == ',' && !name.empty() && name.back() == ',') continue;
    name += ch;
  }
  while (!name.empty() && (name.back() == ' ' || name.back() == ',')) name.pop_back();
  if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') name[0] = char(name[0] - 'a' + 'A');
  return name;
}

// Round to the price ends shops use: above 10 zł, ,x9 grosze.
std::int64_t shelf_price(std::int64_t grosze) {
  if (grosze >= 1000) grosze = grosze / 10 * 10 + 9;
  if (grosze < 80) grosze = 80;  // so that the deepest discount and tier stay at or above 0,50 zł
  if (grosze > 499999) grosze = 499999;
  return grosze;
}

// x * (100 - percent) / 100, rounded half up (all values positive).
std::int64_t discounted(std::int64_t grosze, std::int64_t percent) { return (grosze * (100 - percent) + 50) / 100; }

constexpr std::int64_t kMinPrice = 50;  // 0,50 zł

// --- Companies and users -----------------------------------------------------------------------------

struct AddressSpec {
  const char* label;
  const char* street;
  const char* postal_code;
  const char* city;
};

struct UserSpec {
  const char* local_part;  // e-mail before the @, "kupiec1"
  const char* name;
  Role role;
  int number;  // the n in the e-mail and the password
  std::int64_t spending_limit_zl;
};

struct CompanySpec {
  const char* slug;
  const char* name;
  const char* domain;
  const char* tax_office;  // first three NIP digits: the issuing tax office
  std::vector<AddressSpec> addresses;
  PaymentTerms terms;
  std::int64_t credit_limit_zl;
  bool po_number_required;
  std::int64_t discount_percent;
  std::vector<UserSpec> users;
};

const std::vector<CompanySpec>& company_specs() {
  static const std::vector<CompanySpec> kCompanies = {
      {"budmax",
       "Budmax Sp. z o.o.",
       "budmax.pl",
       "894",
       {{"Siedziba Wrocław, ul. Robotnicza", "ul. Robotnicza 72", "53-608", "Wrocław"},
        {"Budowa Wrocław, ul. Legnicka", "ul. Legnicka 58", "54-204", "Wrocław"},
        {"Budowa Poznań, ul. Głogowska", "ul. Głogowska 248", "60-104", "Poznań"}},
       PaymentTerms::Net30,
       150000,
       true,
       12,
       {{"kupiec1", "Łukasz Wróbel", Role::Buyer, 1, 5000},
        {"kupiec2", "Katarzyna Woźniak", Role::Buyer, 2, 20000},
        {"akceptant1", "Małgorzata Dąbrowska", Role::Approver, 1, 100000},
        {"admin1", "Paweł Jóźwiak", Role::Admin, 1, 250000}}},
      {"elektroiskra",
       "Elektro-Iskra Sp. j.",
       "elektroiskra.pl",
       "676",
       {{"Siedziba Kraków, ul. Półłanki", "ul. Półłanki 18", "30-740", "Kraków"},
        {"Magazyn Łódź, ul. Żeromskiego", "ul. Stefana Żeromskiego 115", "90-542", "Łódź"}},
       PaymentTerms::Net60,
       80000,
       false,
       7,
       {{"kupiec1", "Zofia Kołodziej", Role::Buyer, 1, 10000},
        {"akceptant1", "Grzegorz Śliwiński", Role::Approver, 1, 60000},
        {"admin1", "Joanna Błaszczyk", Role::Admin, 1, 150000}}},
      {"portmech",
       "Portmech Zakład Mechaniczny Sp. z o.o.",
       "portmech.pl",
       "583",
       {{"Warsztat Gdańsk, ul. Marynarki Polskiej", "ul. Marynarki Polskiej 59", "80-557", "Gdańsk"}},
       PaymentTerms::Prepaid,
       0,
       false,
       0,
       {{"kupiec1", "Bartłomiej Ćwikła", Role::Buyer, 1, 5000},
        {"akceptant1", "Elżbieta Szymańska", Role::Approver, 1, 50000},
        {"admin1", "Jędrzej Nowicki", Role::Admin, 1, 100000}}},
      // The shop itself, last so the customers' NIPs, address ids and users stay as they were. Its seller
      // answers requests for quote and never orders (no limit); its price list is the undiscounted list
      // price, which the seller sees as the reference when quoting.
      {"shop",
       "Hurtownia Techniczna Sp. z o.o.",
       "hurtownia.pl",
       "525",
       {{"Magazyn centralny Warszawa, ul. Annopol", "ul. Annopol 4", "03-236", "Warszawa"}},
       PaymentTerms::Prepaid,
       0,
       false,
       0,
       {{"sprzedawca", "Krzysztof Zieliński", Role::Seller, 1, 0}}},
  };
  return kCompanies;
}

Money zloty(std::int64_t zl) { return Money{zl * 100, Currency::PLN}; }

}  // namespace

std::vector<SeedPunchoutClient> punchout_clients() {
  return {{"pc-budmax-oci", "oci", "budmax-sap", "", "u-budmax-kupiec1", "punchout-oci-1"},
          {"pc-budmax-cxml", "cxml", "budmax-ariba", "NetworkID", "u-budmax-kupiec1", "punchout-cxml-1"}};
}

SeedData generate_seed(const SeedOptions& options) {
  const std::vector<Category>& categories = catalog();
  const std::vector<FamilyRef> families = flatten(categories);
  const std::uint64_t count = options.product_count;
  const std::uint64_t seed = options.seed;

  SeedData data;
  data.products.reserve(options.product_count);
  std::vector<std::int64_t> base_price;  // per product, before any company discount
  base_price.reserve(options.product_count);
  std::vector<std::uint64_t> sku_used(categories.size(), 0);
  // Every (family, combination of its axes) is one name; first_name[f] is family f's first.
  std::vector<std::uint64_t> first_name;
  std::uint64_t names = 0;
  for (const FamilyRef& ref : families) {
    first_name.push_back(names);
    names += ref.combinations;
  }

  constexpr std::uint64_t kSkuNumbers = 900000;  // 100000..999999: six digits, no leading zero
  constexpr std::uint64_t kEanBodies = 1000000000;
  SplitMix64 rng(key_of(seed, kProductStream));
  for (std::uint64_t i = 0; i < count; ++i) {
    // The catalog walks through all names in a shuffled order, so no name repeats until every one is
    // used; then the next pass shuffles them again. Categories get products in proportion to names.
    const std::uint64_t pass = i / names;
    const std::uint64_t name = permute(i % names, names, mix64(key_of(seed, kComboKey) + pass));
    const std::size_t family_index =
        static_cast<std::size_t>(std::upper_bound(first_name.begin(), first_name.end(), name) - first_name.begin()) - 1;
    const FamilyRef& ref = families[family_index];
    const Family& family = *ref.family;
    std::uint64_t combination = name - first_name[family_index];
    std::uint64_t picks[4] = {0, 0, 0, 0};
    std::int64_t price = rng.between(family.price_min, family.price_max);
    for (std::size_t a = 0; a < family.axes.size(); ++a) {
      picks[a] = combination % family.axes[a].size();
      combination /= family.axes[a].size();
      price = (price * family.axes[a][picks[a]].price_pct + 50) / 100;
    }
    price = shelf_price(price);

    Product product;
    const std::uint64_t sku_nth = sku_used[ref.category_index]++;
    if (sku_nth >= kSkuNumbers)
      throw std::length_error(std::string("seed: more than 900000 products in category ") + ref.category->name);
    product.sku = std::string(ref.category->sku_prefix) + "-" +
                  std::to_string(100000 + permute(sku_nth, kSkuNumbers, key_of(seed, kSkuKey, ref.category_index)));
    // i < 7 x 900,000 here (see the SKU check), well inside the billion EAN bodies.
    const std::string ean12 = "590" + zero_padded(permute(i, kEanBodies, key_of(seed, kEanKey)), 9);
    product.ean = ean12 + ean13_check_digit(ean12);
    product.name.pl = render(family.pl, family, picks, false);
    product.name.en = render(family.en, family, picks, true);
    product.category_path = {ref.category->name, ref.subcategory->name};
    product.brand = ref.category->brands[rng.below(ref.category->brands.size())];
    product.unit = family.unit;
    product.pack_size = family.packs[rng.below(family.packs.size())];
    // Small packs of cheap goods often have a minimum of a few packs; dear or bulky goods do not.
    std::int64_t min_packs = 1;
    if (price < 5000 && product.pack_size <= 12) {
      static const std::int64_t kMinPacks[] = {1, 1, 1, 1, 2, 2, 5, 10};
      min_packs = kMinPacks[rng.below(8)];
      if (product.pack_size > 1 && min_packs > 2) min_packs = 2;
    }
    product.min_order_quantity = product.pack_size * min_packs;
    product.vat = family.vat;
    product.active = !(rng.below(1000) < 20);
    // Stock in whole packs; dear goods are kept in small numbers.
    const std::int64_t max_stock = price > 100000 ? 40 : price > 10000 ? 600 : 5000;
    const std::int64_t max_packs = std::max<std::int64_t>(1, max_stock / product.pack_size);
    product.stock = rng.percent(8) || !product.active ? 0 : product.pack_size * rng.between(1, max_packs);
    base_price.push_back(price);
    data.products.push_back(std::move(product));
  }

  // Companies: fixed, except for the NIP digits, which come from the seed.
  SplitMix64 nip_rng(key_of(seed, kNipStream));
  int address_number = 0;
  for (const CompanySpec& spec : company_specs()) {
    Company company;
    company.id = std::string("c-") + spec.slug;
    company.name = spec.name;
    company.nip = make_nip(spec.tax_office, nip_rng);
    company.eu_vat_id = "PL" + company.nip;
    for (const AddressSpec& a : spec.addresses)
      company.addresses.push_back(
          {"a-" + std::to_string(++address_number), a.label, a.street, a.postal_code, a.city, "PL"});
    company.payment_terms = spec.terms;
    company.credit_limit = zloty(spec.credit_limit_zl);
    company.po_number_required = spec.po_number_required;
    company.price_list_id = std::string("pl-") + spec.slug;
    data.companies.push_back(company);

    for (const UserSpec& u : spec.users) {
      SeedUser user;
      user.user.id = std::string("u-") + spec.slug + "-" + u.local_part;
      user.user.company_id = company.id;
      user.user.email = std::string(u.local_part) + "@" + spec.domain;
      user.user.name = u.name;
      user.user.role = u.role;
      user.user.spending_limit = zloty(u.spending_limit_zl);
      user.user.active = true;
      user.password = std::string("haslo-") + role_code(u.role) + "-" + std::to_string(u.number);
      data.users.push_back(std::move(user));
    }
  }
  data.punchout_clients = punchout_clients();

  // Price lists: the company's discount on the base price; a third of products have quantity tiers,
  // the same quantities for every company. Tier draws come from a per-product stream so that the
  // price lists of a longer catalog start with those of a shorter one.
  struct TierPlan {
    std::int64_t min_quantity;
    std::int64_t percent;  // off the company's unit price
  };
  std::vector<std::vector<TierPlan>> plans(data.products.size());
  for (std::size_t i = 0; i < data.products.size(); ++i) {
    SplitMix64 tier_rng(key_of(seed, kTierStream, i));
    if (tier_rng.below(3) != 0) continue;
    const std::int64_t tiers = tier_rng.between(1, 3);
    std::int64_t quantity = data.products[i].min_order_quantity;
    std::int64_t percent = 0;
    static const std::int64_t kFirstSteps[] = {2, 5, 10};
    static const std::int64_t kNextSteps[] = {2, 4, 5};
    for (std::int64_t t = 0; t < tiers; ++t) {
      quantity *= t == 0 ? kFirstSteps[tier_rng.below(3)] : kNextSteps[tier_rng.below(3)];
      if (t > 0 && quantity > 5000) break;  // nobody negotiates a price for 20 km of cable
      percent += tier_rng.between(3, 6);
      plans[i].push_back({quantity, percent});
    }
  }
  for (std::size_t c = 0; c < data.companies.size(); ++c) {
    PriceList list;
    list.id = data.companies[c].price_list_id;
    list.company_id = data.companies[c].id;
    list.currency = Currency::PLN;
    list.version = 1;
    const std::int64_t discount = company_specs()[c].discount_percent;
    for (std::size_t i = 0; i < data.products.size(); ++i) {
      if (!data.products[i].active) continue;
      PriceListEntry entry;
      entry.sku = data.products[i].sku;
      entry.unit_net_minor = std::max(kMinPrice, discounted(base_price[i], discount));
      std::int64_t previous = entry.unit_net_minor;
      for (const TierPlan& plan : plans[i]) {
        const std::int64_t tier_price = discounted(entry.unit_net_minor, plan.percent);
        if (tier_price >= previous || tier_price < kMinPrice) break;  // too cheap to discount further
        entry.tiers.push_back({plan.min_quantity, tier_price});
        previous = tier_price;
      }
      list.entries.push_back(std::move(entry));
    }
    data.price_lists.push_back(std::move(list));
  }
  return data;
}

}  // namespace b2b::seed
