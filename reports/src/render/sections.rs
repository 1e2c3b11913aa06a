//! What the text reports (term and md) show, as format-neutral sections of tables, notes and
//! lists. Both text renderers lay out these same sections, so they never disagree.

use crate::retention::Axis;
use crate::summary::{CiMethod, ConfigStats, Measure};

use super::fmt;
use super::table::{Cell, Table, Tone};
use super::Report;

/// Longest list of task names printed in a text report (the rest are counted).
pub const LIST_LIMIT: usize = 20;

/// A block of a section.
#[derive(Debug, Clone)]
pub enum Block {
    Table(Table),
    /// A line of text.
    Note(String, Tone),
    /// A named list of items, `more` left out.
    List {
        title: String,
        items: Vec<String>,
        more: usize,
    },
}

/// Which part of the report a section is (the HTML renderer puts charts beside some).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Runs,
    PassRate,
    Usage,
    Errors,
    Comparison,
    Budget,
    Compaction,
    /// The cohort of `analysis.cohorts[i]`.
    Cohort(usize),
    Warnings,
}

/// A titled part of the report.
#[derive(Debug, Clone)]
pub struct Section {
    pub kind: Kind,
    pub title: String,
    pub blocks: Vec<Block>,
}

fn list(title: String, all: impl Iterator<Item = String>) -> Block {
    let all: Vec<String> = all.collect();
    let more = all.len().saturating_sub(LIST_LIMIT);
    Block::List { title, items: all.into_iter().take(LIST_LIMIT).collect(), more }
}

/// The one-line verdict at the top.
pub fn headline(r: &Report) -> (String, Tone) {
    let d = r.data;
    let base = format!(
        "{} run(s), {} configuration(s), {} task(s), {} trial(s)",
        d.runs.len(),
        d.configs.len(),
        d.tasks.len(),
        d.trials.len()
    );
    if r.analysis.regressions.is_empty() {
        let tone = if r.analysis.comparisons.is_empty() { Tone::Plain } else { Tone::Good };
        let verdict = if r.analysis.comparisons.is_empty() { "" } else { " · no regression" };
        (format!("{base}{verdict}"), tone)
    } else {
        (format!("{base} · REGRESSION"), Tone::Bad)
    }
}

/// Every section, in order.
pub fn sections(r: &Report) -> Vec<Section> {
    let mut out = vec![runs(r), pass_rates(r), usage(r)];
    out.extend(errors(r));
    out.extend(comparisons(r));
    out.extend(budget(r));
    out.extend(compaction(r));
    out.extend(cohorts(r));
    out.extend(warnings(r));
    out
}

fn runs(r: &Report) -> Section {
    let mut t = Table::new(&["run", "started (UTC)", "finished", "shards", "trials", "proctor"]).optional(&[5]);
    for run in &r.data.runs {
        let shards = if run.shards.is_empty() {
            "—".to_string()
        } else {
            run.shards.iter().map(|s| format!("{}/{}", s.index, s.count)).collect::<Vec<_>>().join(",")
        };
        let name = if run.baseline { format!("{} (baseline)", run.run_id) } else { run.run_id.clone() };
        let commit = run
            .git_commit
            .as_deref()
            .map(|c| format!(" {}", c.chars().take(8).collect::<String>()))
            .unwrap_or_default();
        t.push(vec![
            Cell::new(name),
            Cell::new(run.created_at.format("%Y-%m-%d %H:%M").to_string()),
            match run.finished_at {
                Some(f) => Cell::new(f.format("%H:%M").to_string()),
                None => Cell::tone("interrupted", Tone::Warn),
            },
            Cell::new(shards),
            Cell::new(format!("{}", run.trials)),
            Cell::new(format!("{}{commit}", run.proctor_version)),
        ]);
    }
    Section { kind: Kind::Runs, title: "Runs".into(), blocks: vec![Block::Table(t)] }
}

fn rate_cell(c: &ConfigStats) -> Cell {
    let r = &c.pass_rate;
    let method = match r.method {
        CiMethod::Wilson => "",
        CiMethod::Bootstrap => "*",
        CiMethod::None => "",
    };
    Cell::tone(format!("{} {}{method}", fmt::pct(r.value), fmt::ci(r.ci)), Tone::Strong)
}

