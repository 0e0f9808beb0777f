/** The course's seed example (DESIGN.md): a 5x5x1 image and a 3x3x1 kernel whose convolution is [[4,3,4],[2,4,3],[2,3,4]]. */
export const SEED = `input: |
  1 1 1 0 0
  0 1 1 1 0
  0 0 1 1 1
  0 0 1 1 0
  0 1 1 0 0
kernel: |
  1 0 1
  0 1 0
  1 0 1
`;

/** The seed's input rows. */
export const SEED_INPUT = [
	[1, 1, 1, 0, 0],
	[0, 1, 1, 1, 0],
	[0, 0, 1, 1, 1],
	[0, 0, 1, 1, 0],
	[0, 1, 1, 0, 0],
];

/** The seed's kernel rows. */
export const SEED_KERNEL = [
	[1, 0, 1],
	[0, 1, 0],
	[1, 0, 1],
];

/** The pooling example of DESIGN.md: a 4x4 map whose 2x2 max pooling is [[6,4],[7,9]]. */
export const POOL_SOURCE = `input: |
  1 3 2 4
  5 6 1 2
  7 2 9 0
  1 4 3 8
`;

/** The pooling example's rows. */
export const POOL_INPUT = [
	[1, 3, 2, 4],
	[5, 6, 1, 2],
	[7, 2, 9, 0],
	[1, 4, 3, 8],
];
