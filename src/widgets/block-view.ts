import { Component } from 'obsidian';

/** The DOM of one computed block (a child component of its widget): a root element, built on load and removed on unload. */
export abstract class BlockView extends Component {
	protected readonly root: HTMLElement;

	/** Creates the root `div.cnn-notes.<blockClass>` in `parent`; the content is built when the view loads. */
	constructor(parent: HTMLElement, blockClass: string) {
		super();
		this.root = parent.createDiv({ cls: `cnn-notes ${blockClass}` });
	}

	onload(): void {
		this.build();
	}

	onunload(): void {
		this.root.detach();
	}

	/** Builds the view's content inside `root`. */
	protected abstract build(): void;
}
