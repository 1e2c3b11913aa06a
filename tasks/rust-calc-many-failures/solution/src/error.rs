use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// Unexpected character at 1-based column.
    Lex { col: usize, ch: char },
    /// Parse error at 1-based column of the offending token (or one past the end).
    Parse { col: usize, msg: String },
    UnknownVariable(String),
    UnknownFunction(String),
    Arity { name: String, got: usize },
    DivisionByZero,
    Domain(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Lex { col, ch } => write!(f, "column {}: unexpected character {:?}", col, ch),
            Error::Parse { col, msg } => write!(f, "column {}: {}", col, msg),
            Error::UnknownVariable(v) => write!(f, "unknown variable {}", v),
            Error::UnknownFunction(v) => write!(f, "unknown function {}", v),
            Error::Arity { name, got } => write!(f, "{} cannot take {} arguments", name, got),
            Error::DivisionByZero => write!(f, "division by zero"),
            Error::Domain(m) => write!(f, "domain error: {}", m),
        }
    }
}
