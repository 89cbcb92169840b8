// Served from /assets/*: no CDN, no web fonts, so pages work offline and leak nothing.

export const SITE_CSS = `
:root{--bg:#f7f7f5;--card:#fff;--text:#1b1b1f;--muted:#5c5f66;--accent:#0b57d0;--accent-text:#fff;--border:#d9d9d4;--error:#b3261e;--ok:#146c2e;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#151517;--card:#1f1f23;--text:#ececf0;--muted:#a8abb3;--accent:#8ab4f8;--accent-text:#0b1b33;--border:#3a3a40;--error:#f2b8b5;--ok:#8fd9a8}}
*{box-sizing:border-box}html{font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
body{margin:0;background:var(--bg);color:var(--text)}
a{color:var(--accent)}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:var(--card);padding:8px;z-index:1}
header{border-bottom:1px solid var(--border);background:var(--card)}
header nav{max-width:880px;margin:0 auto;padding:12px 16px;display:flex;gap:20px;align-items:center;flex-wrap:wrap}
header .brand{font-weight:700;font-size:1.2rem;text-decoration:none;color:var(--text);margin-right:auto}
main{max-width:880px;margin:0 auto;padding:24px 16px 48px}
h1{font-size:1.8rem;line-height:1.2;margin:0 0 8px}h2{font-size:1.25rem;margin:28px 0 8px}
.lead{color:var(--muted);font-size:1.1rem;margin:0 0 24px}
.card{background:var(--card);border:1px solid var(--border);border-radius:12px;padding:20px;margin:0 0 20px}
label,legend{font-weight:600;display:block;margin:0 0 4px}
.field{margin:0 0 20px}.hint{color:var(--muted);font-size:.9rem;margin:2px 0 6px}
input[type=email],input[type=text],input[type=number],select,textarea{width:100%;font:inherit;color:var(--text);background:var(--bg);border:1px solid var(--border);border-radius:8px;padding:10px 12px}
textarea{min-height:70px}
fieldset{border:0;padding:0;margin:0 0 20px}
.topics{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:8px}
.topic{display:flex;gap:10px;align-items:flex-start;border:1px solid var(--border);border-radius:8px;padding:10px;background:var(--bg);font-weight:400}
.topic input{margin-top:4px;width:18px;height:18px;flex:none}.topic small{display:block;color:var(--muted)}
.row{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:16px}
button,.button{display:inline-block;font:inherit;font-weight:600;border:0;border-radius:8px;padding:12px 20px;background:var(--accent);color:var(--accent-text);cursor:pointer;text-decoration:none}
button.secondary{background:transparent;color:var(--accent);border:1px solid var(--accent)}
button.danger{background:var(--error);color:var(--card)}
.error{color:var(--error);font-weight:600;margin:4px 0 0}
.banner{border-radius:8px;padding:12px 16px;margin:0 0 20px;border:1px solid var(--border)}
.banner.ok{border-color:var(--ok);color:var(--ok)}.banner.error{border-color:var(--error);color:var(--error)}
.papers{list-style:none;padding:0;margin:0}
.paper{background:var(--card);border:1px solid var(--border);border-radius:12px;padding:16px 20px;margin:0 0 14px}
.paper h3{margin:0 0 4px;font-size:1.1rem}.meta{color:var(--muted);font-size:.9rem;margin:0 0 8px}
.paper p{margin:0 0 8px}.links{display:flex;gap:14px;flex-wrap:wrap;font-size:.95rem}
.daynav{margin:0 0 16px}
footer{max-width:880px;margin:0 auto;padding:0 16px 32px;color:var(--muted);font-size:.9rem}
@media (max-width:520px){h1{font-size:1.5rem}.card{padding:16px}}
`;

// Detects the browser's time zone for an empty time zone field; the form still
// works without JavaScript (the server defaults to UTC).
export const SITE_JS = `
document.querySelectorAll('input[data-detect-timezone]').forEach(function (input) {
  if (input.value) return;
  try { input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || ''; } catch (e) {}
});
document.querySelectorAll('form[data-confirm]').forEach(function (form) {
  form.addEventListener('submit', function (event) {
    if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
  });
});
`;
