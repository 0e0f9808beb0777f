/**
 * Checks trigger widgets through `data-action` (DESIGN.md), never through wording: every control a
 * check may use carries one, and the attribute is on the control that does the thing.
 */
import { loadPlugin } from '../../helpers/plugin';
import { SEED } from '../../helpers/seed';
import { installFakeCanvas, mountClassify, predictedLabel, settle } from '../classify/classify-helpers';

const actions = (el: HTMLElement): string[] => Array.from(el.querySelectorAll('[data-action]'), (e) => e.getAttribute('data-action') ?? '');

describe('data-action on the controls a check may trigger', () => {
	it('cnn-conv: the widget menu, the player (step-back, play, step-forward, scrub, speed), the preset menu and the code tabs; step-forward steps', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', SEED);
		expect(new Set(actions(el))).toEqual(new Set(['menu', 'preset', 'step-back', 'play', 'step-forward', 'scrub', 'speed', 'code-tab', 'reset']));
		const status = (): string => el.querySelector('.cnn-player-status')?.textContent ?? '';
		el.querySelector<HTMLButtonElement>('[data-action="step-back"]')?.click();
		const before = status();
		el.querySelector<HTMLButtonElement>('[data-action="step-forward"]')?.click();
		expect(status()).not.toBe(before);
	});

	it('cnn-classify: sample buttons, map enlargement, close, and the pad\'s undo and clear', async () => {
		installFakeCanvas();
		const samples = await mountClassify('input: sample');
		const five = samples.el.querySelector<HTMLButtonElement>('[data-action="sample"][data-label="5"]');
		five?.click();
		await samples.widget?.whenIdle();
		expect(predictedLabel(samples.el)).toBe(5);
		samples.el.querySelector<HTMLButtonElement>('[data-action="enlarge"]')?.click();
		const detail = samples.el.querySelector<HTMLElement>('.cnn-classify-detail');
		expect(detail?.classList.contains('is-hidden')).toBe(false);
		detail?.querySelector<HTMLButtonElement>('[data-action="close"]')?.click();
		expect(detail?.classList.contains('is-hidden')).toBe(true);
		samples.section.unload();

		const pad = await mountClassify('input: draw');
		expect(actions(pad.el)).toEqual(expect.arrayContaining(['undo', 'clear']));
		await settle(0);
		pad.section.unload();
	});
});
