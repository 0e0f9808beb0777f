/**
 * A small gunzip (RFC 1952 around RFC 1951 deflate) for platforms without DecompressionStream (iOS
 * before 16.4): unpacks the embedded model worker there. Canonical Huffman codes decoded a bit at a
 * time, as tinf does: simple rather than fast (the platform's stream is used wherever it exists).
 * Its functions are only pre-parsed when main.js loads; nothing runs before a model is needed.
 */

/** A Huffman code: how many codes of each length (0-15), and the symbols in code order. */
interface Huffman {
	counts: Uint16Array;
	symbols: Uint16Array;
}

/** Reads bits least significant first, as deflate stores them. */
class BitReader {
	private bitBuf = 0;
	private bitCount = 0;
	constructor(
		private readonly src: Uint8Array,
		public pos: number,
	) {}

	bits(n: number): number {
		while (this.bitCount < n) {
			if (this.pos >= this.src.length) throw new Error('gunzip: the data ends too early');
			this.bitBuf |= (this.src[this.pos++] ?? 0) << this.bitCount;
			this.bitCount += 8;
		}
		const value = this.bitBuf & ((1 << n) - 1);
		this.bitBuf >>>= n;
		this.bitCount -= n;
		return value;
	}

	/** Drops the bits left in the current byte (stored blocks start on a byte). */
	align(): void {
		this.bitBuf = 0;
		this.bitCount = 0;
	}

	decode(h: Huffman): number {
		let code = 0;
		let first = 0;
		let index = 0;
		for (let len = 1; len < 16; len++) {
			code |= this.bits(1);
			const count = h.counts[len] ?? 0;
			if (code - first < count) return h.symbols[index + code - first] ?? 0;
			index += count;
			first = (first + count) << 1;
			code <<= 1;
		}
		throw new Error('gunzip: a bad Huffman code');
	}
}

function huffman(lengths: Uint8Array, offset: number, n: number): Huffman {
	const counts = new Uint16Array(16);
	for (let i = 0; i < n; i++) counts[lengths[offset + i] ?? 0]!++;
	counts[0] = 0;
	const offs = new Uint16Array(16);
	for (let len = 1; len < 16; len++) offs[len] = (offs[len - 1] ?? 0) + (counts[len - 1] ?? 0);
	const symbols = new Uint16Array(n);
	for (let i = 0; i < n; i++) {
		const len = lengths[offset + i] ?? 0;
		if (len !== 0) symbols[offs[len]!++] = i;
	}
	return { counts, symbols };
}

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** The output, grown as needed. */
class Output {
	bytes: Uint8Array;
	length = 0;
	constructor(capacity: number) {
		this.bytes = new Uint8Array(Math.max(1024, capacity));
	}
	private room(n: number): void {
		if (this.length + n <= this.bytes.length) return;
		const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
		grown.set(this.bytes.subarray(0, this.length));
		this.bytes = grown;
	}
	push(b: number): void {
		this.room(1);
		this.bytes[this.length++] = b;
	}
	copy(distance: number, len: number): void {
		if (distance > this.length) throw new Error('gunzip: a distance before the start');
		this.room(len);
		for (let i = 0; i < len; i++, this.length++) this.bytes[this.length] = this.bytes[this.length - distance] ?? 0;
	}
}

function fixedCodes(): [Huffman, Huffman] {
	const lengths = new Uint8Array(288 + 30);
	lengths.fill(8, 0, 144);
	lengths.fill(9, 144, 256);
	lengths.fill(7, 256, 280);
	lengths.fill(8, 280, 288);
	lengths.fill(5, 288, 318);
	return [huffman(lengths, 0, 288), huffman(lengths, 288, 30)];
}

function dynamicCodes(r: BitReader): [Huffman, Huffman] {
	const hlit = r.bits(5) + 257;
	const hdist = r.bits(5) + 1;
	const hclen = r.bits(4) + 4;
	const clen = new Uint8Array(19);
	for (let i = 0; i < hclen; i++) clen[CODE_LENGTH_ORDER[i] ?? 0] = r.bits(3);
	const codeLengths = huffman(clen, 0, 19);
	const lengths = new Uint8Array(hlit + hdist);
	for (let i = 0; i < hlit + hdist; ) {
		const sym = r.decode(codeLengths);
		if (sym < 16) {
			lengths[i++] = sym;
			continue;
		}
		let repeat: number;
		let value = 0;
		if (sym === 16) {
			if (i === 0) throw new Error('gunzip: a repeat with nothing before it');
			value = lengths[i - 1] ?? 0;
			repeat = 3 + r.bits(2);
		} else if (sym === 17) repeat = 3 + r.bits(3);
		else repeat = 11 + r.bits(7);
		if (i + repeat > hlit + hdist) throw new Error('gunzip: too many code lengths');
		lengths.fill(value, i, i + repeat);
		i += repeat;
	}
	return [huffman(lengths, 0, hlit), huffman(lengths, hlit, hdist)];
}

function inflateBlock(r: BitReader, out: Output, lit: Huffman, dist: Huffman): void {
	for (;;) {
		const sym = r.decode(lit);
		if (sym < 256) out.push(sym);
		else if (sym === 256) return;
		else {
			const l = sym - 257;
			if (l >= 29) throw new Error('gunzip: a bad length code');
			const len = (LENGTH_BASE[l] ?? 0) + r.bits(LENGTH_EXTRA[l] ?? 0);
			const d = r.decode(dist);
			if (d >= 30) throw new Error('gunzip: a bad distance code');
			out.copy((DIST_BASE[d] ?? 0) + r.bits(DIST_EXTRA[d] ?? 0), len);
		}
	}
}

/** The bytes a gzip member holds (its CRC is not checked: the data is the plugin's own). */
export function gunzip(src: Uint8Array): Uint8Array {
	if (src[0] !== 0x1f || src[1] !== 0x8b || src[2] !== 8) throw new Error('gunzip: not gzip data');
	const flags = src[3] ?? 0;
	let pos = 10;
	if (flags & 4) pos += 2 + (src[pos] ?? 0) + ((src[pos + 1] ?? 0) << 8);
	if (flags & 8) while (src[pos++] !== 0 && pos < src.length);
	if (flags & 16) while (src[pos++] !== 0 && pos < src.length);
	if (flags & 2) pos += 2;
	const n = src.length;
	const size = ((src[n - 4] ?? 0) | ((src[n - 3] ?? 0) << 8) | ((src[n - 2] ?? 0) << 16) | ((src[n - 1] ?? 0) << 24)) >>> 0;
	const out = new Output(size);
	const r = new BitReader(src, pos);
	let last = 0;
	while (!last) {
		last = r.bits(1);
		const type = r.bits(2);
		if (type === 0) {
			r.align();
			const p = r.pos;
			const len = (src[p] ?? 0) | ((src[p + 1] ?? 0) << 8);
			if (p + 4 + len > src.length) throw new Error('gunzip: the data ends too early');
			for (let i = 0; i < len; i++) out.push(src[p + 4 + i] ?? 0);
			r.pos = p + 4 + len;
		} else if (type === 1) inflateBlock(r, out, ...fixedCodes());
		else if (type === 2) inflateBlock(r, out, ...dynamicCodes(r));
		else throw new Error('gunzip: a bad block type');
	}
	return out.bytes.subarray(0, out.length);
}
