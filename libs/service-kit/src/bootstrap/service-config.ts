/** Injection token of the service's own validated configuration object. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
