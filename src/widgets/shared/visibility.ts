/** Starting a block's work only when it comes near the screen (IntersectionObserver), as obsidian-tasks and dataview do. */

/**
 * How far outside the visible area a block counts as near (CSS margin: 600 px above and below,
 * none sideways): a block about two thirds of a screen below the fold starts while the reader is
 * still reading the one above it.
 */
export const NEAR_SCREEN_MARGIN = '600px 0px';

/**
 * Calls `start` once, when `el` first comes near the screen; returns a function that stops
 * waiting (start is then never called). Where there is no IntersectionObserver it starts at once.
 */
export type WhenVisible = (el: HTMLElement, start: () => void) => () => void;

/**
 * The real WhenVisible: an IntersectionObserver with NEAR_SCREEN_MARGIN, disconnected once the
 * block starts or when waiting is stopped. `scrollMargin` grows the clip of the scrolling reading
 * view by the same margin (a rootMargin alone applies only to the window, and Obsidian's notes
 * scroll inside an element); browsers without it start blocks as they enter the view.
 */
export const whenNearScreen: WhenVisible = (el, start) => {
	const Observer = el.ownerDocument.defaultView?.IntersectionObserver;
	if (typeof Observer !== 'function') {
		start();
		return () => {};
	}
	let started = false;
	const options: IntersectionObserverInit & { scrollMargin?: string } = { rootMargin: NEAR_SCREEN_MARGIN, scrollMargin: NEAR_SCREEN_MARGIN };
	const observer = new Observer((entries) => {
		if (started || !entries.some((e) => e.isIntersecting)) return;
		started = true;
		observer.disconnect();
		start();
	}, options);
	observer.observe(el);
	return () => {
		started = true;
		observer.disconnect();
	};
};
