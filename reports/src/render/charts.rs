//! The HTML report's charts, drawn with plotters' SVG backend into strings: pass-rate bars with
//! interval whiskers, success-within-budget curves, compaction retention, cohort triangles and the
//! task x configuration heatmap. Every function returns one `<svg>` element.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::retention::{Axis, BudgetAxis, Cohort, CompactionRow};
use crate::summary::ConfigStats;

use super::fmt;

/// Tableau 10: distinguishable categorical colours.
const PALETTE: [RGBColor; 10] = [
    RGBColor(78, 121, 167),
    RGBColor(242, 142, 43),
    RGBColor(225, 87, 89),
    RGBColor(118, 183, 178),
    RGBColor(89, 161, 79),
    RGBColor(237, 201, 72),
    RGBColor(176, 122, 161),
    RGBColor(255, 157, 167),
    RGBColor(156, 117, 95),
    RGBColor(186, 176, 172),
];
const FONT: &str = "sans-serif";
const GRID: RGBColor = RGBColor(225, 225, 225);
const INK: RGBColor = RGBColor(40, 40, 40);

/// Colour of configuration `i`.
pub fn color(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// Red (0) through yellow (0.5) to green (1).
pub fn scale(v: f64) -> RGBColor {
    let v = v.clamp(0.0, 1.0);
    let lerp = |a: u8, b: u8, t: f64| (a as f64 + (b as f64 - a as f64) * t).round() as u8;
    let (lo, hi, t) = if v < 0.5 {
        ((215, 48, 39), (254, 224, 139), v * 2.0)
    } else {
        ((254, 224, 139), (26, 152, 80), (v - 0.5) * 2.0)
    };
    RGBColor(lerp(lo.0, hi.0, t), lerp(lo.1, hi.1, t), lerp(lo.2, hi.2, t))
}

/// Hex form of a colour, for HTML.
pub fn hex(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

fn e<T: std::fmt::Display>(x: T) -> String {
    x.to_string()
}

/// Draw into a fresh SVG string of the given size.
fn svg(
    size: (u32, u32),
    draw: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> Result<(), String>,
) -> Result<String, String> {
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, size).into_drawing_area();
        root.fill(&WHITE).map_err(e)?;
        draw(&root)?;
        root.present().map_err(e)?;
    }
    Ok(buf)
}

/// Horizontal bars of each configuration's pass rate with its 95% interval as whiskers.
pub fn pass_rate_bars(configs: &[ConfigStats]) -> Result<String, String> {
    let n = configs.len().max(1);
    let label_w = configs.iter().map(|c| c.label.chars().count()).max().unwrap_or(8).min(40) as u32 * 8 + 16;
    let height = 80 + 34 * n as u32;
    svg((900, height), |root| {
        let mut chart = ChartBuilder::on(root)
            .caption("Pass rate (mean over tasks) with 95% interval", (FONT, 18))
            .margin(10)
            .x_label_area_size(28)
            .y_label_area_size(label_w)
            .build_cartesian_2d(0f64..1.22f64, -0.5f64..(n as f64 - 0.5))
            .map_err(e)?;
        let label_of = |y: &f64| -> String {
            let i = y.round();
            if (y - i).abs() > 1e-6 || i < 0.0 {
                return String::new();
            }
            configs
                .len()
                .checked_sub(1 + i as usize)
                .and_then(|k| configs.get(k))
                .map(|c| c.label.clone())
                .unwrap_or_default()
        };
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .label_style((FONT, 14))
            .axis_desc_style((FONT, 14))
            .y_labels(n)
            .y_label_formatter(&label_of)
            .x_labels(13)
            .x_label_formatter(&|x| if *x <= 1.0 + 1e-9 { format!("{:.0}%", x * 100.0) } else { String::new() })
            .draw()
            .map_err(e)?;
        for (i, c) in configs.iter().enumerate() {
            let y = (n - 1 - i) as f64;
            let value = c.pass_rate.value.unwrap_or(0.0);
            let col = color(i);
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(0.0, y - 0.32), (value, y + 0.32)],
                    col.mix(0.85).filled(),
                )))
                .map_err(e)?;
            if let Some(ci) = c.pass_rate.ci {
                let whisker = vec![(ci.lo, y), (ci.hi, y)];
                let caps = [ci.lo, ci.hi].map(|x| vec![(x, y - 0.18), (x, y + 0.18)]);
                chart
                    .draw_series(std::iter::once(whisker).chain(caps).map(|p| PathElement::new(p, INK.stroke_width(2))))
                    .map_err(e)?;
            }
            let text = format!("{} ({}/{})", fmt::pct(c.pass_rate.value), c.passed, c.trials);
            let x = c.pass_rate.ci.map_or(value, |ci| ci.hi) + 0.015;
            let style = (FONT, 14).into_font().color(&INK).pos(Pos::new(HPos::Left, VPos::Center));
            chart.draw_series(std::iter::once(Text::new(text, (x, y), style))).map_err(e)?;
        }
        Ok(())
    })
}

