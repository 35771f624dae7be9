// The sha256 comparison: hash-wasm's streaming SHA-256 (its wasm is inlined in the JS).
export { createSHA256 } from 'hash-wasm';
