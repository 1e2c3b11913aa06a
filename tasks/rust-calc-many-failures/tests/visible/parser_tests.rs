use calc::ast::{BinOp, Expr};
use calc::parser::parse_expr;
use calc::{run, Env, Error};

fn num(n: f64) -> Box<Expr> {
    Box::new(Expr::Num(n))
}

fn calc(s: &str) -> f64 {
    run(s, &mut Env::new()).unwrap()
}

#[test]
fn parse_precedence_tree() {
    assert_eq!(parse_expr("1+2*3").unwrap(), Expr::Bin(BinOp::Add, num(1.0), Box::new(Expr::Bin(BinOp::Mul, num(2.0), num(3.0)))));
}

#[test]
fn precedence_values() {
    assert_eq!(calc("2+3*4"), 14.0);
    assert_eq!(calc("10-4-3"), 3.0);
    assert_eq!(calc("(2+3)*4"), 20.0);
}

#[test]
fn power_is_right_associative() {
    assert_eq!(calc("2**3**2"), 512.0);
}

#[test]
fn unary_minus_and_power() {
    assert_eq!(calc("-2**2"), -4.0);
    assert_eq!(calc("2**-1"), 0.5);
}

#[test]
fn nested_parentheses() {
    assert_eq!(calc("((1+2)*(3+(4-1)))"), 18.0);
}

#[test]
fn function_arguments() {
    assert_eq!(calc("max(1, 3, 7)"), 7.0);
    assert_eq!(calc("min(4, 2, 9)"), 2.0);
}

#[test]
fn parse_error_position() {
    assert_eq!(parse_expr("1 + * 2"), Err(Error::Parse { col: 5, msg: "expected a number, a name or '('".into() }));
}

#[test]
fn missing_close_paren() {
    assert!(matches!(parse_expr("(1 + 2"), Err(Error::Parse { col: 7, .. })));
}
