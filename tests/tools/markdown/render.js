// Renders a Markdown file as GitHub does (CommonMark, GFM tables, raw HTML passed through) with markdown-it and
// prints what a reader would see, as JSON: {"tables": [{"header": [cell text], "rows": [[cell text]]}],
// "html": [every raw HTML fragment, inline or block], "links": [every link target], "text": all text}.
// usage: node render.js <file.md>
'use strict';
const fs = require('fs');
const MarkdownIt = require('markdown-it');

const md = new MarkdownIt({ html: true, linkify: false });
const tokens = md.parse(fs.readFileSync(process.argv[2], 'utf8'), {});
const tables = [];
const html = [];
const links = [];
const text = [];
let table = null;
let row = null;

const inlineText = (token) => {
  const parts = [];
  for (const child of token.children || []) {
    if (child.type === 'text' || child.type === 'code_inline') parts.push(child.content);
    if (child.type === 'html_inline') html.push(child.content);
    if (child.type === 'link_open') links.push(child.attrGet('href'));
    if (child.type === 'softbreak' || child.type === 'hardbreak') parts.push('\n');
  }
  return parts.join('');
};

for (const token of tokens) {
  switch (token.type) {
    case 'table_open': table = { header: [], rows: [] }; tables.push(table); break;
    case 'table_close': table = null; break;
    case 'tr_open': row = []; break;
    case 'tr_close':
      if (table.header.length === 0) table.header = row; else table.rows.push(row);
      row = null;
      break;
    case 'html_block': html.push(token.content); break;
    case 'inline': {
      const content = inlineText(token);
      text.push(content);
      if (row) row.push(content);
      break;
    }
    default: break;
  }
}

process.stdout.write(JSON.stringify({ tables, html, links, text: text.join('\n') }));
