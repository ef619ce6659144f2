// Text as two browsers' PDF engines give it, for the reader test (ReadersTest) and READERS.md.
//   node extract.mjs JOB.json OUT.json   (the libraries' own warnings go to stderr)
// JOB.json: {"files": [{"pdf": "/abs/file.pdf", "terms": ["neuroblastoma", "0800 ..."]}, ...]}
// For each file, per reader, the page texts and how often each term is found:
//   pdfjs:  pdf.js's getTextContent, items joined as Firefox's find bar joins them (a newline after
//           an item that ends a line); terms counted by pdf.js's own PDFFindController (Firefox's
//           find bar: case-insensitive, diacritics matched).
//   pdfium: FPDFText_GetText of each page (what Chrome copies and searches); terms counted by
//           PDFium's FPDFText_FindStart/FindNext (case-insensitive).
//   mupdf:  MuPDF's structured text of each page (mupdf.js, the library of MuPDF's own viewers and
//           of many phone apps), as `mutool draw -F txt` prints it.
import fs from 'node:fs';
// pdf.js prints its warnings with console.log; keep them off our output
console.log = console.error;
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { init } from '@embedpdf/pdfium';
import * as mupdf from 'mupdf';

// pdf_viewer.mjs (the find controller) expects a browser at load time; it needs none of it to search.
globalThis.pdfjsLib = pdfjs;
globalThis.document ??= { documentElement: { style: {} }, createElement: () => ({ style: {}, classList: { add() {}, toggle() {} } }) };
globalThis.navigator ??= { userAgent: 'node', platform: 'Linux' };
globalThis.window ??= globalThis;
globalThis.requestAnimationFrame ??= (f) => setTimeout(f, 0);
const viewer = await import('pdfjs-dist/legacy/web/pdf_viewer.mjs');

const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const wasm = fs.readFileSync(new URL('./node_modules/@embedpdf/pdfium/dist/pdfium.wasm', import.meta.url));
const pdfium = await init({ wasmBinary: wasm });
pdfium.PDFiumExt_Init();

async function withPdfJs(bytes, terms) {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => it.str + (it.hasEOL ? '\n' : '')).join(''));
  }
  const eventBus = new viewer.EventBus();
  const linkService = new viewer.PDFLinkService({ eventBus });
  linkService.setDocument(doc);
  linkService.setViewer({ pagesCount: doc.numPages, currentPageNumber: 1, pagesRotation: 0,
    isInPresentationMode: false, scrollPageIntoView() {} });
  const finder = new viewer.PDFFindController({ linkService, eventBus, updateMatchesCountOnProgress: false });
  finder.setDocument(doc);
  const found = {};
  for (const query of terms) {
    found[query] = await new Promise((resolve) => {
      const done = (e) => { eventBus.off('updatefindmatchescount', done); resolve(e.matchesCount.total); };
      eventBus.on('updatefindmatchescount', done);
      eventBus.dispatch('find', { source: null, type: 'again', query, caseSensitive: false, entireWord: false,
        highlightAll: true, findPrevious: false, matchDiacritics: true });
    });
  }
  await doc.destroy();
  return { pages, found };
}

function utf16z(s) {
  const b = Buffer.from(s + '\0', 'utf16le');
  const p = pdfium.pdfium.wasmExports.malloc(b.length);
  pdfium.pdfium.HEAPU8.set(b, p);
  return p;
}

function withPdfium(bytes, terms) {
  const heap = pdfium.pdfium;
  const ptr = heap.wasmExports.malloc(bytes.length);
  heap.HEAPU8.set(bytes, ptr);
  const doc = pdfium.FPDF_LoadMemDocument(ptr, bytes.length, 0);
  if (!doc) throw new Error('PDFium cannot open the file (error ' + pdfium.FPDF_GetLastError() + ')');
  const pages = [];
  const found = Object.fromEntries(terms.map((t) => [t, 0]));
  for (let i = 0; i < pdfium.FPDF_GetPageCount(doc); i++) {
    const page = pdfium.FPDF_LoadPage(doc, i);
    const text = pdfium.FPDFText_LoadPage(page);
    const n = pdfium.FPDFText_CountChars(text);
    const buf = heap.wasmExports.malloc((n + 1) * 2);
    const got = pdfium.FPDFText_GetText(text, 0, n, buf);
    pages.push(Buffer.from(heap.HEAPU8.slice(buf, buf + Math.max(0, got - 1) * 2)).toString('utf16le'));
    heap.wasmExports.free(buf);
    for (const t of terms) {
      const q = utf16z(t);
      const search = pdfium.FPDFText_FindStart(text, q, 0, 0);
      while (pdfium.FPDFText_FindNext(search)) found[t]++;
      pdfium.FPDFText_FindClose(search);
      heap.wasmExports.free(q);
    }
    pdfium.FPDFText_ClosePage(text);
    pdfium.FPDF_ClosePage(page);
  }
  pdfium.FPDF_CloseDocument(doc);
  heap.wasmExports.free(ptr);
  return { pages, found };
}

function withMupdf(bytes) {
  const doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  const pages = [];
  for (let i = 0; i < doc.countPages(); i++) {
    const page = doc.loadPage(i);
    const text = page.toStructuredText();
    pages.push(text.asText());
    text.destroy();
    page.destroy();
  }
  doc.destroy();
  return { pages, found: {} };
}

const out = [];
for (const f of job.files) {
  const bytes = fs.readFileSync(f.pdf);
  const entry = { pdf: f.pdf };
  try { entry.pdfjs = await withPdfJs(bytes, f.terms); } catch (e) { entry.pdfjs = { error: String(e) }; }
  try { entry.pdfium = withPdfium(bytes, f.terms); } catch (e) { entry.pdfium = { error: String(e) }; }
  try { entry.mupdf = withMupdf(bytes); } catch (e) { entry.mupdf = { error: String(e) }; }
  out.push(entry);
}
fs.writeFileSync(process.argv[3], JSON.stringify(out));
