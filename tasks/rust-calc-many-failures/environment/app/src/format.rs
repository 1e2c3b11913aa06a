//! Printing numbers and expressions.
use crate::ast::{BinOp, Expr};

/// Integers (|x| < 1e15) print without a fractional part ("3", "-12"); other values with up to
/// 10 significant digits and no trailing zeros ("0.3333333333", "2.5", "1.5e20" -> "1.5e20").
/// -0 prints as "0".
pub fn number(x: f64) -> String {
    if x == 0.0 {
        return "0".to_string();
    }
    if !x.is_finite() {
        return if x.is_nan() { "nan".to_string() } else if x > 0.0 { "inf".to_string() } else { "-inf".to_string() };
    }
    if x.fract() == 0.0 {
        return format!("{}", x as i64);
    }
    let s = format!("{:.9e}", x);
    let (mant, exp) = s.split_once('e').unwrap();
    let exp: i32 = exp.parse().unwrap();
    let mant = mant.trim_end_matches('0').trim_end_matches('.');
    if (-5..15).contains(&exp) {
        let v: f64 = format!("{}e{}", mant, exp).parse().unwrap();
        let digits = (8 - exp).max(0) as usize;
        let t = format!("{:.*}", digits, v);
        if t.contains('.') {
            t.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            t
        }
    } else {
        format!("{}e{}", mant, exp)
    }
}

fn prec(op: BinOp) -> u8 {
    match op {
        BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => 1,
        BinOp::Add | BinOp::Sub => 2,
        BinOp::Mul | BinOp::Div | BinOp::Mod => 3,
        BinOp::Pow => 5,
    }
}

fn sym(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::Div => "/",
        BinOp::Mod => "%",
        BinOp::Pow => "**",
        BinOp::Eq => "==",
        BinOp::Ne => "!=",
        BinOp::Lt => "<",
        BinOp::Le => "<=",
        BinOp::Gt => ">",
        BinOp::Ge => ">=",
    }
}

/// Print an expression with single spaces around binary operators and only the parentheses that
/// are needed to parse back to the same tree: `(1 + 2) * 3`, `1 - (2 - 3)`, `2 ** 3 ** 2`,
/// `(2 ** 3) ** 2`, `-x ** 2` (= -(x ** 2)), `(-x) ** 2`, `max(1, 2 + 3)`.
pub fn expr(e: &Expr) -> String {
    show(e, 0)
}

// `ctx`: minimum precedence the surrounding position accepts without parentheses
// (unary minus = 4; comparisons are non-associative).
fn show(e: &Expr, ctx: u8) -> String {
    match e {
        Expr::Num(n) => number(*n),
        Expr::Var(v) => v.clone(),
        Expr::Call(name, args) => {
            let parts: Vec<String> = args.iter().map(|a| show(a, 0)).collect();
            format!("{}({})", name, parts.join(", "))
        }
        Expr::Neg(x) => {
            format!("-{}", show(x, 4))
        }
        Expr::Bin(op, a, b) => {
            let p = prec(*op);
            let (lp, rp) = match op {
                BinOp::Pow => (p, 4),
                BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => (p + 1, p + 1),
                _ => (p, p),
            };
            let s = format!("{} {} {}", show(a, lp), sym(*op), show(b, rp));
            if p < ctx {
                format!("({})", s)
            } else {
                s
            }
        }
    }
}
