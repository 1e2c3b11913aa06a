//! The task x configuration matrix: one cell per (configuration, task) with the outcome counts of
//! its attempts and the range of its trials. Every statistic is computed from these cells.

use std::ops::Range;

use proctor_schema::Verdict;
use serde::Serialize;

use crate::model::Dataset;

/// The attempts of one task by one configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub config: u32,
    pub task: u32,
    /// Trials (indices into [`Dataset::trials`]) `start..end`.
    pub start: u32,
    pub end: u32,
    pub passed: u32,
    pub failed: u32,
    pub errors: u32,
    /// Errors of category `infra` (also counted in `errors`).
    pub infra: u32,
}

impl Cell {
    /// Attempts (trials).
    pub fn n(&self) -> u32 {
        self.end - self.start
    }

    pub fn trials(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Success fraction with infra errors counted as failures.
    pub fn rate(&self) -> f64 {
        if self.n() == 0 {
            0.0
        } else {
            self.passed as f64 / self.n() as f64
        }
    }

    /// Attempts that were not infra errors.
    pub fn n_excl_infra(&self) -> u32 {
        self.n() - self.infra
    }

    /// Success fraction with infra errors left out; `None` when every attempt was an infra error.
    pub fn rate_excl_infra(&self) -> Option<f64> {
        let n = self.n_excl_infra();
        (n > 0).then(|| self.passed as f64 / n as f64)
    }

    /// Mixed outcomes: at least one attempt passed and one did not (infra errors aside).
    pub fn flaky(&self) -> bool {
        self.passed > 0 && self.n_excl_infra() > self.passed
    }
}

/// All cells, ordered by configuration then task.
#[derive(Debug, Clone, Default)]
pub struct Matrix {
    pub cells: Vec<Cell>,
    /// Cells of each configuration: `by_config[c]` is a range into `cells`.
    pub by_config: Vec<Range<usize>>,
}

impl Matrix {
    /// Build from trials ordered by configuration, task, attempt (as [`Dataset`] keeps them).
    pub fn build(data: &Dataset) -> Matrix {
        let mut cells: Vec<Cell> = Vec::new();
        for (i, t) in data.trials.iter().enumerate() {
            let i = i as u32;
            let fresh = match cells.last() {
                Some(c) => c.config != t.config || c.task != t.task,
                None => true,
            };
            if fresh {
                cells.push(Cell {
                    config: t.config,
                    task: t.task,
                    start: i,
                    end: i,
                    passed: 0,
                    failed: 0,
                    errors: 0,
                    infra: 0,
                });
            }
            if let Some(c) = cells.last_mut() {
                c.end = i + 1;
                match t.verdict {
                    Verdict::Passed => c.passed += 1,
                    Verdict::Failed => c.failed += 1,
                    Verdict::Error => c.errors += 1,
                }
                if t.is_infra() {
                    c.infra += 1;
                }
            }
        }
        let mut by_config = vec![0..0; data.configs.len()];
        let mut start = 0;
        while start < cells.len() {
            let config = cells[start].config;
            let mut end = start;
            while end < cells.len() && cells[end].config == config {
                end += 1;
            }
            if let Some(slot) = by_config.get_mut(config as usize) {
                *slot = start..end;
            }
            start = end;
        }
        Matrix { cells, by_config }
    }

    /// The cells of configuration `config`, ordered by task.
    pub fn config_cells(&self, config: usize) -> &[Cell] {
        match self.by_config.get(config) {
            Some(r) => &self.cells[r.clone()],
            None => &[],
        }
    }

    /// The cell of (`config`, `task`), if that configuration ran the task.
    pub fn cell(&self, config: usize, task: u32) -> Option<&Cell> {
        let cells = self.config_cells(config);
        cells.binary_search_by_key(&task, |c| c.task).ok().map(|i| &cells[i])
    }
}
