/** The plugin's own gunzip (src/model/host/inflate.ts) against Node's zlib: stored, fixed and dynamic blocks, header fields, bad data. */
import { constants, deflateRawSync, gzipSync } from 'zlib';
import { gunzip } from '../../src/model/host/inflate';

function random(n: number, seed: number, alphabet = 256): Uint8Array {
	const out = new Uint8Array(n);
	let s = seed;
	for (let i = 0; i < n; i++) {
		s = (s * 1103515245 + 12345) >>> 0;
		out[i] = (s >>> 16) % alphabet;
	}
	return out;
}

describe('gunzip', () => {
	it.each([
		['empty', new Uint8Array(0), 9],
		['text, level 9 (dynamic blocks)', new Uint8Array(Buffer.from('convolution '.repeat(5000) + 'é→')), 9],
		['random bytes, level 0 (stored blocks over 64 KB)', random(200_000, 1), 0],
		['few symbols, level 1', random(100_000, 2, 4), 1],
		['random bytes, level 6', random(70_000, 3), 6],
	])('%s: the bytes zlib packed', (_name, data, level) => {
		const packed = new Uint8Array(gzipSync(data, { level }));
		expect(Buffer.from(gunzip(packed)).equals(Buffer.from(data))).toBe(true);
	});

	it('fixed Huffman blocks (zlib Z_FIXED)', () => {
		const data = Buffer.from('abcabcabd'.repeat(3000));
		const packed = new Uint8Array(gzipSync(data, { strategy: constants.Z_FIXED }));
		expect(Buffer.from(gunzip(packed)).toString()).toBe('abcabcabd'.repeat(3000));
	});

	it('header fields (a file name) are skipped', () => {
		const body = deflateRawSync(Buffer.from('hello'));
		const header = Buffer.from([0x1f, 0x8b, 8, 8, 0, 0, 0, 0, 0, 3, ...Buffer.from('name.js\0')]);
		const trailer = Buffer.from([0, 0, 0, 0, 5, 0, 0, 0]);
		expect(Buffer.from(gunzip(new Uint8Array(Buffer.concat([header, body, trailer])))).toString()).toBe('hello');
	});

	it('refuses what is not gzip, and data cut short', () => {
		expect(() => gunzip(new Uint8Array([1, 2, 3, 4]))).toThrow(/not gzip/);
		const packed = new Uint8Array(gzipSync(random(10_000, 4), { level: 9 }));
		expect(() => gunzip(packed.subarray(0, 200))).toThrow(/ends too early|bad/);
	});
});
