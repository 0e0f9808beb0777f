/**
 * Colour scales for heatmaps, legends and images: a diverging scale for signed values centred on 0,
 * a sequential one for feature maps, and gray for raw image input. Each scale is a precomputed
 * 256-entry RGBA lookup table, so painting a pixel is one index computation and four byte copies.
 */

/** Which colour scale: `diverging` (red - light - blue, for signed data), `sequential` (viridis), `gray` (black - white). */
export type ScaleKind = 'diverging' | 'sequential' | 'gray';

/** The values mapped to the first and last colour of a scale (data units); max > min. */
export interface ValueRange {
	min: number;
	max: number;
}

/** A scale chosen for some data: its kind and the value range its colours span. */
export interface ScaleChoice {
	kind: ScaleKind;
	range: ValueRange;
}

/** Number of colours in every lookup table. */
export const LUT_SIZE = 256;

/**
 * The 256 colours of viridis and of RdBu, entry i being d3-scale-chromatic's interpolateViridis /
 * interpolateRdBu at t = i / 255, as 6 hex digits (rrggbb) each. Embedded rather than computed:
 * d3-scale-chromatic with d3-color and d3-interpolate put 32 KB of code into main.js for these two
 * tables, all of it compiled when the plugin loads. tests/widgets/shared/colormap.test.ts checks
 * every entry against d3 (a devDependency only).
 */
export const VIRIDIS_HEX =
	'44015444025645045745055946075a46085c460a5d460b5e470d60470e61471063471164471365481467481668481769' +
	'48186a481a6c481b6d481c6e481d6f481f70482071482173482374482475482576482677482878482979472a7a472c7a' +
	'472d7b472e7c472f7d46307e46327e46337f463480453581453781453882443983443a83443b84433d84433e85423f85' +
	'4240864241864142874144874045884046883f47883f48893e49893e4a893e4c8a3d4d8a3d4e8a3c4f8a3c508b3b518b' +
	'3b528b3a538b3a548c39558c39568c38588c38598c375a8c375b8d365c8d365d8d355e8d355f8d34608d34618d33628d' +
	'33638d32648e32658e31668e31678e31688e30698e306a8e2f6b8e2f6c8e2e6d8e2e6e8e2e6f8e2d708e2d718e2c718e' +
	'2c728e2c738e2b748e2b758e2a768e2a778e2a788e29798e297a8e297b8e287c8e287d8e277e8e277f8e27808e26818e' +
	'26828e26828e25838e25848e25858e24868e24878e23888e23898e238a8d228b8d228c8d228d8d218e8d218f8d21908d' +
	'21918c20928c20928c20938c1f948c1f958b1f968b1f978b1f988b1f998a1f9a8a1e9b8a1e9c891e9d891f9e891f9f88' +
	'1fa0881fa1881fa1871fa28720a38620a48621a58521a68522a78522a88423a98324aa8325ab8225ac8226ad8127ad81' +
	'28ae8029af7f2ab07f2cb17e2db27d2eb37c2fb47c31b57b32b67a34b67935b77937b87838b9773aba763bbb753dbc74' +
	'3fbc7340bd7242be7144bf7046c06f48c16e4ac16d4cc26c4ec36b50c46a52c56954c56856c66758c7655ac8645cc863' +
	'5ec96260ca6063cb5f65cb5e67cc5c69cd5b6ccd5a6ece5870cf5773d05675d05477d1537ad1517cd2507fd34e81d34d' +
	'84d44b86d54989d5488bd6468ed64590d74393d74195d84098d83e9bd93c9dd93ba0da39a2da37a5db36a8db34aadc32' +
	'addc30b0dd2fb2dd2db5de2bb8de29bade28bddf26c0df25c2df23c5e021c8e020cae11fcde11dd0e11cd2e21bd5e21a' +
	'd8e219dae319dde318dfe318e2e418e5e419e7e419eae51aece51befe51cf1e51df4e61ef6e620f8e621fbe723fde725';

