import type { Activation } from '../../cnn';
import type { MessageKey } from '../../i18n';
import type { ConvSetup } from '../../cnn';

/** The settings of a convolution that its PyTorch and Keras equivalents need: the setup without its input tensor, plus the input's size and applied padding. */
export interface CodeSettings extends Omit<ConvSetup, 'input' | 'pool'> {
	/** Input [h, w, c]. */
	inputShape: [number, number, number];
	/** The input values, row-major [h][w] of channel 0, when small enough to write out; else undefined. */
	inputRows?: number[][];
	/** Padding cells actually applied [top, bottom, left, right] (for 'same' these are TensorFlow's; crops for a transposed convolution). */
	pads: [number, number, number, number];
}

/** Generated code and the notes (message keys) on where the libraries' semantics differ. */
export interface GeneratedCode {
	pytorch: string;
	keras: string;
	notes: MessageKey[];
}

const pyList = (rows: number[][]): string => `[${rows.map((r) => `[${r.join(', ')}]`).join(', ')}]`;
const pair = (p: readonly [number, number]): string => (p[0] === p[1] ? String(p[0]) : `(${p[0]}, ${p[1]})`);

const TORCH_ACT: Record<Activation | 'none', string | null> = {
	none: null,
	relu: 'F.relu(y)',
	'leaky-relu': 'F.leaky_relu(y, 0.2)',
	sigmoid: 'torch.sigmoid(y)',
	tanh: 'torch.tanh(y)',
	softmax: 'torch.softmax(y, dim=1)',
};
const KERAS_ACT: Record<Activation | 'none', string | null> = {
	none: null,
	relu: "layers.Activation('relu')",
	'leaky-relu': 'layers.LeakyReLU(negative_slope=0.2)',
	sigmoid: "layers.Activation('sigmoid')",
	tanh: "layers.Activation('tanh')",
	softmax: "layers.Activation('softmax')",
};

