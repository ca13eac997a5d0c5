// The playground's entry: tabs, the model lists Draw and Type choose from, and each tab's module.
import { call } from './js/api.js';
import { showBox } from './js/errors.js';
import { setUpDraw } from './js/draw.js';
import { setUpModels } from './js/models.js';
import { setUpTabs } from './js/tabs.js';
import { setUpTrain } from './js/train.js';
import { setUpType } from './js/type.js';

const PREFERRED = { 'image-rows': 'mnist', text: 'names' };

/** Fills a select with the models of one input kind, keeping the user's choice when it still serves. */
function fill(select, models, kind) {
  const previous = select.value;
  const names = models.filter((m) => m.inputKind === kind).map((m) => m.name);
  select.replaceChildren(
    ...names.map((name) => {
      const option = document.createElement('option');
      option.value = name;
      option.textContent = name;
      return option;
    }),
  );
  const chosen = [previous, PREFERRED[kind]].find((name) => names.includes(name));
  if (chosen) select.value = chosen;
}

async function loadModels() {
  try {
    const models = await call('/models');
    fill(document.getElementById('draw-model'), models, 'image-rows');
    fill(document.getElementById('type-model'), models, 'text');
    await refreshTable(models);
  } catch (e) {
    showBox(document.getElementById('draw-error'), e.detail || e.message);
  }
}

let refreshTable = async () => {};

function start() {
  setUpDraw();
  setUpType();
  refreshTable = setUpModels(loadModels);
  setUpTrain(loadModels);
  setUpTabs((name) => {
    if (name === 'models') refreshTable();
  });
  loadModels();
}

start();