fn axis_label(axis: Axis, v: f64) -> String {
    match axis {
        Axis::Turns | Axis::Tokens => fmt::count(Some(v)),
        Axis::Dollars => fmt::usd(Some(v)),
        Axis::Minutes => fmt::minutes(Some(v)),
    }
}

/// Success-within-budget step curves of every configuration on one axis, 50% points marked.
pub fn budget_curves(ax: &BudgetAxis, labels: &[String]) -> Result<String, String> {
    let x_max = ax.grid.last().copied().unwrap_or(1.0).max(1e-9) * 1.04;
    let legend_rows = ax.curves.iter().filter(|c| c.trials > 0).count() as u32;
    svg((600, 380 + 18 * legend_rows.saturating_sub(4)), |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(format!("Success within budget: {}", ax.axis.as_str()), (FONT, 18))
            .margin(10)
            .x_label_area_size(44)
            .y_label_area_size(56)
            .build_cartesian_2d(0f64..x_max, 0f64..1f64)
            .map_err(e)?;
        let axis = ax.axis;
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .label_style((FONT, 14))
            .axis_desc_style((FONT, 14))
            .x_desc(axis.as_str())
            .x_labels(6)
            .x_label_formatter(&|v| axis_label(axis, *v))
            .y_label_formatter(&|v| format!("{:.0}%", v * 100.0))
            .draw()
            .map_err(e)?;
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(0.0, 0.5), (x_max, 0.5)],
                RGBColor(150, 150, 150).stroke_width(1),
            )))
            .map_err(e)?;
        for curve in ax.curves.iter().filter(|c| c.trials > 0) {
            let col = color(curve.config);
            let mut steps: Vec<(f64, f64)> = Vec::with_capacity(curve.points.len() * 2 + 1);
            let mut last_y = 0.0;
            for &(x, y) in &curve.points {
                steps.push((x, last_y));
                steps.push((x, y));
                last_y = y;
            }
            steps.push((x_max, last_y));
            let label = labels.get(curve.config).cloned().unwrap_or_default();
            chart
                .draw_series(LineSeries::new(steps, col.stroke_width(2)))
                .map_err(e)?
                .label(label)
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], col.stroke_width(3)));
            if let Some(x50) = curve.x50 {
                chart.draw_series(std::iter::once(Circle::new((x50, 0.5), 5, col.filled()))).map_err(e)?;
            }
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.85))
            .border_style(GRID)
            .label_font((FONT, 13))
            .draw()
            .map_err(e)?;
        Ok(())
    })
}

/// Pass rate by compactions survived (0, 1, 2, 3+), one line of points with whiskers per configuration.
pub fn compaction(rows: &[CompactionRow]) -> Result<String, String> {
    let n = rows.len().max(1) as f64;
    svg((900, 400), |root| {
        let mut chart = ChartBuilder::on(root)
            .caption("Pass rate by compactions survived (95% interval)", (FONT, 18))
            .margin(10)
            .x_label_area_size(44)
            .y_label_area_size(56)
            .build_cartesian_2d(-0.5f64..3.5f64, 0f64..1f64)
            .map_err(e)?;
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .label_style((FONT, 14))
            .axis_desc_style((FONT, 14))
            .disable_x_mesh()
            .x_desc("compactions")
            .x_labels(4)
            .x_label_formatter(&|v| match v.round() as i64 {
                0 => "0".into(),
                1 => "1".into(),
                2 => "2".into(),
                3 => "3+".into(),
                _ => String::new(),
            })
            .y_label_formatter(&|v| format!("{:.0}%", v * 100.0))
            .draw()
            .map_err(e)?;
        for (i, row) in rows.iter().enumerate() {
            let col = color(row.config);
            let dx = (i as f64 - (n - 1.0) / 2.0) * (0.6 / n);
            let pts: Vec<(f64, f64)> = row
                .buckets
                .iter()
                .enumerate()
                .filter_map(|(b, bucket)| bucket.rate.map(|r| (b as f64 + dx, r)))
                .collect();
            chart.draw_series(LineSeries::new(pts.clone(), col.mix(0.6).stroke_width(1))).map_err(e)?;
            let whiskers = row.buckets.iter().enumerate().filter_map(|(b, bucket)| {
                bucket.ci.map(|ci| {
                    PathElement::new(vec![(b as f64 + dx, ci.lo), (b as f64 + dx, ci.hi)], col.stroke_width(2))
                })
            });
            chart.draw_series(whiskers).map_err(e)?;
            chart.draw_series(pts.iter().map(|&p| Circle::new(p, 4, col.filled()))).map_err(e)?;
        }
        Ok(())
    })
}

