/**
 * A table looked up by input (a resource type, a compose key, a URL scheme, a name from a file):
 * its entries are copied onto a null-prototype object, so that `constructor`, `toString` or
 * `__proto__` miss instead of finding Object.prototype's members. Declare every such table with it;
 * index it as usual. (A `kind: constructor` once crashed the Kubernetes semantics this way, and a
 * compose override key `hasOwnProperty:` the compose merge.)
 */
export function lookupTable<T extends object>(entries: T): T {
  return Object.assign(Object.create(null) as T, entries);
}
