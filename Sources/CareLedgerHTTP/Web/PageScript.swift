/// The pages' only script: attendance buttons post to the API and the session body is
/// re-fetched and swapped in, so the billing preview recomputes without a page load. Without
/// JavaScript the same buttons are plain forms.
enum PageScript {
    static let source = """
    document.addEventListener('submit', async (event) => {
      const form = event.target;
      if (!form.classList.contains('mark')) return;
      event.preventDefault();
      const session = document.getElementById('session');
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
      if (fresh) session.replaceWith(fresh);
      if (message) {
        const note = document.createElement('p');
        note.className = 'error'; note.setAttribute('role', 'alert'); note.textContent = message;
        document.getElementById('session').prepend(note);
      }
    });
    """
}
