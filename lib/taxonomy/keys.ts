// "A covers B" on dotted keys, in a module of its own with no imports, so that
// code bundled for the browser (the graph's view model) can use the very same
// rule without pulling in the fideslang data files.

/** "A covers B": A equals B or A is a dotted ancestor of B (`user` covers `user.contact`). */
export function covers(ancestor: string, key: string): boolean {
  return (
    ancestor === key ||
    (key.length > ancestor.length && key.charCodeAt(ancestor.length) === 46 /* . */ && key.startsWith(ancestor))
  );
}
