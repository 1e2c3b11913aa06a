//! The renderers, one module per format, over a shared [`Report`] (data plus analysis).
//! `sections` decides what the text formats (term, md) show; `table` lays tables out.

pub mod csv;
pub mod fmt;
pub mod html;
pub mod json;
pub mod junit;
pub mod md;
pub mod sections;
pub mod table;
pub mod term;

mod charts;

use crate::analysis::Analysis;
use crate::model::Dataset;

/// What every renderer reads.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    pub data: &'a Dataset,
    pub analysis: &'a Analysis,
}

impl<'a> Report<'a> {
    pub fn new(data: &'a Dataset, analysis: &'a Analysis) -> Self {
        Report { data, analysis }
    }
}

/// Options of the terminal renderer.
#[derive(Debug, Clone, Copy)]
pub struct TermOptions {
    /// Use ANSI colours.
    pub color: bool,
    /// Columns available.
    pub width: usize,
}
