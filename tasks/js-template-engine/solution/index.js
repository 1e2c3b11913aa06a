'use strict';
// tinytpl: reference implementation of SPEC.md.

class TemplateError extends Error {
  constructor(message, line) {
    super(`line ${line}: ${message}`);
    this.line = line;
  }
}

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const BLOCKS = new Set(['if', 'unless', 'each', 'with']);

// ---- tokenizer -------------------------------------------------------------------------
function tokenize(src) {
  const tokens = [];
  let i = 0;
  let line = 1;
  const advanceLines = (text) => { for (const c of text) if (c === '\n') line++; };
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) {
      tokens.push({ type: 'text', value: src.slice(i) });
      break;
    }
    if (open > i) {
      tokens.push({ type: 'text', value: src.slice(i, open) });
      advanceLines(src.slice(i, open));
    }
    const tagLine = line;
    if (src.startsWith('{{{', open)) {
      const close = src.indexOf('}}}', open + 3);
      if (close < 0) throw new TemplateError('unclosed tag', tagLine);
      tokens.push({ type: 'raw', expr: src.slice(open + 3, close).trim(), line: tagLine });
      advanceLines(src.slice(open, close + 3));
      i = close + 3;
      continue;
    }
    const close = src.indexOf('}}', open + 2);
    if (close < 0) throw new TemplateError('unclosed tag', tagLine);
    const inner = src.slice(open + 2, close);
    advanceLines(src.slice(open, close + 2));
    i = close + 2;
    const body = inner.trim();
    if (body.startsWith('!')) continue;
    if (body.startsWith('#')) {
      const m = /^#(\S+)\s*([\s\S]*)$/.exec(body);
      const name = m ? m[1] : '';
      if (!BLOCKS.has(name)) throw new TemplateError(`unknown block #${name}`, tagLine);
      tokens.push({ type: 'open', name, expr: m[2].trim(), line: tagLine });
    } else if (body.startsWith('/')) {
      tokens.push({ type: 'close', name: body.slice(1).trim(), line: tagLine });
    } else if (body === 'else') {
      tokens.push({ type: 'else', line: tagLine });
    } else {
      tokens.push({ type: 'var', expr: body, line: tagLine });
    }
  }
  return tokens;
}

// ---- expressions -----------------------------------------------------------------------
const IDENT = /^(?:[A-Za-z_$][A-Za-z0-9_$-]*|[0-9]+)$/;
const FILTER_ARITY = { upper: 0, lower: 0, trim: 0, json: 0, length: 0, default: 1, join: 1, truncate: 1 };

function parseArgs(text, line) {
  const args = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i])) { i++; continue; }
    if (text[i] === '"') {
      let s = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new TemplateError('unterminated string', line);
        const c = text[i];
        if (c === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) { s += text[i + 1]; i += 2; continue; }
        if (c === '"') { i++; break; }
        s += c;
        i++;
      }
      args.push(s);
    } else {
      const m = /^-?[0-9]+(?:\.[0-9]+)?/.exec(text.slice(i));
      if (!m) throw new TemplateError(`bad filter argument: ${text.slice(i)}`, line);
      args.push(Number(m[0]));
      i += m[0].length;
    }
  }
  return args;
}

function splitPipes(text) {
  const parts = [];
  let cur = '';
  let inStr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inStr && c === '\\') { cur += c + (text[i + 1] || ''); i++; continue; }
    if (c === '"') inStr = !inStr;
    if (c === '|' && !inStr) { parts.push(cur); cur = ''; continue; }
    cur += c;
  }
  parts.push(cur);
  return parts;
}

function parseExpr(text, line) {
  const [pathText, ...filterTexts] = splitPipes(text);
  const path = parsePath(pathText.trim(), line);
  const filters = filterTexts.map((f) => {
    const m = /^\s*([A-Za-z_]+)([\s\S]*)$/.exec(f);
    if (!m || !(m[1] in FILTER_ARITY)) throw new TemplateError(`unknown filter: ${f.trim()}`, line);
    const args = parseArgs(m[2], line);
    if (args.length !== FILTER_ARITY[m[1]]) throw new TemplateError(`wrong arguments for ${m[1]}`, line);
    return { name: m[1], args };
  });
  return { path, filters };
}

function parsePath(text, line) {
  if (text === '') throw new TemplateError('empty expression', line);
  let up = 0;
  while (text.startsWith('../')) { up++; text = text.slice(3); }
  if (text === 'this') return { up, special: 'this', segs: [] };
  if (['@index', '@first', '@last'].includes(text)) return { up, special: text, segs: [] };
  let segs = text.split('.');
  if (segs[0] === 'this') segs = segs.slice(1);
  if (!segs.length || !segs.every((s) => IDENT.test(s))) throw new TemplateError(`bad path: ${text}`, line);
  return { up, special: null, segs };
}

