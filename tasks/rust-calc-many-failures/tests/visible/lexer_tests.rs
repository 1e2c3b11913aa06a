use calc::lexer::{lex, Tok};
use calc::Error;

fn toks(s: &str) -> Vec<Tok> {
    lex(s).unwrap().into_iter().map(|(t, _)| t).collect()
}

#[test]
fn lex_integers_and_ops() {
    assert_eq!(toks("1+2"), vec![Tok::Num(1.0), Tok::Op("+"), Tok::Num(2.0)]);
}

#[test]
fn lex_decimals() {
    assert_eq!(toks("3.25*2"), vec![Tok::Num(3.25), Tok::Op("*"), Tok::Num(2.0)]);
}

#[test]
fn lex_identifiers_with_digits() {
    assert_eq!(toks("x_1 + rate2"), vec![Tok::Ident("x_1".into()), Tok::Op("+"), Tok::Ident("rate2".into())]);
}

#[test]
fn lex_power_and_comparisons() {
    assert_eq!(toks("2**3<=4"), vec![Tok::Num(2.0), Tok::Op("**"), Tok::Num(3.0), Tok::Op("<="), Tok::Num(4.0)]);
}

#[test]
fn lex_whitespace_kinds() {
    assert_eq!(toks("1\t+\n2"), vec![Tok::Num(1.0), Tok::Op("+"), Tok::Num(2.0)]);
}

#[test]
fn lex_error_column() {
    assert_eq!(lex("12 + $"), Err(Error::Lex { col: 6, ch: '$' }));
}
