'use strict';
// Hidden tests for proctor/js-template-engine (SPEC.md).
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { render, TemplateError } = require(path.join(process.env.VERIFY_ROOT, 'src'));

const throwsAt = (tpl, line, data = {}) => {
  assert.throws(() => render(tpl, data), (e) => {
    assert.ok(e instanceof TemplateError, `expected TemplateError, got ${e && e.constructor && e.constructor.name}: ${e}`);
    assert.equal(e.line, line, `line for ${JSON.stringify(tpl)}`);
    assert.ok(e.message.startsWith(`line ${line}: `), e.message);
    return true;
  });
};

test('h: text and variables', () => {
  assert.equal(render('plain text\n', {}), 'plain text\n');
  assert.equal(render('{{a}}|{{  a  }}|{{ b.c }}|{{b.d.e}}', { a: 1, b: { c: 'x' } }), '1|1|x|');
  assert.equal(render('{{n}} {{z}} {{f}} {{u}}', { n: null, z: 0, f: false }), ' 0 false ');
  assert.equal(render('{{xs}} {{o}}', { xs: [1, 2, 3], o: {} }), '1,2,3 [object Object]');
  assert.equal(render('{{items.1}}', { items: ['a', 'b'] }), 'b');
  assert.equal(render('{{$x}}-{{a-b}}-{{_y}}', { $x: 1, 'a-b': 2, _y: 3 }), '1-2-3');
});

