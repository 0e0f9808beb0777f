/**
 * The course's notes in each language: the example vault's notes (examples/vault/en, es), embedded
 * in main.js as text by the build, so the vault stays their one source.
 */
import enAnn from '../../../examples/vault/en/Artificial neural networks.md';
import enClassification from '../../../examples/vault/en/Classification.md';
import enConvolution from '../../../examples/vault/en/Convolution.md';
import enCnn from '../../../examples/vault/en/Convolutional neural networks.md';
import enDense from '../../../examples/vault/en/Fully connected layers.md';
import enPooling from '../../../examples/vault/en/Pooling.md';
import enRelu from '../../../examples/vault/en/ReLU.md';
import esDense from '../../../examples/vault/es/Capas completamente conectadas.md';
import esClassification from '../../../examples/vault/es/Clasificación.md';
import esConvolution from '../../../examples/vault/es/Convolución.md';
import esPooling from '../../../examples/vault/es/Pooling.md';
import esRelu from '../../../examples/vault/es/ReLU.md';
import esAnn from '../../../examples/vault/es/Redes Neuronales Artificiales.md';
import esCnn from '../../../examples/vault/es/Redes Neuronales Convolucionales.md';
import type { GlossaryLanguage } from '../../i18n';

/** One note of the course: its file name (with `.md`) and its text as in the example vault. */
export interface CourseNote {
	name: string;
	text: string;
}

/** The notes of one language, the overview first (the note opened after inserting). */
export const COURSE_NOTES: Readonly<Record<GlossaryLanguage, readonly CourseNote[]>> = {
	en: [
		{ name: 'Convolutional neural networks.md', text: enCnn },
		{ name: 'Artificial neural networks.md', text: enAnn },
		{ name: 'Convolution.md', text: enConvolution },
		{ name: 'ReLU.md', text: enRelu },
		{ name: 'Pooling.md', text: enPooling },
		{ name: 'Fully connected layers.md', text: enDense },
		{ name: 'Classification.md', text: enClassification },
	],
	es: [
		{ name: 'Redes Neuronales Convolucionales.md', text: esCnn },
		{ name: 'Redes Neuronales Artificiales.md', text: esAnn },
		{ name: 'Convolución.md', text: esConvolution },
		{ name: 'ReLU.md', text: esRelu },
		{ name: 'Pooling.md', text: esPooling },
		{ name: 'Capas completamente conectadas.md', text: esDense },
		{ name: 'Clasificación.md', text: esClassification },
	],
};
