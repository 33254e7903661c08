import { createContext, useContext } from "react";

/** This response's CSP nonce on the server; empty in the browser, which hides nonces from scripts anyway. */
export const NonceContext = createContext("");
export const useNonce = () => useContext(NonceContext);