fn pass_rates(r: &Report) -> Section {
    let max_k = r.analysis.configs.iter().map(|c| c.max_attempts).max().unwrap_or(1);
    let mut headers = vec!["configuration", "trials", "pass", "fail", "error", "pass rate (95% CI)", "excl. infra"];
    let k_head = format!("pass@{max_k}");
    let hat_head = format!("pass^{max_k}");
    if max_k > 1 {
        headers.push(&k_head);
        headers.push(&hat_head);
    }
    headers.extend(["silent fail", "flaky"]);
    let n = headers.len();
    let mut t = Table::new(&headers).optional(&[n - 1, n - 2, 6]);
    for c in &r.analysis.configs {
        let mut row = vec![
            Cell::new(c.label.as_str()),
            Cell::new(c.trials.to_string()),
            Cell::tone(c.passed.to_string(), Tone::Good),
            Cell::new(c.failed.to_string()),
            Cell::tone(c.errors.to_string(), if c.errors > 0 { Tone::Warn } else { Tone::Plain }),
            rate_cell(c),
            Cell::new(fmt::pct(c.pass_rate_excl_infra.value)),
        ];
        if max_k > 1 {
            let at = |v: &[crate::summary::KPoint]| fmt::pct(v.iter().find(|p| p.k == max_k).map(|p| p.value));
            row.push(Cell::new(at(&c.pass_at_k)));
            row.push(Cell::new(at(&c.pass_hat_k)));
        }
        let silent = match c.silent_failure_share {
            Some(s) => format!("{} ({}/{})", fmt::pct(Some(s)), c.silent_failures, c.completions),
            None => fmt::NONE.to_string(),
        };
        let silent_tone = if c.silent_failure_share.is_some_and(|s| s >= 0.2) { Tone::Warn } else { Tone::Plain };
        row.push(Cell::tone(silent, silent_tone));
        row.push(Cell::new(c.flaky_tasks.len().to_string()));
        t.push(row);
    }
    let mut blocks = vec![Block::Table(t)];
    let bootstrap = r.analysis.configs.iter().any(|c| c.pass_rate.method == CiMethod::Bootstrap);
    blocks.push(Block::Note(
        format!(
            "pass rate = mean over tasks of each task's success fraction; interval: Wilson{}. \
             silent fail = the agent declared the work done and the hidden tests failed, as a share of its completions.",
            if bootstrap { ", * = bootstrap over tasks (several attempts)" } else { "" }
        ),
        Tone::Dim,
    ));
    for c in r.analysis.configs.iter().filter(|c| !c.flaky_tasks.is_empty()) {
        blocks.push(list(format!("flaky tasks of {}", c.label), c.flaky_tasks.iter().cloned()));
    }
    Section { kind: Kind::PassRate, title: "Pass rate".into(), blocks }
}

fn usage(r: &Report) -> Section {
    let mut t = Table::new(&[
        "configuration",
        "tokens/trial",
        "tokens/success",
        "cost/trial",
        "cost/success",
        "turns/trial",
        "turns/success",
        "wall/trial",
        "wall/success",
    ])
    .optional(&[8, 6, 4]);
    let m = |x: &Measure, f: fn(Option<f64>) -> String| -> [Cell; 2] {
        [
            Cell::new(fmt::pair(f(x.per_trial_mean), f(x.per_trial_median))),
            Cell::new(fmt::pair(f(x.per_success), f(x.passed_median))),
        ]
    };
    for c in &r.analysis.configs {
        let mut row = vec![Cell::new(c.label.as_str())];
        row.extend(m(&c.usage.tokens, fmt::count));
        row.extend(m(&c.usage.cost_usd, fmt::usd));
        row.extend(m(&c.usage.turns, fmt::count));
        row.extend(m(&c.usage.wall_sec, fmt::secs));
        t.push(row);
    }
    Section {
        kind: Kind::Usage,
        title: "Usage".into(),
        blocks: vec![
            Block::Table(t),
            Block::Note(
                "per trial: mean / median; per success: total over all trials ÷ passes / median of the passing trials"
                    .into(),
                Tone::Dim,
            ),
        ],
    }
}

