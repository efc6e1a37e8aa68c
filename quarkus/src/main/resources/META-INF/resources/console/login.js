// the login's error page is this page with ?failed (a file, not inline: the console's CSP allows no inline script)
if (location.search.indexOf('failed') >= 0) { document.getElementById('failed').hidden = false; }
