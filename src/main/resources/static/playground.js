// The playground's entry: tabs, the model lists Draw, Type and Generate choose from, and each tab's module.
import { call } from './js/api.js';
import { showBox } from './js/errors.js';
import { setUpDraw } from './js/draw.js';
import { setUpGenerate } from './js/generate.js';
import { setUpModels } from './js/models.js';
import { setUpTabs } from './js/tabs.js';
import { setUpTrain } from './js/train.js';
import { setUpType } from './js/type.js';

const PREFERRED = { 'image-rows': 'mnist', text: 'names' };

/** Fills a select with the named models, keeping the user's choice when it still serves. */
function fill(select, names, preferred) {
  const previous = select.value;
  select.replaceChildren(
    ...names.map((name) => {
      const option = document.createElement('option');
      option.value = name;
      option.textContent = name;
      return option;
    }),
  );
  const chosen = [previous, preferred].find((name) => names.includes(name));
  if (chosen) select.value = chosen;
}

let setGenerators = () => {};

async function loadModels() {
  try {
    const models = await call('/models');
    const text = models.filter((m) => m.inputKind === 'text');
    // only a model's card says whether it classifies or generates; a card that fails to load
    // (deleted meanwhile) leaves its model a classifier, as the list had it before generators
    const cards = await Promise.all(text.map((m) => call(`/models/${encodeURIComponent(m.name)}`).catch(() => null)));
    const generators = cards.filter((card) => card?.task === 'generate');
    const generating = new Set(generators.map((card) => card.name));
    const names = (kind) => models.filter((m) => m.inputKind === kind).map((m) => m.name);
    fill(document.getElementById('draw-model'), names('image-rows'), PREFERRED['image-rows']);
    fill(
      document.getElementById('type-model'),
      names('text').filter((name) => !generating.has(name)),
      PREFERRED.text,
    );
    setGenerators(generators);
    await refreshTable(models);
  } catch (e) {
    showBox(document.getElementById('draw-error'), e.detail || e.message);
  }
}

let refreshTable = async () => {};

function start() {
  setUpDraw();
  setUpType();
  setGenerators = setUpGenerate();
  refreshTable = setUpModels(loadModels);
  setUpTrain(loadModels);
  setUpTabs((name) => {
    if (name === 'models') refreshTable();
  });
  loadModels();
}

start();
