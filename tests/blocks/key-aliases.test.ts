import { parseConvBlock } from '../../src/blocks/parse-conv';
import { parsePoolBlock } from '../../src/blocks/parse-pool';
import { parseClassifyBlock } from '../../src/blocks/parse-classify';
import { suggestKey } from '../../src/blocks/suggest';
import type { Problem } from '../../src/blocks/types';

/** The suggestion of the only unknown-key problem of a result. */
function suggestionFor(result: { ok: true } | { ok: false; errors: Problem[] }, key: string): string | undefined {
	if (result.ok) throw new Error('expected errors');
	const unknown = result.errors.filter((e) => e.code === 'block.key.unknown' && e.key === key);
	expect(unknown).toHaveLength(1);
	return unknown[0]?.suggestion;
}

describe('Spanish keys suggest the key they mean', () => {
	const conv = 'imagen: "[[foto.png]]"\nkernel: sobel-x\n';
	const pool = 'imagen: "[[foto.png]]"\ntype: max\nsize: 2\n';

	it('imagen: -> image: in a conv block, and following the suggestion parses', () => {
		const suggestion = suggestionFor(parseConvBlock(conv), 'imagen');
		expect(suggestion).toBe('image');
		const fixed = parseConvBlock(conv.replace('imagen:', `${suggestion}:`));
		expect(fixed.ok).toBe(true);
	});

	it('imagen: -> image: in a pool block, and following the suggestion parses', () => {
		const suggestion = suggestionFor(parsePoolBlock(pool), 'imagen');
		expect(suggestion).toBe('image');
		expect(parsePoolBlock(pool.replace('imagen:', `${suggestion}:`)).ok).toBe(true);
	});

	it('imagen: -> input: in a classify block, whose input takes a picture link', () => {
		const source = 'model: digits\nimagen: "[[digito.png]]"\n';
		const suggestion = suggestionFor(parseClassifyBlock(source), 'imagen');
		expect(suggestion).toBe('input');
		expect(parseClassifyBlock(source.replace('imagen:', `${suggestion}:`)).ok).toBe(true);
	});

	const CONV = ['input', 'image', 'sample', 'channels', 'kernel', 'filters', 'bias', 'stride', 'padding', 'dilation', 'flip', 'activation', 'transpose', 'pool'];
	it.each([
		['imagen', 'image'],
		['Imagen', 'image'],
		['foto', 'image'],
		['muestra', 'sample'],
		['canales', 'channels'],
		['activación', 'activation'],
		['transpuesta', 'transpose'],
		['pesos', 'kernel'],
		['sesgos', 'bias'],
		['agrupación', 'pool'],
	])('%s -> %s among the conv keys', (key, meant) => {
		expect(suggestKey(key, CONV)).toBe(meant);
	});

	it('inherited object names are not aliases', () => {
		expect(suggestKey('constructor', CONV)).toBeUndefined();
		expect(suggestKey('__proto__', CONV)).toBeUndefined();
	});
});
