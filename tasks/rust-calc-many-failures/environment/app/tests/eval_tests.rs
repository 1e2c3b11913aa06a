use calc::{run, Env, Error};

fn calc(s: &str) -> Result<f64, Error> {
    run(s, &mut Env::new())
}

#[test]
fn arithmetic() {
    assert_eq!(calc("7/2"), Ok(3.5));
    assert_eq!(calc("1.5*4"), Ok(6.0));
}

#[test]
fn division_by_zero() {
    assert_eq!(calc("1/0"), Err(Error::DivisionByZero));
    assert_eq!(calc("5%0"), Err(Error::DivisionByZero));
}

#[test]
fn floored_modulo() {
    assert_eq!(calc("7%3"), Ok(1.0));
    assert_eq!(calc("-7%3"), Ok(2.0));
    assert_eq!(calc("7%-3"), Ok(-2.0));
}

#[test]
fn unknown_variable() {
    assert_eq!(calc("y+1"), Err(Error::UnknownVariable("y".into())));
}

#[test]
fn let_and_reuse() {
    let mut env = Env::new();
    assert_eq!(run("let x = 4; x * x", &mut env), Ok(16.0));
    assert_eq!(run("x + 1", &mut env), Ok(5.0));
}

#[test]
fn comparisons() {
    assert_eq!(calc("3 <= 3"), Ok(1.0));
    assert_eq!(calc("3 < 3"), Ok(0.0));
    assert_eq!(calc("2 != 3"), Ok(1.0));
}

#[test]
fn functions() {
    assert_eq!(calc("abs(-3) + sqrt(16)"), Ok(7.0));
    assert!(matches!(calc("sqrt(-1)"), Err(Error::Domain(_))));
    assert_eq!(calc("nope(1)"), Err(Error::UnknownFunction("nope".into())));
}

#[test]
fn arity_errors() {
    assert_eq!(calc("abs(1, 2)"), Err(Error::Arity { name: "abs".into(), got: 2 }));
    assert_eq!(calc("max()"), Err(Error::Arity { name: "max".into(), got: 0 }));
}