/** PyTorch (F.conv2d / F.conv_transpose2d) and Keras (Conv2D / Conv2DTranspose) code computing the same output. */
export function generateCode(s: CodeSettings): GeneratedCode {
	const notes: MessageKey[] = [];
	const [h, w, c] = s.inputShape;
	const n = s.kernels.length;
	const kh = s.kernels[0]?.length ?? 0;
	const kw = s.kernels[0]?.[0]?.length ?? 0;
	const [top, bottom, left, right] = s.pads;
	const weights = s.kernels.map(pyList).join(',\n     ');
	const xTorch = s.inputRows
		? `torch.tensor(${pyList(s.inputRows)}, dtype=torch.float32).reshape(1, ${c}, ${h}, ${w})`
		: `torch.rand(1, ${c}, ${h}, ${w})  # your image, (N, C, H, W)`;
	const xKeras = s.inputRows
		? `np.array(${pyList(s.inputRows)}, dtype='float32').reshape(1, ${h}, ${w}, ${c})`
		: `np.random.rand(1, ${h}, ${w}, ${c}).astype('float32')  # your image, (N, H, W, C)`;
	const torchBias = s.bias ? `torch.tensor([${s.bias.join(', ')}])` : 'None';
	const useBias = s.bias ? 'True' : 'False';
	const torch: string[] = ['import torch', 'import torch.nn.functional as F', '', `x = ${xTorch}`];
	const keras: string[] = ['import numpy as np', 'from keras import layers', '', `x = ${xKeras}`];

	if (!s.transpose) {
		torch.push(`w = torch.tensor([${weights}]).reshape(${n}, 1, ${kh}, ${kw}).repeat(1, ${c}, 1, 1)  # (out, in, kh, kw)`);
		let torchPad: string;
		if (s.padding === 'valid') torchPad = '0';
		else if (s.padding === 'same' && s.stride[0] === 1 && s.stride[1] === 1) torchPad = "'same'";
		else if (top === bottom && left === right) torchPad = pair([top, left]);
		else {
			torch.push(`x = F.pad(x, (${left}, ${right}, ${top}, ${bottom}))  # the extra padding goes at the bottom/right, as in TensorFlow`);
			torchPad = '0';
			notes.push('code.note.samePadding');
		}
		if (s.flip) torch.push('w = torch.flip(w, dims=[2, 3])  # flip: true rotates the kernel 180 degrees');
		torch.push(`y = F.conv2d(x, w, bias=${torchBias}, stride=${pair(s.stride)}, padding=${torchPad}, dilation=${pair(s.dilation)})`);

		let kerasPad = `'${s.padding === 'same' ? 'same' : 'valid'}'`;
		if (typeof s.padding !== 'string' || s.padding === 'full') {
			keras.push(`x = layers.ZeroPadding2D(padding=((${top}, ${bottom}), (${left}, ${right})))(x)`);
			kerasPad = "'valid'";
			notes.push('code.note.kerasPadding');
		}
		if (s.dilation.some((d) => d > 1) && s.stride.some((st) => st > 1)) notes.push('code.note.kerasDilation');
		keras.push(
			`conv = layers.Conv2D(${n}, kernel_size=${pair([kh, kw])}, strides=${pair(s.stride)}, padding=${kerasPad}, dilation_rate=${pair(s.dilation)}, use_bias=${useBias})`,
		);
		keras.push(`w = np.array([${weights}], dtype='float32').transpose(1, 2, 0)[:, :, None, :].repeat(${c}, axis=2)  # (kh, kw, in, out)`);
	} else {
		torch.push(`w = torch.tensor([${weights}]).reshape(${n}, 1, ${kh}, ${kw}).transpose(0, 1).repeat(${c}, 1, 1, 1)  # (in, out, kh, kw)`);
		if (s.flip) torch.push('w = torch.flip(w, dims=[2, 3])  # flip: true rotates the kernel 180 degrees');
		const extra: [number, number] = s.padding === 'same' ? [Math.max(0, s.stride[0] - kh), Math.max(0, s.stride[1] - kw)] : [0, 0];
		torch.push(`y = F.conv_transpose2d(x, w, bias=${torchBias}, stride=${pair(s.stride)}, output_padding=${pair(extra)})`);
		if (top + bottom + left + right > 0) {
			torch.push(`y = y[:, :, ${top}:y.shape[2] - ${bottom}, ${left}:y.shape[3] - ${right}]  # crop as TensorFlow does`);
			if (s.padding === 'same') notes.push('code.note.transposeSame');
		}
		keras.push(
			`conv = layers.Conv2DTranspose(${n}, kernel_size=${pair([kh, kw])}, strides=${pair(s.stride)}, padding='${s.padding === 'same' ? 'same' : 'valid'}', use_bias=${useBias})`,
		);
		keras.push(`w = np.array([${weights}], dtype='float32').transpose(1, 2, 0)[:, :, :, None].repeat(${c}, axis=3)  # (kh, kw, out, in)`);
		if (typeof s.padding === 'number' || Array.isArray(s.padding)) notes.push('code.note.kerasPadding');
	}
	if (s.flip) keras.push('w = np.flip(w, axis=(0, 1))  # flip: true rotates the kernel 180 degrees');
	keras.push('conv.build(x.shape)');
	keras.push(s.bias ? `conv.set_weights([w, np.array([${s.bias.join(', ')}], dtype='float32')])` : 'conv.set_weights([w])');
	keras.push('y = conv(x)');
	if (s.transpose && s.padding !== 'same' && s.padding !== 'valid') keras.push(`y = layers.Cropping2D(((${top}, ${bottom}), (${left}, ${right})))(y)`);
	const torchAct = TORCH_ACT[s.activation];
	const kerasAct = KERAS_ACT[s.activation];
	if (torchAct) torch.push(`y = ${torchAct}`);
	if (kerasAct) keras.push(`y = ${kerasAct}(y)`);
	torch.push(`print(y.shape)  # (1, ${n}, H, W)`);
	keras.push(`print(y.shape)  # (1, H, W, ${n})`);
	return { pytorch: torch.join('\n'), keras: keras.join('\n'), notes: [...new Set(notes)] };
}
