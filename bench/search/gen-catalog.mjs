// Deterministic industrial catalog (JSON lines) and search queries with known targets for the
// offline-search benchmark: the same arguments give byte-identical files on every run and machine.
//   node gen-catalog.mjs --products 100000 --seed 1 --catalog out.jsonl --queries out.json [--query-count 2000]
import { writeFileSync } from "node:fs";

import { foldForSearch, searchWords } from "./lib.mjs";

// --- Arguments ---------------------------------------------------------------------------------

function parseArgs(argv) {
  const args = { products: null, seed: 1, catalog: null, queries: null, queryCount: 2000 };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case "--products": args.products = Number(value); i++; break;
      case "--seed": args.seed = Number(value); i++; break;
      case "--catalog": args.catalog = value; i++; break;
      case "--queries": args.queries = value; i++; break;
      case "--query-count": args.queryCount = Number(value); i++; break;
      default: usage(`unknown argument ${argv[i]}`);
    }
  }
  if (!Number.isInteger(args.products) || args.products < 100) usage("--products must be an integer >= 100");
  if (!Number.isInteger(args.seed) || args.seed < 0) usage("--seed must be a non-negative integer");
  if (!Number.isInteger(args.queryCount) || args.queryCount < 5) usage("--query-count must be an integer >= 5");
  if (!args.catalog || !args.queries) usage("--catalog and --queries are required");
  return args;
}

function usage(problem) {
  process.stderr.write(`gen-catalog: ${problem}\nusage: node gen-catalog.mjs --products N --seed S ` +
                       `--catalog FILE.jsonl --queries FILE.json [--query-count Q]\n`);
  process.exit(2);
}

// --- Randomness --------------------------------------------------------------------------------
// sfc32 on 32-bit integer arithmetic: identical on every engine, unlike Math.random. Separate
// streams for the catalog and the queries, so changing one never reshuffles the other.

function makeRng(seed, stream) {
  let a = 0x9e3779b9 ^ seed, b = 0x243f6a88 ^ stream, c = 0xb7e15162, d = (seed * 0x85ebca6b) ^ stream;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 20; i++) next();
  const rng = {
    u32: next,
    below: (n) => next() % n,  // bias < n / 2^32: irrelevant for the small n used here
    between: (lo, hi) => lo + (next() % (hi - lo + 1)),
    pick: (list) => list[next() % list.length],
    chance: (percent) => next() % 100 < percent,
  };
  return rng;
}

// --- Vocabulary --------------------------------------------------------------------------------
// A family is a product type with its axes; a name picks one value per axis. An axis value may be
// "" (the axis is left out of that name). Dimensions are generated lists, so 100k products are
// mostly distinct names, as in a real wholesaler's catalog.

const range = (from, to, step = 1) => {
  const out = [];
  for (let v = from; v <= to + 1e-9; v += step) out.push(Math.round(v * 10) / 10);
  return out;
};
const plNum = (v) => String(v).replace(".", ",");  // Polish decimal comma
const cross = (as, bs, join) => as.flatMap((a) => bs.map((b) => join(a, b)));

const metric = [3, 4, 5, 6, 8, 10, 12, 14, 16, 20, 24];
const lengths = [8, 10, 12, 16, 20, 25, 30, 35, 40, 45, 50, 60, 70, 80, 90, 100, 120, 140, 160, 180, 200];
const boltDims = cross(metric, lengths, (m, l) => `M${m}x${l}`);
const nutDims = metric.map((m) => `M${m}`);
const screwDims = cross([3, 3.5, 4, 4.5, 5, 6, 8], [16, 20, 25, 30, 35, 40, 45, 50, 60, 70, 80, 100, 120, 160, 200],
                        (d, l) => `${plNum(d)}x${l}`);
const screwDimsEn = cross([3, 3.5, 4, 4.5, 5, 6, 8], [16, 20, 25, 30, 40, 50, 60, 80, 100], (d, l) => `${d}x${l}`);
const anchorDims = cross([6, 8, 10, 12, 14, 16], [40, 50, 60, 80, 100, 120, 140, 160], (d, l) => `${d}x${l}`);
const oringDims = cross(range(4, 80, 2), [1, 1.5, 2, 2.5, 3, 4, 5], (d, s) => `${d}x${plNum(s)} mm`);
const sealDims = cross([15, 17, 20, 22, 25, 30, 35, 40, 45, 50], [28, 32, 35, 40, 47, 52, 62, 72],
                       (d, D) => `${d}x${D}x${D > 50 ? 10 : 7}`).filter((s) => {
  const [d, D] = s.split("x").map(Number);
  return D > d + 6;
});
const bearings = [...range(6000, 6012), ...range(6200, 6216), ...range(6300, 6312), ...range(30202, 30212),
                  ...range(22208, 22220), ...range(7200, 7210)].map(String);
const cableCross = ["2x1", "2x1,5", "3x1", "3x1,5", "3x2,5", "3x4", "3x6", "4x1,5", "4x2,5", "4x4", "4x10",
                    "5x1,5", "5x2,5", "5x4", "5x6", "5x10", "5x16", "1x6", "1x10", "1x16", "1x25"];
const pipeSizes = ["16x2", "20x2", "20x2,8", "25x3,5", "26x3", "32x3", "32x4,4", "40x3,7", "40x5,5", "50x4,6",
                   "63x5,8", "12x1", "15x1", "18x1", "22x1", "28x1,2", "35x1,5", "42x1,5"];
