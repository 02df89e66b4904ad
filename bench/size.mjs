// Download benchmark's breakdown (issue #10, part 1): which parts of the code the app's wasm carries, and
// how many bytes each adds over the minimal ImGui + SDL2 window. Reads the two builds with their function
// names kept (b2b_client_named, bench_minimal_named: the same code plus a names section), demangles the
// names with c++filt and attributes each function body's bytes to the first component whose pattern matches.
// Usage: node bench/size.mjs --app build/wasm/bench-named/b2b_client.wasm --minimal build/wasm/bench-named/minimal.wasm
//          --out FILE
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

// First match wins: a lambda of the Medusa adapter held in a std::function is the adapter's, not libc++'s.
const COMPONENTS = [
  ["main() and the frame function (with what the compiler inlined into them)",
   /^(\(anonymous namespace\)::(run_)?frame\(\)|main|__original_main)$/],
  ["JSON (rapidjson)", /rapidjson/],
  ["protocol (cereal archives, b2b::wire)", /cereal|b2b::wire/],
  ["Medusa adapter", /[Mm]edusa/],
  ["Vendure adapter", /[Vv]endure/],
  ["own protocol and adapters' common code (b2b::backend)", /b2b::backend/],
  ["offline search (CatalogIndex, text folding)", /CatalogIndex|b2b::text::/],
  ["embedding and punchout (b2b::embed)", /b2b::embed/],
  ["client: store, effects, views, web platform", /b2b::client|b2b_/],
  ["domain model (other b2b::)", /b2b::/],
  ["iostreams and locales",
   /std::__2::(basic_(i|o|io)?stream|basic_ios|ios_base|locale|__num_(get|put)|num_(get|put)|money|time_(get|put)|__time_|codecvt|ctype|collate|messages|numpunct|basic_(stream|string|file)buf|istreambuf|ostreambuf|__std(in|out)buf)|strftime|wcs|mbs|wmem|wcrtomb|mbrtowc|__floatscan|__intscan|scanf|strto/],
  ["Dear ImGui (with stb_truetype)", /ImGui|ImDraw|ImFont|stbtt|stbrp|stb_|\bIm[A-Z]/],
  ["SDL2 and the WebGL/browser glue", /SDL|GLES|Emscripten_|emscripten|Blit|RLE|egl|\bgl[A-Z]|Joystick|AUDIO|Gamepad|Controller/],
  ["libc++ containers, strings, std::function", /std::/],
];
const OTHER = "libc, malloc, math, exception runtime";

function leb(bytes, at) {
  let value = 0, shift = 0, byte;
  do { byte = bytes[at++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
  return [value, at];
}

// Function body sizes by name, and the data segments' bytes.
function read(file) {
  const bytes = readFileSync(file);
  let at = 8, imported = 0, dataBytes = 0;
  const bodies = [], names = new Map();
  while (at < bytes.length) {
    const id = bytes[at++];
    let size;
    [size, at] = leb(bytes, at);
    const end = at + size;
    if (id === 2) {  // imports: functions among them take the first indices
      let [count, p] = leb(bytes, at);
      for (let i = 0; i < count; ++i) {
        for (let s = 0; s < 2; ++s) { let n; [n, p] = leb(bytes, p); p += n; }
        const kind = bytes[p++];
        if (kind === 0) { [, p] = leb(bytes, p); ++imported; }
        else if (kind === 1) { p += 1; let flags; [flags, p] = leb(bytes, p); [, p] = leb(bytes, p); if (flags & 1) [, p] = leb(bytes, p); }
        else if (kind === 2) { let flags; [flags, p] = leb(bytes, p); [, p] = leb(bytes, p); if (flags & 1) [, p] = leb(bytes, p); }
        else if (kind === 3) p += 2;
        else throw new Error(`${file}: unknown import kind ${kind}`);
      }
    } else if (id === 10) {
      let [count, p] = leb(bytes, at);
      for (let i = 0; i < count; ++i) {
        const [length, q] = leb(bytes, p);
        bodies.push({ index: imported + i, bytes: q - p + length });
        p = q + length;
      }
    } else if (id === 11) {
      dataBytes = size;
    } else if (id === 0) {
      const [nameLength, p] = leb(bytes, at);
      if (bytes.toString("utf8", p, p + nameLength) === "name") {
        let q = p + nameLength;
        while (q < end) {
          const sub = bytes[q++];
          let subSize;
          [subSize, q] = leb(bytes, q);
          if (sub === 1) {
            let [count, r] = leb(bytes, q);
            for (let i = 0; i < count; ++i) {
              let index, length;
              [index, r] = leb(bytes, r);
              [length, r] = leb(bytes, r);
              names.set(index, bytes.toString("utf8", r, r + length));
              r += length;
            }
          }
          q += subSize;
        }
      }
    }
    at = end;
  }
  if (!names.size) throw new Error(`${file} has no function names: build it with --profiling-funcs`);
  const mangled = bodies.map((b) => names.get(b.index) || "?");
  const demangled = spawnSync("c++filt", { input: mangled.join("\n"), maxBuffer: 1 << 28 });
  if (demangled.status !== 0) throw new Error("c++filt failed: " + demangled.stderr);
  const readable = demangled.stdout.toString().split("\n");
  const components = Object.fromEntries([...COMPONENTS.map(([name]) => [name, 0]), [OTHER, 0]]);
  let code = 0;
  bodies.forEach((body, i) => {
    const match = COMPONENTS.find(([, pattern]) => pattern.test(readable[i]));
    components[match ? match[0] : OTHER] += body.bytes;
    code += body.bytes;
  });
  return { code_bytes: code, data_bytes: dataBytes, functions: bodies.length, components };
}

const args = process.argv.slice(2);
const get = (name) => {
  const i = args.indexOf(name);
  if (i < 0) throw new Error(`${name} is required`);
  return args[i + 1];
};
const app = read(get("--app"));
const minimal = read(get("--minimal"));
const over = Object.fromEntries(Object.keys(app.components)
  .map((name) => [name, app.components[name] - minimal.components[name]])
  .sort((a, b) => b[1] - a[1]));
writeFileSync(get("--out"), JSON.stringify({
  note: "raw bytes of wasm function bodies by component (before compression); data: the data segments (strings, tables, the embedded UI font)",
  app, minimal, app_over_minimal: { code_bytes: app.code_bytes - minimal.code_bytes, data_bytes: app.data_bytes - minimal.data_bytes, components: over },
}, null, 2) + "\n");
