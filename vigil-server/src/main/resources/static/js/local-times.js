// Shows the server's ISO times (<time datetime>) in the reader's locale and time zone.
import { formatTime } from './vigil.js';

for (const t of document.querySelectorAll('main time[datetime]')) t.textContent = formatTime(t.getAttribute('datetime'));