const inchSizes = ["1/4\"", "3/8\"", "1/2\"", "3/4\"", "1\"", "1 1/4\"", "1 1/2\"", "2\""];
const mmSizes = ["15 mm", "16 mm", "18 mm", "20 mm", "22 mm", "25 mm", "28 mm", "32 mm", "35 mm", "40 mm"];
const sewerSizes = ["fi 32", "fi 40", "fi 50", "fi 75", "fi 110", "fi 160", "fi 200"];
const lengthsM = ["dł. 0,5 m", "dł. 1 m", "dł. 2 m", "dł. 3 m", "dł. 4 m", "dł. 6 m"];
const drills = range(1, 16, 0.5).map((d) => `fi ${plNum(d)}`);
const drillLen = ["110 mm", "160 mm", "210 mm", "260 mm", "310 mm", "450 mm", ""];
const discs = cross([115, 125, 150, 180, 230, 300, 350], [1, 1.2, 1.6, 2, 2.5, 3], (d, t) => `${d}x${plNum(t)}`);
const grits = ["P24", "P36", "P40", "P60", "P80", "P100", "P120", "P150", "P180", "P220", "P240", "P320", "P400"];
const watts = ["5W", "7W", "9W", "10W", "12W", "15W", "18W", "20W", "24W", "30W", "36W", "40W", "50W", "100W", "150W", "200W"];
const kelvins = ["2700K", "3000K", "4000K", "5000K", "6500K"];
const ipCodes = ["IP20", "IP40", "IP44", "IP54", "IP65", "IP66", "IP67"];
const gloveSizes = ["rozm. 6", "rozm. 7", "rozm. 8", "rozm. 9", "rozm. 10", "rozm. 11", "rozm. 12"];
const shoeSizes = range(36, 48).map((s) => `rozm. ${s}`);
const clothSizes = ["S", "M", "L", "XL", "XXL", "3XL"];
const coloursF = ["biała", "szara", "czarna", "brązowa", "bezbarwna", "grafitowa", "beżowa", "jasnoszara", "antracytowa"];
const coloursM = ["biały", "szary", "czarny", "kremowy", "srebrny", "antracytowy", "żółty", "niebieski", "czerwony", "zielony", "pomarańczowy"];
const capacities = ["50 ml", "100 ml", "280 ml", "290 ml", "300 ml", "310 ml", "400 ml", "500 ml", "600 ml", "750 ml",
                    "870 ml", "1 l", "5 l", "10 l", "20 l", "0,5 kg", "1 kg", "4 kg", "18 kg", "20 g", "50 g"];

const PL = "pl", EN = "en";
const F = (code, category, lang, unit, packs, brands, axes, weight = 1) =>
  ({ code, category, lang, unit, packs, brands, axes, weight });

