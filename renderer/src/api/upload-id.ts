/**
 * A fresh id naming one group of uploaded files (the contract's UploadId: 8–64 of [A-Za-z0-9_-]).
 * getRandomValues, not randomUUID: the latter needs a secure context, which a custom protocol may not be.
 */
export function newUploadId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
