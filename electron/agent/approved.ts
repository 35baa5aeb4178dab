/**
 * Approved<T>: the only thing the executor accepts. A value can become Approved only through mintApproved, which
 * lint allows in electron/agent/safety/gate.ts alone; at run time the executor also checks that the object was
 * minted here (a cast or a JSON copy is not).
 */
declare const approvedBrand: unique symbol;
export type Approved<T> = {
  readonly value: T;
  readonly approvalId: string;
  /**
   * Who decided: 'user' (a person answered this request), 'rest-of-run' (covered by "approve the rest"), or 'auto'
   * (an automatic channel such as the CLI's --yes, which never covers high-risk steps).
   */
  readonly by: 'user' | 'rest-of-run' | 'auto';
  readonly [approvedBrand]: true;
};

const minted = new WeakSet<object>();

export function mintApproved<T>(value: T, approvalId: string, by: Approved<T>['by']): Approved<T> {
  const a = Object.freeze({ value, approvalId, by }) as Approved<T>;
  minted.add(a);
  return a;
}

export function wasMinted(a: unknown): boolean {
  return typeof a === 'object' && a !== null && minted.has(a);
}
