//! HTML renderer: one self-contained page (inline CSS, inline SVG charts, a few lines of inline
//! script to sort the task table; nothing fetched at view time). It shows the text report's
//! tables, plus the charts: pass-rate bars with interval whiskers, success-within-budget curves,
//! compaction retention, cohort triangles, a task x configuration heatmap, and a sortable per-task
//! table whose attempt chips link to each trial's artifact directory.

use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use proctor_schema::Verdict;

use crate::error::ReportError;

use super::charts::{self, HeatCell};
use super::sections::{self, Block, Kind};
use super::table::{esc, Tone};
use super::{fmt, Report};

/// Most tasks drawn in the heatmap (the table below lists them all).
pub const HEATMAP_TASKS: usize = 300;

const STYLE: &str = r#"
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1280px;padding:16px 24px;color:#222;background:#fafafa}
h1{font-size:22px;margin:8px 0}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.verdict{font-size:15px;padding:8px 12px;border-radius:6px;background:#eef3f8;display:inline-block}
.verdict.bad{background:#fde2e1;color:#a40000;font-weight:bold}.verdict.good{background:#e3f4e6;color:#14622a}
nav a{margin-right:12px;font-size:13px}
table.data{border-collapse:collapse;font-size:13px;margin:6px 0;background:#fff}
table.data th,table.data td{border:1px solid #e2e2e2;padding:3px 8px;text-align:right;white-space:nowrap}
table.data th:first-child,table.data td:first-child{text-align:left}
table.data th{background:#f0f0f0;position:sticky;top:0}
td.good{color:#14622a}td.bad{color:#a40000;font-weight:bold}td.warn{color:#9a6700}td.dim{color:#888}td.strong{font-weight:600}
p.note{font-size:12px;color:#666;margin:4px 0 10px}p.bad{color:#a40000;font-weight:bold}p.warn{color:#9a6700}p.good{color:#14622a}
details{font-size:13px;margin:4px 0}
figure.chart{margin:8px 0;display:inline-block;background:#fff;border:1px solid #e6e6e6;border-radius:4px;padding:4px}
figure.chart svg{display:block;max-width:100%;height:auto}
.grid{display:flex;flex-wrap:wrap;gap:8px}
#tasks th{cursor:pointer;user-select:none}#tasks th.sorted-asc::after{content:" ▲"}#tasks th.sorted-desc::after{content:" ▼"}
#tasks td.na{color:#bbb;text-align:center}
a.at{display:inline-block;min-width:14px;margin-left:2px;padding:0 3px;border-radius:3px;font-size:11px;text-align:center;text-decoration:none;color:#fff}
a.at.p{background:#1a9850}a.at.f{background:#d73027}a.at.e{background:#8c8c8c}a.at.i{background:#8a94c8}
.rate{display:inline-block;min-width:38px}
p.legend{font-size:13px;margin:2px 0 8px}p.legend span{margin-right:14px;white-space:nowrap}p.legend i{display:inline-block;width:12px;height:12px;border-radius:6px;margin-right:5px;vertical-align:-1px}
"#;

const SCRIPT: &str = r#"
(function(){
  var table=document.getElementById('tasks');
  if(!table){return;}
  var heads=table.tHead.rows[0].cells;
  for(var i=0;i<heads.length;i++){(function(col){
    heads[col].addEventListener('click',function(){
      var asc=!heads[col].classList.contains('sorted-asc');
      for(var j=0;j<heads.length;j++){heads[j].classList.remove('sorted-asc','sorted-desc');}
      heads[col].classList.add(asc?'sorted-asc':'sorted-desc');
      var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(a,b){
        var x=a.cells[col].getAttribute('data-v'),y=b.cells[col].getAttribute('data-v');
        var r=(x!==null&&y!==null)?(parseFloat(x)-parseFloat(y)):a.cells[col].textContent.localeCompare(b.cells[col].textContent);
        return asc?r:-r;});
      var frag=document.createDocumentFragment();rows.forEach(function(r){frag.appendChild(r);});body.appendChild(frag);
    });})(i);}
  document.documentElement.setAttribute('data-sortable','ready');
})();
"#;

fn err(message: String) -> ReportError {
    ReportError::Render { format: "html", message }
}

fn figure(out: &mut String, id: &str, svg: &str) {
    let _ = writeln!(out, "<figure class=\"chart\" id=\"{id}\">{svg}</figure>");
}

/// Absolute form of `p` (canonical when it exists).
fn absolute(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| std::env::current_dir().unwrap_or_default().join(p))
}

/// `to` relative to the directory `from` (both made absolute first).
pub fn relative(from: &Path, to: &Path) -> PathBuf {
    let from = absolute(from);
    let to = absolute(to);
    let a: Vec<Component> = from.components().collect();
    let b: Vec<Component> = to.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut rel = PathBuf::new();
    for _ in common..a.len() {
        rel.push("..");
    }
    for c in &b[common..] {
        rel.push(c.as_os_str());
    }
    rel
}

/// Percent-encode what a URL path cannot hold as is.
fn href(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'~'
            | b'/'
            | b'@'
            | b'+'
            | b','
            | b'='
            | b':' => out.push(b as char),
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// Render the page. Links to trial artifacts are relative to `out_dir` (where the page will be
/// written); without it they are the run directories as given.
pub fn render(r: &Report, out_dir: Option<&Path>) -> Result<String, ReportError> {
    let d = r.data;
    let a = r.analysis;
    let labels: Vec<String> = d.configs.iter().map(|c| c.label.clone()).collect();
    let mut out = String::with_capacity(64 * 1024 + d.trials.len() * 120);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    out.push_str("<title>proctor report</title><style>");
    out.push_str(STYLE);
    out.push_str("</style></head><body>\n<h1>proctor report</h1>\n");
    let (headline, tone) = sections::headline(r);
    let class = match tone {
        Tone::Bad => "verdict bad",
        Tone::Good => "verdict good",
        _ => "verdict",
    };
    let _ = writeln!(out, "<p class=\"{class}\">{}</p>", esc(&headline));
    for reg in &a.regressions {
        let _ = writeln!(out, "<p class=\"bad\">REGRESSION: {}</p>", esc(&reg.describe()));
    }
    let secs = sections::sections(r);
    out.push_str("<nav>");
    for (i, s) in secs.iter().enumerate() {
        let _ = write!(out, "<a href=\"#s{i}\">{}</a>", esc(&s.title));
    }
    out.push_str("<a href=\"#heatmap\">Tasks x configurations</a><a href=\"#task-table\">Per task</a></nav>\n");
    for (i, s) in secs.iter().enumerate() {
        let _ = writeln!(out, "<section id=\"s{i}\"><h2>{}</h2>", esc(&s.title));
        match s.kind {
            Kind::PassRate if !a.configs.is_empty() => {
                figure(&mut out, "chart-pass-rate", &charts::pass_rate_bars(&a.configs).map_err(err)?);
            }
            Kind::Budget => {
                out.push_str("<div class=\"grid\">");
                for ax in &a.budget {
                    let svg = charts::budget_curves(ax, &labels).map_err(err)?;
                    figure(&mut out, &format!("chart-budget-{}", ax.axis.as_str()), &svg);
                }
                out.push_str("</div>");
            }
            Kind::Compaction if a.compaction.iter().any(|row| row.buckets.iter().skip(1).any(|b| b.trials > 0)) => {
                figure(&mut out, "chart-compaction", &charts::compaction(&a.compaction).map_err(err)?);
                out.push_str("<p class=\"legend\">");
                for row in &a.compaction {
                    let _ = write!(
                        out,
                        "<span><i style=\"background:{}\"></i>{}</span>",
                        charts::hex(charts::color(row.config)),
                        esc(&labels[row.config])
                    );
                }
                out.push_str("</p>\n");
            }
            Kind::Cohort(c) => {
                if let Some(co) = a.cohorts.get(c) {
                    figure(&mut out, &format!("chart-cohort-{c}"), &charts::cohort(co).map_err(err)?);
                }
            }
            _ => {}
        }
        for b in &s.blocks {
            match b {
                Block::Table(t) => out.push_str(&t.to_html()),
                Block::Note(text, tone) => {
                    let class = match tone {
                        Tone::Bad => "bad",
                        Tone::Warn => "warn",
                        Tone::Good => "good",
                        _ => "note",
                    };
                    let _ = writeln!(out, "<p class=\"{class}\">{}</p>", esc(text));
                }
                Block::List { title, items, more } => {
                    let _ = write!(out, "<details><summary>{} ({})</summary><ul>", esc(title), items.len() + more);
                    for item in items {
                        let _ = write!(out, "<li>{}</li>", esc(item));
                    }
                    if *more > 0 {
                        let _ = write!(out, "<li>… and {more} more (see the per-task table)</li>");
                    }
                    out.push_str("</ul></details>\n");
                }
            }
        }
        out.push_str("</section>\n");
    }
    heatmap(r, &labels, &mut out)?;
    task_table(r, out_dir, &mut out);
    out.push_str("<script>");
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body></html>\n");
    Ok(out)
}

fn heatmap(r: &Report, labels: &[String], out: &mut String) -> Result<(), ReportError> {
    let d = r.data;
    let m = &r.analysis.matrix;
    out.push_str("<section id=\"heatmap\"><h2>Tasks x configurations</h2>\n");
    let row = |t: u32| -> Vec<HeatCell> {
        (0..d.configs.len()).map(|c| m.cell(c, t).map(|cell| cell.rate_excl_infra())).collect()
    };
    let mut chosen: Vec<u32> = (0..d.tasks.len() as u32).collect();
    if chosen.len() > HEATMAP_TASKS {
        // Keep the tasks whose outcomes differ most across configurations.
        let spread = |t: u32| -> f64 {
            let v: Vec<f64> = row(t).into_iter().flatten().flatten().collect();
            let mean = v.iter().sum::<f64>() / v.len().max(1) as f64;
            v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / v.len().max(1) as f64
        };
        let mut scored: Vec<(f64, u32)> = chosen.iter().map(|&t| (spread(t), t)).collect();
        scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        chosen = scored.into_iter().take(HEATMAP_TASKS).map(|(_, t)| t).collect();
        chosen.sort_unstable();
    }
    let names: Vec<&str> = chosen.iter().map(|&t| d.tasks[t as usize].as_str()).collect();
    let cells: Vec<Vec<HeatCell>> = chosen.iter().map(|&t| row(t)).collect();
    let svg = charts::heatmap(&names, labels, &cells, d.tasks.len()).map_err(err)?;
    figure(out, "chart-heatmap", &svg);
    out.push_str(
        "<p class=\"note\">success fraction per task and configuration, infra errors left out: red 0%, yellow 50%, \
         green 100%; blue-grey: only infra errors; light grey: not run</p></section>\n",
    );
    Ok(())
}

fn task_table(r: &Report, out_dir: Option<&Path>, out: &mut String) {
    let d = r.data;
    let m = &r.analysis.matrix;
    let prefixes: Vec<String> = d
        .dirs
        .iter()
        .map(|dir| {
            let p = match out_dir {
                Some(o) => relative(o, dir),
                None => dir.clone(),
            };
            let mut s = href(&p.to_string_lossy());
            if !s.is_empty() && !s.ends_with('/') {
                s.push('/');
            }
            s
        })
        .collect();
    out.push_str("<section id=\"task-table\"><h2>Per task</h2>\n");
    out.push_str("<p class=\"note\">click a column to sort; each chip is one attempt (green passed, red failed, grey error, blue infra error) and links to its artifact directory</p>\n");
    out.push_str("<table class=\"data\" id=\"tasks\"><thead><tr><th>task</th><th>mean</th>");
    for c in &d.configs {
        let _ = write!(out, "<th>{}</th>", esc(&c.label));
    }
    out.push_str("</tr></thead><tbody>\n");
    for (t, name) in d.tasks.iter().enumerate() {
        let t = t as u32;
        let rates: Vec<f64> = (0..d.configs.len()).filter_map(|c| m.cell(c, t).map(|cell| cell.rate())).collect();
        let mean = rates.iter().sum::<f64>() / rates.len().max(1) as f64;
        let _ = write!(out, "<tr><td>{}</td><td data-v=\"{mean:.4}\">{}</td>", esc(name), fmt::pct(Some(mean)));
        for c in 0..d.configs.len() {
            let Some(cell) = m.cell(c, t) else {
                out.push_str("<td class=\"na\" data-v=\"-1\">—</td>");
                continue;
            };
            let _ = write!(
                out,
                "<td data-v=\"{:.4}\"><span class=\"rate\">{:.0}%</span>",
                cell.rate(),
                cell.rate() * 100.0
            );
            for trial in &d.trials[cell.trials()] {
                let class = match (trial.verdict, trial.is_infra()) {
                    (Verdict::Passed, _) => "p",
                    (Verdict::Failed, _) => "f",
                    (Verdict::Error, true) => "i",
                    (Verdict::Error, false) => "e",
                };
                let prefix = prefixes.get(trial.dir as usize).map(String::as_str).unwrap_or("");
                let title = match trial.error {
                    Some(cat) => format!("attempt {}: error ({})", trial.attempt, cat.as_str()),
                    None => format!("attempt {}: {}", trial.attempt, trial.verdict.as_str()),
                };
                let _ = write!(
                    out,
                    "<a class=\"at {class}\" href=\"{}{}/\" title=\"{}\">{}</a>",
                    prefix,
                    esc(&href(&trial.artifacts)),
                    esc(&title),
                    trial.attempt + 1
                );
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></section>\n");
}