const FAMILIES = [
  F("ZLN", "Elementy złączne > Śruby", PL, "opak", [10, 25, 50, 100, 200],
    ["Stalmet", "Gwintex", "Würth", "Kołnierz-Pol", "Bossard"],
    [["Śruba z łbem sześciokątnym", "Śruba imbusowa z łbem walcowym", "Śruba zamkowa z łbem grzybkowym",
      "Śruba z łbem stożkowym", "Śruba z łbem soczewkowym", "Śruba dwustronna", "Śruba oczkowa", "Śruba rzymska"],
     boltDims, ["DIN 933", "DIN 931", "DIN 912", "ISO 4017", "ISO 7380", "DIN 603", "DIN 7991", "DIN 444", ""],
     ["kl. 4.8", "kl. 5.8", "kl. 8.8", "kl. 10.9", "kl. 12.9", "A2", "A4"],
     ["ocynk", "ocynk ogniowy", "ocynk płatkowy", "czarna", "bez powłoki", "ocynk żółty"]], 6),
  F("ZLN", "Elementy złączne > Nakrętki", PL, "opak", [25, 50, 100, 200, 500],
    ["Stalmet", "Gwintex", "Würth", "Bossard"],
    [["Nakrętka sześciokątna", "Nakrętka samokontrująca", "Nakrętka kołnierzowa", "Nakrętka kołpakowa",
      "Nakrętka motylkowa", "Nakrętka wciskana", "Nakrętka nitowana", "Nakrętka przedłużona"],
     nutDims, ["DIN 934", "DIN 985", "DIN 6923", "DIN 1587", "DIN 315", "DIN 6334", "ISO 4032"],
     ["kl. 6", "kl. 8", "kl. 10", "A2", "A4", "mosiężna"], ["ocynk", "ocynk ogniowy", "czarna", "bez powłoki", "ocynk żółty"]], 3),
  F("ZLN", "Elementy złączne > Podkładki", PL, "opak", [50, 100, 200, 500, 1000],
    ["Stalmet", "Gwintex", "Würth"],
    [["Podkładka płaska", "Podkładka sprężysta", "Podkładka poszerzana", "Podkładka zębata", "Podkładka klinowa",
      "Podkładka kwadratowa", "Podkładka zabezpieczająca"],
     nutDims, ["DIN 125", "DIN 127", "DIN 9021", "DIN 6798", "DIN 434", "DIN 436", "DIN 25201"],
     ["A2", "A4", "stal", "mosiądz", "poliamid"], ["ocynk", "ocynk ogniowy", "bez powłoki", "ocynk płatkowy"]], 2),
  F("ZLN", "Elementy złączne > Wkręty", PL, "opak", [100, 200, 250, 500, 1000],
    ["Stalmet", "Rawlplug", "Würth", "Spax", "Kołnierz-Pol"],
    [["Wkręt do drewna", "Wkręt samowiercący", "Wkręt do płyt g-k", "Wkręt konstrukcyjny", "Wkręt farmerski",
      "Wkręt do betonu", "Wkręt samogwintujący", "Wkręt do tarasów"],
     screwDims, ["łeb stożkowy", "łeb talerzowy", "łeb soczewkowy", "łeb sześciokątny", "łeb walcowy", ""],
     ["PZ2", "PZ3", "PH2", "TX20", "TX25", "TX30", "TX40", ""],
     ["ocynk żółty", "ocynk biały", "nierdzewny A2", "fosfatowany", "czarny", "woskowany"]], 6),
  F("KOT", "Elementy złączne > Kotwy i kołki", PL, "opak", [10, 25, 50, 100],
    ["Rawlplug", "Fischer", "Koelner", "Würth"],
    [["Kotwa stalowa rozporowa", "Kołek rozporowy nylonowy", "Kołek ramowy", "Kotwa opaskowa", "Kotwa wbijana",
      "Kołek do betonu komórkowego", "Kołek do płyt g-k", "Kotwa sufitowa", "Łącznik do izolacji"],
     anchorDims, ["z kołnierzem", "z wkrętem", "z hakiem", "z oczkiem", "z nakrętką", ""],
     ["ocynk", "nierdzewna A4", "poliamid", "polipropylen"]], 3),
  F("MEC", "Mechanika > Uszczelnienia", PL, "opak", [5, 10, 12, 25, 50],
    ["Stalmet", "Simrit", "Corteco", "Uszczelpol"],
    [["O-ring"], oringDims, ["NBR70", "NBR90", "FKM", "EPDM", "silikon VMQ", "HNBR"]], 3),
  F("MEC", "Mechanika > Uszczelnienia", PL, "szt", [1],
    ["Simrit", "Corteco", "Uszczelpol", "SKF"],
    [["Pierścień uszczelniający wału", "Uszczelniacz wargowy", "Uszczelka płaska", "Uszczelka klingerytowa"],
     sealDims, ["NBR", "FKM", "PTFE", "silikon"], ["typ A", "typ AS z wargą przeciwpyłową", "typ B", ""]], 2),
  F("MEC", "Mechanika > Łożyska", PL, "szt", [1],
    ["SKF", "FAG", "NSK", "ZVL", "Kraśnik", "Timken"],
    [["Łożysko kulkowe zwykłe", "Łożysko stożkowe", "Łożysko baryłkowe", "Łożysko skośne", "Łożysko kulkowe wahliwe",
      "Oprawa łożyskowa stojąca"],
     bearings, ["2RS", "ZZ", "2RS C3", "ZZ C3", "C3", "otwarte"], ["stal łożyskowa", "nierdzewne", ""]], 3),
  F("ELE", "Elektryka > Przewody", PL, "m", [1],
    ["Elektrokabel", "Telefonika", "Nexans", "Lapp", "Tele-Fonika"],
    [["Przewód YDY", "Przewód YDYp", "Przewód OWY", "Przewód LgY", "Przewód H07RN-F", "Kabel YKY", "Przewód OMY",
      "Przewód ekranowany LiYCY", "Kabel ziemny YKXS"],
     cableCross, ["450/750V", "300/500V", "0,6/1kV", ""], ["krążek 100 m", "bęben 500 m", "na metry", "krążek 50 m"],
     ["żółto-zielony", "czarny", "biały", "szary", ""]], 4),
  F("ELE", "Elektryka > Aparatura modułowa", PL, "szt", [1],
    ["Legrand", "Schneider Electric", "Hager", "Eaton", "Elektro-Plast", "Noark"],
    [["Wyłącznik nadprądowy", "Wyłącznik różnicowoprądowy", "Rozłącznik izolacyjny", "Ogranicznik przepięć",
      "Stycznik modułowy", "Przekaźnik czasowy", "Lampka sygnalizacyjna", "Dzwonek modułowy"],
     ["B6", "B10", "B13", "B16", "B20", "B25", "B32", "C6", "C10", "C16", "C20", "C25", "C32", "C40", "C63", "D16", "D25"],
     ["1P", "1P+N", "2P", "3P", "3P+N", "4P"], ["6kA", "10kA", "30mA typ AC", "30mA typ A", "100mA", ""]], 4),
  F("ELE", "Elektryka > Osprzęt instalacyjny", PL, "szt", [1],
    ["Legrand", "Kontakt-Simon", "Ospel", "Schneider Electric", "Elektro-Plast"],
    [["Gniazdo wtyczkowe pojedyncze", "Gniazdo wtyczkowe podwójne", "Łącznik schodowy", "Łącznik świecznikowy",
      "Łącznik jednobiegunowy", "Puszka instalacyjna", "Puszka rozgałęźna", "Listwa zasilająca", "Przedłużacz bębnowy",
      "Ramka pojedyncza", "Ramka potrójna"],
     ["podtynkowe", "natynkowe", "hermetyczne", "z uziemieniem", "z klapką", "z ładowarką USB", ""],
     coloursM, ipCodes, ["seria Sedna", "seria Basic", "seria Aria", "seria Karo", "seria Niloe", ""]], 4),
  F("ELE", "Elektryka > Oświetlenie", PL, "szt", [1],
    ["Kanlux", "Philips", "Osram", "LEDVANCE", "GTV", "Spectrum"],
    [["Oprawa hermetyczna LED", "Naświetlacz LED", "Żarówka LED", "Świetlówka LED T8", "Plafon LED",
      "Oprawa panelowa LED", "Oprawa awaryjna LED", "Lampa warsztatowa LED", "Taśma LED"],
     watts, kelvins, ipCodes, ["E27", "E14", "GU10", "G13", "z czujnikiem ruchu", ""]], 4),
  F("HYD", "Hydraulika > Rury", PL, "m", [1],
    ["Kan-Therm", "Wavin", "Rehau", "Uponor", "Magnaplast", "Pipelife"],
    [["Rura PEX/AL/PEX", "Rura PP-R stabilizowana", "Rura miedziana", "Rura stalowa ocynkowana",
      "Rura wielowarstwowa", "Rura PE100 do wody", "Rura osłonowa peszel"],
     pipeSizes, ["PN10", "PN16", "PN20", "SDR11", "SDR17", ""], ["sztanga 4 m", "zwój 200 m", "sztanga 3 m", "zwój 50 m", "twarda", "półtwarda"]], 3),
  F("HYD", "Hydraulika > Kanalizacja", PL, "szt", [1],
    ["Wavin", "Magnaplast", "Pipelife", "Kaczmarek"],
    [["Rura kanalizacyjna PVC", "Rura kanalizacyjna PP", "Kolano kanalizacyjne", "Trójnik kanalizacyjny",
      "Redukcja kanalizacyjna", "Czyszczak kanalizacyjny", "Zawór napowietrzający"],
     sewerSizes, ["15°", "30°", "45°", "67°", "87°", ""], lengthsM, ["szara", "pomarańczowa", "biała"]], 3),
  F("HYD", "Hydraulika > Kształtki", PL, "szt", [1],
    ["Kan-Therm", "Ferro", "Perfexim", "Viega", "Tiemme"],
    [["Kolano", "Trójnik", "Mufa", "Nypel", "Redukcja", "Złączka zaprasowa", "Śrubunek", "Korek", "Zaślepka",
      "Kolano ścienne"],
     ["mosiężne", "mosiężny", "ocynkowane", "PP-R", "miedziane", "PE", "niklowane", "żeliwne"],
     [...inchSizes, ...mmSizes], ["GW", "GZ", "GW/GZ", ""], ["90°", "45°", ""]], 5),
  F("HYD", "Hydraulika > Zawory", PL, "szt", [1],
    ["Ferro", "Perfexim", "Danfoss", "Herz", "Valvex", "Zetkama"],
    [["Zawór kulowy", "Zawór zwrotny", "Zawór bezpieczeństwa", "Zawór antyskażeniowy", "Zawór termostatyczny",
      "Filtr siatkowy skośny", "Zawór grzybkowy", "Reduktor ciśnienia wody", "Zawór odcinający"],
     inchSizes, ["PN10", "PN16", "PN25", "PN40"], ["motylek", "dźwignia", "z odwodnieniem", "pełnoprzelotowy", ""],
     ["mosiądz", "mosiądz niklowany", "stal nierdzewna", "żeliwo", "brąz"]], 4),
  F("NAR", "Narzędzia > Narzędzia ręczne", PL, "szt", [1],
    ["Yato", "Neo", "Stanley", "Bahco", "Wiha", "Knipex", "Lahti Pro", "Topex"],
    [["Młotek ślusarski", "Młotek murarski", "Klucz płasko-oczkowy", "Klucz nasadowy", "Szczypce uniwersalne",
      "Szczypce do cięcia bocznego", "Wkrętak płaski", "Wkrętak krzyżowy", "Klucz dynamometryczny", "Kombinerki",
      "Przecinak ślusarski", "Pilnik ślusarski", "Poziomica aluminiowa", "Miara zwijana", "Kątownik stolarski",
      "Nóż z ostrzem łamanym", "Piła do metalu", "Szczypce do pierścieni", "Klucz nastawny", "Ściągacz do łożysk",
      "Kielnia murarska", "Pędzel płaski"],
     ["6 mm", "8 mm", "10 mm", "13 mm", "17 mm", "19 mm", "22 mm", "24 mm", "300 g", "500 g", "800 g", "1000 g",
      "160 mm", "180 mm", "200 mm", "250 mm", "300 mm", "600 mm", "1000 mm", "3 m", "5 m", "8 m", "PH2", "SL5,5"],
     ["CrV", "CrMo", "S2", "stal hartowana", "izolowany 1000V", ""], ["rękojeść dwukomponentowa", "rękojeść drewniana", "z magnesem", ""]], 6),
  F("NAR", "Narzędzia > Elektronarzędzia", PL, "szt", [1],
    ["Bosch", "Makita", "DeWalt", "Metabo", "Milwaukee", "Einhell", "Graphite"],
    [["Wiertarka udarowa", "Wkrętarka akumulatorowa", "Szlifierka kątowa", "Młotowiertarka SDS-plus",
      "Pilarka tarczowa", "Wyrzynarka", "Szlifierka oscylacyjna", "Klucz udarowy akumulatorowy", "Opalarka",
      "Odkurzacz przemysłowy", "Mieszadło do zapraw"],
     ["10,8V", "12V", "18V", "36V", "230V 500W", "230V 750W", "230V 1200W", "230V 2000W"],
     ["2x2,0Ah", "2x4,0Ah", "2x5,0Ah", "bez akumulatora", "w walizce", "w systemie Makpac", ""],
     ["bezszczotkowa", "z regulacją obrotów", "z hamulcem", ""]], 3),
  F("NAR", "Narzędzia > Osprzęt do elektronarzędzi", PL, "szt", [1],
    ["Bosch", "Makita", "Klingspor", "Yato", "Hilti", "Irwin"],
    [["Wiertło do metalu HSS", "Wiertło do betonu SDS-plus", "Wiertło do drewna", "Wiertło stopniowe",
      "Wiertło do płytek", "Otwornica bimetaliczna", "Koronka diamentowa"],
     drills, drillLen, ["kobaltowe", "szlifowane", "tytanowe", "czterostronne", ""]], 4),
  F("ABR", "Narzędzia > Materiały ścierne", PL, "szt", [1],
    ["Klingspor", "3M", "Norton", "Bosch", "Awuko"],
    [["Tarcza do cięcia metalu", "Tarcza do cięcia stali nierdzewnej", "Tarcza diamentowa segmentowa",
      "Tarcza diamentowa ciągła", "Tarcza listkowa", "Tarcza fibrowa", "Krążek ścierny na rzep", "Tarcza szlifierska"],
     discs, grits, ["korund", "cyrkon", "ceramika", "węglik krzemu", ""]], 4),
  F("ABR", "Narzędzia > Materiały ścierne", PL, "opak", [5, 10, 25, 50],
    ["Klingspor", "3M", "Norton", "Awuko"],
    [["Papier ścierny w arkuszach", "Pasek bezkońcowy", "Gąbka ścierna", "Siatka ścierna", "Włóknina ścierna"],
     ["230x280", "75x457", "75x533", "100x610", "115x280", "93x230", "150 mm", "125 mm"], grits,
     ["do drewna", "do metalu", "na mokro", "do lakieru", ""]], 2),
  F("BHP", "BHP > Rękawice", PL, "opak", [1, 6, 12, 120],
    ["Reis", "Portwest", "Ansell", "Uvex", "Mechanix", "Procera"],
    [["Rękawice robocze nitrylowe", "Rękawice powlekane poliuretanem", "Rękawice spawalnicze", "Rękawice antyprzecięciowe",
      "Rękawice skórzane", "Rękawice jednorazowe nitrylowe", "Rękawice ocieplane", "Rękawice antywibracyjne"],
     gloveSizes, ["EN 388 4131", "EN 388 4X43C", "EN 407", "EN 12477", "EN 374", "EN 511", ""],
     ["szare", "czarne", "niebieskie", "pomarańczowe", "zielone", ""]], 3),
  F("BHP", "BHP > Obuwie", PL, "szt", [1],
    ["Portwest", "Uvex", "Lemaitre", "Ppo", "Bennon", "Reis"],
    [["Obuwie ochronne", "Półbuty robocze", "Trzewiki ochronne", "Kalosze robocze", "Sandały robocze", "Buty spawalnicze"],
     shoeSizes, ["S1", "S1P", "S2", "S3", "S3 SRC", "O2", "S3 HRO SRC"], ["z podnoskiem kompozytowym", "ze stalowym podnoskiem", "ocieplane", ""]], 3),
  F("BHP", "BHP > Ochrona głowy, oczu i słuchu", PL, "szt", [1],
    ["Uvex", "3M", "JSP", "Portwest", "Honeywell", "Kask-Pol"],
    [["Kask ochronny", "Okulary ochronne", "Gogle ochronne", "Nauszniki przeciwhałasowe", "Półmaska filtrująca",
      "Przyłbica spawalnicza", "Osłona twarzy", "Wkładki przeciwhałasowe"],
     [...coloursM, "przezroczyste", "przyciemniane"], ["EN 397", "EN 166", "EN 352-1", "EN 149 FFP2", "EN 149 FFP3", "EN 175", "EN 12492"],
     ["z wentylacją", "z zaworkiem", "regulowany", "składane", ""]], 3),
  F("BHP", "BHP > Odzież robocza", PL, "szt", [1],
    ["Portwest", "Reis", "Snickers", "Procera", "Lahti Pro"],
    [["Kamizelka ostrzegawcza", "Spodnie robocze ogrodniczki", "Bluza robocza", "Kurtka softshell", "Kombinezon ochronny",
      "Szelki bezpieczeństwa", "Fartuch spawalniczy", "Koszulka polo robocza"],
     clothSizes, ["EN ISO 20471", "EN 13034", "EN ISO 11611", "EN 361", "EN 14404", ""],
     ["żółta", "pomarańczowa", "granatowa", "szara", "czarna", "zielona", "khaki"]], 3),
  F("CHE", "Chemia budowlana > Kleje i uszczelniacze", PL, "szt", [1],
    ["Soudal", "Den Braven", "Tytan", "Sika", "Ceresit", "Loctite", "Bostik"],
    [["Klej montażowy", "Pianka montażowa", "Silikon sanitarny", "Silikon neutralny", "Uszczelniacz akrylowy",
      "Klej cyjanoakrylowy", "Kit dekarski", "Masa uszczelniająca", "Klej poliuretanowy", "Uszczelniacz do gwintów",
      "Klej epoksydowy dwuskładnikowy"],
     coloursF, capacities, ["niskoprężna", "wężykowa", "pistoletowa", "zimowa", "ogniochronna", "w tubie", "w kartuszu", ""]], 4),
  F("CHE", "Chemia techniczna > Smary i oleje", PL, "szt", [1],
    ["WD-40", "Orlen Oil", "Ampol", "Motul", "Würth", "Liqui Moly", "Ośka"],
    [["Smar litowy", "Smar miedziany", "Smar grafitowy", "Olej hydrauliczny", "Olej przekładniowy", "Odtłuszczacz",
      "Preparat penetrujący", "Środek antykorozyjny", "Zmywacz do farb", "Spray cynkowy", "Płyn chłodzący",
      "Pasta do mycia rąk", "Środek antyadhezyjny spawalniczy"],
     capacities, ["w sprayu", "w tubie", "w puszce", "w kanistrze", "w wiadrze", ""], ["ISO VG 32", "ISO VG 46", "ISO VG 68", "EP2", "NLGI 2", ""]], 4),
  F("SPA", "Spawalnictwo > Materiały spawalnicze", PL, "kg", [1],
    ["Esab", "Lincoln Electric", "Kobe", "Bester", "Magnum", "Elektroda Ożarów"],
    [["Elektroda rutylowa", "Elektroda zasadowa", "Drut spawalniczy SG2", "Drut spawalniczy nierdzewny",
      "Drut proszkowy", "Pręt TIG", "Drut aluminiowy"],
     ["fi 0,6", "fi 0,8", "fi 1,0", "fi 1,2", "fi 2,0", "fi 2,5", "fi 3,2", "fi 4,0"],
     ["szpula 5 kg", "szpula 15 kg", "opak. 2,5 kg", "opak. 5 kg", "tuba 1 kg"], ["ER70S-6", "E6013", "E7018", "ER308LSi", "ER5356", ""]], 2),
  F("PNE", "Pneumatyka > Złącza i przewody", PL, "szt", [1],
    ["Prema", "Festo", "Camozzi", "Pneumat", "Aircraft"],
    [["Szybkozłączka pneumatyczna", "Wąż pneumatyczny poliuretanowy", "Złączka wtykowa prosta", "Złączka wtykowa kolanowa",
      "Reduktor ciśnienia z manometrem", "Zawór kulowy pneumatyczny", "Tłumik wydechu", "Odwadniacz"],
     ["6 mm", "8 mm", "10 mm", "12 mm", "1/8\"", "1/4\"", "3/8\"", "1/2\""], ["GW", "GZ", "do węża", ""],
     ["mosiądz", "mosiądz niklowany", "tworzywo", "stal", ""]], 2),
  // English names: imported lines listed by the supplier's name.
  F("IMP", "Elementy złączne > Śruby", EN, "opak", [50, 100, 200],
    ["Bossard", "Würth", "Fastenal"],
    [["Hex head bolt", "Socket head cap screw", "Carriage bolt", "Countersunk screw", "Button head screw"], boltDims,
     ["DIN 933", "DIN 912", "ISO 4017", "ISO 7380", "DIN 7991"], ["grade 8.8", "grade 10.9", "stainless A2", "stainless A4"],
     ["zinc plated", "hot-dip galvanised", "black oxide", "plain"]], 2),
  F("IMP", "Elementy złączne > Wkręty", EN, "opak", [100, 200, 500],
    ["Spax", "Würth", "Fastenal"],
    [["Wood screw", "Self-drilling screw", "Drywall screw", "Chipboard screw", "Decking screw"], screwDimsEn,
     ["countersunk head", "pan head", "wafer head", "hex head"], ["PZ2", "TX20", "TX25", "PH2"],
     ["yellow zinc", "stainless", "black phosphate", "ruspert"]], 1),
  F("IMP", "BHP > Rękawice", EN, "opak", [12, 120],
    ["Ansell", "Mechanix", "Showa", "Uvex"],
    [["Nitrile work gloves", "Cut-resistant gloves", "Welding gloves", "Disposable nitrile gloves", "Thermal work gloves"],
     ["size 7", "size 8", "size 9", "size 10", "size 11"], ["EN 388", "EN 407", "EN 374", "EN 511"],
     ["grey", "black", "blue", "orange", "green"]], 1),
  F("IMP", "Elektryka > Oświetlenie", EN, "szt", [1],
    ["Philips", "Osram", "LEDVANCE", "Sylvania"],
    [["LED floodlight", "LED high bay", "LED batten", "LED panel", "Emergency light", "LED bulb"], watts, kelvins,
     ipCodes, ["with motion sensor", "dimmable", ""]], 1),
  F("IMP", "Narzędzia > Elektronarzędzia", EN, "szt", [1],
    ["DeWalt", "Milwaukee", "Makita", "Hilti"],
    [["Cordless drill driver", "Cordless impact wrench", "Angle grinder", "Rotary hammer SDS-plus", "Circular saw",
      "Reciprocating saw"],
     ["12V", "18V", "36V", "230V 900W", "230V 1500W"], ["2x5.0Ah", "bare tool", "in case", ""], ["brushless", ""]], 1),
  F("IMP", "Chemia budowlana > Kleje i uszczelniacze", EN, "szt", [1],
    ["Loctite", "Sika", "Soudal", "3M"],
    [["Silicone sealant", "Polyurethane adhesive", "Threadlocker medium strength", "Construction adhesive",
      "Expanding foam", "Instant adhesive"],
     ["white", "grey", "black", "clear", "brown"], ["50 ml", "290 ml", "300 ml", "310 ml", "750 ml", "20 g"], ["low expansion", "gun grade", ""]], 1),
  F("IMP", "Hydraulika > Zawory", EN, "szt", [1],
    ["Caleffi", "Giacomini", "Danfoss", "Honeywell"],
    [["Ball valve", "Check valve", "Pressure reducing valve", "Safety relief valve", "Y-strainer", "Thermostatic mixing valve"],
     inchSizes, ["PN16", "PN25", "PN40"], ["full bore", "lever handle", "butterfly handle", ""], ["brass", "nickel-plated brass", "stainless steel", "bronze"]], 1),
];