/// One agent's cohort triangle: rows = run of first solve, columns = runs later, cells coloured by
/// the share still solved.
pub fn cohort(co: &Cohort) -> Result<String, String> {
    let rows = co.rows.len();
    let label_w = co.runs.iter().map(|r| r.chars().count()).max().unwrap_or(6).min(36) as i32 * 9 + 80;
    let (cw, ch) = (110i32, 34i32);
    let width = (label_w + cw * rows as i32 + 20).max(360) as u32;
    let height = (72 + ch * rows as i32 + 12) as u32;
    svg((width, height), |root| {
        let font = |size: i32| (FONT, size).into_font().color(&INK);
        root.draw(&Text::new(format!("Cohort retention: {}", co.agent), (10, 8), font(18))).map_err(e)?;
        let top = 62;
        root.draw(&Text::new("first solved in (cohort)".to_string(), (10, top - 20), font(14))).map_err(e)?;
        for d in 0..rows {
            let x = label_w + cw * d as i32 + cw / 2;
            let style = font(14).pos(Pos::new(HPos::Center, VPos::Bottom));
            root.draw(&Text::new(format!("+{d}"), (x, top - 4), style)).map_err(e)?;
        }
        for (i, row) in co.rows.iter().enumerate() {
            let y = top + ch * i as i32;
            let style = font(14).pos(Pos::new(HPos::Left, VPos::Center));
            root.draw(&Text::new(format!("{} ({})", row.run_id, row.size), (10, y + ch / 2), style)).map_err(e)?;
            for (d, cell) in row.retained.iter().enumerate() {
                let x = label_w + cw * d as i32;
                let (fill, text) = match cell {
                    Some((kept, of)) => {
                        let f = *kept as f64 / *of as f64;
                        (scale(f), format!("{:.0}% ({kept}/{of})", f * 100.0))
                    }
                    None => (RGBColor(235, 235, 235), "—".to_string()),
                };
                root.draw(&Rectangle::new([(x + 1, y + 1), (x + cw - 1, y + ch - 1)], fill.filled())).map_err(e)?;
                let style = font(14).pos(Pos::new(HPos::Center, VPos::Center));
                root.draw(&Text::new(text, (x + cw / 2, y + ch / 2), style)).map_err(e)?;
            }
        }
        Ok(())
    })
}

/// A heatmap cell: success fraction, or `None` when only infra errors; absent cells are drawn grey.
pub type HeatCell = Option<Option<f64>>;

/// Task x configuration heatmap. `cells[t][c]` for task row t (names in `tasks`).
pub fn heatmap(tasks: &[&str], labels: &[String], cells: &[Vec<HeatCell>], shown_of: usize) -> Result<String, String> {
    let cols = labels.len().max(1) as i32;
    let row_h: i32 = if tasks.len() <= 60 { 20 } else { 13 };
    let cell_w: i32 = 40;
    let name_w = tasks.iter().map(|t| t.chars().count()).max().unwrap_or(6).min(40) as i32 * 8 + 20;
    let head_h = labels.iter().map(|l| l.chars().count()).max().unwrap_or(6).min(40) as i32 * 8 + 44;
    let width = (name_w + cols * cell_w + 20).max(400);
    let height = head_h + row_h * tasks.len() as i32 + 30;
    svg((width as u32, height as u32), |root| {
        let font = |size: i32| (FONT, size).into_font().color(&INK);
        let caption = if shown_of > tasks.len() {
            format!("Tasks x configurations ({} of {} tasks: those that differ most)", tasks.len(), shown_of)
        } else {
            "Tasks x configurations: success fraction".to_string()
        };
        root.draw(&Text::new(caption, (10, 6), font(17))).map_err(e)?;
        for (c, label) in labels.iter().enumerate() {
            let x = name_w + cell_w * c as i32 + cell_w / 2;
            let style = (FONT, 14).into_font().transform(FontTransform::Rotate270).color(&INK);
            root.draw(&Text::new(super::table::shorten(label, 40), (x - 5, head_h - 6), style)).map_err(e)?;
        }
        for (t, name) in tasks.iter().enumerate() {
            let y = head_h + row_h * t as i32;
            let style = font(row_h.min(17) - 1).pos(Pos::new(HPos::Right, VPos::Center));
            root.draw(&Text::new(super::table::shorten(name, 40), (name_w - 6, y + row_h / 2), style)).map_err(e)?;
            for (c, cell) in cells.get(t).map(Vec::as_slice).unwrap_or(&[]).iter().enumerate() {
                let x = name_w + cell_w * c as i32;
                let fill = match cell {
                    Some(Some(v)) => scale(*v),
                    Some(None) => RGBColor(160, 170, 200),
                    None => RGBColor(240, 240, 240),
                };
                root.draw(&Rectangle::new([(x + 1, y + 1), (x + cell_w - 1, y + row_h - 1)], fill.filled()))
                    .map_err(e)?;
            }
        }
        Ok(())
    })
}
