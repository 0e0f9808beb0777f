/**
 * An RGBA raster with the few anti-aliased drawing operations the course's pictures need (also
 * what scripts/make-images.mjs draws the example vault's pictures with). Colours are [r, g, b] in
 * 0..255; coordinates are pixels from the top-left corner.
 */

/** A colour: red, green, blue in 0..255. */
export type Rgb = readonly [number, number, number];

/** Parses '#rrggbb' into [r, g, b]. */
export function rgb(hex: string): Rgb {
	const n = parseInt(hex.slice(1), 16);
	return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** 5x7 glyphs for the numbers drawn into the pictures. */
const GLYPHS: Record<string, readonly string[]> = {
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

const clamp01 = (v: number): number => Math.max(0, Math.min(1, v));

/** An RGBA image (width x height pixels, `data` row-major RGBA bytes), filled with `background`. */
export class Raster {
	readonly data: Uint8ClampedArray;

	constructor(
		readonly width: number,
		readonly height: number,
		background: Rgb = [255, 255, 255],
	) {
		this.data = new Uint8ClampedArray(width * height * 4);
		this.fillRect(0, 0, width, height, background);
	}

	/** Blends `color` into pixel (x, y) with opacity a in [0, 1]; pixels outside are skipped. */
	blend(x: number, y: number, color: Rgb, a = 1): void {
		if (x < 0 || y < 0 || x >= this.width || y >= this.height || a <= 0) return;
		const i = (y * this.width + x) * 4;
		const d = this.data;
		const alpha = Math.min(1, a);
		d[i] = (d[i] as number) + (color[0] - (d[i] as number)) * alpha;
		d[i + 1] = (d[i + 1] as number) + (color[1] - (d[i + 1] as number)) * alpha;
		d[i + 2] = (d[i + 2] as number) + (color[2] - (d[i + 2] as number)) * alpha;
		d[i + 3] = 255;
	}

	/** Fills the pixels whose squares meet the rectangle (x, y, w, h). */
	fillRect(x: number, y: number, w: number, h: number, color: Rgb, a = 1): void {
		const x1 = Math.min(this.width, Math.ceil(x + w));
		for (let yy = Math.max(0, Math.floor(y)); yy < Math.min(this.height, Math.ceil(y + h)); yy++) {
			for (let xx = Math.max(0, Math.floor(x)); xx < x1; xx++) this.blend(xx, yy, color, a);
		}
	}

	/** The outline of a rectangle, `width` pixels thick, inside it. */
	strokeRect(x: number, y: number, w: number, h: number, color: Rgb, width = 1): void {
		this.fillRect(x, y, w, width, color);
		this.fillRect(x, y + h - width, w, width, color);
		this.fillRect(x, y, width, h, color);
		this.fillRect(x + w - width, y, width, h, color);
	}

	/** A disc of radius r centred on (cx, cy), edges anti-aliased by coverage. */
	fillCircle(cx: number, cy: number, r: number, color: Rgb, a = 1): void {
		for (let y = Math.floor(cy - r - 1); y <= Math.ceil(cy + r + 1); y++) {
			for (let x = Math.floor(cx - r - 1); x <= Math.ceil(cx + r + 1); x++) {
				const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
				this.blend(x, y, color, a * clamp01(r - d + 0.5));
			}
		}
	}

	/** A segment from (x0, y0) to (x1, y1), `width` pixels thick, with round ends. */
	line(x0: number, y0: number, x1: number, y1: number, width: number, color: Rgb, a = 1): void {
		const h = width / 2;
		const dx = x1 - x0;
		const dy = y1 - y0;
		const len2 = dx * dx + dy * dy || 1;
		const reach = (h + 0.5) * (h + 0.5) + 1;
		for (let y = Math.floor(Math.min(y0, y1) - h - 1); y <= Math.ceil(Math.max(y0, y1) + h + 1); y++) {
			for (let x = Math.floor(Math.min(x0, x1) - h - 1); x <= Math.ceil(Math.max(x0, x1) + h + 1); x++) {
				const px = x + 0.5;
				const py = y + 0.5;
				const t = clamp01(((px - x0) * dx + (py - y0) * dy) / len2);
				const ex = px - (x0 + t * dx);
				const ey = py - (y0 + t * dy);
				// Clearly outside the stroke (coverage 0): skip the slow Math.hypot; pixels are unchanged.
				if (ex * ex + ey * ey > reach) continue;
				const d = Math.hypot(ex, ey);
				this.blend(x, y, color, a * clamp01(h - d + 0.5));
			}
		}
	}

	/** Fills a polygon [[x, y], ...] with 4x4 supersampling. */
	fillPolygon(points: readonly (readonly [number, number])[], color: Rgb, a = 1): void {
		const xs = points.map((p) => p[0]);
		const ys = points.map((p) => p[1]);
		const inside = (px: number, py: number): boolean => {
			let c = false;
			for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
				const [xi, yi] = points[i] as readonly [number, number];
				const [xj, yj] = points[j] as readonly [number, number];
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
	arrow(x0: number, y0: number, x1: number, y1: number, width: number, color: Rgb): void {
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

	/** Draws `str` in the 5x7 glyphs, `scale` pixels per font dot, centred on (cx, cy). */
	text(str: string, cx: number, cy: number, scale: number, color: Rgb): void {
		const w = str.length * 6 * scale - scale;
		let x = Math.round(cx - w / 2);
		const y = Math.round(cy - 3.5 * scale);
		for (const ch of str) {
			const glyph = GLYPHS[ch];
			if (glyph) {
				glyph.forEach((row, r) => {
					for (let c = 0; c < 5; c++) if (row[c] === '1') this.fillRect(x + c * scale, y + r * scale, scale, scale, color);
				});
			}
			x += 6 * scale;
		}
	}

	/** Draws a map (rows of numbers, usually in [0, 1]) as `cell`-sized squares coloured by `colormap`. */
	heatmap(map: readonly (readonly number[])[], x: number, y: number, cell: number, colormap: (v: number) => Rgb): void {
		map.forEach((row, r) => row.forEach((v, c) => this.fillRect(x + c * cell, y + r * cell, cell, cell, colormap(v))));
	}
}