// --- Codes -------------------------------------------------------------------------------------

function ean13(first12) {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return first12 + String((10 - (sum % 10)) % 10);
}

// --- Catalog -----------------------------------------------------------------------------------

function generateCatalog(count, seed) {
  const rng = makeRng(seed, 0x63617461);
  const totalWeight = FAMILIES.reduce((s, f) => s + f.weight, 0);
  const skus = new Set();
  const eans = new Set();
  const products = [];
  for (let id = 0; id < count; id++) {
    let roll = rng.below(totalWeight);
    const family = FAMILIES.find((f) => (roll -= f.weight) < 0);
    const parts = family.axes.map((axis) => rng.pick(axis)).filter((p) => p !== "");
    const pack = rng.pick(family.packs);
    let name = parts.join(" ");
    if (family.unit === "opak" && pack > 1) name += family.lang === PL ? ` op. ${pack} szt.` : `, pack of ${pack}`;
    let sku;
    do sku = `${family.code}-${String(rng.below(1000000)).padStart(6, "0")}`;
    while (skus.has(sku));
    skus.add(sku);
    let ean;
    do ean = ean13("590" + String(rng.below(1000000000)).padStart(9, "0"));
    while (eans.has(ean));
    eans.add(ean);
    // Log-uniform prices from 0.20 zł to 5,000 zł, as in a wholesaler's list.
    const price = Math.round(20 * Math.pow(25000, rng.below(1000000) / 1000000));
    const tiers = [];
    const tierCount = rng.below(3);
    for (let t = 0, minQty = 0, p = price; t < tierCount; t++) {
      minQty += rng.pick([10, 20, 50, 100]);
      p = Math.max(1, Math.round(p * (0.9 + rng.below(70) / 1000)));
      tiers.push({ min_qty: minQty, price_net_minor: p });
    }
    products.push({
      id, sku, ean, name, category: family.category, brand: rng.pick(family.brands), unit: family.unit,
      pack_size: family.unit === "opak" ? pack : 1, price_net_minor: price,
      vat_rate: rng.chance(5) ? 8 : 23, tiers, stock: rng.chance(10) ? 0 : rng.below(5000),
    });
  }
  return products;
}

