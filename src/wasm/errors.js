// The one error class every failed call rejects with. Defined in JS because a
// wasm-bindgen export cannot extend Error; Rust constructs it (see src/wasm/mod.rs).
export class CommerceKitError extends Error {
  constructor(code, message, status, details, requestId) {
    super(message);
    this.name = 'CommerceKitError';
    /** Stable machine-readable code: 'invalid_request', 'network', 'timeout', ... */
    this.code = code;
    /** HTTP status where there was a response, otherwise null. */
    this.status = status ?? null;
    /** The structured error: field errors, validation issues, vendor code. */
    this.details = details;
    /** The proxy's X-Request-Id of the answer that failed the call (what its logs are
     * searched by); null when no answer came (network, timeout, a refused request). */
    this.requestId = requestId ?? null;
  }
}
