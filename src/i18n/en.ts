/** English messages: the reference set of keys. `{name}` marks a variable filled by t(). */
export const en = {
	// Widgets
	'widget.input': 'Input',
	'widget.kernel': 'Kernel',
	'widget.filter': 'Filter {index}',
	'widget.output': 'Output',
	'widget.outputMap': 'Output map {index}',
	'widget.shape': 'Shape {shape}',
	'widget.bias': 'Bias {value}',
	'widget.conv.summary': 'Stride {stride}, padding {padding}, dilation {dilation}',
	'widget.conv.flip': 'True convolution: the kernel is rotated 180° before sliding.',
	'widget.conv.noFlip': 'Cross-correlation (what CNN libraries call convolution): the kernel slides as written.',
	'widget.pool.summary': '{type} pooling, window {size}, stride {stride}, padding {padding}',
	'widget.pool.max': 'Max',
	'widget.pool.avg': 'Average',
	'widget.pool.min': 'Min',
	'widget.grid.label': '{name}, {rows} by {cols}',
	'widget.cell.label': 'Row {row}, column {col}: {value}',

	// Error box
	'error.title': 'This block has a problem',
	'error.titleMany': 'This block has {count} problems',
	'error.line': 'Line {line}',
	'error.key': 'Key “{key}”',
	'error.didYouMean': 'Did you mean “{suggestion}”?',
	'error.allowed': 'Allowed: {allowed}.',
	'error.unexpected': 'Something went wrong while drawing this block: {message}',
} as const;

/** A message key; every language has exactly these keys. */
export type MessageKey = keyof typeof en;
