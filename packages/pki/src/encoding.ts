import { createHash } from "node:crypto";
import { PkiError } from "./errors.ts";

/** One decoded PEM block (RFC 7468): its label and its DER content. */
export interface PemBlock {
  readonly label: string;
  readonly der: Uint8Array;
}

/** Largest PEM text accepted (a CA bundle or a CRL of a large city fits comfortably). */
export const MAX_PEM_TEXT = 64 * 1024 * 1024;
/** Most PEM blocks accepted in one text. */
export const MAX_PEM_BLOCKS = 10_000;

const BASE64_CHARS = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes every PEM block in `text`. Text outside blocks (explanations such as OpenSSL's
 * "Certificate:" dumps) is ignored; a block must be well formed: matching BEGIN/END labels, no
 * encapsulated headers, strict base64. Runs in linear time on any input.
 *
 * @param labels when given, only blocks with these labels are returned and any other
 *   label is an error (so a private key is never mistaken for a certificate).
 */
export function decodePem(text: string, labels?: readonly string[]): PemBlock[] {
  if (typeof text !== "string") throw new PkiError("MALFORMED_PEM", "PEM input must be text");
  if (text.length > MAX_PEM_TEXT) {
    throw new PkiError("INPUT_TOO_LARGE", `PEM input of ${text.length} characters exceeds ${MAX_PEM_TEXT}`);
  }
  const blocks: PemBlock[] = [];
  const lines = text.split("\n");
  let label: string | null = null;
  let body: string[] = [];
  let beginLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (label === null) {
      if (line.startsWith("-----BEGIN ")) {
        label = parseBoundary(line, "BEGIN", i);
        body = [];
        beginLine = i;
      } else if (line.startsWith("-----END ")) {
        throw new PkiError("MALFORMED_PEM", `PEM END line without BEGIN at line ${i + 1}`);
      }
      continue;
    }
    if (line.startsWith("-----END ")) {
      const end = parseBoundary(line, "END", i);
      if (end !== label) {
        throw new PkiError("MALFORMED_PEM", `PEM block "${label}" ends with "${end}" at line ${i + 1}`);
      }
      if (labels !== undefined && !labels.includes(label)) {
        throw new PkiError(
          "MALFORMED_PEM",
          `expected PEM ${labels.map((l) => `"${l}"`).join(" or ")}, found "${label}"`,
        );
      }
      blocks.push({ label, der: decodeBase64Body(body.join(""), label, beginLine) });
      if (blocks.length > MAX_PEM_BLOCKS) {
        throw new PkiError("INPUT_TOO_LARGE", `more than ${MAX_PEM_BLOCKS} PEM blocks`);
      }
      label = null;
      continue;
    }
    if (line.startsWith("-----")) {
      throw new PkiError("MALFORMED_PEM", `unexpected PEM boundary inside "${label}" at line ${i + 1}`);
    }
    if (line.includes(":")) {
      throw new PkiError(
        "MALFORMED_PEM",
        `PEM block "${label}" has encapsulated headers (line ${i + 1}); legacy encrypted PEM is not supported`,
      );
    }
    body.push(line);
  }
  if (label !== null) {
    throw new PkiError(
      "MALFORMED_PEM",
      `PEM block "${label}" starting at line ${beginLine + 1} has no END line`,
    );
  }
  if (blocks.length === 0) {
    const wanted = labels === undefined ? "" : ` ${labels.map((l) => `"${l}"`).join(" or ")}`;
    throw new PkiError("MALFORMED_PEM", `no PEM${wanted} block found`);
  }
  return blocks;
}

function parseBoundary(line: string, kind: "BEGIN" | "END", index: number): string {
  const prefix = `-----${kind} `;
  if (!line.endsWith("-----") || line.length < prefix.length + 5) {
    throw new PkiError("MALFORMED_PEM", `malformed PEM ${kind} line at line ${index + 1}`);
  }
  const label = line.slice(prefix.length, line.length - 5);
  if (label.length === 0 || label.length > 64 || !/^[A-Z0-9 ]+$/.test(label)) {
    throw new PkiError("MALFORMED_PEM", `invalid PEM label at line ${index + 1}`);
  }
  return label;
}

function decodeBase64Body(b64: string, label: string, beginLine: number): Uint8Array {
  const compact = b64.replace(/[ \t\r]/g, "");
  if (compact.length === 0 || compact.length % 4 !== 0 || !BASE64_CHARS.test(compact)) {
    throw new PkiError("MALFORMED_PEM", `PEM block "${label}" (line ${beginLine + 1}) is not valid base64`);
  }
  const bytes = Buffer.from(compact, "base64");
  // Buffer's decoder is lenient; a canonical round trip proves the text was strict base64.
  if (bytes.toString("base64") !== compact) {
    throw new PkiError(
      "MALFORMED_PEM",
      `PEM block "${label}" (line ${beginLine + 1}) is not canonical base64`,
    );
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Encodes DER as one PEM block, 64 characters a line. */
export function encodePem(der: Uint8Array | ArrayBuffer, label: string): string {
  const b64 = Buffer.from(der instanceof ArrayBuffer ? new Uint8Array(der) : der).toString("base64");
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

/** True when the bytes look like PEM text rather than DER (DER always starts with a tag byte). */
export function looksLikePem(input: Uint8Array): boolean {
  const head = Buffer.from(input.subarray(0, 2048)).toString("latin1");
  return head.includes("-----BEGIN ");
}

/** Copies a view into a standalone ArrayBuffer. */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(out).set(bytes);
  return out;
}

export function toBytes(data: ArrayBuffer | Uint8Array): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

export function toHex(data: ArrayBuffer | Uint8Array): string {
  return Buffer.from(toBytes(data)).toString("hex");
}

/** Parses hex with or without 0x prefix; throws INVALID_ARGUMENT on anything else. */
export function fromHex(hex: string, what = "hex value"): Uint8Array {
  const clean = hex.startsWith("0x") || hex.startsWith("0X") ? hex.slice(2) : hex;
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) {
    throw new PkiError("INVALID_ARGUMENT", `${what} is not valid hex`);
  }
  return new Uint8Array(Buffer.from(clean, "hex"));
}

/** SHA-256 of `data`, lowercase hex: the certificate fingerprint used throughout Civitas. */
export function sha256Hex(data: ArrayBuffer | Uint8Array): string {
  return createHash("sha256").update(toBytes(data)).digest("hex");
}

/**
 * Canonical form of a certificate serial number: lowercase hex of its magnitude, without
 * leading zero bytes (DER adds a 00 byte to keep serials positive; CRLs and certificates made by
 * different tools may differ in that byte only).
 */
export function normalizeSerial(serial: string): string {
  const clean = serial.replace(/[:\s]/g, "").toLowerCase().replace(/^0x/, "");
  if (clean.length === 0 || clean.length > 128 || !/^[0-9a-f]+$/.test(clean)) {
    throw new PkiError("INVALID_ARGUMENT", `invalid certificate serial number "${serial.slice(0, 80)}"`);
  }
  const stripped = clean.replace(/^0+/, "");
  if (stripped.length === 0) return "00";
  return stripped.length % 2 === 0 ? stripped : `0${stripped}`;
}