// ---- parser ----------------------------------------------------------------------------
function parse(tokens) {
  const root = { children: [] };
  const stack = [{ node: root, target: root.children }];
  for (const t of tokens) {
    const top = stack[stack.length - 1];
    if (t.type === 'text') top.target.push(t);
    else if (t.type === 'var' || t.type === 'raw') top.target.push({ ...t, expr: parseExpr(t.expr, t.line) });
    else if (t.type === 'open') {
      const node = { type: 'block', name: t.name, expr: parseExpr(t.expr, t.line), line: t.line, main: [], alt: null };
      top.target.push(node);
      stack.push({ node, target: node.main });
    } else if (t.type === 'else') {
      if (stack.length === 1 || top.node.alt !== null) throw new TemplateError('unexpected {{else}}', t.line);
      if (top.node.name === 'with') throw new TemplateError('unexpected {{else}}', t.line);
      top.node.alt = [];
      top.target = top.node.alt;
    } else if (t.type === 'close') {
      if (stack.length === 1) throw new TemplateError(`unexpected {{/${t.name}}}`, t.line);
      if (top.node.name !== t.name) throw new TemplateError(`{{/${t.name}}} does not close {{#${top.node.name}}}`, t.line);
      stack.pop();
    }
  }
  if (stack.length > 1) {
    const open = stack[stack.length - 1].node;
    throw new TemplateError(`unclosed {{#${open.name}}}`, open.line);
  }
  return root.children;
}

// ---- evaluation ------------------------------------------------------------------------
function truthy(v) {
  if (Array.isArray(v)) return v.length > 0;
  return !!v;
}

function has(obj, key) {
  return obj !== null && (typeof obj === 'object' || typeof obj === 'function') && Object.prototype.hasOwnProperty.call(obj, key);
}

function resolve(path, scope) {
  // scope: { contexts: [root, ..., current], each: { index, first, last } | null }
  const depth = scope.contexts.length - 1 - path.up;
  if (depth < 0) return undefined;
  if (path.special === 'this') return scope.contexts[depth];
  if (path.special) {
    if (!scope.each) return undefined;
    return { '@index': scope.each.index, '@first': scope.each.first, '@last': scope.each.last }[path.special];
  }
  let base;
  if (path.up > 0) base = scope.contexts[depth];
  else {
    base = undefined;
    for (let d = depth; d >= 0; d--) {
      if (has(scope.contexts[d], path.segs[0])) { base = scope.contexts[d]; break; }
    }
    if (base === undefined) return undefined;
  }
  let cur = base;
  for (const s of path.segs) {
    if (cur === undefined || cur === null) return undefined;
    cur = cur[s];
  }
  return cur;
}

function applyFilter(f, v) {
  const [arg] = f.args;
  switch (f.name) {
    case 'upper': return v === undefined || v === null ? v : String(v).toUpperCase();
    case 'lower': return v === undefined || v === null ? v : String(v).toLowerCase();
    case 'trim': return v === undefined || v === null ? v : String(v).trim();
    case 'default': return v === undefined || v === null || v === '' ? arg : v;
    case 'json': return v === undefined ? undefined : JSON.stringify(v);
    case 'length': return typeof v === 'string' || Array.isArray(v) ? v.length : undefined;
    case 'join': return Array.isArray(v) ? v.join(String(arg)) : v;
    case 'truncate': {
      if (typeof v !== 'string') return v;
      const chars = Array.from(v);
      return chars.length > arg ? chars.slice(0, Math.max(0, arg - 1)).join('') + '…' : v;
    }
    default: throw new Error('unreachable');
  }
}

function evaluate(expr, scope) {
  let v = resolve(expr.path, scope);
  for (const f of expr.filters) v = applyFilter(f, v);
  return v;
}

function str(v) {
  return v === undefined || v === null ? '' : String(v);
}

function renderNodes(nodes, scope) {
  let out = '';
  for (const n of nodes) {
    if (n.type === 'text') out += n.value;
    else if (n.type === 'var') out += escapeHtml(str(evaluate(n.expr, scope)));
    else if (n.type === 'raw') out += str(evaluate(n.expr, scope));
    else if (n.type === 'block') {
      const v = evaluate(n.expr, scope);
      if (n.name === 'if' || n.name === 'unless') {
        const cond = n.name === 'if' ? truthy(v) : !truthy(v);
        if (cond) out += renderNodes(n.main, scope);
        else if (n.alt) out += renderNodes(n.alt, scope);
      } else if (n.name === 'with') {
        if (truthy(v)) out += renderNodes(n.main, { contexts: [...scope.contexts, v], each: scope.each });
      } else if (n.name === 'each') {
        if (Array.isArray(v) && v.length) {
          v.forEach((item, index) => {
            out += renderNodes(n.main, {
              contexts: [...scope.contexts, item],
              each: { index, first: index === 0, last: index === v.length - 1 },
            });
          });
        } else if (n.alt) out += renderNodes(n.alt, scope);
      }
    }
  }
  return out;
}

function render(template, data) {
  const tree = parse(tokenize(template));
  return renderNodes(tree, { contexts: [data], each: null });
}

module.exports = { render, TemplateError, escapeHtml };
