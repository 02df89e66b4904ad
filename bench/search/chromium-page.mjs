// Runs in the page chromium.mjs opens: window.bench loads one engine with the catalog, builds its index,
// runs every query and drops the index, one step per call, so chromium.mjs can measure the heap between
// steps. Ours is b2b_search_web (search_web.cpp); FlexSearch and MiniSearch are configured by engines.mjs.
import { ENGINES } from "./engines.mjs";

let engine = null;   // {prepare?(), build(), search(q, limit) -> ids, memory(), drop()}
let queries = null;

async function text(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

async function ours(catalogText) {
  const wasm = await createB2BSearch({ locateFile: (file) => `/wasm/${file}` });
  const bytes = wasm.lengthBytesUTF8(catalogText) + 1;
  const buffer = wasm._malloc(bytes);
  wasm.stringToUTF8(catalogText, buffer, bytes);
  const count = wasm._b2b_search_load(buffer, bytes - 1);
  wasm._free(buffer);
  if (count < 0) throw new Error(wasm.UTF8ToString(wasm._b2b_search_error()));
  const queryBytes = 4096;
  const query = wasm._malloc(queryBytes);  // one buffer for every query, as the app keeps its search box's
  return {
    prepare: () => wasm._b2b_search_prepare(),
    build: () => wasm._b2b_search_build(),
    // Timed from the page: the query's copy into wasm memory and the ids' way back are counted.
    search(q, limit) {
      wasm.stringToUTF8(q, query, queryBytes);
      const n = wasm._b2b_search_query(query, limit);
      const at = wasm._b2b_search_ids() >> 3;
      return Array.from(wasm.HEAPF64.subarray(at, at + n));
    },
    memory: () => ({ in_use: wasm._b2b_search_memory_in_use(), heap_growth: wasm._b2b_search_heap_growth(),
                     linear_memory: wasm.HEAP8.length }),
    drop: () => wasm._b2b_search_drop(),
  };
}

function javascript(name, catalogText) {
  const products = catalogText.split("\n").filter((line) => line.trim() !== "").map((line) => JSON.parse(line));
  let search = null;
  return {
    build: () => { search = ENGINES[name].build(products); },
    search: (q, limit) => search(q, limit),
    memory: () => ({}),
    drop: () => { search = null; },
  };
}

window.bench = {
  async load(name, catalogUrl, queriesUrl) {
    const catalogText = await text(catalogUrl);
    queries = JSON.parse(await text(queriesUrl));
    engine = name === "ours" ? await ours(catalogText) : javascript(name, catalogText);
    return { queries: queries.length };
  },
  // Milliseconds of the build as the page sees it (ours also returns its own clock's figure, as the CLI's).
  build() {
    engine.prepare?.();  // ours: the products' copy the build takes, outside the clock
    const start = performance.now();
    const inner = engine.build();
    return { ms: performance.now() - start, inner_ms: typeof inner === "number" ? inner : null };
  },
  memory: () => engine.memory(),
  run(limit) {
    const latencies = [];
    const ids = [];
    for (const query of queries) {
      const t0 = performance.now();
      const found = engine.search(query.q, limit);
      latencies.push(performance.now() - t0);
      ids.push(found);
    }
    return { latencies, ids };
  },
  drop: () => engine.drop(),
  // performance.now()'s resolution here: 5 µs when the page is cross-origin isolated, else 100 µs.
  isolated: () => self.crossOriginIsolated,
};