// --- Queries -----------------------------------------------------------------------------------
// Each query is built so that an ideal engine can put its target in the top 20: the words it keeps
// (before the edit, for typos) are shared by at most MAX_AMBIGUITY products. Which products share
// them is decided on folded whole words (the last word of a typed prefix as a prefix), the way a
// buyer reads names, not the way any engine under test tokenizes.

const MAX_AMBIGUITY = 20;
const STOPWORDS = new Set(["z", "do", "na", "w", "op", "szt", "mm", "ml", "kg", "g", "l", "m", "of", "pack", "with", "in", "for", "dl", "fi", "kl", "gr"]);

class NameIndex {
  constructor(products) {
    this.words = products.map((p) => [...new Set(searchWords(p.name))]);
    this.postings = new Map();
    this.words.forEach((ws, id) => {
      for (const w of ws) {
        let list = this.postings.get(w);
        if (!list) this.postings.set(w, (list = []));
        list.push(id);
      }
    });
    this.vocabulary = [...this.postings.keys()].sort();
  }

  // Products whose name has every word of `exact` and, if given, a word starting with `prefix`;
  // counting stops above `cap`.
  count(exact, prefix, cap) {
    if (exact.length === 0) {
      if (!prefix) return 0;
      const seen = new Set();
      let i = lowerBound(this.vocabulary, prefix);
      for (; i < this.vocabulary.length && this.vocabulary[i].startsWith(prefix); i++) {
        for (const id of this.postings.get(this.vocabulary[i])) seen.add(id);
        if (seen.size > cap) return seen.size;
      }
      return seen.size;
    }
    const lists = exact.map((w) => this.postings.get(w) || []).sort((a, b) => a.length - b.length);
    const others = lists.slice(1).map((l) => new Set(l));
    let n = 0;
    for (const id of lists[0]) {
      if (!others.every((s) => s.has(id))) continue;
      if (prefix && !this.words[id].some((w) => w.startsWith(prefix))) continue;
      if (++n > cap) break;
    }
    return n;
  }
}