fn errors(r: &Report) -> Option<Section> {
    if r.analysis.configs.iter().all(|c| c.errors == 0 && c.retried_trials == 0) {
        return None;
    }
    let cats = proctor_schema::ErrorCategory::ALL;
    let mut headers = vec!["configuration"];
    headers.extend(cats.iter().map(|c| c.as_str()));
    headers.push("retried");
    let mut t = Table::new(&headers);
    for c in &r.analysis.configs {
        let mut row = vec![Cell::new(c.label.as_str())];
        for cat in cats {
            let n = c.errors_by_category.iter().find(|e| e.category == cat).map_or(0, |e| e.count);
            row.push(Cell::tone(n.to_string(), if n > 0 { Tone::Warn } else { Tone::Dim }));
        }
        row.push(Cell::new(c.retried_trials.to_string()));
        t.push(row);
    }
    Some(Section { kind: Kind::Errors, title: "Errors by category".into(), blocks: vec![Block::Table(t)] })
}

fn comparisons(r: &Report) -> Option<Section> {
    let a = r.analysis;
    if a.comparisons.is_empty() {
        return None;
    }
    let mut t =
        Table::new(&["configuration", "baseline", "tasks", "now", "before", "Δ", "interval", "p", "↑", "↓", "verdict"])
            .optional(&[1, 6]);
    let mut blocks = Vec::new();
    for c in &a.comparisons {
        let verdict = if c.regression {
            Cell::tone("REGRESSION", Tone::Bad)
        } else if c.significant {
            Cell::tone("improved", Tone::Good)
        } else {
            Cell::tone("no significant change", Tone::Dim)
        };
        let test = match c.test {
            crate::compare::TestKind::Mcnemar => "McNemar",
            crate::compare::TestKind::Sign => "sign",
        };
        t.push(vec![
            Cell::new(c.current_label.as_str()),
            Cell::new(c.baseline_label.as_str()),
            Cell::new(c.common_tasks.to_string()),
            Cell::new(fmt::pct(c.current_rate)),
            Cell::new(fmt::pct(c.baseline_rate)),
            Cell::tone(fmt::pp(c.diff), if c.regression { Tone::Bad } else { Tone::Strong }),
            Cell::new(fmt::pp_ci(c.ci)),
            Cell::new(format!("{} {}", test, fmt::p_value(c.p_value))),
            Cell::tone(c.better.to_string(), Tone::Good),
            Cell::tone(c.worse.to_string(), if c.worse > 0 { Tone::Warn } else { Tone::Plain }),
            verdict,
        ]);
        let delta = |d: &crate::compare::TaskDelta| {
            format!("{} ({} → {})", d.task, fmt::pct(Some(d.baseline)), fmt::pct(Some(d.current)))
        };
        if !c.regressed.is_empty() {
            blocks.push(list(format!("regressed in {}", c.current_label), c.regressed.iter().map(delta)));
        }
        if !c.improved.is_empty() {
            blocks.push(list(format!("improved in {}", c.current_label), c.improved.iter().map(delta)));
        }
    }
    blocks.insert(0, Block::Table(t));
    blocks.insert(
        1,
        Block::Note(
            format!(
                "on the tasks both ran, infra errors left out; interval: paired bootstrap at {:.0}%; \
                 a drop is a regression only when p < {}",
                (1.0 - a.alpha) * 100.0,
                a.alpha
            ),
            Tone::Dim,
        ),
    );
    for reg in &a.regressions {
        blocks.push(Block::Note(format!("REGRESSION: {}", reg.describe()), Tone::Bad));
    }
    Some(Section { kind: Kind::Comparison, title: "Comparison with baseline".into(), blocks })
}

fn axis_value(axis: Axis, v: Option<f64>) -> String {
    match axis {
        Axis::Turns | Axis::Tokens => fmt::count(v),
        Axis::Dollars => fmt::usd(v),
        Axis::Minutes => fmt::minutes(v),
    }
}

