// Hidden tests for proctor/js-cjs-to-esm. VERIFY_ROOT is a copy of /app.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const root = process.env.VERIFY_ROOT;
const ref = '/tests/ref';
const mod = (p) => import(pathToFileURL(path.join(root, p)).href);
const node = process.execPath;
// The CLI comparisons below spawn node dozens of times; before the package is ESM they are
// reported as skipped (a failure for the verifier) instead of taking most of the run.
const notEsm = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).type !== 'module'
  && 'package.json does not declare "type": "module" yet';

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

function run(base, args, env = {}) {
  const r = spawnSync(node, [path.join(base, 'bin', 'inv.js'), ...args], {
    encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: '/tmp', ...env }, cwd: '/tmp',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('h: package is ESM and no CommonJS remains', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.name, 'stockroom');
  assert.equal(pkg.version, '2.3.0');
  const files = [...walk(path.join(root, 'src')), ...walk(path.join(root, 'bin'))].filter((f) => /\.[cm]?js$/.test(f));
  assert.ok(files.length >= 16, `only ${files.length} files`);
  for (const f of files) {
    assert.ok(f.endsWith('.js'), `${f}: keep .js file names`);
    const src = fs.readFileSync(f, 'utf8');
    assert.doesNotMatch(src, /\brequire\s*\(|module\.exports|\bexports\.|__dirname|__filename|createRequire/, f);
    const r = spawnSync(node, ['--check', f], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${f}: ${r.stderr}`);
  }
});

test('h: named exports of every module', async () => {
  const expected = {
    'src/money.js': ['Money', 'default'], 'src/store.js': ['Store', 'default'], 'src/config.js': ['load', 'DEFAULT_FILE'],
    'src/logger.js': ['setLevel', 'getLevel', 'error', 'warn', 'info', 'debug'], 'src/units.js': ['kindOf', 'convert', 'round'],
    'src/fsutil.js': ['writeFileAtomic', 'dataPath', 'readJSON', 'FILE_MODE'],
    'src/catalog.js': ['currency', 'all', 'get', 'categories'], 'src/pricing.js': ['linePrice', 'quote', 'unitPrice'],
    'src/discounts.js': ['RULES', 'best'], 'src/format.js': ['pad', 'table', 'rule'], 'src/report.js': ['rows', 'render', 'formats'],
    'src/cli.js': ['main', 'usage'], 'src/plugins/csv.js': ['default'], 'src/plugins/json.js': ['default'],
    'src/index.js': ['Money', 'Store', 'catalog', 'pricing', 'discounts', 'units', 'report', 'config', 'format', 'version'],
  };
  for (const [file, names] of Object.entries(expected)) {
    const m = await mod(file);
    for (const n of names) assert.ok(n in m && m[n] !== undefined, `${file} should export ${n}`);
  }
  const money = await mod('src/money.js');
  assert.equal(money.default, money.Money);
  const store = await mod('src/store.js');
  assert.equal(store.default, store.Store);
  assert.equal((await mod('src/fsutil.js')).FILE_MODE, 0o644);
  assert.equal((await mod('src/index.js')).version, '2.3.0');
  assert.deepEqual((await mod('src/report.js')).formats, ['csv', 'json', 'table']);
  assert.equal((await mod('src/plugins/csv.js')).default.name, 'csv');
});

test('h: money and units behave as before', async () => {
  const { Money } = await mod('src/money.js');
  assert.equal(Money(5, 'USD').format('$'), '$0.05');
  assert.equal(Money.parse('3.5').times(3).format(), '10.50 EUR');
  assert.equal(new Money(-333).percent(50).cents, -167);
  assert.throws(() => Money.parse('1.234'));
  const units = await mod('src/units.js');
  assert.equal(units.round(units.convert(1, 'gal', 'l'), 4), 3.7854);
  assert.equal(units.kindOf('oz'), 'mass');
  assert.throws(() => units.convert(1, 'kg', 'l'));
});

test('h: circular pricing/discounts import in either order', () => {
  for (const first of ['discounts', 'pricing']) {
    const script = `
      const d = await import(${JSON.stringify(pathToFileURL(path.join(root, 'src', first + '.js')).href)});
      const p = await import(${JSON.stringify(pathToFileURL(path.join(root, 'src/pricing.js')).href)});
      const c = await import(${JSON.stringify(pathToFileURL(path.join(root, 'src/catalog.js')).href)});
      const dd = await import(${JSON.stringify(pathToFileURL(path.join(root, 'src/discounts.js')).href)});
      const item = c.get('HONEY-250');
      const b = dd.best(item, 7, item.price.times(7));
      console.log(b.rule, b.amount.cents, p.linePrice('TEA-100', 11).net.cents, Object.keys(dd.RULES).join());`;
    const out = execFileSync(node, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: '/tmp' });
    assert.equal(out, 'premium3for2 1120 3310 premium3for2,bulkBaking,drinks5\n', first);
  }
});

test('h: config reload and environment overrides', async () => {
  const config = await mod('src/config.js');
  assert.ok(fs.existsSync(config.DEFAULT_FILE));
  assert.equal(config.load().lowStock, 5);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-'));
  const f = path.join(dir, 'c.json');
  fs.writeFileSync(f, JSON.stringify({ taxRate: 19 }));
  assert.deepEqual(config.load(f), { lowStock: 3, taxRate: 19, currencySymbol: '', report: {} });
  fs.writeFileSync(f, JSON.stringify({ taxRate: 20, lowStock: 9 }));
  assert.equal(config.load(f).taxRate, 20, 'must re-read the file on every load');
  process.env.STOCKROOM_CONFIG = f;
  process.env.STOCKROOM_LOW_STOCK = '11';
  try {
    assert.equal(config.load().taxRate, 20);
    assert.equal(config.load().lowStock, 11);
  } finally {
    delete process.env.STOCKROOM_CONFIG;
    delete process.env.STOCKROOM_LOW_STOCK;
  }
});

test('h: logger levels', async () => {
  const log = await mod('src/logger.js');
  assert.equal(log.getLevel(), 'warn');
  assert.equal(log.info('x'), false);
  log.setLevel('error');
  assert.equal(log.getLevel(), 'error');
  assert.equal(log.warn('x'), false);
  assert.throws(() => log.setLevel('loud'));
  log.setLevel('warn');
});

test('h: store events and atomic save', async () => {
  const { Store } = await mod('src/store.js');
  const s = new Store({ A: 5, B: 1 }, 4);
  const events = [];
  s.on('change', (...a) => events.push(['change', ...a]));
  s.on('low', (...a) => events.push(['low', ...a]));
  assert.equal(s.adjust('A', -2), 3);
  assert.throws(() => s.adjust('B', -2));
  assert.deepEqual(events, [['change', 'A', 5, 3], ['low', 'A', 3]]);
  assert.deepEqual(s.lowItems(), ['A', 'B']);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'st-'));
  const file = path.join(dir, 'stock.json');
  s.save(file);
  assert.equal(fs.readFileSync(file, 'utf8'), '{\n  "A": 3,\n  "B": 1\n}\n');
  assert.equal(fs.statSync(file).mode & 0o777, 0o644);
  assert.deepEqual(fs.readdirSync(dir), ['stock.json']);
  assert.equal(Store.load().get('SALT-1KG'), 60);
});

const COMMANDS = [
  ['version'], ['list'], ['report'], ['report', 'csv'], ['report', 'json'], ['report', 'xml'],
  ['quote', 'OIL-1L=7', 'FLOUR-1KG=10', 'TEA-100=5', 'HONEY-250=3'], ['quote', 'SUGAR-500=30', 'MILK-1L=20'],
  ['quote', 'NOPE=1'], ['quote', 'OIL-1L=x'], ['quote'], ['convert', '12', 'oz', 'g'], ['convert', '1', 'l', 'kg'],
  ['convert', 'abc', 'g', 'kg'], ['take', 'OIL-1L', '1'], ['take', 'FLOUR-1KG', '36'], ['take', 'RICE-2KG', '1'],
  ['take', 'BOGUS', '1'], [], ['frobnicate'],
];

test('h: CLI output identical to the CommonJS version', { skip: notEsm }, () => {
  for (const [i, args] of COMMANDS.entries()) {
    const envs = [{}, { STOCKROOM_LOG: 'debug' }, { STOCKROOM_LOW_STOCK: '30' }].filter((_, k) => k === 0 || (i + k) % 3 === 0);
    for (const env of envs) {
      const want = run(ref, args, env);
      const got = run(root, args, env);
      assert.deepEqual(got, want, `inv ${args.join(' ')} ${JSON.stringify(env)}`);
    }
  }
});

test('h: CLI with another config file and --save', { skip: notEsm }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
  const cfg = path.join(dir, 'cfg.json');
  fs.writeFileSync(cfg, JSON.stringify({ taxRate: 19, currencySymbol: '', lowStock: 50, report: { width: 20, sort: 'name' } }));
  for (const args of [['report'], ['quote', 'OIL-1L=3', 'RICE-2KG=2'], ['list']]) {
    assert.deepEqual(run(root, args, { STOCKROOM_CONFIG: cfg }), run(ref, args, { STOCKROOM_CONFIG: cfg }), args.join(' '));
  }
  const a = path.join(dir, 'a.json');
  const b = path.join(dir, 'b.json');
  assert.deepEqual(run(root, ['take', 'TEA-100', '24', '--save', a]), run(ref, ['take', 'TEA-100', '24', '--save', b]));
  assert.equal(fs.readFileSync(a, 'utf8'), fs.readFileSync(b, 'utf8'));
  assert.equal(fs.statSync(a).mode & 0o777, 0o644);
});

test('h: cli.js runs directly and bin is executable', () => {
  assert.equal(execFileSync(node, [path.join(root, 'src', 'cli.js'), 'version'], { encoding: 'utf8' }), 'stockroom 2.3.0\n');
  assert.equal(execFileSync(path.join(root, 'bin', 'inv.js'), ['version'], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } }),
    'stockroom 2.3.0\n');
  const r = spawnSync(node, ['--input-type=module', '-e',
    `import { main } from ${JSON.stringify(pathToFileURL(path.join(root, 'src/cli.js')).href)}; console.log(typeof main)`],
  { encoding: 'utf8' });
  assert.equal(r.stdout, 'function\n', 'importing cli.js must not run the CLI');
});

test('h: ported unit tests pass', () => {
  const dir = '/app/test';
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort();
  assert.deepEqual(files, ['cli.test.js', 'money.test.js', 'pricing.test.js']);
  for (const f of files) assert.doesNotMatch(fs.readFileSync(path.join(dir, f), 'utf8'), /\brequire\s*\(|__dirname/);
  const r = spawnSync(node, ['--test', ...files.map((f) => path.join(dir, f))],
    { encoding: 'utf8', cwd: '/app', env: { PATH: '/usr/bin:/bin', HOME: '/tmp' } });
  assert.equal(r.status, 0, r.stdout.slice(-2000));
  assert.match(r.stdout, /^# pass ([6-9]|\d\d+)$/m);
  assert.match(r.stdout, /^# fail 0$/m);
});
