// Weblate's ICU MessageFormat check, as its documentation and checks describe it, run over a PO
// file with parsers that are not handout's: gettext-parser reads the PO file, FormatJS's ICU parser
// (the one behind react-intl) reads every msgid and msgstr of an entry flagged icu-message-format.
// For each translated entry it reports what Weblate reports: a syntax error, a placeholder the
// English has and the translation lacks (missing) or the reverse (extra), a placeholder whose type
// changed (a number may become a plural or selectordinal, and back), a plural or select without
// `other`, and a plural selector that is no CLDR category or =N. Tags are not parsed (Weblate's
// default, without the `xml` ICU flag). Prints {"entries": N, "checked": M, "problems": [...]}.
import fs from 'node:fs';
import { po } from 'gettext-parser';
import { parse, TYPE } from '@formatjs/icu-messageformat-parser';

const NUMERIC = new Set(['number', 'plural', 'selectordinal']);
const SELECTORS = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);
const typeName = (el) => {
  switch (el.type) {
    case TYPE.argument: return null;
    case TYPE.number: return 'number';
    case TYPE.date: return 'date';
    case TYPE.time: return 'time';
    case TYPE.select: return 'select';
    case TYPE.plural: return el.pluralType === 'ordinal' ? 'selectordinal' : 'plural';
    default: return undefined;
  }
};

/** Every placeholder of a message: its types, whether it is a number, its selectors. */
function placeholders(elements, out = new Map()) {
  for (const el of elements) {
    const t = typeName(el);
    if (t === undefined) continue; // literal text, #, a tag
    const p = out.get(el.value) ?? { types: new Set(), number: null, choices: new Set(), badPlural: new Set() };
    out.set(el.value, p);
    if (t !== null) {
      p.types.add(t);
      const n = NUMERIC.has(t);
      p.number = p.number === null || p.number === n ? n : 0;
    }
    if (el.options) {
      for (const [selector, option] of Object.entries(el.options)) {
        p.choices.add(selector);
        if ((t === 'plural' || t === 'selectordinal') && !SELECTORS.has(selector) && !selector.startsWith('=')) {
          p.badPlural.add(selector);
        }
        placeholders(option.value, out);
      }
    }
  }
  return out;
}

const read = (text) => parse(text, { ignoreTag: true, requiresOtherClause: false });
const file = fs.readFileSync(process.argv[2]);
const parsed = po.parse(file, { defaultCharset: 'utf-8', validation: false });
const problems = [];
let entries = 0;
let checked = 0;
for (const [context, messages] of Object.entries(parsed.translations)) {
  for (const [msgid, entry] of Object.entries(messages)) {
    if (msgid === '') continue; // the header
    entries++;
    const flags = (entry.comments?.flag ?? '').split(',').map((f) => f.trim());
    const target = entry.msgstr?.[0] ?? '';
    if (!flags.includes('icu-message-format') || target === '') continue;
    checked++;
    const report = (kind, detail) => problems.push({ msgctxt: context, kind, detail });
    let source;
    try {
      source = placeholders(read(msgid));
    } catch (e) {
      report('source-syntax', String(e.message));
      continue;
    }
    let translation;
    try {
      translation = placeholders(read(target));
    } catch (e) {
      report('syntax', String(e.message));
      continue;
    }
    for (const [name, p] of translation) {
      if (p.choices.size > 0 && !p.choices.has('other')) report('no-other', name);
      if (p.badPlural.size > 0) report('bad-plural', name + ' (' + [...p.badPlural].join(', ') + ')');
      const s = source.get(name);
      if (!s) {
        report('extra', name);
        continue;
      }
      if (p.types.has('select') && s.types.has('select')) {
        const bad = [...p.choices].filter((c) => !s.choices.has(c));
        if (bad.length > 0) report('bad-submessage', name + ' (' + bad.join(', ') + ')');
      }
      if (s.number === true) {
        if (p.number !== true) report('wrong-type', name);
      } else if ([...p.types].some((t) => !s.types.has(t))) {
        report('wrong-type', name);
      }
    }
    for (const name of source.keys()) {
      if (!translation.has(name)) report('missing', name);
    }
  }
}
process.stdout.write(JSON.stringify({ entries, checked, problems }, null, 1) + '\n');
