/**
 * The `cnn-train` block's messages (its parser, layer plan, datasets, saving and widget), added to the
 * catalogs when the code that uses them is first loaded: until a training block exists in a note,
 * their text stays out of the page's start-up (see tests/model/bundle.test.ts). Every module that
 * makes a `train.*` message imports this one.
 */
import { registerMessages } from './index';
import * as train from './areas/train';
import * as trainData from './areas/train-data';
import * as trainSave from './areas/train-save';
import * as trainWidget from './areas/train-widget';

registerMessages({ en: { ...train.en, ...trainData.en, ...trainSave.en, ...trainWidget.en }, es: { ...train.es, ...trainData.es, ...trainSave.es, ...trainWidget.es } });
