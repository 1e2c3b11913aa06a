//! A small calculator language.
//!
//! ```text
//! program   := statement (';' statement)*        -- value of the last statement
//! statement := 'let' IDENT '=' expr | expr
//! expr      := comparison
//! comparison:= sum (('==' | '!=' | '<' | '<=' | '>' | '>=') sum)?      -- yields 1 or 0
//! sum       := term (('+' | '-') term)*                                  -- left-assoc
//! term      := unary (('*' | '/' | '%') unary)*                          -- left-assoc
//! unary     := '-' unary | power
//! power     := atom ('**' unary)?                                       -- right-assoc, binds tighter than unary minus on its left: -2**2 = -4
//! atom      := NUMBER | IDENT | IDENT '(' (expr (',' expr)*)? ')' | '(' expr ')'
//! ```
//! Numbers: digits with an optional fractional part (`12`, `3.25`, `.5` is not allowed).
//! Identifiers: a letter or `_`, then letters, digits, `_`. Whitespace: spaces, tabs, newlines.
//! `%` is the floored modulo (the result has the sign of the divisor, like Python).
//! Division or modulo by zero and unknown variables/functions are errors.
//! Functions: `min(a, ...)`, `max(a, ...)` (at least one argument), `abs(x)`, `sqrt(x)` (error for x < 0).

pub mod ast;
pub mod error;
pub mod eval;
pub mod format;
pub mod lexer;
pub mod parser;

pub use error::Error;
pub use eval::Env;

/// Parse and evaluate a program in `env` (variables persist in `env`).
pub fn run(src: &str, env: &mut Env) -> Result<f64, Error> {
    let program = parser::parse_program(src)?;
    let mut last = 0.0;
    for stmt in &program {
        last = env.exec(stmt)?;
    }
    Ok(last)
}
