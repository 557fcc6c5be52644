// The one error class every failed call rejects with. Defined in JS because a
// wasm-bindgen export cannot extend Error; Rust constructs it (see src/wasm/mod.rs).
export class CommerceKitError extends Error {
  constructor(code, message, status, details, requestId, operation, vendor) {
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
    /** The catalogue id of the operation that failed ('s2_partner.list_warehouses');
     * null for what is not one operation (sign-in, a bad Client option), and for now
     * when a single call's arguments are refused before its request is built. */
    this.operation = operation ?? null;
    /** The vendor of that operation ('s2', 's2_partner', 'stock2shop',
     * 'sellers_commerce'), or null with operation: whose API the call was to. */
    this.vendor = vendor ?? null;
  }
}
