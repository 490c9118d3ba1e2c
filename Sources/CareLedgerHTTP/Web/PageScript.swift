/// The pages' only script (served as `/assets/app.js`; no inline script, so a strict
/// Content-Security-Policy holds). Attendance buttons post to the API and the session body is
/// re-fetched and swapped in, so the billing preview recomputes without a page load; without
/// JavaScript the same buttons are plain forms. The notes form warns before leaving with
/// unsaved text. The financial page's income form shows FPL % and tier as the counselor types,
/// from the preview API; without JavaScript its "Preview FPL" button does the same as a GET.
enum PageScript {
    static let source = """
    function say(kind, text) {
      const region = document.getElementById('live-outcome');
      if (!region) return;
      const note = document.createElement('p');
      note.className = 'outcome outcome-' + kind;
      note.setAttribute('role', kind === 'refusal' ? 'alert' : 'status');
      note.textContent = text;
      region.replaceChildren(note);
    }

    document.addEventListener('submit', async (event) => {
      const form = event.target;
      if (!form.classList.contains('mark')) return;
      event.preventDefault();
      const session = document.getElementById('session');
      const finalized = session.dataset.finalized === 'true';
      const parts = form.action.split('/');
      const rowId = parts[parts.length - 1];
      const data = new FormData(form);
      const body = { status: data.get('status'), row_version: Number(data.get('row_version')) };
      form.querySelector('button').disabled = true;
      const response = await fetch('/api/v1/group-sessions/' + session.dataset.session + '/attendance/' + rowId, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
      let message = null;
      if (!response.ok) {
        try { message = (await response.json()).error.message; } catch (e) { message = 'The change was not saved.'; }
      }
      const page = await fetch(location.pathname, { credentials: 'same-origin' });
      const html = new DOMParser().parseFromString(await page.text(), 'text/html');
      const fresh = html.getElementById('session');
      if (fresh) document.getElementById('session').replaceWith(fresh);
      if (message) {
        say('refusal', 'Not saved: ' + message);
      } else if (finalized) {
        say('warning', 'Saved. This session was already finalized, so its charges are being rebuilt to match.');
      }
    });

    // The notes page: one form, one Save. Typing marks it unsaved; leaving then asks first.
    let notesDirty = false;
    document.addEventListener('input', (event) => {
      const form = event.target.form;
      if (!form || form.id !== 'notes-form') return;
      notesDirty = true;
      const state = document.getElementById('save-state');
      if (state) { state.textContent = 'Unsaved changes'; state.className = 'save-state dirty'; }
    });
    document.addEventListener('submit', (event) => {
      if (event.target.id === 'notes-form') notesDirty = false;
    });
    window.addEventListener('beforeunload', (event) => {
      if (!notesDirty) return;
      event.preventDefault();
      event.returnValue = '';
    });
    // The income form (financial page): FPL % and tier as the counselor types, from the preview
    // API, in the words the server writes for the GET preview. Only the latest answer is shown.
    let previewTimer = null;
    let previewSequence = 0;
    function centsFromDollars(text) {
      const clean = text.replace(/[$,]/g, '').trim();
      if (!/^[0-9]+([.][0-9]{1,2})?$/.test(clean)) return null;
      const [whole, fraction = ''] = clean.split('.');
      return Number(whole) * 100 + Number((fraction + '00').slice(0, 2));
    }
    function dollars(cents) {
      return '$' + (cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    async function previewIncome(form) {
      const out = document.getElementById('preview');
      if (!out) return;
      const data = new FormData(form);
      const cents = centsFromDollars(String(data.get('amount') || ''));
      const household = Number(data.get('household_size'));
      const sequence = ++previewSequence;
      if (cents === null || !Number.isInteger(household) || household < 1 || !data.get('date')) {
        out.textContent = '';
        out.classList.remove('error');
        return;
      }
      const body = { household_size: household, date: data.get('date'),
                     income_sources: [{ kind: data.get('kind'), amount_cents: cents, frequency: data.get('frequency') }] };
      let result = null;
      let ok = false;
      try {
        const response = await fetch('/api/v1/financial-counseling/fpl-preview', {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
        ok = response.ok;
        result = await response.json();
      } catch (e) { ok = false; }
      if (sequence !== previewSequence) return;
      if (!ok || !result) {
        out.classList.add('error');
        out.textContent = (result && result.error && result.error.message) || 'No preview for these figures.';
        return;
      }
      out.classList.remove('error');
      const tier = result.tier ? result.tier.label : 'none (full fee)';
      out.textContent = 'FPL ' + Number(result.fpl_percentage).toFixed(2) + ' % of the ' + result.guideline_year + ' ' + result.guideline_region +
        ' guideline (' + dollars(result.guideline_cents) + '); tier ' + tier;
    }
    function schedulePreview(event) {
      const form = event.target.form;
      if (!form || form.id !== 'income-form') return;
      clearTimeout(previewTimer);
      previewTimer = setTimeout(() => previewIncome(form), 250);
    }
    document.addEventListener('input', schedulePreview);
    document.addEventListener('change', schedulePreview);
    """
}