fn budget(r: &Report) -> Option<Section> {
    let a = r.analysis;
    if a.budget.is_empty() {
        return None;
    }
    let mut blocks = Vec::new();
    for ax in &a.budget {
        let heads: Vec<String> = std::iter::once(format!("{} ≤", ax.axis.as_str()))
            .chain(ax.grid.iter().map(|&x| axis_value(ax.axis, Some(x))))
            .chain(std::iter::once("50% at".to_string()))
            .collect();
        let mut t = Table::new(&heads.iter().map(String::as_str).collect::<Vec<_>>());
        for curve in &ax.curves {
            let mut row = vec![Cell::new(a.configs[curve.config].label.as_str())];
            row.extend(curve.at_grid.iter().map(|&v| Cell::new(fmt::pct(v))));
            row.push(Cell::tone(axis_value(ax.axis, curve.x50), Tone::Strong));
            t.push(row);
        }
        blocks.push(Block::Table(t));
    }
    blocks.push(Block::Note(
        "share of all trials that passed within the budget (budgets at the 25/50/75/90/100th percentile of all trials); \
         50% at = smallest budget by which half the trials had passed"
            .into(),
        Tone::Dim,
    ));
    Some(Section { kind: Kind::Budget, title: "Success within budget".into(), blocks })
}

fn compaction(r: &Report) -> Option<Section> {
    let a = r.analysis;
    let any = a.compaction.iter().any(|row| row.buckets.iter().skip(1).any(|b| b.trials > 0));
    if a.compaction.is_empty() {
        return None;
    }
    if !any {
        return Some(Section {
            kind: Kind::Compaction,
            title: "Compaction retention".into(),
            blocks: vec![Block::Note("no trial compacted its context".into(), Tone::Dim)],
        });
    }
    let mut t = Table::new(&["configuration", "0 compactions", "1", "2", "3+"]);
    for row in &a.compaction {
        let mut cells = vec![Cell::new(a.configs[row.config].label.as_str())];
        for b in &row.buckets {
            cells.push(if b.trials == 0 {
                Cell::tone("—", Tone::Dim)
            } else {
                Cell::new(format!("{} (n={}) {}", fmt::pct(b.rate), b.trials, fmt::ci(b.ci)))
            });
        }
        t.push(cells);
    }
    Some(Section {
        kind: Kind::Compaction,
        title: "Compaction retention".into(),
        blocks: vec![
            Block::Table(t),
            Block::Note(
                "pass rate of trials by compactions survived; Wilson 95% over trials; infra errors left out".into(),
                Tone::Dim,
            ),
        ],
    })
}

fn cohorts(r: &Report) -> Vec<Section> {
    r.analysis
        .cohorts
        .iter()
        .enumerate()
        .map(|(i, co)| {
            let width = co.rows.len();
            let heads: Vec<String> = ["first solved in".to_string(), "cohort".to_string()]
                .into_iter()
                .chain((0..width).map(|d| format!("+{d}")))
                .collect();
            let mut t = Table::new(&heads.iter().map(String::as_str).collect::<Vec<_>>());
            for row in &co.rows {
                let mut cells = vec![Cell::new(row.run_id.as_str()), Cell::new(row.size.to_string())];
                for d in 0..width {
                    cells.push(match row.retained.get(d) {
                        Some(Some((kept, of))) => {
                            let f = *kept as f64 / *of as f64;
                            let tone = if f >= 0.9 { Tone::Good } else if f >= 0.6 { Tone::Plain } else { Tone::Warn };
                            Cell::tone(fmt::pct(Some(f)), tone)
                        }
                        Some(None) => Cell::tone("—", Tone::Dim),
                        None => Cell::new(""),
                    });
                }
                t.push(cells);
            }
            let mut blocks = vec![
                Block::Table(t),
                Block::Note(
                    "cohort = tasks first solved (≥ half the attempts passed) in that run; +d = share still solved d runs later"
                        .into(),
                    Tone::Dim,
                ),
            ];
            let lost = co.lost.iter().map(|l| format!("{} (last solved in {})", l.task, l.last_solved_run));
            if co.lost.is_empty() {
                blocks.push(Block::Note("no task solved before is lost now".into(), Tone::Good));
            } else {
                blocks.push(list("solved before, lost now".to_string(), lost));
            }
            Section { kind: Kind::Cohort(i), title: format!("Cohort retention: {}", co.agent), blocks }
        })
        .collect()
}

fn warnings(r: &Report) -> Option<Section> {
    if r.data.warnings.is_empty() {
        return None;
    }
    Some(Section {
        kind: Kind::Warnings,
        title: "Warnings".into(),
        blocks: r.data.warnings.iter().map(|w| Block::Note(w.clone(), Tone::Warn)).collect(),
    })
}
