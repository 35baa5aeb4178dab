/**
 * Table lookups whose key comes from outside (a model reply, a typed command, an accessibility tree, a D-Bus
 * signal). A plain object literal inherits from Object.prototype, so `TABLE["__proto__"]` or `TABLE["constructor"]`
 * returns the prototype or a function instead of undefined: a reply `PRESS __proto__` once crashed the parser with
 * "k.slice is not a function" (CI's S5 fuzz found it). Every such lookup goes through here.
 */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
