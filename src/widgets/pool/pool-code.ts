import type { PoolOptions } from '../../cnn';
import type { MessageKey } from '../../i18n';
import type { GeneratedCode } from '../conv/conv-code';

/** What the PyTorch and Keras equivalents of a pooling need. */
export interface PoolCodeSettings {
	/** Input [h, w, c]. */
	inputShape: [number, number, number];
	options: PoolOptions;
	/** Global pooling ('max' | 'avg'), when the block asked for it. */
	globalType?: 'max' | 'avg';
	/** Padding cells applied [top, bottom, left, right] ('same' as TensorFlow computes it). */
	pads: [number, number, number, number];
}

const pair = (p: readonly [number, number]): string => (p[0] === p[1] ? String(p[0]) : `(${p[0]}, ${p[1]})`);

/** PyTorch (F.max_pool2d / F.avg_pool2d / adaptive) and Keras (MaxPooling2D / AveragePooling2D / Global*) code giving the same output. */
export function generatePoolCode(s: PoolCodeSettings): GeneratedCode {
	const notes: MessageKey[] = [];
	const [h, w, c] = s.inputShape;
	const torch = ['import torch', 'import torch.nn.functional as F', '', `x = torch.rand(1, ${c}, ${h}, ${w})  # your map, (N, C, H, W)`];
	const keras = ['import numpy as np', 'from keras import layers', '', `x = np.random.rand(1, ${h}, ${w}, ${c}).astype('float32')  # your map, (N, H, W, C)`];
	if (s.globalType) {
		const name = s.globalType === 'max' ? 'max' : 'avg';
		torch.push(`y = F.adaptive_${name}_pool2d(x, 1)  # nn.Adaptive${s.globalType === 'max' ? 'Max' : 'Avg'}Pool2d(1)`);
		keras.push(`y = layers.Global${s.globalType === 'max' ? 'Max' : 'Average'}Pooling2D(keepdims=True)(x)`);
	} else {
		const { type } = s.options;
		const k = pair(s.options.size as [number, number]);
		const st = pair((s.options.stride ?? s.options.size) as [number, number]);
		const [top, bottom, left, right] = s.pads;
		const padded = top + bottom + left + right > 0;
		const symmetric = top === bottom && left === right;
		const sign = type === 'min' ? '-' : '';
		const x = type === 'min' ? '-x' : 'x';
		if (type === 'avg') {
			if (!padded) torch.push(`y = F.avg_pool2d(x, kernel_size=${k}, stride=${st})  # nn.AvgPool2d`);
			else if (symmetric) torch.push(`y = F.avg_pool2d(x, kernel_size=${k}, stride=${st}, padding=${pair([top, left])}, count_include_pad=False)`);
			else {
				torch.push(`pad = (${left}, ${right}, ${top}, ${bottom})  # TensorFlow's 'same': the extra cell goes at the bottom/right`);
				torch.push(`sums = F.avg_pool2d(F.pad(x, pad), kernel_size=${k}, stride=${st}, divisor_override=1)`);
				torch.push(`counts = F.avg_pool2d(F.pad(torch.ones_like(x), pad), kernel_size=${k}, stride=${st}, divisor_override=1)`);
				torch.push('y = sums / counts  # padded cells are not counted');
				notes.push('code.note.poolAvgSame');
			}
		} else {
			if (padded) torch.push(`x = F.pad(x, (${left}, ${right}, ${top}, ${bottom}), value=float('${type === 'min' ? '' : '-'}inf'))  # padded cells never win`);
			torch.push(`y = ${sign}F.max_pool2d(${x}, kernel_size=${k}, stride=${st})  # nn.MaxPool2d`);
			if (type === 'min') notes.push('code.note.minPool');
		}
		const layer = type === 'avg' ? 'AveragePooling2D' : 'MaxPooling2D';
		keras.push(`y = ${sign}layers.${layer}(pool_size=${k}, strides=${st}, padding='${s.options.padding ?? 'valid'}')(${x})`);
	}
	torch.push(`print(y.shape)  # (1, ${c}, H, W)`);
	keras.push(`print(y.shape)  # (1, H, W, ${c})`);
	return { pytorch: torch.join('\n'), keras: keras.join('\n'), notes };
}
