use calc::format::{expr, number};
use calc::parser::parse_expr;

#[test]
fn integers_print_plainly() {
    assert_eq!(number(3.0), "3");
    assert_eq!(number(-12.0), "-12");
    assert_eq!(number(-0.0), "0");
}

#[test]
fn fractions_ten_digits() {
    assert_eq!(number(1.0 / 3.0), "0.3333333333");
    assert_eq!(number(2.5), "2.5");
}

#[test]
fn large_and_small() {
    assert_eq!(number(1.5e20), "1.5e20");
    assert_eq!(number(0.0001), "0.0001");
}

fn roundtrip(src: &str, printed: &str) {
    let e = parse_expr(src).unwrap();
    assert_eq!(expr(&e), printed);
    assert_eq!(parse_expr(printed).unwrap(), e);
}

#[test]
fn print_minimal_parens() {
    roundtrip("(1+2)*3", "(1 + 2) * 3");
    roundtrip("1-(2-3)", "1 - (2 - 3)");
    roundtrip("(1-2)-3", "1 - 2 - 3");
}

#[test]
fn print_power() {
    roundtrip("2**3**2", "2 ** 3 ** 2");
    roundtrip("(2**3)**2", "(2 ** 3) ** 2");
    roundtrip("-x**2", "-x ** 2");
    roundtrip("(-x)**2", "(-x) ** 2");
}

#[test]
fn print_calls() {
    roundtrip("max(1,2+3)", "max(1, 2 + 3)");
}