function lowerBound(sorted, key) {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < key) lo = mid + 1; else hi = mid;
  }
  return lo;
}

// A name's tokens without the pack suffix: nobody searches for "op. 100 szt.".
const nameTokens = (name) => name.replace(/ op\. \d+ szt\.$/, "").replace(/, pack of \d+$/, "").split(" ");
const hasPolishLetter = (s) => /[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/.test(s);
const letterCount = (s) => [...s].filter((c) => /\p{L}/u.test(c)).length;
// A name token a buyer would type as a search word: not a stopword, not a lone symbol.
const isContentToken = (t) => {
  const ws = searchWords(t);
  return ws.length > 0 && ws.some((w) => !STOPWORDS.has(w) && (w.length >= 2 || /\d/.test(w)));
};

// n name tokens in name order, the first always among them (buyers start with what the thing is:
// "sruba m8x40 ocynk"), at least one satisfying `must`.
function pickTokens(rng, tokens, n, must) {
  const candidates = tokens.map((t, i) => i).filter((i) => i > 0 && isContentToken(tokens[i]));
  if (!isContentToken(tokens[0]) || candidates.length < n - 1) return null;
  for (let attempt = 0; attempt < 8; attempt++) {
    const chosen = new Set([0]);
    while (chosen.size < n) chosen.add(rng.pick(candidates));
    const sorted = [...chosen].sort((a, b) => a - b).map((i) => tokens[i]);
    if (!must || sorted.some(must)) return sorted;
  }
  return null;
}

function makeTypo(rng, word) {
  const chars = [...word];
  const letters = chars.map((c, i) => i).filter((i) => i > 0 && /\p{L}/u.test(chars[i]));
  const kind = rng.pick(["swap", "drop", "replace"]);
  if (kind === "swap") {
    const swappable = letters.filter((i) => i + 1 < chars.length && /\p{L}/u.test(chars[i + 1]) && chars[i] !== chars[i + 1]);
    if (swappable.length === 0) return null;
    const i = rng.pick(swappable);
    [chars[i], chars[i + 1]] = [chars[i + 1], chars[i]];
  } else if (kind === "drop") {
    // Never the last letter: that would leave a prefix of the word, which is no typo to a prefix search.
    const droppable = letters.filter((i) => i < chars.length - 1);
    if (droppable.length === 0) return null;
    chars.splice(rng.pick(droppable), 1);
  } else {
    const i = rng.pick(letters);
    let c;
    do c = rng.pick([..."abcdefghijklmnoprstuwyz"]);
    while (c === foldForSearch(chars[i]));
    chars[i] = c;
  }
  return chars.join("");
}

const QUERY_TYPES = ["sku_prefix", "ean", "name_prefix", "no_diacritics", "typo"];

function generateQueries(products, count, seed) {
  const rng = makeRng(seed, 0x71756572);
  const names = new NameIndex(products);
  const sortedSkus = products.map((p) => p.sku).sort();
  const skuCount = (prefix) => {
    let n = 0;
    for (let i = lowerBound(sortedSkus, prefix); i < sortedSkus.length && sortedSkus[i].startsWith(prefix); i++) n++;
    return n;
  };
  const lower = (s) => s.toLowerCase();

  const builders = {
    sku_prefix(p) {
      for (let len = 5; len <= 7; len++) {
        const prefix = p.sku.slice(0, len);
        if (skuCount(prefix) <= MAX_AMBIGUITY) return rng.chance(50) ? lower(prefix) : prefix;
      }
      return null;
    },
    ean: (p) => p.ean,
    name_prefix(p) {
      const tokens = p.name.split(" ");
      const partial = rng.chance(60);
      for (let k = 1; k <= Math.min(3, tokens.length); k++) {
        let typed = tokens.slice(0, k).join(" ");
        if (partial) {
          const last = [...tokens[k - 1]];
          if (last.length >= 4) typed = tokens.slice(0, k - 1).concat(last.slice(0, rng.between(2, last.length - 1)).join("")).join(" ");
        }
        const words = searchWords(typed);
        if (words.length === 0) continue;
        const exact = [...new Set(words.slice(0, -1))];
        if (names.count(exact, words[words.length - 1], MAX_AMBIGUITY) <= MAX_AMBIGUITY) {
          return rng.chance(50) ? lower(typed) : typed;
        }
      }
      return null;
    },
    no_diacritics(p) {
      const tokens = nameTokens(p.name);
      for (const n of [2, 3]) {
        const chosen = pickTokens(rng, tokens, n, hasPolishLetter);
        if (!chosen) continue;
        const words = [...new Set(searchWords(chosen.join(" ")))];
        if (names.count(words, "", MAX_AMBIGUITY) <= MAX_AMBIGUITY) return foldForSearch(chosen.join(" "));
      }
      return null;
    },
    typo(p) {
      const tokens = nameTokens(p.name);
      for (const n of [2, 3]) {
        const chosen = pickTokens(rng, tokens, n, (t) => letterCount(t) >= 5 && /^\p{L}+$/u.test(t));
        if (!chosen) continue;
        const words = [...new Set(searchWords(chosen.join(" ")))];
        if (names.count(words, "", MAX_AMBIGUITY) > MAX_AMBIGUITY) continue;
        const editable = chosen.map((t, i) => i).filter((i) => letterCount(chosen[i]) >= 5 && /^\p{L}+$/u.test(chosen[i]));
        const at = rng.pick(editable);
        const typo = makeTypo(rng, chosen[at]);
        if (!typo) continue;
        chosen[at] = typo;
        return lower(chosen.join(" "));
      }
      return null;
    },
  };

  const queries = [];
  const skipped = Object.fromEntries(QUERY_TYPES.map((t) => [t, 0]));
  for (let i = 0; i < count; i++) {
    const type = QUERY_TYPES[i % QUERY_TYPES.length];
    for (let attempt = 0; ; attempt++) {
      if (attempt === 1000) throw new Error(`no ${type} query found after 1000 targets`);
      const target = rng.below(products.length);
      const q = builders[type](products[target]);
      if (q === null) { skipped[type]++; continue; }
      queries.push({ q, type, target });
      break;
    }
  }
  return { queries, skipped };
}

// --- Main --------------------------------------------------------------------------------------

const args = parseArgs(process.argv.slice(2));
const products = generateCatalog(args.products, args.seed);
writeFileSync(args.catalog, products.map((p) => JSON.stringify(p)).join("\n") + "\n");
const { queries, skipped } = generateQueries(products, args.queryCount, args.seed);
writeFileSync(args.queries, "[\n" + queries.map((q) => JSON.stringify(q)).join(",\n") + "\n]\n");
process.stderr.write(`gen-catalog: ${products.length} products, ${queries.length} queries ` +
                     `(targets passed over as too ambiguous: ${JSON.stringify(skipped)})\n`);
