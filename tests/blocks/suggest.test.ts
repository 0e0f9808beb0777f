import { closest, editDistance, suggestKey } from '../../src/blocks/suggest';

const CONV = ['input', 'kernel', 'filters', 'bias', 'stride', 'padding', 'dilation', 'flip'];
const POOL = ['input', 'type', 'size', 'stride', 'padding'];

describe('editDistance', () => {
	it.each([
		['stride', 'stride', 0],
		['strid', 'stride', 1],
		['kernal', 'kernel', 1],
		['sobel-x', 'sobel-y', 1],
		['sotrid', 'stride', 2],
		['strdie', 'stride', 1],
		['', 'abc', 3],
	])('%s -> %s is %d', (a, b, d) => {
		expect(editDistance(a, b)).toBe(d);
	});
});

describe('suggestKey', () => {
	it.each([
		['strid', CONV, 'stride'],
		['kernal', CONV, 'kernel'],
		['Stride', CONV, 'stride'],
		['filter', CONV, 'filters'],
		['paddin', CONV, 'padding'],
		['dilatation', CONV, 'dilation'],
		['imput', CONV, 'input'],
		['strides', POOL, 'stride'],
		['tipo', POOL, 'type'],
		['tamaño', POOL, 'size'],
		['relleno', CONV, 'padding'],
		['entrada', POOL, 'input'],
		['pool_size', POOL, 'size'],
	])('%s -> %s', (key, known, suggestion) => {
		expect(suggestKey(key, known)).toBe(suggestion);
	});

	it.each([
		['colour', CONV],
		['size', CONV],
		['type', CONV],
		['ventana', CONV],
		['x', POOL],
	])('suggests nothing for %s among keys it is not close to', (key, known) => {
		expect(suggestKey(key, known)).toBeUndefined();
	});
});

describe('closest', () => {
	const presets = ['identity', 'box-blur', 'gaussian-blur', 'sharpen', 'sobel-x', 'sobel-y', 'laplacian'];
	it.each([
		['sobel-z', 'sobel-x'],
		['sobelx', 'sobel-x'],
		['Sobel_X', 'sobel-x'],
		['gaussian', 'gaussian-blur'],
		['sharp', 'sharpen'],
		['laplacain', 'laplacian'],
		['idenity', 'identity'],
	])('%s -> %s', (word, suggestion) => {
		expect(closest(word, presets)).toBe(suggestion);
	});

	it('suggests nothing for a far word', () => {
		expect(closest('banana', presets)).toBeUndefined();
		expect(closest('', presets)).toBeUndefined();
	});
});