export const RDBU_HEX =
	'67001f6a011f6d02207003207304217605217906227b07227e0823810923840a24870b248a0c258c0d268f0f26921027' +
	'9411279712289a14299c15299f172aa1182ba41a2ca61c2da81d2daa1f2ead212faf2330b12531b32732b52933b72b34' +
	'b82e35ba3036bc3238be3539bf373ac13a3bc33c3dc43f3ec6413fc74441c94742ca4943cc4c45cd4f46ce5248d0544a' +
	'd1574bd25a4dd45d4ed56050d66252d86554d96855da6b57db6d59dd705bde735ddf755fe07861e17b63e27d65e48067' +
	'e58369e6856be7886de88b6fe98d71ea9073eb9276ec9578ed977aee9a7cee9c7fef9f81f0a183f1a486f2a688f2a88b' +
	'f3ab8df4ad90f4af92f5b295f5b497f6b69af6b89cf7ba9ff7bda1f8bfa4f8c1a6f8c3a9f9c5abf9c7aef9c9b0facab3' +
	'faccb5faceb8fad0bafad2bcfad3bffad5c1fbd7c4fbd8c6fbdac8fbdbcafbddccfadecffae0d1fae1d3fae2d5fae3d7' +
	'fae5d8fae6daf9e7dcf9e8def9e9e0f8eae1f8eae3f7ebe4f7ece6f6ede7f6ede8f5eee9f4eeebf4efecf3efedf2efed' +
	'f1efeef0f0efeff0f0eef0f0edf0f1eceff1ebeff1eaeff2e9eff2e7eef2e6eef2e5edf2e3edf2e2ecf2e0ecf2dfebf2' +
	'ddeaf2dbeaf1dae9f1d8e8f1d6e7f0d4e6f0d3e6f0d1e5efcfe4efcde3eecbe2eec9e1edc7e0edc5dfecc2ddecc0dceb' +
	'bedbeabcdaeabad9e9b7d8e8b5d7e8b2d5e7b0d4e6aed3e6abd1e5a9d0e4a6cfe3a3cde3a1cce29ecae19cc9e099c7e0' +
	'96c6df93c4de91c3dd8ec1dc8bc0db88beda85bcd983bbd880b9d77db7d77ab5d677b3d574b2d471b0d36faed26cacd1' +
	'69aad066a8cf64a7ce61a5cd5ea3cc5ba1cb599fca569dc9549bc85199c74f98c64d96c54b94c44892c34690c2448ec1' +
	'428cc0408bbf3e89be3d87bd3b85bc3983bb3781ba3680b9347eb7337cb6317ab53078b42e76b22d75b12c73b02a71ae' +
	'296fad286dab266baa2569a82467a62365a42164a22062a01f609e1e5e9c1d5c9a1b5a981a589519569318549017528e' +
	'164f8b154d89134b8612498311478110457e0f437b0e41780d3f750c3d730a3b7009386d08366a073467063264053061';

/** The rrggbb colours of each table-backed scale; gray is computed. */
const hexTables: Record<Exclude<ScaleKind, 'gray'>, string> = {
	// RdBu runs red (i = 0) to blue (i = 255): negative red, positive blue, as the number grids colour them.
	diverging: RDBU_HEX,
	sequential: VIRIDIS_HEX,
};

/** Parses `#rrggbb` or `rgb(r, g, b)` (the CSS colours d3-scale-chromatic returns) into bytes [r, g, b]. */
export function parseColor(css: string): [number, number, number] {
	const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css);
	if (hex) return [parseInt(hex[1] ?? '0', 16), parseInt(hex[2] ?? '0', 16), parseInt(hex[3] ?? '0', 16)];
	const rgb = /^rgb\(\s*(\d+),\s*(\d+),\s*(\d+)\s*\)$/.exec(css);
	if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
	throw new Error(`parseColor: expected #rrggbb or rgb(r, g, b), got '${css}'`);
}

