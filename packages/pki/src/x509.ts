// The one place that loads @peculiar/x509. Its algorithm registry is built on tsyringe, which
// needs the Reflect metadata polyfill to be evaluated first; ES modules evaluate their imports
// in order, so importing "reflect-metadata" above the library is enough. Every other module of
// this package imports x509 from here, never from "@peculiar/x509" directly.
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";
import type { Crypto } from "./webcrypto.ts";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export { x509 };
