// The SDK version, sent as part of the User-Agent-like `X-Docket-SDK` header.
export const VERSION = '0.1.0';
