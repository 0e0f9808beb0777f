/** input: draw on a model whose input is not square: the whole square pad is padded into it, so ink near the top or bottom still reaches the model. */
import { prepareSource } from '../../../../src/widgets/classify/classify-prepare';

it('a stroke drawn near the top of the pad reaches a 32x64 model', () => {
	const side = 100;
	const data = new Float32Array(side * side);
	for (let x = 20; x < 80; x++) for (let y = 8; y < 14; y++) data[y * side + x] = 1; // a bar across the top
	const prepared = prepareSource({ kind: 'ink', ink: { width: side, height: side, data } }, { shape: [32, 64, 3], fit: 'crop', scale: '0..1', mnistPictures: false });
	const dark = prepared ? Array.from(prepared.view).filter((v) => v < 0.5).length : 0;
	expect(dark).toBeGreaterThan(0);
});
