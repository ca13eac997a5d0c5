// Problems shown where they belong: next to the input the problem's field names, else in the
// tab's error box. Always as text: details can quote user data (an imported manifest's labels).

export function clearErrors(form, box) {
  if (form) {
    form.querySelectorAll('.field-error').forEach((e) => e.remove());
    form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  }
  showBox(box, '');
}

export function showBox(box, text) {
  box.textContent = text;
  box.hidden = !text;
}

/**
 * @param inputFor maps a problem's field to the input it belongs to (or null: the box)
 */
export function showProblem(error, box, inputFor = () => null) {
  if (error.name === 'AbortError') return;
  const input = error.status !== 401 && error.field ? inputFor(error.field) : null;
  if (!input) {
    showBox(box, error.detail || String(error.message));
    return;
  }
  const note = document.createElement('p');
  note.className = 'field-error';
  note.dataset.field = error.field;
  note.id = `${input.id}-error`;
  note.textContent = error.detail;
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', note.id);
  input.after(note);
  input.focus();
}
