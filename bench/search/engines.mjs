// FlexSearch and MiniSearch configured as their authors document for product search: one module for
// search-js.mjs (Node) and the page of chromium.mjs (Chromium), so both run the same settings. Imports
// only the two libraries (an import map resolves them in the page) and fold.mjs.
import { Charset, Document, Encoder } from "flexsearch";
import MiniSearch from "minisearch";

import { foldForSearch } from "./fold.mjs";

export const FIELDS = ["name", "sku", "ean", "brand", "category"];

// Each engine: build(products) returns search(query, limit) -> product ids, best first.
export const ENGINES = {
  // FlexSearch 0.8: a Document index over the fields; the default (Normalize) charset strips
  // combining marks after NFKD, which leaves ł, so a mapper folds it. Forward tokenizing gives
  // prefix search as a buyer types; EANs are whole codes (strict). suggest (the README's advice for
  // typos) is off unless --flex-suggest: merged over fields, its partial matches of the name push an
  // exact EAN or SKU out of the top 20 (recall 0.65 instead of 0.78 on a 2,000-product sample).
  flexsearch: {
    name: "flexsearch 0.8.212",
    build(products, options = {}) {
      const encoder = () => new Encoder(Charset.Normalize, { mapper: new Map([["ł", "l"]]) });
      const index = new Document({
        document: {
          id: "id",
          index: FIELDS.map((field) => ({
            field,
            tokenize: field === "ean" ? "strict" : "forward",
            encoder: encoder(),
          })),
        },
      });
      for (const product of products) index.add(product);
      return (query, limit) => {
        const merged = index.search(query, { limit, merge: true, suggest: Boolean(options.flexSuggest) });
        return merged.slice(0, limit).map((entry) => entry.id);
      };
    },
  },
  // MiniSearch 7: the README's search-as-you-type settings (prefix, fuzzy 0.2) with the name
  // boosted, and terms folded so "lacznik" meets "Łącznik".
  minisearch: {
    name: "minisearch 7.2.0",
    build(products, _options) {
      const index = new MiniSearch({
        fields: FIELDS,
        storeFields: [],
        processTerm: (term) => foldForSearch(term),
        searchOptions: { prefix: true, fuzzy: 0.2, boost: { name: 2 } },
      });
      index.addAll(products);
      return (query, limit) => index.search(query).slice(0, limit).map((r) => r.id);
    },
  },
};
