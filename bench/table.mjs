// Turns bench/results.json into the short readable table of bench/results.md (each figure the median of
// its runs, min–max after it; ratios measured in the same run).
const kib = (bytes) => `${Math.round(bytes / 1024)} KiB`;
const mb = (bytes) => `${Math.round(bytes / 2 ** 20)} MB`;
const num = (x, digits = 2) => (x === undefined || x === null ? "—" : Number(x).toFixed(digits));
const fig = (s, digits = 2) => (s && typeof s === "object" ? `${num(s.median, digits)} (${num(s.min, digits)}–${num(s.max, digits)})` : num(s, digits));
const goal = (met) => (met === undefined ? "" : met ? "met" : "**not met**");

export function table(results) {
  const p = results.parts;
  const m = results.machine;
  const lines = [
    "# Benchmark results",
    "",
    `${m.date}, commit ${m.commit}; ${m.cpus} × ${m.cpu}, ${m.memory_gb} GB; Node ${m.node}. Written by \`./dev bench\`;`,
    "figures are medians with min–max of the runs; ratios are measured in the same run.",
    "",
    "| what | ours | comparison | ratio | goal |",
    "| --- | --- | --- | --- | --- |",
  ];
  const row = (...cells) => lines.push(`| ${cells.join(" | ")} |`);

  const d = p.browser?.download;
  if (d) {
    row("download, gzip (first visit)", kib(d.app.gzip), `minimal ImGui+SDL2 window ${kib(d.minimal.gzip)}`, num(d.ratio_gzip), `≤ 1.5: ${goal(d.goal_met)}`);
    row("download, brotli", kib(d.app.brotli), `minimal ${kib(d.minimal.brotli)}`, num(d.ratio_brotli), "");
  }
  const z = p.size;
  if (z) {
    const over = Object.entries(z.app_over_minimal.components).filter(([, bytes]) => bytes >= 1024)
      .map(([name, bytes]) => `${name} ${kib(bytes)}`).join("; ");
    row("wasm code over the minimal window's, raw, by component", kib(z.app_over_minimal.code_bytes),
        `of ${kib(z.app.code_bytes)} (minimal ${kib(z.minimal.code_bytes)}); data +${kib(z.app_over_minimal.data_bytes)}. ${over}`, "", "");
  }
  const s = p.browser?.startup_ms;
  if (s) {
    row("start-up to sign-in screen, cold (ms)", fig(s.app_sign_in_screen, 0), `minimal first frame ${fig(s.minimal_first_frame, 0)}`, num(s.ratio_sign_in), `≤ 1.3: ${goal(s.goal_met_sign_in ?? s.ratio_sign_in <= 1.3)}`);
    const steps = (phases) => phases && ["wasm_compiled", "wasm_instantiated", "storage_ready", "main_called", "webgl_context_ms", "first_frame"]
      .filter((name) => phases[name] !== undefined).map((name) => `${name.replace(/_ms$/, "")} ${phases[name]}`).join(", ");
    if (s.phases_sign_in) {
      row("first start's steps, medians (ms since navigation; WebGL context: its duration)", steps(s.phases_sign_in),
          `minimal: ${steps(s.phases_minimal)}`, "", "");
    }
    row("start-up to catalog, returning buyer, cold cache (ms)", fig(s.app_catalog_returning_buyer, 0), "minimal first frame", num(s.ratio_catalog), `≤ 1.3: ${goal(s.goal_met)}`);
  }
  for (const [name, label] of [["ui_wasm", "wasm, Node"], ["ui_native", "native"]]) {
    const u = p[name];
    if (!u) continue;
    const [catalogKey] = Object.keys(u.frame_ms).filter((k) => k.startsWith("catalog"));
    row(`frame CPU, cart of ${u.cart_lines} lines (${label}, ms)`, fig(u.frame_ms.cart_1000_lines, 3), "", "", "≤ 2 ms");
    row(`frame CPU, catalog of ${u.products} results (${label}, ms)`, fig(u.frame_ms[catalogKey], 3), "", "", "≤ 2 ms");
  }
  const c = p.browser?.chromium_frame_ms;
  if (c) {
    row(`frame in Chromium, building it (views + ImGui): cart of ${c.cart_lines} lines / catalog (ms)`, `${num(c.cart_build_ms)} / ${num(c.catalog_build_ms)}`, "", "", `≤ 2 ms: ${goal(c.cart_build_ms <= 2 && c.catalog_build_ms <= 2)}`);
    row(`whole frame in Chromium incl. WebGL calls on ${c.renderer} (ms)`, `${num(c.cart_frame_ms)} / ${num(c.catalog_frame_ms)}`, "software GL: not a phone's GPU", "", "");
  }
  const st = p.storage;
  const rec = p.ui_wasm?.records;
  if (st && rec) {
    for (const [name, label] of [["state", "device state with the 1,000-line cart"], ["catalog", "catalog snapshot"]]) {
      const r = st.records?.[name] || st[name];
      if (!r) continue;
      const save = (r.save_ms?.median ?? 0) + rec[name].encode_ms.median;
      const restore = (r.restore_ms?.median ?? 0) + rec[name].decode_ms.median;
      const goals = name === "state" ? `save ≤ 10, restore ≤ 50: ${goal(save <= 10 && restore <= 50)}` : "";
      // Saves over the stored record, as edits make them; written strictly and the very first write beside them.
      const strict = r.save_strict_ms && name === "state" ? `; strictly (outbox, session, keys, carts' ids) ${num(r.save_strict_ms.median + rec[name].encode_ms.median)}` : "";
      const first = r.first_save_ms ? `, the first write on a device ${num(r.first_save_ms.median + rec[name].encode_ms.median)}` : "";
      row(`${label} (${kib(rec[name].bytes)}): save / restore (ms)`, `${num(save)} / ${num(restore)}`,
          `encode ${num(rec[name].encode_ms.median)}, IndexedDB ${num(r.save_ms?.median)} (relaxed)${strict}${first}; ` +
          `restore: IndexedDB ${num(r.restore_ms?.median)}, decode ${num(rec[name].decode_ms.median)}`, "", goals);
    }
  }
  // Ours in wasm ÷ FlexSearch, from the same run: under Node (and native) and in Chromium.
  for (const [search, where] of [[p.search, ""], [p.search_chromium, " in Chromium"]]) {
    if (!search?.sizes) continue;
    for (const size of search.sizes) {
      for (const engine of size.engines) {
        if (engine.error) {
          row(`search${where} ${size.products.toLocaleString("en")} products: ${engine.engine}`, `error: ${engine.error}`, "", "", "");
          continue;
        }
        row(`search${where} ${size.products.toLocaleString("en")} products: ${engine.engine}`,
            `build ${fig(engine.build_ms, 0)} ms, ${mb(engine.memory_bytes)}, p50 ${fig(engine.p50_ms)} ms, p99 ${fig(engine.p99_ms)} ms, recall@20 ${num(engine.recall_at_20)}`,
            "", "", "");
      }
      if (size.ratios) {
        const r = size.ratios;
        row(`search${where} ${size.products.toLocaleString("en")}: ours ÷ FlexSearch`, "", "", `p99 ${num(r.p99)}, memory ${num(r.memory)}, build ${num(r.build)}`,
            !size.goal_met ? "" : (size.goals_apply === false ? "(the goals are for 100,000 products) " : "") +
              "p99 ≤ 0.2, memory ≤ 0.33, build ≤ 0.2, recall ≥ 0.8: " +
              Object.entries(size.goal_met).map(([k, v]) => `${k} ${goal(v)}`).join(", "));
      }
    }
  }
  const l = p.load;
  if (l) {
    row("server-mock: orders/s, 100 connections", fig(l.orders_per_second, 0), `p99 ${fig(l.latency_ms?.p99, 1)} ms`, "", `errors ${l.errors}, duplicates ${l.duplicates}`);
  }
  if (results.problems?.length) lines.push("", "Could not measure: " + results.problems.join("; "));
  return lines.join("\n") + "\n";
}
