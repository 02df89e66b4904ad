// Text folding as our search does it (b2b::fold_for_search): shared by the generator, MiniSearch's
// configuration and the page that runs the engines in Chromium, so it imports nothing from Node.

// Lower case without diacritics, ł included (NFKD leaves ł alone: it has no decomposition).
export function foldForSearch(text) {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").replace(/[łŁ]/g, "l").toLowerCase();
}
