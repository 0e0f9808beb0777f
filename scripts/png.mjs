// A tiny raster and PNG/APNG encoder for the example vault's pictures (scripts/make-images.mjs).
// No dependencies beyond node:zlib: RGBA 8-bit, filter 0, anti-aliased shapes by coverage.
import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

function crc32(bytes) {
	let c = 0xffffffff;
	for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
	const out = Buffer.alloc(12 + data.length);
	out.writeUInt32BE(data.length, 0);
	out.write(type, 4, 'ascii');
	Buffer.from(data).copy(out, 8);
	out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
	return out;
}

function u32s(...values) {
	const b = Buffer.alloc(values.length * 4);
	values.forEach((v, i) => b.writeUInt32BE(v, i * 4));
	return b;
}

function ihdr(width, height) {
	const b = Buffer.alloc(13);
	b.writeUInt32BE(width, 0);
	b.writeUInt32BE(height, 4);
	b[8] = 8; // bit depth
	b[9] = 6; // RGBA
	return chunk('IHDR', b);
}

/** zlib stream of the raster's rows, each prefixed by filter type 0. */
function compress(raster) {
	const { width, height, data } = raster;
	const raw = Buffer.alloc((width * 4 + 1) * height);
	for (let y = 0; y < height; y++) {
		raw[y * (width * 4 + 1)] = 0;
		Buffer.from(data.buffer, data.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
	}
	return deflateSync(raw, { level: 9 });
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Encodes a Raster as a PNG file (Buffer). */
export function encodePng(raster) {
	return Buffer.concat([SIGNATURE, ihdr(raster.width, raster.height), chunk('IDAT', compress(raster)), chunk('IEND', Buffer.alloc(0))]);
}

/** Encodes same-sized Rasters as an animated PNG looping forever; `delaysMs` per frame. */
export function encodeApng(frames, delaysMs) {
	const { width, height } = frames[0];
	const parts = [SIGNATURE, ihdr(width, height), chunk('acTL', u32s(frames.length, 0))];
	let seq = 0;
	frames.forEach((frame, i) => {
		const fctl = Buffer.alloc(26);
		fctl.writeUInt32BE(seq++, 0);
		fctl.writeUInt32BE(width, 4);
		fctl.writeUInt32BE(height, 8);
		fctl.writeUInt16BE(Math.round(delaysMs[i] ?? 500), 20); // delay numerator
		fctl.writeUInt16BE(1000, 22); // delay denominator: milliseconds
		parts.push(chunk('fcTL', fctl));
		const data = compress(frame);
		if (i === 0) parts.push(chunk('IDAT', data));
		else parts.push(chunk('fdAT', Buffer.concat([u32s(seq++), data])));
	});
	parts.push(chunk('IEND', Buffer.alloc(0)));
	return Buffer.concat(parts);
}

/** Parses '#rrggbb' into [r, g, b]. */
export function rgb(hex) {
	const n = parseInt(hex.slice(1), 16);
	return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** 5x7 glyphs for the numbers drawn into the pictures. */
const GLYPHS = {
	0: ['01110', '10001', '10011', '10101', '11001', '10001', '01110'],
	1: ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
	2: ['01110', '10001', '00001', '00010', '00100', '01000', '11111'],
	3: ['11110', '00001', '00001', '01110', '00001', '00001', '11110'],
	4: ['00010', '00110', '01010', '10010', '11111', '00010', '00010'],
	5: ['11111', '10000', '11110', '00001', '00001', '10001', '01110'],
	6: ['00110', '01000', '10000', '11110', '10001', '10001', '01110'],
	7: ['11111', '00001', '00010', '00100', '01000', '01000', '01000'],
	8: ['01110', '10001', '10001', '01110', '10001', '10001', '01110'],
	9: ['01110', '10001', '10001', '01111', '00001', '00010', '01100'],
	'-': ['00000', '00000', '00000', '11111', '00000', '00000', '00000'],
	x: ['00000', '00000', '10001', '01010', '00100', '01010', '10001'],
	'.': ['00000', '00000', '00000', '00000', '00000', '01100', '01100'],
};

/** An RGBA image with a few anti-aliased drawing operations; colours are [r, g, b]. */
export class Raster {
	constructor(width, height, background = [255, 255, 255]) {
		this.width = width;
		this.height = height;
		this.data = new Uint8ClampedArray(width * height * 4);
		this.fillRect(0, 0, width, height, background);
	}

	/** Blends colour into pixel (x, y) with opacity a in [0, 1]. */
	blend(x, y, color, a = 1) {
		if (x < 0 || y < 0 || x >= this.width || y >= this.height || a <= 0) return;
		const i = (y * this.width + x) * 4;
		const d = this.data;
		const alpha = Math.min(1, a);
		d[i] = d[i] + (color[0] - d[i]) * alpha;
		d[i + 1] = d[i + 1] + (color[1] - d[i + 1]) * alpha;
		d[i + 2] = d[i + 2] + (color[2] - d[i + 2]) * alpha;
		d[i + 3] = 255;
	}

	fillRect(x, y, w, h, color, a = 1) {
		for (let yy = Math.max(0, Math.floor(y)); yy < Math.min(this.height, Math.ceil(y + h)); yy++) {
			for (let xx = Math.max(0, Math.floor(x)); xx < Math.min(this.width, Math.ceil(x + w)); xx++) this.blend(xx, yy, color, a);
		}
	}

	strokeRect(x, y, w, h, color, width = 1) {
		this.fillRect(x, y, w, width, color);
		this.fillRect(x, y + h - width, w, width, color);
		this.fillRect(x, y, width, h, color);
		this.fillRect(x + w - width, y, width, h, color);
	}

	fillCircle(cx, cy, r, color, a = 1) {
		for (let y = Math.floor(cy - r - 1); y <= Math.ceil(cy + r + 1); y++) {
			for (let x = Math.floor(cx - r - 1); x <= Math.ceil(cx + r + 1); x++) {
				const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
				this.blend(x, y, color, a * Math.max(0, Math.min(1, r - d + 0.5)));
			}
		}
	}

	line(x0, y0, x1, y1, width, color, a = 1) {
		const h = width / 2;
		const dx = x1 - x0;
		const dy = y1 - y0;
		const len2 = dx * dx + dy * dy || 1;
		for (let y = Math.floor(Math.min(y0, y1) - h - 1); y <= Math.ceil(Math.max(y0, y1) + h + 1); y++) {
			for (let x = Math.floor(Math.min(x0, x1) - h - 1); x <= Math.ceil(Math.max(x0, x1) + h + 1); x++) {
				const px = x + 0.5;
				const py = y + 0.5;
				const t = Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / len2));
				const d = Math.hypot(px - (x0 + t * dx), py - (y0 + t * dy));
				this.blend(x, y, color, a * Math.max(0, Math.min(1, h - d + 0.5)));
			}
		}
	}

	/** Fills a polygon [[x, y], ...] with 4x4 supersampling. */
	fillPolygon(points, color, a = 1) {
		const xs = points.map((p) => p[0]);
		const ys = points.map((p) => p[1]);
		const inside = (px, py) => {
			let c = false;
			for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
				const [xi, yi] = points[i];
				const [xj, yj] = points[j];
				if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) c = !c;
			}
			return c;
		};
		for (let y = Math.floor(Math.min(...ys)); y <= Math.ceil(Math.max(...ys)); y++) {
			for (let x = Math.floor(Math.min(...xs)); x <= Math.ceil(Math.max(...xs)); x++) {
				let hits = 0;
				for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (inside(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4)) hits++;
				this.blend(x, y, color, (a * hits) / 16);
			}
		}
	}

	/** An arrow from (x0, y0) to (x1, y1) with a triangular head. */
	arrow(x0, y0, x1, y1, width, color) {
		const len = Math.hypot(x1 - x0, y1 - y0);
		const ux = (x1 - x0) / len;
		const uy = (y1 - y0) / len;
		const head = width * 4;
		this.line(x0, y0, x1 - ux * head, y1 - uy * head, width, color);
		this.fillPolygon(
			[
				[x1, y1],
				[x1 - ux * head - uy * head * 0.6, y1 - uy * head + ux * head * 0.6],
				[x1 - ux * head + uy * head * 0.6, y1 - uy * head - ux * head * 0.6],
			],
			color,
		);
	}

	/** Draws text made of GLYPHS, `scale` pixels per font dot, centred on (cx, cy). */
	text(str, cx, cy, scale, color) {
		const w = str.length * 6 * scale - scale;
		let x = Math.round(cx - w / 2);
		const y = Math.round(cy - 3.5 * scale);
		for (const ch of str) {
			const g = GLYPHS[ch];
			if (g) {
				g.forEach((row, r) => {
					for (let c = 0; c < 5; c++) if (row[c] === '1') this.fillRect(x + c * scale, y + r * scale, scale, scale, color);
				});
			}
			x += 6 * scale;
		}
	}

	/** Draws a grayscale map (rows of numbers in [0, 1]) as `cell`-sized squares through `colormap`. */
	heatmap(map, x, y, cell, colormap) {
		map.forEach((row, r) => row.forEach((v, c) => this.fillRect(x + c * cell, y + r * cell, cell, cell, colormap(v))));
	}

	clone() {
		const copy = new Raster(this.width, this.height);
		copy.data.set(this.data);
		return copy;
	}
}
