/**
 * The CNN maths core: tensors, convolution, transposed convolution, pooling, activations, output-size
 * formulas, kernel presets and "explain this output cell". Pure: imports nothing outside src/cnn.
 */
export { tensor, toArray, zeros, sizeOf, type Tensor } from './tensor';
export {
	convGeometry,
	convOutputSize,
	convTransposeOutputSize,
	axisGeometry,
	effectiveKernelSize,
	transposePadBefore,
	type AxisGeometry,
	axisOf,
	type AxisPadding,
	type FormulaAxis,
	type Geometry2D,
	type OutputSizeOptions,
	type Padding,
	type TransposeSizeOptions,
} from './shape';
export { conv2d, type ConvOptions } from './conv2d';
export { conv2dTranspose, type ConvTransposeOptions } from './conv2d-transpose';
export { transposeAsConv, type TransposeAsConv } from './transpose-as-conv';
export { pool2d, POOL_TYPES, type PoolOptions, type PoolType } from './pool2d';
export { globalPool, GLOBAL_POOL_TYPES, type GlobalPoolType } from './global-pool';
export { activate, ACTIVATIONS, LEAKY_RELU_ALPHA, type Activation } from './activate';
export {
	explainConv,
	explainPool,
	explainPlannedConv,
	explainPlannedPool,
	type ConvCell,
	type ConvExplanation,
	type ConvTap,
	type PoolCell,
	type PoolExplanation,
} from './explain';
export { kernelPresets, presetKernel } from './presets';
export { VALUE_LIMIT, withinValueLimit } from './limits';
export { makeSample, sampleNames, isSampleName, type SampleName } from './samples';
export {
	computeConv,
	kernelMatrices,
	stackKernels,
	transposeAxisPadding,
	type ConvActivation,
	type ConvComputation,
	type ConvSettings,
	type ConvSetup,
	type PaddingSpec,
} from './pipeline';
export { computePool, type PoolComputation, type PoolOutputCell, type PoolStage } from './pool-computation';
export { summarizePool, type PoolSummary } from './pool-summary';
export { axisReach, areaSize, clipArea, type CellArea, type SweepAxis } from './cell-area';
