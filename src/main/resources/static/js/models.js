// Models: the registry (every version, which serves, the serving version's metrics), promote and
// delete with the admin token, and the import form. Model names and labels are user data from
// imported manifests: text nodes only.
import { adminToken, call, setAdminToken } from './api.js';
import { clearErrors, showBox, showProblem } from './errors.js';

export function setUpModels(onRegistryChange) {
  const table = document.querySelector('#models-list tbody');
  const error = document.getElementById('models-error');
  const tokenInput = document.getElementById('admin-token');
  const tokenState = document.getElementById('token-state');
  const importForm = document.getElementById('import-form');
  const manifest = document.getElementById('import-manifest');
  const file = document.getElementById('import-file');
  const importStatus = document.getElementById('import-status');

  const showTokenState = () => {
    tokenState.textContent = adminToken()
      ? 'A token is set for this tab (session storage only).'
      : 'No token: promote, delete, import and training are refused. Kept in this tab only.';
  };
  document.getElementById('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    setAdminToken(tokenInput.value.trim());
    tokenInput.value = '';
    showTokenState();
    refresh();
  });
  showTokenState();

  const mutate = async (path, method) => {
    showBox(error, '');
    try {
      await call(path, { method, admin: true });
      await onRegistryChange();
    } catch (e) {
      showProblem(e, error);
    }
  };

  const refresh = async (models) => {
    try {
      const list = models ?? (await call('/models'));
      const cards = await Promise.all(list.map((m) => call(`/models/${encodeURIComponent(m.name)}`).catch(() => null)));
      table.replaceChildren(...list.flatMap((m, i) => rows(m, cards[i], mutate)));
    } catch (e) {
      showProblem(e, error);
    }
  };

  importForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(importForm, error);
    importStatus.textContent = '';
    const weights = file.files[0];
    const body = new FormData();
    body.append('manifest', manifest.files[0]);
    // the part's name says what the file is: a state_dict's arrays or a TorchScript module
    body.append(weights.name.toLowerCase().endsWith('.pt') ? 'torchscript' : 'weights', weights);
    try {
      const imported = await call('/models', { method: 'POST', body, admin: true });
      importStatus.textContent = `Imported ${imported.name} version ${imported.version} (${imported.format}).`;
      importForm.reset();
      await onRegistryChange();
    } catch (e) {
      showProblem(e, error, (field) =>
        field.startsWith('manifest') ? manifest : ['weights', 'torchscript', 'file'].includes(field) ? file : null,
      );
    }
  });

  return refresh;
}

function rows(model, card, mutate) {
  return model.versions.map((version) => {
    const serving = String(version) === String(model.servingVersion);
    const row = document.createElement('tr');
    row.className = 'model-row';
    row.dataset.model = model.name;
    row.dataset.version = String(version);
    const servingCell = cell(serving ? 'serving' : '');
    if (serving) servingCell.classList.add('serving');
    row.append(
      cell(model.name, 'th'),
      cell(String(version)),
      cell(reads(model, card)),
      servingCell,
      cell(serving && card ? metrics(card.metrics) : ''),
    );
    const actions = document.createElement('td');
    actions.append(
      button('promote', `Promote ${model.name} version ${version}`, 'Promote', () =>
        mutate(`/models/${encodeURIComponent(model.name)}/versions/${encodeURIComponent(version)}/promote`, 'POST'),
      ),
      button('delete', `Delete ${model.name} version ${version}`, 'Delete', () =>
        mutate(`/models/${encodeURIComponent(model.name)}/versions/${encodeURIComponent(version)}`, 'DELETE'),
      ),
    );
    row.append(actions);
    return row;
  });
}

/** What it reads, and for a generator that it generates and from how many conditions (its labels). */
function reads(model, card) {
  return card?.task === 'generate'
    ? `${model.inputKind}, generates, ${model.labels} conditions`
    : `${model.inputKind}, ${model.labels} labels`;
}

function cell(text, tag = 'td') {
  const element = document.createElement(tag);
  if (tag === 'th') element.scope = 'row';
  element.textContent = text;
  return element;
}

function button(className, label, text, action) {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = text;
  element.setAttribute('aria-label', label);
  // the server checks the token; without one the buttons would only ever earn a 401
  element.disabled = !adminToken();
  element.title = element.disabled ? 'enter the admin token first' : label;
  element.addEventListener('click', action);
  return element;
}

/** A few numbers of model.json's metrics, whatever keys it has (imported models may have none). */
function metrics(values) {
  if (!values || typeof values !== 'object') return '';
  return Object.entries(values)
    .filter(([, v]) => typeof v === 'number')
    .slice(0, 3)
    .map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(3)}`)
    .join(', ');
}