const tables = new Map<ScaleKind, Uint8ClampedArray>();

/**
 * The lookup table of a scale: LUT_SIZE * 4 bytes, entry i (RGBA, alpha 255) being the colour at
 * t = i / 255. Built once per kind and shared: do not modify it.
 */
export function lutFor(kind: ScaleKind): Uint8ClampedArray {
	let lut = tables.get(kind);
	if (!lut) {
		lut = new Uint8ClampedArray(LUT_SIZE * 4);
		const hex = kind === 'gray' ? undefined : hexTables[kind];
		for (let i = 0; i < LUT_SIZE; i++) {
			const o = i * 4;
			if (hex === undefined) {
				lut[o] = lut[o + 1] = lut[o + 2] = i;
			} else {
				for (let c = 0; c < 3; c++) lut[o + c] = parseInt(hex.slice(i * 6 + c * 2, i * 6 + c * 2 + 2), 16);
			}
			lut[o + 3] = 255;
		}
		tables.set(kind, lut);
	}
	return lut;
}

/**
 * Picks the scale for data spanning [min, max]: diverging over the symmetric range [-m, m]
 * (m = the largest magnitude) when min < 0 < max, else sequential over [min, max]. A constant map
 * gets a non-empty range: [0, 1] for zeros, [0, v] for v > 0, [v, 0] for v < 0.
 */
export function chooseScale(min: number, max: number): ScaleChoice {
	if (min < 0 && max > 0) {
		const m = Math.max(-min, max);
		return { kind: 'diverging', range: { min: -m, max: m } };
	}
	if (!(max > min)) {
		const v = Number.isFinite(min) ? min : 0;
		return { kind: 'sequential', range: v === 0 ? { min: 0, max: 1 } : v > 0 ? { min: 0, max: v } : { min: v, max: 0 } };
	}
	return { kind: 'sequential', range: { min, max } };
}

/** The smallest and largest value of one channel of an [h, w, c] tensor's data (c values per pixel). */
export function channelExtent(data: Float32Array, channels: number, channel: number): ValueRange {
	let min = Infinity;
	let max = -Infinity;
	for (let i = channel; i < data.length; i += channels) {
		const v = data[i] ?? 0;
		if (v < min) min = v;
		if (v > max) max = v;
	}
	return min > max ? { min: 0, max: 0 } : { min, max };
}

/** The table index (0..255) of `value` in `range`, clamped at both ends; NaN gives 0. */
export function lutIndex(value: number, range: ValueRange): number {
	const span = range.max - range.min;
	const x = span > 0 ? ((value - range.min) / span) * (LUT_SIZE - 1) : 0;
	return x > 0 ? (x < LUT_SIZE - 1 ? Math.round(x) : LUT_SIZE - 1) : 0;
}

/** The CSS colour `rgb(r, g, b)` of entry `index` (0..255) of a table. */
export function lutColor(lut: Uint8ClampedArray, index: number): string {
	const i = Math.max(0, Math.min(LUT_SIZE - 1, Math.round(index))) * 4;
	return `rgb(${lut[i] ?? 0}, ${lut[i + 1] ?? 0}, ${lut[i + 2] ?? 0})`;
}

/** A CSS `linear-gradient(to right, ...)` through `stops` (>= 2) evenly spaced colours of a scale, for legends. */
export function cssGradient(kind: ScaleKind, stops = 9): string {
	const lut = lutFor(kind);
	const n = Math.max(2, Math.round(stops));
	const parts: string[] = [];
	for (let s = 0; s < n; s++) {
		const t = s / (n - 1);
		parts.push(`${lutColor(lut, t * (LUT_SIZE - 1))} ${(t * 100).toFixed(1).replace(/\.0$/, '')}%`);
	}
	return `linear-gradient(to right, ${parts.join(', ')})`;
}