test('h: escaping and triple braces', () => {
  const s = `<a href="x">&'</a>`;
  assert.equal(render('{{s}}', { s }), '&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
  assert.equal(render('{{{s}}}', { s }), s);
  assert.equal(render('{{{ s | upper }}}', { s: '<b>' }), '<B>');
  assert.equal(render('a {{ s }} {b} }} c', { s: 1 }), 'a 1 {b} }} c');
});

test('h: comments', () => {
  assert.equal(render('a{{! ignore me }}b{{!multi\nline}}c', {}), 'abc');
  assert.equal(render('x{{!-- {{y}} --}}z', {}), 'x --}}z');
});

test('h: if / unless / else truthiness', () => {
  const t = '{{#if v}}T{{else}}F{{/if}}';
  const cases = [[true, 'T'], [1, 'T'], ['0', 'T'], [{}, 'T'], [[0], 'T'], [false, 'F'], [0, 'F'], ['', 'F'],
    [null, 'F'], [undefined, 'F'], [NaN, 'F'], [[], 'F']];
  for (const [v, want] of cases) assert.equal(render(t, { v }), want, String(v));
  assert.equal(render('{{#unless v}}U{{else}}E{{/unless}}', { v: [] }), 'U');
  assert.equal(render('{{#unless v}}U{{/unless}}', { v: 'x' }), '');
  assert.equal(render('{{#if a}}{{#if b}}ab{{else}}a{{/if}}{{else}}-{{/if}}', { a: 1, b: 0 }), 'a');
});

test('h: each with data variables', () => {
  const tpl = '{{#each xs}}{{@index}}:{{this}}{{#if @first}}(first){{/if}}{{#if @last}}(last){{/if}};{{/each}}';
  assert.equal(render(tpl, { xs: ['a', 'b', 'c'] }), '0:a(first);1:b;2:c(last);');
  assert.equal(render('{{#each xs}}x{{else}}empty{{/each}}', { xs: [] }), 'empty');
  assert.equal(render('{{#each xs}}x{{else}}empty{{/each}}', { xs: 'abc' }), 'empty');
  assert.equal(render('{{#each xs}}x{{/each}}', {}), '');
  assert.equal(render('{{@index}}', {}), '');
});

test('h: scope fallback and ../', () => {
  const data = { title: 'T', users: [{ name: 'ann', title: 'Dr' }, { name: 'bob' }], name: 'root' };
  assert.equal(render('{{#each users}}{{title}} {{name}}/{{../title}}/{{../name}};{{/each}}', data),
    'Dr ann/T/root;T bob/T/root;');
  // later segments never fall back
  assert.equal(render('{{#each xs}}[{{a.b}}]{{/each}}', { a: { b: 'outer' }, xs: [{ a: {} }, {}] }), '[][outer]');
  assert.equal(render('{{#each xs}}{{this.v}}{{v}}{{/each}}', { v: 'o', xs: [{ v: 1 }, {}] }), '11oo');
  assert.equal(render('{{#each xs}}{{length}}{{/each}}', { length: 'L', xs: ['abc', [1]] }), 'L1'); // arrays own 'length'
  assert.equal(render('{{../x}}', { x: 1 }), '');
});

test('h: nested each and with', () => {
  const data = {
    groups: [{ g: 'A', items: [1, 2] }, { g: 'B', items: [] }, { g: 'C', items: [3] }],
    sep: '-',
  };
  const tpl = '{{#each groups}}{{g}}={{#each items}}{{../g}}{{this}}{{sep}}{{@index}}{{else}}none{{/each}} {{/each}}';
  assert.equal(render(tpl, data), 'A=A1-0A2-1 B=none C=C3-0 ');
  assert.equal(render('{{#with user}}{{name}} {{role}} {{../role}}{{/with}}', { user: { name: 'n' }, role: 'r' }), 'n r r');
  assert.equal(render('{{#with user}}X{{/with}}', { user: null }), '');
  assert.equal(render('{{#each xs}}{{#with this}}{{@index}}{{v}}{{/with}}{{/each}}', { xs: [{ v: 'a' }, { v: 'b' }] }), '0a1b');
  assert.equal(render('{{#each outer}}{{#each this}}{{../../k}}{{this}}{{/each}}{{/each}}', { k: 'K', outer: [[1, 2], [3]] }), 'K1K2K3');
});

test('h: filters', () => {
  const d = { s: '  Hello World  ', n: null, e: '', xs: ['a', 'b', 'c'], o: { a: [1, '<'] }, long: 'abcdefghijkl' };
  assert.equal(render('{{s | trim | upper}}', d), 'HELLO WORLD');
  assert.equal(render('{{s|trim|lower}}', d), 'hello world');
  assert.equal(render('{{n | upper}}|{{missing | trim}}', d), '|');
  assert.equal(render('{{n | default "none"}}|{{e | default "empty"}}|{{s | trim | default "x"}}', d), 'none|empty|Hello World');
  assert.equal(render('{{missing | default 0}}|{{z | default "d"}}', { z: 0 }), '0|0');
  assert.equal(render('{{{o | json}}}|{{o | json}}|{{missing | json}}', d), '{"a":[1,"<"]}|{&quot;a&quot;:[1,&quot;&lt;&quot;]}|');
  assert.equal(render('{{xs | length}} {{long | length}} {{o | length}}', d), '3 12 ');
  assert.equal(render('{{xs | join ", "}}|{{xs | join "\\" | \\\\"}}|{{s | join "-"}}', d),
    'a, b, c|a&quot; | \\b&quot; | \\c|  Hello World  ');
  assert.equal(render('{{long | truncate 5}}|{{long | truncate 12}}|{{long | truncate 11}}|{{xs | truncate 1}}', d),
    'abcd…|abcdefghijkl|abcdefghij…|a,b,c');
  assert.equal(render('{{#if xs | length}}yes{{/if}}{{#each xs | join "" | length | default 0}}{{/each}}', d), 'yes');
});

test('h: filters on block expressions', () => {
  assert.equal(render('{{#if name | trim}}has{{else}}blank{{/if}}', { name: '   ' }), 'blank');
  assert.equal(render('{{#with user | default "anon"}}{{this}}{{/with}}', {}), 'anon');
});

test('h: errors with line numbers', () => {
  throwsAt('a\n{{#if x}}\nb', 2);
  throwsAt('{{#each xs}}\n{{#if y}}\n{{/each}}', 3);
  throwsAt('line1\nline2 {{/if}}', 2);
  throwsAt('{{else}}', 1);
  throwsAt('{{#if a}}1{{else}}2{{else}}3{{/if}}', 1);
  throwsAt('{{#with a}}\n{{else}}{{/with}}', 2);
  throwsAt('ok\n\n{{#loop xs}}{{/loop}}', 3);
  throwsAt('a\nb {{ oops', 2);
  throwsAt('{{{ raw }}', 1);
  throwsAt('x\n{{ name | shout }}', 2);
  throwsAt('{{ name | default }}', 1);
  throwsAt('{{ name | upper "x" }}', 1);
  throwsAt('{{!\n\n}}\n{{ a | truncate }}', 4);
  throwsAt('{{}}', 1);
  throwsAt('{{ a..b }}', 1);
});

test('h: errors do not depend on data', () => {
  throwsAt('{{#if x}}{{/if}}{{#if y}}', 1, { x: 1, y: 0 });
  throwsAt('{{#each xs}}{{ bad | nope }}{{/each}}', 1, { xs: [] });
});

test('h: a realistic page', () => {
  const tpl = [
    '<h1>{{ title | default "Untitled" }}</h1>',
    '{{! list of orders }}',
    '<ul>',
    '{{#each orders}}  <li class="{{#if @first}}first{{/if}}">#{{id}} {{customer.name | upper}}: {{items | length}} item(s){{#if note}} — {{note | truncate 12}}{{/if}} [{{../currency}}]</li>',
    '{{else}}  <li>no orders</li>',
    '{{/each}}</ul>',
  ].join('\n');
  const data = {
    currency: 'EUR',
    orders: [
      { id: 1, customer: { name: 'Zoë & co' }, items: [1, 2], note: 'Leave at the door please' },
      { id: 2, customer: { name: 'bob' }, items: [] },
    ],
  };
  assert.equal(render(tpl, data), [
    '<h1>Untitled</h1>',
    '',
    '<ul>',
    '  <li class="first">#1 ZOË &amp; CO: 2 item(s) — Leave at th… [EUR]</li>',
    '  <li class="">#2 BOB: 0 item(s) [EUR]</li>',
    '</ul>',
  ].join('\n'));
  assert.equal(render(tpl, { title: 'Shop', orders: [] }), '<h1>Shop</h1>\n\n<ul>\n  <li>no orders</li>\n</ul>');
});
