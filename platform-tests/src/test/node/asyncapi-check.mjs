// Validates an AsyncAPI document (a file or a URL) with the AsyncAPI parser, resolving every external $ref.
import { Parser, fromFile, fromURL } from '@asyncapi/parser';
const target = process.argv[2];
const parser = new Parser();
const source = /^https?:/.test(target) ? fromURL(parser, target) : fromFile(parser, target);
const { document, diagnostics } = await source.parse();
const errors = diagnostics.filter(d => d.severity === 0);
for (const d of diagnostics) console.log(`${['error','warning','info','hint'][d.severity]} ${d.code} ${JSON.stringify(d.path)}: ${d.message}`);
if (!document || errors.length) { console.log(`${errors.length} error(s)`); process.exit(1); }
console.log(`valid: ${document.messages().length} messages on ${document.channels().length} channels`);
