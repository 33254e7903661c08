import { createContext, useContext } from "react";

/** The id of the request that rendered this page on the server (see utils/log.server.ts); empty in the browser. */
export const RequestIdContext = createContext("");
export const useRequestId = () => useContext(RequestIdContext);
